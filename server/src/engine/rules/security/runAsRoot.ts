import { hardeningFix, securityFieldFix } from '../../fix/containerFixes';
import { fixes, type Patch } from '../../fix/yamlEdit';
import { podTemplateOf } from '../../kube/podTemplate';
import { effectiveSecurity } from '../../kube/securityContext';
import { int } from '../../kube/read';
import type { Path } from '../../yaml/locate';
import { containerAnchor, describeContainer, isWindowsPod } from '../anchors';
import type { ObjectRule } from '../rule';

/** A non-root UID for the fix: high enough not to collide with system users of common base images. */
const NON_ROOT_UID = 10001;

export const runAsRoot: ObjectRule = {
  id: 'run-as-root',
  severity: 'warning',
  category: 'security',
  title: 'A container may run as root (runAsNonRoot is not true and runAsUser is 0 or unset).',
  docs: {
    why: 'Most images default to root. Root inside a container is root on the node\'s kernel, limited only by namespaces and capabilities: a container escape or a writable hostPath becomes full node access. `runAsNonRoot: true` makes the kubelet refuse to start a container whose user is root. The pod\'s securityContext applies to every container unless the container overrides it, and this rule follows that merge.',
    fix: 'Set `runAsNonRoot: true` (on the pod or the container) and, if the image\'s user is root, a non-zero `runAsUser`. Setting `runAsNonRoot: true` together with `runAsUser: 0` is an error: the kubelet will not start the container.',
    bad: 'containers:\n  - name: web\n    image: nginx:1.27\n    securityContext:\n      runAsNonRoot: false',
    good: 'securityContext:\n  runAsNonRoot: true\n  runAsUser: 10001\ncontainers:\n  - name: web\n    image: nginx:1.27',
  },
  check(ctx) {
    const t = podTemplateOf(ctx.id.kind, ctx.object);
    if (!t || isWindowsPod(t.spec)) return;
    const podSc = [...t.specPath, 'securityContext'];
    for (const ref of t.containers) {
      const sec = effectiveSecurity(t, ref);
      const uid = int(sec.runAsUser);
      if (uid !== undefined && uid !== 0) continue;
      const where = (from: 'container' | 'pod' | undefined, field: string): Path | undefined =>
        from === 'container' ? [...ref.path, 'securityContext', field] : from === 'pod' ? [...podSc, field] : undefined;
      const patch: Patch = uid === 0 ? { runAsNonRoot: true, runAsUser: NON_ROOT_UID } : { runAsNonRoot: true };
      const fix = fixes(securityFieldFix(ctx.doc, ref, patch, uid === 0 ? `Run "${ref.name}" as user ${NON_ROOT_UID} with runAsNonRoot: true` : 'Set runAsNonRoot: true'), hardeningFix(ctx.doc, ref, t));
      if (sec.runAsNonRoot === true) {
        if (uid === 0) {
          ctx.report(where(sec.runAsUserFrom, 'runAsUser')!, `${describeContainer(ref)} sets runAsUser: 0 with runAsNonRoot: true: the kubelet will refuse to start it.`, { part: 'entry', severity: 'error', fixes: fix });
        }
        continue;
      }
      const anchor = uid === 0 ? where(sec.runAsUserFrom, 'runAsUser')! : (where(sec.runAsNonRootFrom, 'runAsNonRoot') ?? containerAnchor(ctx.doc, ref, ['securityContext']));
      const message = uid === 0 ? `${describeContainer(ref)} runs as root (runAsUser: 0).` : `${describeContainer(ref)} may run as root: runAsNonRoot is not true and no non-root runAsUser is set.`;
      ctx.report(anchor, message, { ...(uid === 0 || sec.runAsNonRootFrom ? { part: 'entry' as const } : {}), fixes: fix });
    }
  },
};
