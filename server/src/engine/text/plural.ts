/**
 * Counted nouns in messages: "1 crash", "14 crashes", "2 replicas", "3 policies". English rules for
 * the words we count (-s, -x, -z, -ch, -sh take -es; consonant + y takes -ies); pass `many` for others.
 */
export function pluralOf(word: string): string {
  if (/(s|x|z|ch|sh)$/.test(word)) return `${word}es`;
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  return `${word}s`;
}

/** "1 pod", "3 pods"; `many` overrides the plural form. */
export function plural(n: number, one: string, many = pluralOf(one)): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The verb form agreeing with a count: `agree(n, 'stays', 'stay')`. */
export function agree(n: number, singular: string, pluralForm: string): string {
  return n === 1 ? singular : pluralForm;
}
