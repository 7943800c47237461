/**
 * What the client does when the language server dies: restart it, up to a limit, and tell
 * the user once per crash burst instead of once per restart. Free of the `vscode` module
 * (the UI comes in as functions), so the policy is unit-tested with a fake clock and UI.
 */
import type { CloseAction, CloseHandlerResult, ErrorAction, ErrorHandler, ErrorHandlerResult } from 'vscode-languageclient';

// vscode-languageclient's enum values; imported as types only so this module loads without `vscode`.
const RESTART: CloseAction.Restart = 2;
const DO_NOT_RESTART: CloseAction.DoNotRestart = 1;
const CONTINUE: ErrorAction.Continue = 1;
const SHUTDOWN: ErrorAction.Shutdown = 2;

export const SHOW_OUTPUT = 'Show Output';
export const RESTART_SERVER = 'Restart Server';

export interface RecoveryUi {
  /** A warning with buttons; resolves to the button chosen, if any. */
  warn(message: string, ...actions: string[]): PromiseLike<string | undefined>;
  error(message: string, ...actions: string[]): PromiseLike<string | undefined>;
  showOutput(): void;
  /** Starts the stopped server again (the user chose "Restart Server"). */
  restart(): PromiseLike<void>;
}

export interface RecoveryOptions {
  /** Restarts allowed within `windowMs`; one more crash and the server stays stopped. */
  maxRestarts: number;
  windowMs: number;
  now: () => number;
}

export const DEFAULT_RECOVERY: RecoveryOptions = { maxRestarts: 4, windowMs: 3 * 60_000, now: () => Date.now() };

/** Write/read errors on the connection tolerated before the client shuts it down (the library's default too). */
const MAX_CONNECTION_ERRORS = 3;

export class ServerRecovery implements ErrorHandler {
  private readonly options: RecoveryOptions;
  /** When the server died, within the current window. */
  private crashes: number[] = [];
  /** The crash burst already has its notification. */
  private told = false;
  /** Notifications shown, for tests and the output channel. */
  readonly notifications: string[] = [];

  constructor(
    private readonly ui: RecoveryUi,
    options: Partial<RecoveryOptions> = {},
  ) {
    this.options = { ...DEFAULT_RECOVERY, ...options };
  }

  error(error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
    if (count !== undefined && count <= MAX_CONNECTION_ERRORS) return { action: CONTINUE, handled: true };
    // closing the connection ends in closed() only for an unexpected close; a shutdown we ask for is final
    return { action: SHUTDOWN, message: `Kubeplan: the connection to the language server keeps failing (${error.message}); it was stopped.` };
  }

  closed(): CloseHandlerResult {
    const now = this.options.now();
    this.crashes = this.crashes.filter((t) => now - t < this.options.windowMs);
    if (this.crashes.length === 0) this.told = false; // a new burst
    this.crashes.push(now);
    if (this.crashes.length > this.options.maxRestarts) {
      const minutes = Math.round(this.options.windowMs / 60_000);
      const message = `Kubeplan's language server crashed ${this.crashes.length} times in ${minutes} minutes and was stopped: Kubernetes files are not checked until it is restarted.`;
      this.crashes = [];
      this.told = false;
      this.notify('error', message, RESTART_SERVER, SHOW_OUTPUT);
      return { action: DO_NOT_RESTART, message, handled: true };
    }
    const message = "Kubeplan's language server stopped unexpectedly and was restarted.";
    if (!this.told) {
      this.told = true;
      this.notify('warn', message, SHOW_OUTPUT);
    }
    return { action: RESTART, message, handled: true };
  }

  private notify(kind: 'warn' | 'error', message: string, ...actions: string[]): void {
    this.notifications.push(message);
    void Promise.resolve(this.ui[kind](message, ...actions)).then((choice) => {
      if (choice === SHOW_OUTPUT) this.ui.showOutput();
      else if (choice === RESTART_SERVER) void this.ui.restart();
    });
  }
}
