import { isRecord } from './identity';

/** Labels as a string map; non-string scalar values are read as their text, anything else is dropped. */
export type Labels = Readonly<Record<string, string>>;

export function labelsOf(value: unknown): Labels {
  if (!isRecord(value)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
  }
  return out;
}

export type Operator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface Requirement {
  readonly key: string;
  readonly operator: Operator;
  readonly values: readonly string[];
}

/**
 * A label selector (apimachinery/pkg/apis/meta/v1 LabelSelector): every matchLabels pair and
 * every matchExpressions requirement must hold. An empty selector matches everything.
 */
export interface LabelSelector {
  readonly matchLabels: Labels;
  readonly matchExpressions: readonly Requirement[];
}

const OPERATORS = new Set<string>(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/** Reads a LabelSelector; undefined when it is absent or malformed (a malformed selector matches nothing we can tell). */
export function parseLabelSelector(value: unknown): LabelSelector | undefined {
  if (!isRecord(value)) return undefined;
  const matchExpressions: Requirement[] = [];
  if (value.matchExpressions !== undefined && value.matchExpressions !== null) {
    if (!Array.isArray(value.matchExpressions)) return undefined;
    for (const e of value.matchExpressions) {
      if (!isRecord(e) || typeof e.key !== 'string' || typeof e.operator !== 'string' || !OPERATORS.has(e.operator)) return undefined;
      const values = Array.isArray(e.values) ? e.values.filter((v) => typeof v === 'string' || typeof v === 'number').map(String) : [];
      matchExpressions.push({ key: e.key, operator: e.operator as Operator, values });
    }
  }
  if (value.matchLabels !== undefined && value.matchLabels !== null && !isRecord(value.matchLabels)) return undefined;
  return { matchLabels: labelsOf(value.matchLabels), matchExpressions };
}

/** A Service-style selector (a plain map of labels). */
export function selectorFromLabels(labels: Labels): LabelSelector {
  return { matchLabels: labels, matchExpressions: [] };
}

export function isEmptySelector(s: LabelSelector): boolean {
  return Object.keys(s.matchLabels).length === 0 && s.matchExpressions.length === 0;
}

export function selectorMatches(s: LabelSelector, labels: Labels): boolean {
  for (const [k, v] of Object.entries(s.matchLabels)) if (labels[k] !== v) return false;
  for (const r of s.matchExpressions) {
    const has = Object.prototype.hasOwnProperty.call(labels, r.key);
    switch (r.operator) {
      case 'In':
        if (!has || !r.values.includes(labels[r.key]!)) return false;
        break;
      case 'NotIn':
        if (has && r.values.includes(labels[r.key]!)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
    }
  }
  return true;
}

/** `app=web,tier!=db` — a selector in kubectl's words, for messages. */
export function formatSelector(s: LabelSelector): string {
  const parts = Object.entries(s.matchLabels).map(([k, v]) => `${k}=${v}`);
  for (const r of s.matchExpressions) {
    if (r.operator === 'Exists') parts.push(r.key);
    else if (r.operator === 'DoesNotExist') parts.push(`!${r.key}`);
    else parts.push(`${r.key} ${r.operator === 'In' ? 'in' : 'notin'} (${r.values.join(',')})`);
  }
  return parts.join(',');
}
