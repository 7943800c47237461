import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface TempProject {
  readonly dir: string;
  /** The file's `file://` URI, as an editor names it. */
  uri(name: string): string;
}

/** A throwaway project in the temp folder: files by relative path (folders are created). */
export function tempProject(files: Record<string, string>, prefix = 'kubeplan-'): TempProject {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return { dir, uri: (name) => pathToFileURL(join(dir, name)).href };
}

/** A small Deployment in namespace shop with no resources or probes: a few findings, no schema errors. */
export const WEB_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;
