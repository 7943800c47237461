import { hardeningFix } from '../../fix/containerFixes';
import { fixes, quickFix, replaceEdits } from '../../fix/yamlEdit';
import { podTemplateOf } from '../../kube/podTemplate';
import { containerSecurity } from '../../kube/securityContext';
import { describeContainer } from '../anchors';
import type { ObjectRule } from '../rule';

export const privilegedContainer: ObjectRule = {
  id: 'privileged-container',
  severity: 'warning',
  category: 'security',
  title: 'A container runs privileged.',
  docs: {
    why: 'A privileged container has every Linux capability and the host\'s devices, with no seccomp or AppArmor confinement: escaping to the node is trivial, so one compromised process owns the node and every pod on it.',
    fix: 'Set `securityContext.privileged: false` and grant only the specific capabilities the process needs (`capabilities.add`). Node agents that really need it (CNI, storage drivers) should be suppressed explicitly.',
    bad: 'containers:\n  - name: web\n    image: nginx:1.27\n    securityContext:\n      privileged: true',
    good: 'containers:\n  - name: web\n    image: nginx:1.27\n    securityContext:\n      privileged: false',
  },
  check(ctx) {
    const t = podTemplateOf(ctx.id.kind, ctx.object);
    if (!t) return;
    for (const ref of t.containers) {
      if (containerSecurity(ref, 'privileged') !== true) continue;
      const path = [...ref.path, 'securityContext', 'privileged'];
      ctx.report(path, `${describeContainer(ref)} runs privileged: it has full access to the node.`, {
        part: 'entry',
        fixes: fixes(quickFix('Set privileged: false', () => replaceEdits(ctx.doc, path, false), true), hardeningFix(ctx.doc, ref, t)),
      });
    }
  },
};
