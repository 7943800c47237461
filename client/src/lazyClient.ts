/**
 * The language client, loaded after activation: activate() registers the commands and
 * returns, then start() requires dist/languageClient.js (vscode-languageclient is most of the
 * extension's code) and starts the server. Whoever needs the client awaits ready().
 */
import type { ExtensionContext } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type * as ClientModule from './languageClient';

export type ClientModuleExports = typeof ClientModule;

export interface LoadedClient {
  client: LanguageClient;
  /** The module's values (e.g. WorkDoneProgress), which must not be imported at load time. */
  lib: ClientModuleExports;
}

export class LazyLanguageClient {
  private created: Promise<LoadedClient> | undefined;
  private starting: Promise<void> | undefined;
  private stopped = false;
  private readonly setups: ((client: LanguageClient) => void)[] = [];

  constructor(
    private readonly context: ExtensionContext,
    // esbuild leaves this require to run time: scripts/build.mjs maps it to dist/languageClient.js
    private readonly load: () => ClientModuleExports = () => require('./languageClient') as ClientModuleExports,
  ) {}

  /** Runs `setup` on the client as soon as it exists, before it starts (e.g. notification handlers). */
  onCreated(setup: (client: LanguageClient) => void): void {
    this.setups.push(setup);
    void this.created?.then((loaded) => setup(loaded.client), () => undefined);
  }

  /** The client once it exists (it may still be starting: its requests wait for the server). */
  ready(): Promise<LoadedClient> {
    if (this.stopped) return Promise.reject(new Error('Kubeplan is shutting down.'));
    void this.start().catch(() => undefined);
    return this.create();
  }

  /** Loads the client module, creates the client and starts the server; once. */
  start(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.starting ??= this.create().then(async ({ client }) => {
      // a failed start is reported by the client itself (output channel and notification)
      await client.start().catch(() => undefined);
    });
    return this.starting;
  }

  private create(): Promise<LoadedClient> {
    this.created ??= new Promise<LoadedClient>((resolve) => {
      const lib = this.load();
      const client = lib.createLanguageClient(this.context);
      for (const setup of this.setups) setup(client);
      resolve({ client, lib });
    });
    return this.created;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const loaded = await this.created?.catch(() => undefined);
    await this.starting?.catch(() => undefined);
    await loaded?.client.stop();
  }
}
