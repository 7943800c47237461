/**
 * Where Kubernetes checks name syntax, keyed by the definition that holds the name, plus
 * the object's own `metadata.name`, whose rule depends on its kind
 * (ValidateObjectMeta's name function in pkg/apis/<group>/validation/validation.go).
 */
import { apiGroupOf } from '../kube/identity';
import type { Path } from '../yaml/locate';
import {
  ANNOTATIONS_MAX_BYTES,
  dns1035Label,
  dns1123Label,
  dns1123Subdomain,
  ianaServiceName,
  labelValue,
  pathSegmentName,
  qualifiedName,
} from './names';
import { isRecord, type DefinitionHook, type IssueSink } from './validate';

type Check = (s: string) => string | undefined;

function checkString(out: IssueSink, value: unknown, path: Path, what: string, check: Check): void {
  if (typeof value !== 'string') return;
  const why = check(value);
  if (why) out.add({ rule: 'invalid-name', path, part: 'value', message: `${what} "${value}" ${why}.` });
}

function checkLabels(out: IssueSink, labels: unknown, path: Path, what: string): void {
  if (!isRecord(labels)) return;
  for (const [k, v] of Object.entries(labels)) {
    const badKey = qualifiedName(k);
    if (badKey) out.add({ rule: 'invalid-name', path: [...path, k], part: 'key', message: `${what} key "${k}" ${badKey}.` });
    checkString(out, v, [...path, k], `${what} value`, labelValue);
  }
}

const objectMeta: DefinitionHook = (meta, path, out) => {
  checkLabels(out, meta.labels, [...path, 'labels'], 'Label');
  const annotations = meta.annotations;
  if (isRecord(annotations)) {
    let bytes = 0;
    for (const [k, v] of Object.entries(annotations)) {
      // the API server lower-cases annotation keys before checking them
      const bad = qualifiedName(k.toLowerCase());
      if (bad) out.add({ rule: 'invalid-name', path: [...path, 'annotations', k], part: 'key', message: `Annotation key "${k}" ${bad}.` });
      bytes += Buffer.byteLength(k) + (typeof v === 'string' ? Buffer.byteLength(v) : 0);
    }
    if (bytes > ANNOTATIONS_MAX_BYTES) {
      out.add({ rule: 'invalid-name', path: [...path, 'annotations'], part: 'key', message: `Annotations total ${bytes} bytes; at most ${ANNOTATIONS_MAX_BYTES} (256 KiB) are allowed.` });
    }
  }
  checkString(out, meta.namespace, [...path, 'namespace'], 'Namespace', dns1123Label);
};

const labelSelector: DefinitionHook = (selector, path, out) => {
  checkLabels(out, selector.matchLabels, [...path, 'matchLabels'], 'Label');
  if (Array.isArray(selector.matchExpressions)) {
    selector.matchExpressions.forEach((e, i) => {
      if (isRecord(e)) checkString(out, e.key, [...path, 'matchExpressions', i, 'key'], 'Label key', qualifiedName);
    });
  }
};

const container: DefinitionHook = (c, path, out) => {
  checkString(out, c.name, [...path, 'name'], 'Container name', dns1123Label);
  if (Array.isArray(c.ports)) {
    c.ports.forEach((p, i) => {
      if (isRecord(p)) checkString(out, p.name, [...path, 'ports', i, 'name'], 'Port name', ianaServiceName);
    });
  }
};

export const NAME_HOOKS: ReadonlyMap<string, DefinitionHook> = new Map<string, DefinitionHook>([
  ['apis/meta/v1.ObjectMeta', objectMeta],
  ['apis/meta/v1.LabelSelector', labelSelector],
  ['v1.Container', container],
  ['v1.EphemeralContainer', container],
  ['v1.Volume', (v, path, out) => checkString(out, v.name, [...path, 'name'], 'Volume name', dns1123Label)],
  ['v1.ServicePort', (p, path, out) => checkString(out, p.name, [...path, 'name'], 'Service port name', dns1123Label)],
  ['v1.PodSpec', (s, path, out) => checkLabels(out, s.nodeSelector, [...path, 'nodeSelector'], 'Node selector')],
]);

const RBAC_KINDS = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);
/** A CronJob's name plus the 11-character suffix of its Jobs must stay a 63-character label. */
const CRONJOB_NAME_MAX = 52;

/** The check `metadata.name` (and, with a trailing "-" allowed, `generateName`) must pass for this kind. */
function nameCheckFor(apiVersion: string, kind: string): Check {
  const group = apiGroupOf(apiVersion);
  if (group === '' && kind === 'Service') return dns1035Label;
  if (group === '' && kind === 'Namespace') return dns1123Label;
  if (group === 'rbac.authorization.k8s.io' && RBAC_KINDS.has(kind)) return pathSegmentName;
  if (group === 'batch' && kind === 'CronJob') {
    return (s) => dns1123Subdomain(s) ?? (s.length > CRONJOB_NAME_MAX ? `is ${s.length} characters long; a CronJob name has at most ${CRONJOB_NAME_MAX}` : undefined);
  }
  return dns1123Subdomain;
}

export function checkObjectName(apiVersion: string, kind: string, object: Record<string, unknown>, out: IssueSink): void {
  const meta = object.metadata;
  if (!isRecord(meta)) return;
  const check = nameCheckFor(apiVersion, kind);
  checkString(out, meta.name, ['metadata', 'name'], `${kind} name`, check);
  // generateName is a prefix: the API server allows the trailing "-" it usually ends with
  checkString(out, meta.generateName, ['metadata', 'generateName'], `${kind} generateName`, (s) => check(s.endsWith('-') ? s.slice(0, -1) || 'a' : s));
}
