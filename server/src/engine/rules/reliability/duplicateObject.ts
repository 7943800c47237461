import { scopeOfKind } from '../../kube/identity';
import { agree } from '../../text/plural';
import { checkByKeys, type WorkspaceObject, type WorkspaceRule } from '../rule';

/** Places named in one message; a generated dump can hold the same object thousands of times. */
const NAMED_PLACES = 3;

function keyOf(o: WorkspaceObject): string | undefined {
  if (!o.id.name) return undefined;
  const ns = scopeOfKind(o.id.kind) === 'Cluster' ? '' : (o.id.namespace ?? '');
  const group = o.id.apiVersion.includes('/') ? o.id.apiVersion.slice(0, o.id.apiVersion.indexOf('/')) : '';
  return `${group}/${o.id.kind}/${ns}/${o.id.name}`;
}

export const duplicateObject: WorkspaceRule = {
  id: 'duplicate-object',
  severity: 'error',
  category: 'reliability',
  title: 'The same object (kind, namespace, name) is defined more than once.',
  docs: {
    why: 'kubectl applies the documents one after another, so the last definition silently wins and the others are lost. This usually means a copy-paste that forgot to rename.',
    fix: 'Rename one of the objects or delete the duplicate.',
    bad: 'kind: ConfigMap\nmetadata:\n  name: settings\n---\nkind: ConfigMap\nmetadata:\n  name: settings',
  },
  keyed: {
    keysOf: (o) => {
      const key = keyOf(o);
      return key ? [key] : [];
    },
    checkKey(_key, list, report) {
      if (list.length < 2) return;
      // each place is located once and a message names the first few in file order: n copies cost n log n, not n²
      const lines = list.map((x) => x.lineOffset + x.doc.rangeOf(['metadata', 'name']).start.line + 1);
      const first = list
        .map((_, i) => i)
        .sort((a, b) => (list[a]!.file < list[b]!.file ? -1 : list[a]!.file > list[b]!.file ? 1 : lines[a]! - lines[b]!))
        .slice(0, NAMED_PLACES + 1);
      for (let i = 0; i < list.length; i++) {
        const o = list[i]!;
        const others = first.filter((j) => j !== i).slice(0, NAMED_PLACES).map((j) => `${list[j]!.file}:${lines[j]}`);
        const more = list.length - 1 - others.length;
        const rest = more > 0 ? ` and ${more.toLocaleString('en-US')} other ${agree(more, 'place', 'places')}` : '';
        report(o, ['metadata', 'name'], `${o.id.kind} "${o.id.name}" is also defined at ${others.join(', ')}${rest}.`);
      }
    },
  },
  check(ctx) {
    checkByKeys(duplicateObject.keyed!)(ctx);
  },
};
