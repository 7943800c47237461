import type { Message } from 'vscode-languageserver/node';
import { DIAGNOSTIC_DELTA_NOTIFICATION } from '../../protocol/diagnosticDeltas';

/** A message's JSON text in pieces: `head`, then `items` joined by commas, then `tail`; `bytes` its UTF-8 length. */
export interface EncodedMessage {
  head: string;
  items: readonly string[];
  tail: string;
  bytes: number;
}

interface Fragment {
  json: string;
  bytes: number;
}

/**
 * JSON of each diagnostic, by object. The diagnostics feature hands out the same Diagnostic
 * object for a finding edit after edit (lsp/diagnostics.ts), so a publish of 13,000
 * diagnostics after a one-character edit serialises only the few that changed.
 */
const fragments = new WeakMap<object, Fragment>();

const PUBLISH = 'textDocument/publishDiagnostics';

function fragment(diagnostic: object): Fragment {
  let f = fragments.get(diagnostic);
  if (!f) {
    const json = JSON.stringify(diagnostic);
    fragments.set(diagnostic, (f = { json, bytes: Buffer.byteLength(json, 'utf8') }));
  }
  return f;
}

/** The JSON text of one diagnostic, serialised once per object (diagnostics are never mutated once published). */
export function diagnosticJson(diagnostic: object): string {
  return fragment(diagnostic).json;
}

interface PublishMessage {
  jsonrpc: string;
  method: typeof PUBLISH | typeof DIAGNOSTIC_DELTA_NOTIFICATION;
  params: { uri: string; version?: number; diagnostics: object[] };
}

function isPublish(message: Message): message is Message & PublishMessage {
  const m = message as Partial<PublishMessage>;
  return (m.method === PUBLISH || m.method === DIAGNOSTIC_DELTA_NOTIFICATION) && Array.isArray(m.params?.diagnostics);
}

/**
 * The message as JSON, equal to `JSON.stringify(message)` up to key order, in pieces: a
 * publish of thousands of diagnostics is never built as one string (a fresh multi-megabyte
 * string per keystroke costs more than the rest of the edit); the writer copies the pieces
 * into its buffer.
 */
export function encodeMessage(message: Message): EncodedMessage {
  if (!isPublish(message)) {
    const head = JSON.stringify(message);
    return { head, items: [], tail: '', bytes: Buffer.byteLength(head, 'utf8') };
  }
  const { diagnostics, ...rest } = message.params;
  // `diagnostics` goes last, so the skeleton ends in `[]}}` and the fragments go in between
  const skeleton = JSON.stringify({ jsonrpc: message.jsonrpc, method: message.method, params: { ...rest, diagnostics: [] } });
  const head = skeleton.slice(0, -3);
  const tail = ']}}';
  const items = new Array<string>(diagnostics.length);
  let bytes = Buffer.byteLength(head, 'utf8') + tail.length + Math.max(0, diagnostics.length - 1);
  for (let i = 0; i < diagnostics.length; i++) {
    const f = fragment(diagnostics[i]!);
    items[i] = f.json;
    bytes += f.bytes;
  }
  return { head, items, tail, bytes };
}

/** The whole text of an encoded message. */
export function messageText(m: EncodedMessage): string {
  return m.head + m.items.join(',') + m.tail;
}

/** Writes an encoded message into `buffer` at `offset` (it must fit); returns the offset after it. */
export function writeMessage(m: EncodedMessage, buffer: Buffer, offset: number): number {
  let at = offset + buffer.write(m.head, offset, 'utf8');
  for (let i = 0; i < m.items.length; i++) {
    if (i > 0) buffer[at++] = 0x2c; // ','
    at += buffer.write(m.items[i]!, at, 'utf8');
  }
  return at + buffer.write(m.tail, at, 'utf8');
}
