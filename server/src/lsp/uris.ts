import { fileURLToPath, pathToFileURL } from 'node:url';

/** The engine keys files by path for file URIs (readable in messages), by URI otherwise. */
export function uriToFile(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    return fileURLToPath(uri);
  } catch {
    return uri;
  }
}

export function fileToUri(file: string): string {
  return file.includes('://') || file.startsWith('untitled:') ? file : pathToFileURL(file).href;
}

export function isYamlUri(uri: string, languageId?: string): boolean {
  if (languageId) return languageId === 'yaml';
  return /\.ya?ml$/i.test(uri);
}
