import { fixes, quickFix, replaceEdits } from '../../fix/yamlEdit';
import { compareQuantities, parseQuantity } from '../../kube/quantity';
import { fieldsOf, podTemplateOf } from '../../kube/podTemplate';
import { get, isRecord } from '../../kube/read';
import { describeContainer } from '../anchors';
import type { ObjectRule } from '../rule';

/** A quantity as the author wrote it: numbers stay numbers. */
function asWritten(raw: unknown, text: string): string | number {
  return typeof raw === 'number' ? raw : text;
}

export const requestExceedsLimit: ObjectRule = {
  id: 'request-exceeds-limit',
  severity: 'error',
  category: 'resources',
  title: 'A container requests more of a resource than its limit allows.',
  docs: {
    why: 'A request above the limit is invalid: the API server rejects the pod ("must be less than or equal to … limit"), so the Deployment never gets pods. Quantities are compared exactly (`1` CPU equals `1000m`, `1Gi` is more than `1G`).',
    fix: 'Lower the request or raise the limit so that request ≤ limit.',
    bad: 'resources:\n  requests:\n    memory: 1Gi\n  limits:\n    memory: 512Mi',
    good: 'resources:\n  requests:\n    memory: 512Mi\n  limits:\n    memory: 512Mi',
  },
  check(ctx) {
    const t = podTemplateOf(ctx.id.kind, ctx.object);
    if (!t) return;
    for (const ref of t.containers) {
      const res = fieldsOf(ref).resources;
      const requests = get(res, 'requests');
      const limits = get(res, 'limits');
      if (!isRecord(requests) || !isRecord(limits)) continue;
      for (const [resource, raw] of Object.entries(requests)) {
        const req = parseQuantity(raw);
        const lim = parseQuantity(limits[resource]);
        if (!req || !lim || compareQuantities(req, lim) <= 0) continue;
        const path = [...ref.path, 'resources', 'requests', resource];
        ctx.report(path, `${describeContainer(ref)} requests ${req.text} ${resource}, more than its limit ${lim.text}: the API server rejects it.`, {
          part: 'entry',
          fixes: fixes(
            quickFix(`Lower the ${resource} request to the limit (${lim.text})`, () => replaceEdits(ctx.doc, path, asWritten(limits[resource], lim.text)), true),
            quickFix(`Raise the ${resource} limit to the request (${req.text})`, () => replaceEdits(ctx.doc, [...ref.path, 'resources', 'limits', resource], asWritten(raw, req.text))),
          ),
        });
      }
    }
  },
};
