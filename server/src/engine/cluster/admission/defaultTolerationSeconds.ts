/**
 * DefaultTolerationSeconds (plugin/pkg/admission/defaulttolerationseconds): every pod tolerates
 * the not-ready and unreachable NoExecute taints for 300 s unless it says otherwise, which is
 * why pods leave a failed node five minutes after it is marked NotReady.
 */
import type { Pod, Toleration } from 'kubernetes-types/core/v1';
import type { AdmissionPlugin } from './admission';

export const DEFAULT_TOLERATION_SECONDS = 300;
export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';

function toleratesKey(tolerations: readonly Toleration[], key: string): boolean {
  return tolerations.some((t) => (t.effect === 'NoExecute' || !t.effect) && ((t.key === key && (t.operator === 'Exists' || t.operator === undefined || t.operator === 'Equal')) || (!t.key && t.operator === 'Exists')));
}

export const defaultTolerationSeconds: AdmissionPlugin = {
  name: 'DefaultTolerationSeconds',
  admit(obj) {
    if (obj.kind !== 'Pod') return undefined;
    const spec = ((obj as unknown as Pod).spec ??= { containers: [] });
    const tolerations = spec.tolerations ?? [];
    // a pod without tolerations (most) gets the two defaults as one frozen list shared by all such pods: nothing changes
    // a pod's tolerations after admission, and each pod keeps them for the whole run
    if (tolerations.length === 0) {
      spec.tolerations = DEFAULT_TOLERATIONS as Toleration[];
      return undefined;
    }
    const added: Toleration[] = [];
    for (const key of [TAINT_NOT_READY, TAINT_UNREACHABLE]) {
      if (!toleratesKey(tolerations, key)) added.push(defaultToleration(key));
    }
    // concat sizes the list exactly (pushing would reserve room for 17): every pod keeps it for the whole run
    spec.tolerations = added.length > 0 ? tolerations.concat(added) : tolerations;
    return undefined;
  },
};

function defaultToleration(key: string): Toleration {
  return { key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS };
}

const DEFAULT_TOLERATIONS: readonly Toleration[] = Object.freeze([TAINT_NOT_READY, TAINT_UNREACHABLE].map((key) => Object.freeze(defaultToleration(key))));
