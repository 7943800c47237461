import { hardeningFix, securityFieldFix } from '../../fix/containerFixes';
import { fixes, quickFix, removeItemEdits } from '../../fix/yamlEdit';
import { podTemplateOf } from '../../kube/podTemplate';
import { capabilityList, containerSecurity } from '../../kube/securityContext';
import { containerAnchor, describeContainer, isWindowsPod } from '../anchors';
import type { ObjectRule } from '../rule';

/** Capabilities that amount to (or quickly lead to) root on the node. */
const DANGEROUS = new Set(['ALL', 'SYS_ADMIN', 'NET_ADMIN', 'NET_RAW', 'SYS_PTRACE', 'SYS_MODULE', 'SYS_RAWIO', 'DAC_READ_SEARCH', 'BPF']);

/**
 * The set container runtimes grant by default (containerd and CRI-O `defaultCapabilities`).
 * Dropping each of them is as good as dropping ALL.
 */
const RUNTIME_DEFAULTS = ['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'NET_RAW', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT'];

export const dangerousCapabilities: ObjectRule = {
  id: 'dangerous-capabilities',
  severity: 'warning',
  category: 'security',
  title: 'A container adds a dangerous Linux capability (SYS_ADMIN, NET_ADMIN, NET_RAW, ALL, …) or keeps the runtime defaults instead of dropping ALL.',
  docs: {
    why: 'Capabilities are pieces of root. SYS_ADMIN is nearly all of it (mounts, namespaces — the usual escape route), NET_ADMIN rewrites the node\'s network, NET_RAW allows ARP/DNS spoofing of neighbours, SYS_PTRACE and SYS_MODULE reach other processes and the kernel. Even without `add`, the runtime grants about 14 capabilities by default (NET_RAW among them); few apps need any.',
    fix: 'Drop ALL and add back only what the process needs: `capabilities: { drop: [ALL], add: [NET_BIND_SERVICE] }`. Capability names are read case-insensitively, with or without `CAP_`, as the runtimes do.',
    bad: 'securityContext:\n  capabilities:\n    add: [SYS_ADMIN]',
    good: 'securityContext:\n  capabilities:\n    drop: [ALL]',
  },
  check(ctx) {
    const t = podTemplateOf(ctx.id.kind, ctx.object);
    if (!t || isWindowsPod(t.spec)) return;
    for (const ref of t.containers) {
      const addPath = [...ref.path, 'securityContext', 'capabilities', 'add'];
      for (const { name, index } of capabilityList(ref, 'add')) {
        if (!DANGEROUS.has(name)) continue;
        ctx.report([...addPath, index], `${describeContainer(ref)} adds capability ${name}${name === 'ALL' ? ': every capability, as good as root on the node' : ''}.`, {
          fixes: fixes(quickFix(`Remove ${name} from the added capabilities`, () => removeItemEdits(ctx.doc, addPath, index), true)),
        });
      }
      // Privileged containers get every capability anyway: privileged-container says so.
      if (containerSecurity(ref, 'privileged') === true) continue;
      const dropped = new Set(capabilityList(ref, 'drop').map((c) => c.name));
      if (dropped.has('ALL') || RUNTIME_DEFAULTS.every((c) => dropped.has(c))) continue;
      const kept = RUNTIME_DEFAULTS.filter((c) => !dropped.has(c));
      const anchor = containerAnchor(ctx.doc, ref, ['securityContext', 'capabilities', 'drop'], ['securityContext', 'capabilities'], ['securityContext']);
      ctx.report(anchor, `${describeContainer(ref)} does not drop ALL capabilities: it keeps ${kept.length} runtime defaults${kept.includes('NET_RAW') ? ', NET_RAW among them' : ` (${kept.join(', ')})`}.`, {
        fixes: fixes(securityFieldFix(ctx.doc, ref, { capabilities: { drop: ['ALL'] } }, 'Drop ALL capabilities'), hardeningFix(ctx.doc, ref, t)),
      });
    }
  },
};
