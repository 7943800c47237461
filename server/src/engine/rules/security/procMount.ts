import { fixes, quickFix, replaceEdits } from '../../fix/yamlEdit';
import { podTemplateOf } from '../../kube/podTemplate';
import { containerSecurity } from '../../kube/securityContext';
import { describeContainer } from '../anchors';
import type { ObjectRule } from '../rule';

export const procMount: ObjectRule = {
  id: 'proc-mount',
  severity: 'warning',
  category: 'security',
  title: 'A container unmasks /proc (procMount other than Default).',
  docs: {
    why: 'The runtime masks sensitive parts of /proc (kcore, timer lists, sysrq-trigger) so a container cannot read kernel memory or poke the host. `procMount: Unmasked` removes that protection; it is only meant for nested container runtimes.',
    fix: 'Remove `procMount` or set it to `Default`.',
    bad: 'securityContext:\n  procMount: Unmasked',
    good: 'securityContext:\n  procMount: Default',
  },
  check(ctx) {
    const t = podTemplateOf(ctx.id.kind, ctx.object);
    if (!t) return;
    for (const ref of t.containers) {
      const v = containerSecurity(ref, 'procMount');
      if (v === undefined || v === null || v === 'Default') continue;
      const path = [...ref.path, 'securityContext', 'procMount'];
      ctx.report(path, `${describeContainer(ref)} sets procMount: ${String(v)}: /proc is not masked.`, {
        part: 'entry',
        fixes: fixes(quickFix('Set procMount: Default', () => replaceEdits(ctx.doc, path, 'Default'), true)),
      });
    }
  },
};
