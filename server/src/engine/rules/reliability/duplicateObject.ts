import { scopeOfKind } from '../../kube/identity';
import { checkByKeys, type WorkspaceObject, type WorkspaceRule } from '../rule';

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
      for (const o of list) {
        const others = list.filter((x) => x !== o).map((x) => `${x.file}:${x.lineOffset + x.doc.rangeOf(['metadata', 'name']).start.line + 1}`);
        report(o, ['metadata', 'name'], `${o.id.kind} "${o.id.name}" is also defined at ${others.join(', ')}.`);
      }
    },
  },
  check(ctx) {
    checkByKeys(duplicateObject.keyed!)(ctx);
  },
};
