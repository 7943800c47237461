import { hardeningFix, securityFieldFix } from '../../fix/containerFixes';
import { fixes } from '../../fix/yamlEdit';
import { podTemplateOf } from '../../kube/podTemplate';
import { containerSecurity } from '../../kube/securityContext';
import { containerAnchor, describeContainer, isWindowsPod } from '../anchors';
import type { ObjectRule } from '../rule';

export const writableRootFs: ObjectRule = {
  id: 'writable-root-fs',
  severity: 'warning',
  category: 'security',
  title: 'A container\'s root filesystem is writable (readOnlyRootFilesystem is not true).',
  docs: {
    why: 'A writable root filesystem lets an attacker who gets code execution drop binaries, modify the app and persist until the pod is replaced; it also hides state the app writes where nobody expects it. A read-only root makes containers immutable.',
    fix: 'Set `securityContext.readOnlyRootFilesystem: true` and mount an `emptyDir` volume where the app needs to write (e.g. `/tmp`).',
    bad: 'containers:\n  - name: web\n    image: nginx:1.27',
    good: 'containers:\n  - name: web\n    image: nginx:1.27\n    securityContext:\n      readOnlyRootFilesystem: true\n    volumeMounts:\n      - name: tmp\n        mountPath: /tmp',
  },
  check(ctx) {
    const t = podTemplateOf(ctx.id.kind, ctx.object);
    if (!t || isWindowsPod(t.spec)) return;
    for (const ref of t.containers) {
      const v = containerSecurity(ref, 'readOnlyRootFilesystem');
      if (v === true) continue;
      const anchor = containerAnchor(ctx.doc, ref, ['securityContext', 'readOnlyRootFilesystem'], ['securityContext']);
      ctx.report(anchor, `${describeContainer(ref)} has a writable root filesystem.`, {
        ...(v === false ? { part: 'entry' as const } : {}),
        fixes: fixes(securityFieldFix(ctx.doc, ref, { readOnlyRootFilesystem: true }, 'Set readOnlyRootFilesystem: true'), hardeningFix(ctx.doc, ref, t)),
      });
    }
  },
};
