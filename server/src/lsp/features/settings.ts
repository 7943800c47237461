import type { ServerContext } from '../context';

/**
 * Delivers the client's `kubeplan` settings to the features that listen (ctx.onSettings):
 * pulled once after initialization, then pushed on every change.
 */
export function registerSettings(ctx: ServerContext): void {
  const { connection } = ctx;
  const deliver = (section: unknown) => {
    for (const listener of ctx.onSettings) listener(section);
  };
  const pull = async () => {
    try {
      deliver(await connection.workspace.getConfiguration('kubeplan'));
    } catch {
      // the client does not answer workspace/configuration: defaults stay
    }
  };
  ctx.onInitialized.push(() => void pull());
  connection.onDidChangeConfiguration((params) => {
    const settings = params.settings as { kubeplan?: unknown } | null | undefined;
    if (settings && typeof settings === 'object' && settings.kubeplan !== undefined) deliver(settings.kubeplan);
    else void pull();
  });
}
