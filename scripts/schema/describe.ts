/**
 * Upstream descriptions are long (whole paragraphs, enum value lists, links). Hover needs
 * the gist: the first sentence, or two when the first is very short, and the "More info"
 * link. Enum values are kept as types, so their prose is dropped.
 */
const MAX_CHARS = 280;
const SHORT = 60;

export interface TrimmedDescription {
  text: string | undefined;
  link: string | undefined;
}

export function trimDescription(raw: string | undefined): TrimmedDescription {
  if (!raw) return { text: undefined, link: undefined };
  let text = raw.replace(/\n\s*Possible enum values:[\s\S]*$/, '').replace(/\s+/g, ' ').trim();
  const more = /\s*More info:\s*(https?:\/\/\S+?)[.,;]?(?=\s|$)/.exec(text);
  const link = more?.[1];
  if (more) text = (text.slice(0, more.index) + text.slice(more.index + more[0].length)).trim();
  const sentences = splitSentences(text);
  let out = sentences[0] ?? '';
  for (let i = 1; i < sentences.length && out.length < SHORT; i++) out += ' ' + sentences[i];
  if (out.length > MAX_CHARS) {
    const space = out.lastIndexOf(' ', MAX_CHARS - 1);
    out = out.slice(0, space > MAX_CHARS / 2 ? space : MAX_CHARS - 1).replace(/[,;:]$/, '') + '…';
  }
  return { text: out || undefined, link };
}

/** Splits after a full stop followed by a capital letter, not after "e.g." and friends. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  const boundary = /([.!?])\s+(?=[A-Z`"'(])/g;
  for (const m of text.matchAll(boundary)) {
    const before = text.slice(Math.max(0, m.index - 4), m.index + 1).toLowerCase();
    if (/(?:e\.g\.|i\.e\.|etc\.|\bvs\.|\bex\.)$/.test(before)) continue;
    out.push(text.slice(start, m.index + 1).trim());
    start = m.index + m[0].length;
  }
  const rest = text.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}
