import type { Diagnostic, Message } from 'vscode-languageserver/node';

/** Each diagnostic's JSON, kept while the diagnostic object lives (unchanged findings keep theirs). */
const json = new WeakMap<Diagnostic, string>();

function diagnosticJson(d: Diagnostic): string {
  let s = json.get(d);
  if (s === undefined) json.set(d, (s = JSON.stringify(d)));
  return s;
}

/**
 * Serialises messages as JSON. publishDiagnostics must carry every diagnostic of the file on
 * each publish; on a big file that is thousands per keystroke, nearly all unchanged, so
 * their JSON is reused and only the envelope is written anew.
 */
export function encodeMessage(message: Message): string {
  const m = message as { method?: string; params?: { uri: string; version?: number; diagnostics?: Diagnostic[] } };
  if (m.method !== 'textDocument/publishDiagnostics' || !m.params?.diagnostics) return JSON.stringify(message);
  const { uri, version, diagnostics } = m.params;
  const head = `{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":${JSON.stringify(uri)}${version === undefined ? '' : `,"version":${JSON.stringify(version)}`},"diagnostics":[`;
  return `${head}${diagnostics.map(diagnosticJson).join(',')}]}}`;
}

export const contentTypeEncoder = {
  name: 'application/json',
  encode(message: Message, options: { charset: BufferEncoding | string }): Promise<Uint8Array> {
    return Promise.resolve(Buffer.from(encodeMessage(message), options.charset as BufferEncoding));
  },
};
