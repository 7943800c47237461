import { podTemplateOf } from '../kube/podTemplate';
import { get, records } from '../kube/read';
import type { WorkspaceObject } from '../rules/rule';

/**
 * What workspace rules may read of an object when checking *other* objects: its identity and
 * file, its pod template's labels, container names, ports and resource keys, and the fields of
 * the kinds other objects point at (autoscalers, service accounts, RBAC, budgets, policies,
 * Services, generators of ConfigMaps/Secrets, CustomResourceDefinitions). An edit that leaves every changed object's facts
 * as they were cannot change any other object's findings, so only the edited file is re-checked.
 * test/unit/workspace-incremental.test.ts checks this against full runs.
 */
export function crossFacts(o: WorkspaceObject): string {
  let byFile = cache.get(o.object);
  if (!byFile) cache.set(o.object, (byFile = new Map()));
  let facts = byFile.get(o.file);
  if (facts === undefined) byFile.set(o.file, (facts = compute(o)));
  return facts;
}

const cache = new WeakMap<object, Map<string, string>>();

function resourceKeys(res: unknown, kind: string): string {
  const block = get(res, kind);
  return block && typeof block === 'object' && !Array.isArray(block) ? Object.keys(block).sort().join(',') : '';
}

function compute(o: WorkspaceObject): string {
  const obj = o.object;
  const parts: unknown[] = [o.file, o.id.apiVersion, o.id.kind, o.id.namespace ?? null, o.id.name ?? null];
  const t = podTemplateOf(o.id.kind, obj);
  if (t) {
    parts.push(t.labels);
    for (const c of t.containers) {
      const fields = c.container as unknown as Record<string, unknown>;
      parts.push([c.name, c.role, records(fields.ports).map(([, p]) => [p.name, p.containerPort]), resourceKeys(fields.resources, 'requests'), resourceKeys(fields.resources, 'limits')]);
    }
  }
  switch (o.id.kind) {
    case 'HorizontalPodAutoscaler':
      parts.push(get(obj, 'spec', 'scaleTargetRef'), get(obj, 'spec', 'minReplicas'), get(obj, 'spec', 'maxReplicas'));
      break;
    case 'ServiceAccount':
      parts.push(obj.automountServiceAccountToken);
      break;
    case 'RoleBinding':
    case 'ClusterRoleBinding':
      parts.push(obj.subjects, obj.roleRef);
      break;
    case 'Role':
    case 'ClusterRole':
      parts.push(obj.rules, obj.aggregationRule !== undefined);
      break;
    case 'PodDisruptionBudget':
      parts.push(get(obj, 'spec', 'selector'));
      break;
    case 'NetworkPolicy':
      parts.push(get(obj, 'spec', 'podSelector'), get(obj, 'spec', 'policyTypes'), Array.isArray(get(obj, 'spec', 'egress')) && (get(obj, 'spec', 'egress') as unknown[]).length > 0);
      break;
    case 'Service':
      parts.push(get(obj, 'spec', 'selector'), get(obj, 'spec', 'ports'), get(obj, 'spec', 'type'));
      break;
    case 'Kustomization':
      parts.push(obj.namespace, obj.configMapGenerator, obj.secretGenerator);
      break;
    case 'SealedSecret':
    case 'ExternalSecret':
    case 'Certificate':
    case 'CustomResourceDefinition':
      parts.push(obj.spec);
      break;
  }
  try {
    return JSON.stringify(parts);
  } catch {
    // a self-referencing alias cannot be summarized: never equal, so every run is a full one
    return `!${unique++}`;
  }
}

let unique = 0;
