import { parseLabelSelector } from '../../kube/labels';
import { get } from '../../kube/read';
import { SelectorIndex } from '../../lint/selectorIndex';
import { sameNamespace, type PodOwner } from '../../lint/workspaceIndex';
import type { WorkspaceContext, WorkspaceObject } from '../rule';

/** The PodDisruptionBudgets that cover a workload's pods (an empty selector covers the whole namespace). */
export function budgetsFor(ctx: WorkspaceContext, owner: PodOwner): WorkspaceObject[] {
  const index = ctx.index.derived('pdbs', () => {
    const idx = new SelectorIndex<WorkspaceObject>();
    for (const pdb of ctx.index.ofKind('PodDisruptionBudget')) {
      const selector = parseLabelSelector(get(pdb.object, 'spec', 'selector'));
      if (selector) idx.add(selector, pdb);
    }
    return idx;
  });
  return index.matching(owner.template.labels).filter((pdb) => sameNamespace(pdb.id.namespace, owner.object.id.namespace));
}
