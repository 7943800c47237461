/** Priority (plugin/pkg/admission/priority): resolves priorityClassName to the pod's priority. */
import type { Pod } from 'kubernetes-types/core/v1';
import type { PriorityClass } from 'kubernetes-types/scheduling/v1';
import type { KObject } from '../objects';
import { forbidden, type AdmissionPlugin } from './admission';

const SYSTEM_CLASSES: Record<string, number> = { 'system-cluster-critical': 2000000000, 'system-node-critical': 2000001000 };

export const priority: AdmissionPlugin = {
  name: 'Priority',
  admit(obj, ctx) {
    if (obj.kind !== 'Pod') return undefined;
    const spec = ((obj as unknown as Pod).spec ??= { containers: [] });
    const name = spec.priorityClassName;
    if (name) {
      const pc = ctx.store.get('PriorityClass', name) as unknown as PriorityClass | undefined;
      const value = pc?.value ?? SYSTEM_CLASSES[name];
      if (value === undefined) return forbidden(obj, `no PriorityClass with name ${name} was found`);
      spec.priority = value;
      if (pc?.preemptionPolicy) spec.preemptionPolicy = pc.preemptionPolicy;
      return undefined;
    }
    const global = ctx.store.list<PriorityClass & KObject>('PriorityClass').find((p) => p.globalDefault);
    spec.priority = global?.value ?? 0;
    if (global) spec.priorityClassName = global.metadata.name;
    return undefined;
  },
};
