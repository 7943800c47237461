/**
 * The editor's text after an edit, as the incremental linter checks it against its own
 * chunks: its length and whether it holds a chunk's text at an offset, without making the
 * editor join its copy into one string (for a file of megabytes, that copy would cost more
 * than the edit). The whole text is asked for only when the linter must start over.
 */
export interface EditorText {
  readonly length: number;
  /** True when the text holds `search` starting at `offset`. */
  holds(search: string, offset: number): boolean;
  text(): string;
}

/** An EditorText over a plain string, fetched once, when first needed. */
export function editorText(current: (() => string) | EditorText): EditorText {
  if (typeof current !== 'function') return current;
  let text: string | undefined;
  const get = () => (text ??= current());
  return {
    get length() {
      return get().length;
    },
    holds: (search, offset) => get().startsWith(search, offset),
    text: get,
  };
}
