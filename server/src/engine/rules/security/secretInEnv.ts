import { podTemplateOf } from '../../kube/podTemplate';
import { records, str } from '../../kube/read';
import { describeContainer } from '../anchors';
import type { ObjectRule } from '../rule';

/** Names that say "credential": password, secret, token, api key, private key, access key, credentials. */
const SENSITIVE_NAME = /(pass(word|wd)?|secret|token|api[_-]?key|private[_-]?key|access[_-]?key|credential|_key(_content)?$|^key$)/i;
/** Values that are credentials whatever their name. */
const SENSITIVE_VALUE = /-{3,}\s*BEGIN [A-Z ]*PRIVATE KEY\s*-{3,}|\bAKIA[0-9A-Z]{16}\b|\bgh[pousr]_[A-Za-z0-9]{36,}\b|\bxox[baprs]-[A-Za-z0-9-]{10,}/;
/** Names that contain a sensitive word but are not secrets. */
const HARMLESS_NAME = /(_FILE|_PATH|_DIR|_NAME|_ID|_URL|_REF|_ENABLED|_LENGTH|_TTL|_TIMEOUT|_EXPIRY|_EXPIRES|(CACHE|SORT|PARTITION|ROUTING|PRIMARY|FOREIGN|HASH|SHARD|LOOKUP|QUEUE|PUBLIC)_KEY)$/i;

export const secretInEnv: ObjectRule = {
  id: 'secret-in-env',
  severity: 'warning',
  category: 'security',
  title: 'A container has a credential as a literal environment variable value.',
  docs: {
    why: 'A literal `value:` is stored in the manifest, in Git, and in the object anyone with read access to Deployments (not only Secrets) can see; it also shows up in `kubectl describe`. Credentials belong in Secrets, whose access is controlled separately.',
    fix: 'Move the value into a Secret and reference it with `valueFrom.secretKeyRef` (or `envFrom.secretRef`). Names ending in _FILE, _PATH, _URL, _NAME, _ID and empty values are not reported.',
    bad: 'env:\n  - name: DB_PASSWORD\n    value: hunter2',
    good: 'env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: db\n        key: password',
  },
  check(ctx) {
    const t = podTemplateOf(ctx.id.kind, ctx.object);
    if (!t) return;
    for (const ref of t.containers) {
      for (const [i, e] of records((ref.container as unknown as Record<string, unknown>).env)) {
        const name = str(e.name);
        const value = typeof e.value === 'string' ? e.value : typeof e.value === 'number' ? String(e.value) : undefined;
        if (!name || value === undefined || value.trim() === '') continue;
        const byValue = SENSITIVE_VALUE.test(value);
        const byName = SENSITIVE_NAME.test(name) && !HARMLESS_NAME.test(name) && !/^\$\(.*\)$/.test(value.trim());
        if (!byValue && !byName) continue;
        ctx.report([...ref.path, 'env', i, 'value'], `${describeContainer(ref)} sets ${name} to a literal ${byValue ? 'credential' : 'value'}: use a Secret (valueFrom.secretKeyRef).`, { part: 'entry' });
      }
    }
  },
};
