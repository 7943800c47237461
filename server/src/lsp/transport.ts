import {
  createConnection,
  IPCMessageReader,
  IPCMessageWriter,
  ProposedFeatures,
  StreamMessageReader,
  type Connection,
  type DataCallback,
  type Message,
  type MessageReader,
} from 'vscode-languageserver/node';
import { malformedNotification } from './messageShape';
import { StreamWriter } from './wire/streamWriter';

/**
 * Knows which edits have arrived but not been handled yet. vscode-jsonrpc reads every
 * message of a chunk at once and then dispatches them one per event-loop turn, so a lint
 * scheduled after the first edit of a burst would otherwise run before the rest are seen.
 */
export class Inbox {
  private readonly changes = new Map<string, number>();

  /** Edits to `uri` read from the wire and not yet applied. */
  pendingChanges(uri: string): number {
    return this.changes.get(uri) ?? 0;
  }

  /** The client asked us to shut down (an exit after it is a clean one). */
  shutdownRequested = false;

  received(message: Message): void {
    const m = message as { method?: string; params?: { textDocument?: { uri?: string } } };
    if (m.method === 'shutdown') this.shutdownRequested = true;
    const uri = m.method === 'textDocument/didChange' ? m.params?.textDocument?.uri : undefined;
    if (uri) this.changes.set(uri, this.pendingChanges(uri) + 1);
  }

  /** Called as each message is dispatched (the connection's message strategy). */
  dispatched(message: Message): void {
    const m = message as { method?: string; params?: { textDocument?: { uri?: string } } };
    const uri = m.method === 'textDocument/didChange' ? m.params?.textDocument?.uri : undefined;
    if (uri) this.applied(uri);
  }

  private applied(uri: string): void {
    const n = this.pendingChanges(uri) - 1;
    if (n > 0) this.changes.set(uri, n);
    else this.changes.delete(uri);
  }
}

/** A reader that tells the inbox about each message as it is read, before it is queued. */
class CountingReader implements MessageReader {
  constructor(
    private readonly inner: MessageReader,
    private readonly inbox: Inbox,
  ) {}

  get onError() {
    return this.inner.onError;
  }
  get onClose() {
    return this.inner.onClose;
  }
  get onPartialMessage() {
    return this.inner.onPartialMessage;
  }
  listen(callback: DataCallback) {
    return this.inner.listen((message) => {
      this.inbox.received(message);
      callback(message);
    });
  }
  dispose(): void {
    this.inner.dispose();
  }
}

/** The server's connection over the transport named on the command line (`--stdio` or `--node-ipc`; others as the library does them). */
export function createServerConnection(inbox: Inbox, argv = process.argv.slice(2)): Connection {
  const options = {
    messageStrategy: {
      handleMessage(message: Message, next: (message: Message) => void) {
        inbox.dispatched(message);
        const malformed = malformedNotification(message);
        if (malformed) {
          // stderr reaches the editor's output channel; stdout may be the protocol
          process.stderr.write(`Kubeplan: ignored a ${malformed} notification of the wrong shape\n`);
          return;
        }
        next(message);
      },
    },
  };
  if (argv.includes('--node-ipc')) {
    // the channel closing means the editor is gone (the library only polls its process id every 3 s, when it has one)
    process.on('disconnect', () => process.exit(inbox.shutdownRequested ? 0 : 1));
    return createConnection(ProposedFeatures.all, new CountingReader(new IPCMessageReader(process), inbox), new IPCMessageWriter(process), options);
  }
  if (argv.includes('--stdio')) {
    const connection = createConnection(ProposedFeatures.all, new CountingReader(new StreamMessageReader(process.stdin), inbox), new StreamWriter(process.stdout, true), options);
    // what the library does for stdio when it owns the streams: stdout carries the protocol, so logs go to stderr, and the end of stdin ends us
    const exit = () => process.exit(inbox.shutdownRequested ? 0 : 1);
    process.stdin.on('end', exit);
    process.stdin.on('close', exit);
    console.log = console.info = console.debug = console.error;
    return connection;
  }
  return createConnection(ProposedFeatures.all);
}
