import { podTemplateOf } from '../../kube/podTemplate';
import type { ObjectRule } from '../rule';
import { hostPathVolumes, isRuntimeSocket } from './hostPathVolumes';

export const hostPathMount: ObjectRule = {
  id: 'host-path-mount',
  severity: 'warning',
  category: 'security',
  title: 'A pod mounts a directory or file of the node (hostPath volume).',
  docs: {
    why: 'A hostPath volume exposes the node\'s filesystem to the pod: writable mounts of `/`, `/etc`, `/var/lib/kubelet` or `/proc` are direct node takeover, and even read-only ones leak credentials of other pods. The data also stays on one node, so the pod breaks when rescheduled. (Container runtime sockets are reported by `docker-socket-mount` instead.)',
    fix: 'Use a PersistentVolumeClaim, a ConfigMap/Secret, or an `emptyDir` instead. If a node agent truly needs a host path, mount it `readOnly: true`, narrow it to one file, and suppress the finding on that object.',
    bad: 'volumes:\n  - name: logs\n    hostPath:\n      path: /var/log',
    good: 'volumes:\n  - name: logs\n    emptyDir: {}',
  },
  check(ctx) {
    const t = podTemplateOf(ctx.id.kind, ctx.object);
    if (!t) return;
    for (const v of hostPathVolumes(t)) {
      if (isRuntimeSocket(v.hostPath)) continue;
      ctx.report(v.path, `Volume "${v.name}" mounts the node's ${v.hostPath ? `"${v.hostPath}"` : 'filesystem'} (hostPath).`);
    }
  },
};
