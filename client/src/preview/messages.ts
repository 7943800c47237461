import type { Range } from '../../../server/src/engine/model/finding';
import type { PreviewScenario } from '../../../server/src/protocol/preview';

/** What the page may ask of the extension. Anything else is ignored. */
export type PageMessage = { type: 'ready' } | { type: 'reveal'; file: string; range: Range } | { type: 'scenario'; scenario: PreviewScenario };

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isPos = (v: unknown): v is Range['start'] => typeof v === 'object' && v !== null && isInt((v as Range['start']).line) && isInt((v as Range['start']).character);

/** Validates a message from the webview: it is data from a page, checked like any input. */
export function parsePageMessage(m: unknown): PageMessage | undefined {
  if (typeof m !== 'object' || m === null) return undefined;
  const o = m as Record<string, unknown>;
  if (o.type === 'ready') return { type: 'ready' };
  if (o.type === 'reveal' && typeof o.file === 'string' && typeof o.range === 'object' && o.range !== null) {
    const r = o.range as Record<string, unknown>;
    if (isPos(r.start) && isPos(r.end)) return { type: 'reveal', file: o.file, range: { start: r.start, end: r.end } };
  }
  if (o.type === 'scenario' && typeof o.scenario === 'object' && o.scenario !== null) {
    const s = o.scenario as Record<string, unknown>;
    if (s.kind === 'apply') return { type: 'scenario', scenario: { kind: 'apply' } };
    if (s.kind === 'node-failure') return { type: 'scenario', scenario: typeof s.node === 'string' && s.node ? { kind: 'node-failure', node: s.node } : { kind: 'node-failure' } };
    if (s.kind === 'load') return { type: 'scenario', scenario: { kind: 'load' } };
    if (s.kind === 'rollout') return { type: 'scenario', scenario: typeof s.deployment === 'string' && s.deployment ? { kind: 'rollout', deployment: s.deployment } : { kind: 'rollout' } };
  }
  return undefined;
}
