/** NamespaceLifecycle (plugin/pkg/admission/namespace/lifecycle): no object in a namespace that does not exist. */
import { scopeOfKind } from '../../kube/identity';
import type { AdmissionPlugin } from './admission';

export const namespaceLifecycle: AdmissionPlugin = {
  name: 'NamespaceLifecycle',
  admit(obj, ctx) {
    if (scopeOfKind(obj.kind) === 'Cluster') return undefined;
    const ns = obj.metadata.namespace;
    if (ns && !ctx.namespaceExists(ns)) return `namespaces "${ns}" not found`;
    return undefined;
  },
};
