import type { PodResult, SimulationResult, SourceRef } from '../engine/cluster/result';
import { html, type Html } from './escape';

/** Number of distinct workload colours in the stylesheet (classes w0…w11); more workloads reuse them. */
export const PALETTE_SIZE = 12;

/** The workload a pod belongs to, as shown in legends: its top-level owner, or the bare pod. */
export function workloadOf(pod: Pick<PodResult, 'owner' | 'name'>): string {
  return pod.owner ?? `Pod/${pod.name}`;
}

/**
 * Stable colour per workload: sorted by name so the same manifests always get the
 * same colours, whichever pod the simulator happened to list first.
 */
export class WorkloadColors {
  private readonly index = new Map<string, number>();

  constructor(result: Pick<SimulationResult, 'pods' | 'timeline'>) {
    const names = new Set<string>();
    for (const p of result.pods) names.add(workloadOf(p));
    for (const t of result.timeline) names.add(t.owner ?? `Pod/${t.pod.split('/').pop()}`);
    [...names].sort().forEach((n, i) => this.index.set(n, i % PALETTE_SIZE));
  }

  /** CSS class carrying the workload's colour (fill for SVG, background for HTML). */
  classOf(workload: string): string {
    return `w${this.index.get(workload) ?? 0}`;
  }

  get workloads(): string[] {
    return [...this.index.keys()];
  }
}

/**
 * Where each object came from, so a click on a pod, an event or a finding can reveal
 * the manifest line. Keys are "Kind/namespace/name".
 */
export class SourceIndex {
  private readonly byObject = new Map<string, SourceRef>();

  constructor(result: SimulationResult) {
    for (const p of result.pods) {
      if (!p.source) continue;
      this.add(`Pod/${p.namespace}/${p.name}`, p.source);
      if (p.owner) this.add(qualify(p.owner, p.namespace), p.source);
    }
    for (const s of result.services) if (s.source) this.add(`Service/${s.namespace}/${s.name}`, s.source);
    for (const f of result.findings) if (f.source) this.add(f.object, f.source);
    for (const e of result.applyErrors) if (e.source) this.add(e.object, e.source);
  }

  private add(key: string, source: SourceRef): void {
    if (!this.byObject.has(key)) this.byObject.set(key, source);
  }

  lookup(object: string): SourceRef | undefined {
    return this.byObject.get(object);
  }

  /** A pod's own source, else its workload's. */
  ofPod(pod: PodResult): SourceRef | undefined {
    return pod.source ?? this.lookup(`Pod/${pod.namespace}/${pod.name}`) ?? (pod.owner ? this.lookup(qualify(pod.owner, pod.namespace)) : undefined);
  }
}

/** "Deployment/web" + namespace → "Deployment/shop/web"; already-qualified names pass through. */
export function qualify(owner: string, namespace: string): string {
  const parts = owner.split('/');
  return parts.length >= 3 ? owner : `${parts[0]}/${namespace}/${parts.slice(1).join('/')}`;
}

/** Attributes that make an element reveal its manifest line when clicked (in the editor). */
export function revealAttrs(source: SourceRef | undefined): Html {
  if (!source) return html``;
  const r = source.range;
  return html` data-file="${source.file}" data-range="${r.start.line}:${r.start.character}:${r.end.line}:${r.end.character}" tabindex="0" role="link"`;
}

/** "shop.yaml:12" for tooltips and the offline report, 1-based like every editor shows it. */
export function describeSource(source: SourceRef | undefined): string {
  if (!source) return '';
  return `${source.file}:${source.range.start.line + 1}`;
}
