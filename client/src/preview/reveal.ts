import { Range, Selection, TextEditorRevealType, Uri, ViewColumn, window } from 'vscode';
import type { Range as LspRange } from '../../../server/src/engine/model/finding';

/** The engine names files by path (file: URIs) or by URI (untitled:, other schemes). */
export function fileToUri(file: string): Uri {
  return /^[a-z][a-z0-9+.-]+:/i.test(file) && !/^[a-z]:[\\/]/i.test(file) ? Uri.parse(file) : Uri.file(file);
}

/** Opens the manifest beside the preview and selects the range that caused what was clicked. */
export async function revealSource(file: string, range: LspRange): Promise<void> {
  const uri = fileToUri(file);
  const r = new Range(range.start.line, range.start.character, range.end.line, range.end.character);
  // where the file is already visible, else the first column (the preview sits beside it)
  const column = window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString())?.viewColumn ?? ViewColumn.One;
  const editor = await window.showTextDocument(uri, { viewColumn: column, preserveFocus: false, selection: r });
  editor.selection = new Selection(r.start, r.end);
  editor.revealRange(r, TextEditorRevealType.InCenterIfOutsideViewport);
}
