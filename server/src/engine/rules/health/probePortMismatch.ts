import { fixes, quickFix, replaceEdits } from '../../fix/yamlEdit';
import { fieldsOf, podTemplateOf } from '../../kube/podTemplate';
import { get, int, records, str } from '../../kube/read';
import { describeContainer } from '../anchors';
import type { ObjectRule } from '../rule';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const HANDLERS = ['httpGet', 'tcpSocket', 'grpc'] as const;

export const probePortMismatch: ObjectRule = {
  id: 'probe-port-mismatch',
  severity: 'warning',
  category: 'health',
  title: 'A probe checks a port the container does not declare (by number or name).',
  docs: {
    why: 'The kubelet resolves a named probe port among the container\'s own ports; an unknown name makes every probe fail, so the container is never ready (readiness) or restarted forever (liveness) — reported as an error. A numeric port that the container does not list (when it lists ports at all) usually means the probe checks the wrong port.',
    fix: 'Use the `name` or `containerPort` of one of the container\'s `ports`, or declare the port the app serves health checks on.',
    bad: 'ports:\n  - name: http\n    containerPort: 8080\nlivenessProbe:\n  httpGet:\n    port: htpp',
    good: 'ports:\n  - name: http\n    containerPort: 8080\nlivenessProbe:\n  httpGet:\n    port: http',
  },
  check(ctx) {
    const t = podTemplateOf(ctx.id.kind, ctx.object);
    if (!t) return;
    for (const ref of t.containers) {
      const c = fieldsOf(ref);
      const ports = records(c.ports);
      const names = new Set(ports.map(([, p]) => str(p.name)).filter((n): n is string => !!n));
      const numbers = new Set(ports.map(([, p]) => int(p.containerPort)).filter((n): n is number => n !== undefined));
      for (const probe of PROBES) {
        for (const handler of HANDLERS) {
          const raw = get(c, probe, handler, 'port');
          if (raw === undefined || raw === null) continue;
          if (handler === 'httpGet' && get(c, probe, handler, 'host')) continue; // another host: its ports are not ours
          const path = [...ref.path, probe, handler, 'port'];
          const named = typeof raw === 'string' && !/^\d+$/.test(raw) ? raw : undefined;
          const number = named === undefined ? int(raw) : undefined;
          const only = ports.length === 1 ? (str(ports[0]![1].name) ?? int(ports[0]![1].containerPort)) : undefined;
          const fix = only !== undefined ? quickFix(`Probe port ${typeof only === 'string' ? `"${only}"` : only} instead`, () => replaceEdits(ctx.doc, path, only), true) : undefined;
          if (named !== undefined && !names.has(named)) {
            ctx.report(path, `${describeContainer(ref)} ${probe} checks port "${named}", but the container has no port of that name: the probe always fails.`, { part: 'value', severity: 'error', fixes: fixes(fix) });
          } else if (number !== undefined && numbers.size > 0 && !numbers.has(number)) {
            ctx.report(path, `${describeContainer(ref)} ${probe} checks port ${number}, which the container does not declare (it declares ${[...numbers].join(', ')}).`, { part: 'value', fixes: fixes(fix) });
          }
        }
      }
    }
  },
};
