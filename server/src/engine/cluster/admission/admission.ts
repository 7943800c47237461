/**
 * Admission: what the API server runs on every create before storing it, in upstream's
 * order (pkg/kubeapiserver/options/plugins.go): mutating plugins first, then validating.
 * A plugin returns an error message in the API server's words, or nothing.
 */
import type { KObject } from '../objects';
import type { Store } from '../store/store';

export interface AdmissionContext {
  readonly store: Store;
  /** Namespaces that exist (the manifests', the cluster file's, `default`, `kube-system`...). */
  namespaceExists(name: string): boolean;
}

export interface AdmissionPlugin {
  readonly name: string;
  admit(obj: KObject, ctx: AdmissionContext): string | undefined;
}

/** `pods "web-abc" is forbidden: <reason>` (apiserver/pkg/admission/errors.go NewForbidden). */
export function forbidden(obj: KObject, reason: string): string {
  return `${resourceName(obj.kind)} "${obj.metadata.name}" is forbidden: ${reason}`;
}

/** The lower-case plural resource name of a kind: Pod → pods, Ingress → ingresses, Policy → policies. */
export function resourceName(kind: string): string {
  const k = kind.toLowerCase();
  if (/(s|x|ch|sh)$/.test(k)) return `${k}es`;
  if (/[^aeiou]y$/.test(k)) return `${k.slice(0, -1)}ies`;
  return `${k}s`;
}

/** utilerrors.NewAggregate: one error as is, several in brackets. */
export function aggregate(errors: readonly string[]): string {
  return errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]`;
}
