/** Label selectors as the API defines them (apimachinery/pkg/apis/meta/v1 LabelSelector). */
import type { LabelSelector, LabelSelectorRequirement } from 'kubernetes-types/meta/v1';

export type Labels = Readonly<Record<string, string>> | undefined;

/** A nil selector matches nothing; an empty one matches everything (LabelSelectorAsSelector). */
export function selectorMatches(selector: LabelSelector | undefined | null, labels: Labels): boolean {
  if (!selector) return false;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels?.[k] !== v) return false;
  for (const req of selector.matchExpressions ?? []) if (!requirementMatches(req, labels)) return false;
  return true;
}

/** A Service's map selector: every pair must be present; an empty map selects nothing here. */
export function mapSelectorMatches(selector: Readonly<Record<string, string>> | undefined, labels: Labels): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  for (const [k, v] of Object.entries(selector)) if (labels?.[k] !== v) return false;
  return true;
}

export function requirementMatches(req: LabelSelectorRequirement, labels: Labels): boolean {
  const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, req.key);
  const value = has ? labels![req.key] : undefined;
  switch (req.operator) {
    case 'In':
      return has && (req.values ?? []).includes(value!);
    case 'NotIn':
      return !has || !(req.values ?? []).includes(value!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      return false;
  }
}

/** "app=web,tier=front" for messages. */
export function formatSelector(selector: LabelSelector | Readonly<Record<string, string>> | undefined): string {
  if (!selector) return '<none>';
  const s = selector as LabelSelector;
  const isLabelSelector = 'matchLabels' in s || 'matchExpressions' in s;
  const pairs = Object.entries(isLabelSelector ? (s.matchLabels ?? {}) : (selector as Record<string, string>)).map(([k, v]) => `${k}=${v}`);
  if (isLabelSelector) for (const e of s.matchExpressions ?? []) pairs.push(`${e.key} ${e.operator}${e.values?.length ? ` (${e.values.join(',')})` : ''}`);
  return pairs.join(',') || '<everything>';
}
