import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-languageserver/node';
import { encodeMessage, messageText, writeMessage } from './encodeMessage';

/** Messages at least this big are written through the writer's reusable buffer. */
const REUSE_FROM_BYTES = 64 * 1024;

/**
 * Writes LSP messages (`Content-Length` header + JSON) to a stream, one at a time, like
 * vscode-jsonrpc's StreamMessageWriter, but cheaper for what a linter sends most: big
 * `publishDiagnostics` after each keystroke. Diagnostics are serialised once per object
 * (encodeMessage), and a big message is copied piece by piece into a buffer kept from the
 * previous big one: on these machines a fresh multi-megabyte string or buffer per keystroke
 * (page faults, GC) costs more than everything else an edit does.
 */
export class StreamWriter extends AbstractMessageWriter implements MessageWriter {
  private queue: Promise<void> = Promise.resolve();
  private spare: Buffer | undefined;
  private errorCount = 0;

  /**
   * `reuseBuffers`: only for streams that are done with the bytes when they call back — a
   * socket or pipe (stdout: the bytes are in the kernel) or a file; not for in-memory streams,
   * which may still hold the buffer (a PassThrough queues it as is).
   */
  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly reuseBuffers = false,
  ) {
    super();
    out.on('error', (error: Error) => this.fireError(error));
    out.on('close', () => this.fireClose());
  }

  write(message: Message): Promise<void> {
    const written = this.queue.then(() => this.send(message));
    this.queue = written.catch(() => undefined);
    return written;
  }

  end(): void {
    this.out.end();
  }

  private send(message: Message): Promise<void> {
    let bytes: Buffer;
    let reusable: Buffer | undefined;
    try {
      const body = encodeMessage(message);
      const header = `Content-Length: ${body.bytes}\r\n\r\n`;
      const size = header.length + body.bytes;
      if (size < REUSE_FROM_BYTES || !this.reuseBuffers) bytes = Buffer.from(header + messageText(body), 'utf8');
      else {
        reusable = this.spare && this.spare.length >= size ? this.spare : Buffer.allocUnsafeSlow(Math.ceil(size * 1.25));
        this.spare = undefined; // in use until the stream is done with it
        const end = writeMessage(body, reusable, reusable.write(header, 0, 'ascii'));
        if (end !== size) throw new Error(`message size mismatch: ${end} ≠ ${size} bytes`);
        bytes = reusable.subarray(0, size);
      }
    } catch (error) {
      this.failed(error, message);
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      this.out.write(bytes, (error?: Error | null) => {
        if (reusable) this.spare = reusable;
        if (error) {
          this.failed(error, message);
          reject(error);
        } else {
          this.errorCount = 0;
          resolve();
        }
      });
    });
  }

  private failed(error: unknown, message: Message): void {
    this.errorCount++;
    this.fireError(error instanceof Error ? error : new Error(String(error)), message, this.errorCount);
  }
}
