import { open } from 'node:fs/promises';
import type { Finding } from '../engine';
import { decodeManifest } from '../engine/yaml/decode';

/** A manifest read from disk: its text and, for bytes that were not valid UTF-8, the located problem. */
export type DiskManifest = { text: string; problem?: Finding } | { tooLarge: number };

/**
 * Reads a file the editor does not have open (workspace scan, watched files, a closed
 * document) the way the CLI does: bytes decoded as YAML defines it, bad encodings reported.
 * A file over `maxBytes` is not read at all, so a 50 MB dump in the workspace costs a stat,
 * not a read and a decode. Undefined when the file can't be read (gone, a directory, no access).
 */
export async function readManifestFile(file: string, maxBytes: number): Promise<DiskManifest | undefined> {
  let handle;
  try {
    handle = await open(file, 'r');
    const { size } = await handle.stat();
    if (size > maxBytes) return { tooLarge: size };
    return decodeManifest(await handle.readFile(), file);
  } catch {
    return undefined;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
