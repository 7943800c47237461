/**
 * `kubeplan preview --format json`: the SimulationResult, with every source range given as
 * 1-based `line`/`column`/`endLine`/`endColumn` like `lint --format json`.
 */
import type { SimulationResult, SourceRef } from '../../engine/cluster/result';

export interface JsonSource {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

function jsonSource(s: SourceRef): JsonSource {
  return { file: s.file, line: s.range.start.line + 1, column: s.range.start.character + 1, endLine: s.range.end.line + 1, endColumn: s.range.end.character + 1 };
}

export function formatPreviewJson(r: SimulationResult): string {
  const withSource = <T extends { source?: SourceRef }>(x: T) => (x.source ? { ...x, source: jsonSource(x.source) } : x);
  const out = {
    ...r,
    pods: r.pods.map(withSource),
    services: r.services.map(withSource),
    findings: r.findings.map(withSource),
    applyErrors: r.applyErrors.map(withSource),
  };
  return JSON.stringify(out, null, 2) + '\n';
}
