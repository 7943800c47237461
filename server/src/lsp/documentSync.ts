import { TextDocuments, type TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { LineDocument } from './lineDocument';

export type ChangeListener = (document: LineDocument, changes: readonly TextDocumentContentChangeEvent[]) => void;

/**
 * The open documents, as `TextDocuments` keeps them, plus the edits themselves: the
 * diagnostics feature applies each edit's range to the engine instead of re-reading
 * the whole text. Documents are LineDocuments: an edit does not copy the whole text.
 */
export class DocumentSync {
  readonly documents: TextDocuments<LineDocument>;
  private readonly listeners: ChangeListener[] = [];

  constructor() {
    this.documents = new TextDocuments({
      create: LineDocument.create,
      update: (document, changes, version) => {
        const next = LineDocument.update(document, changes, version);
        for (const l of this.listeners) l(next, changes);
        return next;
      },
    });
  }

  /** Called with the updated document and the changes that made it, in order. */
  onChanges(listener: ChangeListener): void {
    this.listeners.push(listener);
  }
}
