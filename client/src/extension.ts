import type { ExtensionContext } from 'vscode';
import { LazyLanguageClient } from './lazyClient';
import { registerPreview } from './preview/commands';

let client: LazyLanguageClient | undefined;

export function activate(context: ExtensionContext): void {
  const lazy = new LazyLanguageClient(context);
  client = lazy;
  registerPreview(context, lazy);
  // Activation ends here; the language client loads and starts the server right after.
  setImmediate(() => void lazy.start().catch((e) => console.error('Kubeplan: the language client failed to load', e)));
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
