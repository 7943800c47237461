import { MessageType, ShowMessageNotification } from 'vscode-languageserver/node';
import type { ServerContext } from '../context';
import { restrictUntrusted } from '../trust';

/**
 * Delivers the client's `kubeplan` settings to the features that listen (ctx.onSettings):
 * pulled once after initialization, then pushed on every change. In an untrusted workspace
 * settings that point outside it are replaced by their defaults first.
 */
export function registerSettings(ctx: ServerContext): void {
  const { connection } = ctx;
  const warned = new Set<string>();
  const deliver = (raw: unknown) => {
    let section = raw;
    if (!ctx.trusted) {
      const restricted = restrictUntrusted(raw, ctx.roots);
      section = restricted.section;
      for (const what of restricted.ignored) {
        if (warned.has(what)) continue;
        warned.add(what);
        // a notification, not a request: nothing waits for the user to dismiss it
        void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `Kubeplan: ${what} points outside the workspace and is ignored until you trust this workspace.` });
      }
    }
    for (const listener of ctx.onSettings) listener(section);
  };
  const pull = async () => {
    try {
      deliver(await connection.workspace.getConfiguration('kubeplan'));
    } catch {
      // the client does not answer workspace/configuration: defaults stay
    }
  };
  ctx.refreshSettings = () => void pull();
  ctx.onInitialized.push(() => void pull());
  connection.onDidChangeConfiguration((params) => {
    const settings = params.settings as { kubeplan?: unknown } | null | undefined;
    if (settings && typeof settings === 'object' && settings.kubeplan !== undefined) deliver(settings.kubeplan);
    else void pull();
  });
}
