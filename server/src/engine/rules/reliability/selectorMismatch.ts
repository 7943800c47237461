import { fixes, patchEdits, quickFix, type Patch } from '../../fix/yamlEdit';
import { formatSelector, labelsOf, parseLabelSelector, selectorFromLabels, selectorMatches, type LabelSelector } from '../../kube/labels';
import { podTemplateOf } from '../../kube/podTemplate';
import { get, isRecord } from '../../kube/read';
import type { Path } from '../../yaml/locate';
import type { ObjectRule } from '../rule';

/** The workload's selector and where it is; ReplicationController uses a plain map, Jobs only with manualSelector. */
function selectorOf(kind: string, object: Record<string, unknown>): { selector: LabelSelector; path: Path; plain: boolean } | undefined {
  const raw = get(object, 'spec', 'selector');
  if (raw === undefined || raw === null) return undefined;
  if (kind === 'ReplicationController') return isRecord(raw) ? { selector: selectorFromLabels(labelsOf(raw)), path: ['spec', 'selector'], plain: true } : undefined;
  if (kind === 'Job' && get(object, 'spec', 'manualSelector') !== true) return undefined;
  if (!['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job'].includes(kind)) return undefined;
  const selector = parseLabelSelector(raw);
  return selector ? { selector, path: ['spec', 'selector'], plain: false } : undefined;
}

export const selectorMismatch: ObjectRule = {
  id: 'selector-mismatch',
  severity: 'error',
  category: 'reliability',
  title: 'A workload\'s selector does not match its own pod template labels.',
  docs: {
    why: 'A controller manages the pods its selector matches. The API server rejects a Deployment, StatefulSet, DaemonSet or ReplicaSet whose selector does not match its template ("selector does not match template labels"); for older kinds the controller creates pods forever without ever seeing them.',
    fix: 'Give the pod template (`spec.template.metadata.labels`) every label of `spec.selector`. The selector of an existing workload is immutable, so change the template, not the selector.',
    bad: 'selector:\n  matchLabels:\n    app: web\ntemplate:\n  metadata:\n    labels:\n      app: frontend',
    good: 'selector:\n  matchLabels:\n    app: web\ntemplate:\n  metadata:\n    labels:\n      app: web',
  },
  check(ctx) {
    const sel = selectorOf(ctx.id.kind, ctx.object);
    const t = podTemplateOf(ctx.id.kind, ctx.object);
    if (!sel || !t || ctx.id.kind === 'Pod') return;
    if (selectorMatches(sel.selector, t.labels)) return;
    const wrongKey = Object.keys(sel.selector.matchLabels).find((k) => t.labels[k] !== sel.selector.matchLabels[k]);
    const anchor: Path = wrongKey !== undefined ? (sel.plain ? [...sel.path, wrongKey] : [...sel.path, 'matchLabels', wrongKey]) : sel.path;
    const labels = Object.keys(t.labels).length ? formatSelector(selectorFromLabels(t.labels)) : 'none';
    const fix =
      sel.selector.matchExpressions.length === 0
        ? quickFix('Add the selector\'s labels to the pod template', () => patchEdits(ctx.doc, t.metadataPath.slice(0, -1), { metadata: { labels: sel.selector.matchLabels as Patch } }), true)
        : undefined;
    ctx.report(anchor, `${ctx.id.kind} "${ctx.id.name ?? ''}" selects ${formatSelector(sel.selector)}, but its pod template has labels ${labels}.`, {
      ...(wrongKey !== undefined ? { part: 'entry' as const } : {}),
      fixes: fixes(fix),
    });
  },
};
