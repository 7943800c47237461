/**
 * ServiceAccount (plugin/pkg/admission/serviceaccount): a pod without a service account gets
 * `default`; a pod naming one that does not exist is refused. The token controller creates
 * `default` in every namespace, so it always exists.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { forbidden, type AdmissionPlugin } from './admission';

export const serviceAccount: AdmissionPlugin = {
  name: 'ServiceAccount',
  admit(obj, ctx) {
    if (obj.kind !== 'Pod') return undefined;
    const pod = obj as unknown as Pod;
    const spec = (pod.spec ??= { containers: [] });
    const name = spec.serviceAccountName || spec.serviceAccount || 'default';
    spec.serviceAccountName = name;
    const ns = obj.metadata.namespace ?? 'default';
    if (name !== 'default' && !ctx.store.get('ServiceAccount', `${ns}/${name}`)) {
      return forbidden(obj, `error looking up service account ${ns}/${name}: serviceaccount "${name}" not found`);
    }
    return undefined;
  },
};
