import { parseLabelSelector } from '../../kube/labels';
import { get, list } from '../../kube/read';
import { SelectorIndex } from '../../lint/selectorIndex';
import { sameNamespace } from '../../lint/workspaceIndex';
import type { WorkspaceContext, WorkspaceObject, WorkspaceRule } from '../rule';

interface Policy {
  np: WorkspaceObject;
  ingress: boolean;
  egress: boolean;
}

/**
 * Which directions a NetworkPolicy isolates. policyTypes defaults to Ingress, plus Egress when
 * the policy has egress rules (networking/v1 NetworkPolicySpec); a listed type isolates that
 * direction even with no rules (deny all).
 */
function policies(ctx: WorkspaceContext): SelectorIndex<Policy> {
  return ctx.index.derived('networkPolicies', () => {
    const out = new SelectorIndex<Policy>();
    for (const np of ctx.index.ofKind('NetworkPolicy')) {
      const spec = get(np.object, 'spec');
      const selector = parseLabelSelector(get(spec, 'podSelector') ?? {});
      if (!selector) continue;
      const types = get(spec, 'policyTypes');
      let ingress: boolean;
      let egress: boolean;
      if (Array.isArray(types) && types.length > 0) {
        ingress = types.includes('Ingress');
        egress = types.includes('Egress');
      } else {
        ingress = true;
        egress = list(get(spec, 'egress')).length > 0;
      }
      out.add(selector, { np, ingress, egress });
    }
    return out;
  });
}

export const missingNetworkPolicy: WorkspaceRule = {
  id: 'missing-network-policy',
  severity: 'info',
  category: 'security',
  title: 'A workload\'s pods are not isolated by a NetworkPolicy (for ingress and egress).',
  docs: {
    why: 'Kubernetes networking is open by default: any pod can reach any other pod, and a compromised pod can probe the whole cluster and call out anywhere. A NetworkPolicy selecting the pods, with Ingress and Egress policy types, limits who can reach them and where they can go. Informational: turn it off if your CNI does not enforce NetworkPolicies.',
    fix: 'Add a NetworkPolicy whose podSelector matches the pods, with `policyTypes: [Ingress, Egress]` and rules for the traffic the app needs (a default-deny policy with an empty podSelector covers a whole namespace).',
    bad: 'kind: Deployment   # and no NetworkPolicy selects its pods',
    good: 'kind: NetworkPolicy\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]',
  },
  check(ctx) {
    const all = policies(ctx);
    for (const owner of ctx.subjects.podOwners()) {
      const o = owner.object;
      const ns = o.id.namespace;
      let ingress = false;
      let egress = false;
      for (const p of all.matching(owner.template.labels)) {
        if (!sameNamespace(p.np.id.namespace, ns)) continue;
        ingress ||= p.ingress;
        egress ||= p.egress;
      }
      if (ingress && egress) continue;
      const message = !ingress && !egress ? 'for ingress or egress: any pod can reach it and it can reach anything' : !ingress ? 'for ingress: any pod can reach it' : 'for egress: it can reach anything';
      ctx.report(o, ['metadata', 'name'], `${o.id.kind} "${o.id.name ?? ''}" is not isolated by a NetworkPolicy ${message}.`);
    }
  },
};
