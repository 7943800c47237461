/** From a simulated object back to the manifest line that causes what happened to it. */
import { podMetadataPath, podSpecPath } from '../../kube/podSpec';
import type { Path } from '../../yaml/locate';
import type { SourceRef } from '../result';
import type { Simulation } from '../simulation';

/** The first of `paths` that exists in the object's manifest (else its metadata.name). */
export function sourceAt(sim: Simulation, topRef: string, ...paths: Path[]): SourceRef | undefined {
  const loc = sim.sources.get(topRef);
  if (!loc) return undefined;
  for (const p of paths) if (loc.has(p)) return { file: loc.file, range: loc.rangeOf(p) };
  return { file: loc.file, range: loc.rangeOf(['metadata', 'name']) };
}

/** Paths inside a workload's pod template. */
export function podPath(kindOfTop: string, ...rest: Path): Path {
  return [...(podSpecPath(kindOfTop) ?? ['spec']), ...rest];
}

export function podMetaPath(kindOfTop: string, ...rest: Path): Path {
  return [...(podMetadataPath(kindOfTop) ?? ['metadata']), ...rest];
}

export function kindOf(ref: string): string {
  return ref.slice(0, ref.indexOf('/'));
}
