import { objectsFromTexts, type ScenarioSpec, type SimulationInput } from '../../server/src/engine/cluster/input';
import type { SimEvent, SimulationResult } from '../../server/src/engine/cluster/result';
import { simulate } from '../../server/src/engine/cluster/simulate';
import { dedent } from './lint';

/** Simulates YAML given as a template literal (dedented) on the default cluster unless told otherwise. */
export function simulateYaml(yaml: string, options: Partial<Omit<SimulationInput, 'objects'>> & { scenario?: ScenarioSpec } = {}): SimulationResult {
  return simulate({ objects: objectsFromTexts([['test.yaml', dedent(yaml)]]), ...options });
}

/** Events as "time reason message" lines for one object (or all), for exact timeline assertions. */
export function timeline(r: SimulationResult, filter: (e: SimEvent) => boolean = () => true): string[] {
  return r.events.filter(filter).map((e) => `${e.time} ${e.reason}${e.count ? ` x${e.count}` : ''}`);
}

/** A Deployment of `replicas` pods with one container; extra YAML is spliced into the container and the template metadata. */
export function deployment(name: string, options: { replicas?: number; namespace?: string; cpu?: string; memory?: string; limitMemory?: string; container?: string; annotations?: Record<string, string>; strategy?: string; labels?: string } = {}): string {
  const ann = Object.entries(options.annotations ?? {}).map(([k, v]) => `\n        ${k}: "${v}"`).join('');
  const container = (options.container ?? '').split('\n').map((l) => (l ? `          ${l}` : l)).join('\n');
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${options.namespace ?? 'default'}
spec:
  replicas: ${options.replicas ?? 1}
  selector:
    matchLabels:
      app: ${name}
${options.strategy ? `  strategy:\n${options.strategy.split('\n').map((l) => `    ${l}`).join('\n')}\n` : ''}  template:
    metadata:
      labels:
        app: ${name}${options.annotations ? `\n      annotations:${ann}` : ''}
    spec:
      containers:
        - name: app
          image: example/${name}:1.0
          resources:
            requests:
              cpu: ${options.cpu ?? '100m'}
              memory: ${options.memory ?? '128Mi'}${options.limitMemory ? `\n            limits:\n              memory: ${options.limitMemory}` : ''}
${container}
`;
}

/** 0-based line of the first line containing `needle` (after `after`, if given) in a dedented YAML. */
export function lineOf(yaml: string, needle: string, after?: string): number {
  const lines = dedent(yaml).split('\n');
  const from = after ? lines.findIndex((l) => l.includes(after)) : 0;
  const i = lines.findIndex((l, n) => n >= from && l.includes(needle));
  if (i < 0) throw new Error(`"${needle}" not in the YAML`);
  return i;
}
