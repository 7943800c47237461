import { Uri, window, workspace } from 'vscode';
import type { PreviewScope } from '../../../server/src/protocol/preview';

/** What a Preview Apply is about: a file, a folder or the whole workspace. */
export interface PreviewTarget {
  scope: PreviewScope;
  uri?: Uri;
  /** For titles: "shop.yaml", "k8s/", "workspace". */
  label: string;
}

const YAML = /\.ya?ml$/i;

/**
 * Turns the command's arguments into a target: the explorer passes the clicked resource
 * (file or folder), the editor title and CodeLens pass the file, the palette passes nothing
 * (then the active YAML file, else the workspace).
 */
export async function resolveTarget(arg: unknown, forceWorkspace = false): Promise<PreviewTarget | undefined> {
  if (forceWorkspace) return { scope: 'workspace', label: 'workspace' };
  const uri = arg instanceof Uri ? arg : undefined;
  if (uri) {
    try {
      const stat = await workspace.fs.stat(uri);
      if (stat.type & 2 /* FileType.Directory */) return { scope: 'folder', uri, label: `${workspace.asRelativePath(uri, false)}/` };
    } catch {
      // an unsaved document has no stat: treat it as a file
    }
    return { scope: 'file', uri, label: baseName(uri) };
  }
  const doc = window.activeTextEditor?.document;
  if (doc && (doc.languageId === 'yaml' || YAML.test(doc.uri.path))) return { scope: 'file', uri: doc.uri, label: baseName(doc.uri) };
  if (workspace.workspaceFolders?.length) return { scope: 'workspace', label: 'workspace' };
  void window.showInformationMessage('Kubeplan: open a Kubernetes YAML file or a folder to preview.');
  return undefined;
}

export function baseName(uri: Uri): string {
  return uri.path.split('/').filter(Boolean).pop() ?? uri.toString();
}

/** True when a change to `changed` can alter what the target shows. */
export function targetCovers(target: PreviewTarget, changed: Uri): boolean {
  if (!YAML.test(changed.path)) return false;
  // Environment objects (namespaces, quotas) from other files matter even for a file preview.
  return target.scope === 'workspace' || target.scope === 'file' || !target.uri || changed.toString().startsWith(target.uri.toString());
}
