import type { Finding } from '../model/finding';

/**
 * Bytes → text the way YAML defines it: UTF-8, or UTF-16 when the file starts with its
 * byte-order mark. Bytes that are not valid UTF-8 become U+FFFD and are reported once,
 * at the first bad byte, instead of silently linting garbled text.
 */
export function decodeManifest(bytes: Uint8Array, file: string): { text: string; problem?: Finding } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes) };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const text = new TextDecoder('utf-8').decode(bytes);
    const bad = text.indexOf('\uFFFD');
    const before = text.slice(0, Math.max(0, bad));
    const line = before.split('\n').length - 1;
    const character = bad - (before.lastIndexOf('\n') + 1);
    const at = { line, character: Math.max(0, character) };
    return {
      text,
      problem: {
        rule: 'yaml-syntax',
        severity: 'error',
        message: 'The file is not valid UTF-8 (YAML must be UTF-8 or UTF-16); invalid bytes were read as \uFFFD.',
        range: { start: at, end: { line, character: at.character + 1 } },
        file,
      },
    };
  }
}
