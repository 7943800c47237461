import { hardeningFix, securityFieldFix } from '../../fix/containerFixes';
import { fixes } from '../../fix/yamlEdit';
import { podTemplateOf } from '../../kube/podTemplate';
import { containerSecurity } from '../../kube/securityContext';
import { containerAnchor, describeContainer, isWindowsPod } from '../anchors';
import type { ObjectRule } from '../rule';

export const privilegeEscalation: ObjectRule = {
  id: 'privilege-escalation',
  severity: 'warning',
  category: 'security',
  title: 'A container does not set `allowPrivilegeEscalation: false`.',
  docs: {
    why: 'Unless `allowPrivilegeEscalation` is false, the kernel\'s no_new_privs flag is not set, so a setuid binary (sudo, su, a planted one) can raise the process to root inside the container — the first step of most container escapes. It defaults to allowed.',
    fix: 'Set `securityContext.allowPrivilegeEscalation: false` on every container (the Pod Security Standards "restricted" profile requires it).',
    bad: 'containers:\n  - name: web\n    image: nginx:1.27',
    good: 'containers:\n  - name: web\n    image: nginx:1.27\n    securityContext:\n      allowPrivilegeEscalation: false',
  },
  check(ctx) {
    const t = podTemplateOf(ctx.id.kind, ctx.object);
    if (!t || isWindowsPod(t.spec)) return;
    for (const ref of t.containers) {
      const v = containerSecurity(ref, 'allowPrivilegeEscalation');
      if (v === false) continue;
      const explicit = v === true;
      const anchor = containerAnchor(ctx.doc, ref, ['securityContext', 'allowPrivilegeEscalation'], ['securityContext']);
      const message = explicit
        ? `${describeContainer(ref)} sets allowPrivilegeEscalation: true: a setuid binary can make it root.`
        : `${describeContainer(ref)} does not set allowPrivilegeEscalation: false: a setuid binary can make it root.`;
      ctx.report(anchor, message, {
        ...(explicit ? { part: 'entry' as const } : {}),
        fixes: fixes(securityFieldFix(ctx.doc, ref, { allowPrivilegeEscalation: false }, 'Set allowPrivilegeEscalation: false'), hardeningFix(ctx.doc, ref, t)),
      });
    }
  },
};
