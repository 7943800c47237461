import { fixes, quickFix, replaceEdits } from '../../fix/yamlEdit';
import { podTemplateOf } from '../../kube/podTemplate';
import type { ObjectRule } from '../rule';

type Field = 'hostNetwork' | 'hostPID' | 'hostIPC';

function hostNamespaceRule(field: Field, meta: Omit<ObjectRule, 'check' | 'category' | 'severity'>, consequence: string): ObjectRule {
  return {
    ...meta,
    severity: 'warning',
    category: 'security',
    check(ctx) {
      const t = podTemplateOf(ctx.id.kind, ctx.object);
      if (!t || t.spec[field] !== true) return;
      const path = [...t.specPath, field];
      ctx.report(path, `${ctx.id.kind} "${ctx.id.name ?? ''}" sets ${field}: true: ${consequence}.`, {
        part: 'entry',
        fixes: fixes(quickFix(`Set ${field}: false`, () => replaceEdits(ctx.doc, path, false), true)),
      });
    },
  };
}

export const hostNetwork = hostNamespaceRule(
  'hostNetwork',
  {
    id: 'host-network',
    title: 'A pod uses the node\'s network namespace (hostNetwork).',
    docs: {
      why: 'With hostNetwork the pod shares the node\'s network stack: it can bind any node port, reach services listening on localhost (the kubelet, cloud metadata proxies), sniff traffic, and bypass NetworkPolicies, which do not apply to host-network pods.',
      fix: 'Remove `hostNetwork: true` and expose the pod through a Service. Node agents that need it (CNI plugins, node exporters) should be suppressed explicitly.',
      bad: 'spec:\n  hostNetwork: true',
      good: 'spec:\n  hostNetwork: false',
    },
  },
  'it shares the node\'s network stack and bypasses NetworkPolicies',
);

export const hostPid = hostNamespaceRule(
  'hostPID',
  {
    id: 'host-pid',
    title: 'A pod shares the node\'s process namespace (hostPID).',
    docs: {
      why: 'With hostPID the pod sees every process on the node, can read their environment (secrets included) and, with enough privilege, signal or ptrace them — a short path to node takeover.',
      fix: 'Remove `hostPID: true`. Use `shareProcessNamespace` if containers of one pod need to see each other.',
      bad: 'spec:\n  hostPID: true',
      good: 'spec:\n  shareProcessNamespace: true',
    },
  },
  'it sees and can signal every process on the node',
);

export const hostIpc = hostNamespaceRule(
  'hostIPC',
  {
    id: 'host-ipc',
    title: 'A pod shares the node\'s IPC namespace (hostIPC).',
    docs: {
      why: 'With hostIPC the pod can read and write the shared memory and message queues of every process on the node, leaking or corrupting other workloads\' data.',
      fix: 'Remove `hostIPC: true`; containers of one pod already share IPC with each other.',
      bad: 'spec:\n  hostIPC: true',
      good: 'spec:\n  hostIPC: false',
    },
  },
  'it can read the shared memory of every process on the node',
);
