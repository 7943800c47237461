import { isRecord } from '../kube/identity';
import { podMetadataPath, valueAt } from '../kube/podSpec';
import type { Path } from '../yaml/locate';
import type { Range } from '../model/finding';
import { KUBE_LINTER_CHECKS, KUBE_SCORE_CHECKS, POLARIS_CHECKS } from './foreignChecks';

export const IGNORE_ANNOTATION = 'kubeplan.dev/ignore';
/** `kubeplan.dev/ignore.<container>`: suppresses only findings about that container. */
export const CONTAINER_IGNORE_PREFIX = `${IGNORE_ANNOTATION}.`;
/** Every rule, in `kubeplan.dev/ignore` and `kube-score/ignore`. */
export const ALL_RULES_WILDCARD = '*';

export type SuppressionTool = 'kubeplan' | 'kube-linter' | 'polaris' | 'kube-score';

/** One rule suppressed by one annotation. */
export interface AnnotationSuppression {
  /** Our rule id, or `*`. */
  rule: string;
  /** Only findings about this container. */
  container?: string;
  tool: SuppressionTool;
  /** The annotation key as written. */
  key: string;
  /** What the annotation names: our rule id, or the other tool's check. */
  written: string;
  reason?: string;
  /** Where the annotation is in the document. */
  path: Path;
  /** The annotation's value in the document (chunk-relative), where "suppresses nothing" is reported. */
  range?: Range;
}

/**
 * Reads every suppression annotation of an object: on the object itself and on its pod
 * template (where people also put them, and where kube-score looks). Both count for the
 * whole object; a `.<container>` key narrows to that container.
 */
export function annotationSuppressions(kind: string, object: Record<string, unknown>): AnnotationSuppression[] {
  const out: AnnotationSuppression[] = [];
  const places: Path[] = [['metadata', 'annotations']];
  const template = podMetadataPath(kind);
  if (template) places.push([...template, 'annotations']);
  for (const place of places) {
    const annotations = valueAt(object, place);
    if (!isRecord(annotations)) continue;
    for (const [key, value] of Object.entries(annotations)) out.push(...fromAnnotation(key, value, [...place, key]));
  }
  return out;
}

function fromAnnotation(key: string, value: unknown, path: Path): AnnotationSuppression[] {
  const text = typeof value === 'string' ? value : undefined;
  if (key === IGNORE_ANNOTATION || key.startsWith(CONTAINER_IGNORE_PREFIX)) {
    if (text === undefined) return [];
    const container = key === IGNORE_ANNOTATION ? undefined : key.slice(CONTAINER_IGNORE_PREFIX.length);
    const { ids, reason } = parseIgnoreValue(text);
    return ids.map((id) => ({ rule: id, tool: 'kubeplan', key, written: id, path, ...(container ? { container } : {}), ...(reason ? { reason } : {}) }));
  }
  if (key === 'kube-linter.io/ignore-all') return [wildcard('kube-linter', key, path, text)];
  if (key.startsWith('ignore-check.kube-linter.io/')) {
    const check = key.slice('ignore-check.kube-linter.io/'.length);
    return mapped('kube-linter', KUBE_LINTER_CHECKS, check, key, path, text);
  }
  if (key === 'polaris.fairwinds.com/exempt') return text === 'true' ? [wildcard('polaris', key, path)] : [];
  const polaris = /^polaris\.fairwinds\.com\/(.+)-exempt$/.exec(key);
  if (polaris) return text === 'true' ? mapped('polaris', POLARIS_CHECKS, polaris[1]!, key, path) : [];
  if (key === 'kube-score/ignore' && text !== undefined) {
    return text
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean)
      .flatMap((c) => (c === ALL_RULES_WILDCARD ? [wildcard('kube-score', key, path)] : mapped('kube-score', KUBE_SCORE_CHECKS, c, key, path)));
  }
  return [];
}

function wildcard(tool: SuppressionTool, key: string, path: Path, reason?: string): AnnotationSuppression {
  return { rule: ALL_RULES_WILDCARD, tool, key, written: ALL_RULES_WILDCARD, path, ...(reason ? { reason } : {}) };
}

function mapped(tool: SuppressionTool, table: Readonly<Record<string, readonly string[]>>, check: string, key: string, path: Path, reason?: string): AnnotationSuppression[] {
  return (table[check] ?? []).map((rule) => ({ rule, tool, key, written: check, path, ...(reason ? { reason } : {}) }));
}

/** `"rule-a, rule-b # why"` → ids and reason. Ids may be separated by commas or blanks. */
export function parseIgnoreValue(value: string): { ids: string[]; reason: string | undefined } {
  const hash = value.indexOf('#');
  const list = hash < 0 ? value : value.slice(0, hash);
  const reason = hash < 0 ? undefined : value.slice(hash + 1).trim() || undefined;
  const ids = [...new Set(list.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean))];
  return { ids, reason };
}
