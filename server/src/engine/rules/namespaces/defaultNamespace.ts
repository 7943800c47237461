import { fixes, patchEdits, quickFix } from '../../fix/yamlEdit';
import { scopeOfKind } from '../../kube/identity';
import { str } from '../../kube/read';
import type { WorkspaceContext, WorkspaceRule } from '../rule';

function directoryOf(file: string): string {
  const i = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return i < 0 ? '' : file.slice(0, i);
}

interface NamespaceHints {
  /** Folders whose kustomization.yaml sets `namespace:` for every resource. */
  kustomized: Set<string>;
  /** The namespace most objects of each file use. */
  perFile: Map<string, string>;
  /** The only namespace the workspace creates, if exactly one. */
  only: string | undefined;
}

function hints(ctx: WorkspaceContext): NamespaceHints {
  return ctx.index.derived('namespaceHints', () => {
    const kustomized = new Set<string>();
    for (const k of ctx.index.ofKind('Kustomization')) if (str(k.object.namespace)) kustomized.add(directoryOf(k.file));
    const counts = new Map<string, Map<string, number>>();
    for (const o of ctx.index.objects) {
      const ns = o.id.namespace;
      if (!ns || ns === 'default') continue;
      let m = counts.get(o.file);
      if (!m) counts.set(o.file, (m = new Map()));
      m.set(ns, (m.get(ns) ?? 0) + 1);
    }
    const perFile = new Map<string, string>();
    for (const [file, m] of counts) perFile.set(file, [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0]);
    const created = ctx.index.ofKind('Namespace').map((n) => n.id.name).filter((n): n is string => !!n && !n.startsWith('kube-') && n !== 'default');
    return { kustomized, perFile, only: created.length === 1 ? created[0] : undefined };
  });
}

export const defaultNamespace: WorkspaceRule = {
  id: 'default-namespace',
  severity: 'warning',
  category: 'namespaces',
  title: 'A namespaced object goes to the `default` namespace.',
  docs: {
    why: 'Objects without a namespace land in whatever namespace kubectl points at, usually `default`, where they share names, quotas and RBAC with everything else. Explicit namespaces make manifests reproducible and let you apply quotas and policies per team. Files next to a kustomization.yaml that sets `namespace:` are not reported: kustomize sets it.',
    fix: 'Set `metadata.namespace` to the namespace the object belongs to (the quick fix proposes the namespace the other objects of the file use, or the one Namespace the workspace creates).',
    bad: 'metadata:\n  name: web',
    good: 'metadata:\n  name: web\n  namespace: shop',
  },
  check(ctx) {
    const h = hints(ctx);
    for (const o of ctx.subjects.objects) {
      if (scopeOfKind(o.id.kind) !== 'Namespaced') continue;
      const ns = o.id.namespace;
      const name = o.id.name ?? '';
      if (ns === undefined) {
        if (h.kustomized.has(directoryOf(o.file))) continue;
        const suggestion = h.perFile.get(o.file) ?? h.only;
        // the rangeOf fallback marks `metadata` when there is no name
        const anchor = ['metadata', 'name'];
        const fix = suggestion ? quickFix(`Set namespace: ${suggestion}`, () => patchEdits(o.doc, ['metadata'], { namespace: suggestion }), true) : undefined;
        ctx.report(o, anchor, `${o.id.kind} "${name}" has no namespace and will be created in the current (usually default) namespace.`, { fixes: fixes(fix) });
      } else if (ns === 'default') {
        ctx.report(o, ['metadata', 'namespace'], `${o.id.kind} "${name}" is in the default namespace.`, { part: 'entry' });
      }
    }
  },
};
