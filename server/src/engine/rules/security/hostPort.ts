import { podTemplateOf } from '../../kube/podTemplate';
import { int, records } from '../../kube/read';
import { describeContainer } from '../anchors';
import type { ObjectRule } from '../rule';

export const hostPort: ObjectRule = {
  id: 'host-port',
  severity: 'warning',
  category: 'security',
  title: 'A container binds a port on the node (hostPort).',
  docs: {
    why: 'A hostPort opens the port on the node\'s own address, outside Services and (with most CNI plugins) NetworkPolicies. It also limits scheduling: two pods with the same hostPort cannot share a node, so a rolling update or a second replica can stay Pending.',
    fix: 'Remove `hostPort` and expose the container through a Service (NodePort or LoadBalancer if it must be reachable from outside).',
    bad: 'ports:\n  - containerPort: 80\n    hostPort: 8080',
    good: 'ports:\n  - containerPort: 80',
  },
  check(ctx) {
    const t = podTemplateOf(ctx.id.kind, ctx.object);
    if (!t) return;
    for (const ref of t.containers) {
      for (const [i, p] of records((ref.container as unknown as Record<string, unknown>).ports)) {
        const hp = int(p.hostPort);
        if (hp === undefined || hp === 0) continue;
        ctx.report([...ref.path, 'ports', i, 'hostPort'], `${describeContainer(ref)} binds port ${hp} on the node (hostPort).`, { part: 'entry' });
      }
    }
  },
};
