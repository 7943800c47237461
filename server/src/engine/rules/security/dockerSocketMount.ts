import { podTemplateOf } from '../../kube/podTemplate';
import type { ObjectRule } from '../rule';
import { hostPathVolumes, isRuntimeSocket } from './hostPathVolumes';

export const dockerSocketMount: ObjectRule = {
  id: 'docker-socket-mount',
  severity: 'warning',
  category: 'security',
  title: 'A pod mounts the container runtime\'s socket (docker.sock, containerd.sock, crio.sock).',
  docs: {
    why: 'Whoever talks to the runtime socket can start a privileged container with the node\'s root filesystem mounted: it is root on the node, whatever the pod\'s securityContext says.',
    fix: 'Do not mount the runtime socket. Build images with a daemonless builder (BuildKit rootless, Kaniko) and read container metadata from the Kubernetes API instead.',
    bad: 'volumes:\n  - name: docker\n    hostPath:\n      path: /var/run/docker.sock',
    good: 'volumes:\n  - name: cache\n    emptyDir: {}',
  },
  check(ctx) {
    const t = podTemplateOf(ctx.id.kind, ctx.object);
    if (!t) return;
    for (const v of hostPathVolumes(t)) {
      if (!isRuntimeSocket(v.hostPath)) continue;
      ctx.report([...v.path, 'path'], `Volume "${v.name}" mounts the container runtime socket "${v.hostPath}": that is root on the node.`, { part: 'value' });
    }
  },
};
