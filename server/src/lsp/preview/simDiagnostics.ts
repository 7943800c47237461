import type { SimFinding, SimulationResult } from '../../engine/cluster/result';
import { shiftRange, type Finding, type Range } from '../../engine/model/finding';
import type { WorkspaceObject } from '../../engine/rules/rule';

/**
 * The simulator's findings as per-file diagnostics findings. A finding without a source
 * location lands on its object's `metadata.name` (still the right object, one click away).
 */
export function simFindingsByFile(result: SimulationResult, objects: readonly WorkspaceObject[]): Map<string, Finding[]> {
  const byObject = new Map<string, WorkspaceObject>();
  for (const o of objects) {
    byObject.set(objectKey(o), o);
    // the API server puts namespaced objects without a namespace into "default"
    if (!o.id.namespace) byObject.set(`${o.id.kind}/default/${o.id.name}`, o);
  }
  // one diagnostic per rule and place: every replica (or every outage) reporting it would be noise
  const groups = new Map<string, { file: string; range: Range; findings: SimFinding[] }>();
  for (const f of result.findings) {
    const place = placeOf(f, byObject);
    if (!place) continue;
    const key = `${place.file}|${f.rule}|${place.range.start.line}:${place.range.start.character}`;
    const g = groups.get(key) ?? { file: place.file, range: place.range, findings: [] };
    g.findings.push(f);
    groups.set(key, g);
  }
  const out = new Map<string, Finding[]>();
  for (const g of groups.values()) {
    const sorted = [...g.findings].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
    const first = sorted[0]!;
    const messages = [...new Set(sorted.map((f) => f.message))];
    const message = messages.length === 1 ? first.message : `${first.message} (and ${messages.length - 1} more like it: Kubeplan: Preview Apply lists them all)`;
    const list = out.get(g.file) ?? [];
    list.push({ rule: first.rule, severity: first.severity, message, range: g.range, file: g.file });
    out.set(g.file, list);
  }
  return out;
}

const RANK: Record<SimFinding['severity'], number> = { error: 0, warning: 1, info: 2 };

function placeOf(f: SimFinding, byObject: Map<string, WorkspaceObject>): { file: string; range: Range } | undefined {
  if (f.source) return f.source;
  const o = byObject.get(f.object);
  if (!o) return undefined;
  return { file: o.file, range: shiftRange(o.doc.rangeOf(['metadata', 'name'], 'value'), o.lineOffset) };
}

/** "Kind/namespace/name", or "Kind/name" for cluster-scoped objects: how findings name objects. */
export function objectKey(o: WorkspaceObject): string {
  return o.id.namespace ? `${o.id.kind}/${o.id.namespace}/${o.id.name}` : `${o.id.kind}/${o.id.name}`;
}

/** A stable text of a file's sim findings, to republish only files whose findings changed. */
export function signature(findings: readonly Finding[] | undefined): string {
  return (findings ?? []).map((f) => `${f.rule}@${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}:${f.severity}:${f.message}`).join('|');
}
