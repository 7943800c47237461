/**
 * A hand-written SimulationResult for renderer unit tests: it exercises every picture
 * (a NotReady node, a Pending pod with kube-scheduler's reason, a crash loop, a Service
 * without ready endpoints) without depending on the simulator. Browser tests use a real run.
 */
import type { PodInterval, PodResult, SimulationResult } from '../../server/src/engine/cluster/result';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const at = (line: number, file = 'shop.yaml') => ({ file, range: { start: { line, character: 2 }, end: { line, character: 12 } } });

function pod(name: string, owner: string | null, node: string | null, extra: Partial<PodResult> = {}): PodResult {
  return {
    namespace: 'shop',
    name,
    owner,
    node,
    phase: node ? 'Running' : 'Pending',
    ready: node !== null,
    restarts: 0,
    requests: { cpu: 250, memory: 128 * MiB },
    qosClass: 'Burstable',
    ...extra,
  };
}

export function sampleResult(overrides: Partial<SimulationResult> = {}): SimulationResult {
  const pods: PodResult[] = [
    pod('web-7d9f-abcde', 'Deployment/web', 'worker-a', { source: at(24) }),
    pod('web-7d9f-fghij', 'Deployment/web', 'worker-b', { source: at(24) }),
    pod('api-5c6d-klmno', 'Deployment/api', 'worker-a', { requests: { cpu: 1000, memory: 1 * GiB }, ready: false, restarts: 3, reason: 'CrashLoopBackOff', source: at(70) }),
    pod('big-6f7g-pqrst', 'Deployment/big', null, {
      requests: { cpu: 8000, memory: 2 * GiB },
      reason: 'Unschedulable',
      source: at(110),
      scheduling: {
        filters: { 'worker-a': { NodeResourcesFit: 'Insufficient cpu' }, 'worker-b': { NodeResourcesFit: 'Insufficient cpu' } },
        scores: {},
        totals: {},
        selected: null,
        message: '0/2 nodes are available: 2 Insufficient cpu.',
      },
    }),
  ];
  const tl = (p: string, owner: string, node: string | null, spans: [number, number, PodInterval['state']][]): PodInterval[] =>
    spans.map(([from, to, state]) => ({ pod: `shop/${p}`, owner, node, from, to, state }));
  return {
    scenario: 'apply',
    duration: 120,
    pods,
    nodes: [
      {
        name: 'worker-a',
        labels: { 'kubernetes.io/hostname': 'worker-a' },
        taints: [],
        ready: true,
        unschedulable: false,
        allocatable: { cpu: 4000, memory: 8 * GiB, pods: 110 },
        requested: { cpu: 1250, memory: 1152 * MiB, pods: 2 },
        used: { cpu: 600, memory: 700 * MiB, pods: 2 },
        pods: ['shop/web-7d9f-abcde', 'shop/api-5c6d-klmno'],
      },
      {
        name: 'worker-b',
        labels: {},
        taints: [{ key: 'dedicated', value: 'batch', effect: 'NoSchedule' }],
        ready: false,
        unschedulable: false,
        allocatable: { cpu: 2000, memory: 4 * GiB, pods: 110 },
        requested: { cpu: 250, memory: 128 * MiB, pods: 1 },
        used: { cpu: 100, memory: 90 * MiB, pods: 1 },
        pods: ['shop/web-7d9f-fghij'],
      },
    ],
    services: [
      {
        namespace: 'shop',
        name: 'web',
        dns: 'web.shop.svc.cluster.local',
        type: 'ClusterIP',
        selector: { app: 'web' },
        ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
        endpoints: { ready: ['shop/web-7d9f-abcde', 'shop/web-7d9f-fghij'], notReady: [] },
        ingresses: ['shop/web shop.example.com/'],
        source: at(48),
      },
      {
        namespace: 'shop',
        name: 'api',
        dns: 'api.shop.svc.cluster.local',
        type: 'ClusterIP',
        selector: { app: 'api' },
        ports: [{ port: 8080, targetPort: 8080, protocol: 'TCP' }],
        endpoints: { ready: [], notReady: ['shop/api-5c6d-klmno'] },
        ingresses: [],
        source: at(95),
      },
    ],
    events: [
      { time: 0, object: 'Pod/shop/big-6f7g-pqrst', type: 'Warning', reason: 'FailedScheduling', message: '0/2 nodes are available: 2 Insufficient cpu.' },
      { time: 1, object: 'Pod/shop/web-7d9f-abcde', type: 'Normal', reason: 'Scheduled', message: 'Successfully assigned shop/web-7d9f-abcde to worker-a' },
      { time: 1, object: 'Pod/shop/api-5c6d-klmno', type: 'Normal', reason: 'Scheduled', message: 'Successfully assigned shop/api-5c6d-klmno to worker-a' },
      { time: 14, object: 'Pod/shop/api-5c6d-klmno', type: 'Warning', reason: 'Unhealthy', message: 'Liveness probe failed' },
      { time: 15, object: 'Pod/shop/api-5c6d-klmno', type: 'Warning', reason: 'BackOff', message: 'Back-off restarting failed container api' },
    ],
    timeline: [
      ...tl('web-7d9f-abcde', 'Deployment/web', 'worker-a', [[0, 1, 'Pending'], [1, 4, 'ContainerCreating'], [4, 9, 'Running'], [9, 120, 'Ready']]),
      ...tl('web-7d9f-fghij', 'Deployment/web', 'worker-b', [[0, 1, 'Pending'], [1, 5, 'ContainerCreating'], [5, 10, 'Running'], [10, 120, 'Ready']]),
      ...tl('api-5c6d-klmno', 'Deployment/api', 'worker-a', [[0, 1, 'Pending'], [1, 3, 'ContainerCreating'], [3, 15, 'Running'], [15, 25, 'CrashLoopBackOff'], [25, 45, 'Running'], [45, 120, 'CrashLoopBackOff']]),
      ...tl('big-6f7g-pqrst', 'Deployment/big', null, [[0, 120, 'Pending']]),
    ],
    findings: [
      { rule: 'sim-unschedulable', severity: 'error', message: 'Pod big-6f7g-pqrst will stay Pending: 0/2 nodes are available: 2 Insufficient cpu.', object: 'Deployment/shop/big', source: at(118) },
      { rule: 'sim-crash-loop', severity: 'error', message: 'api restarts 3 times and ends in CrashLoopBackOff', object: 'Deployment/shop/api', source: at(80) },
      { rule: 'sim-no-ready-endpoints', severity: 'warning', message: 'Service shop/api has no ready endpoints for 120 s', object: 'Service/shop/api', source: at(95) },
    ],
    applyErrors: [],
    ...overrides,
  };
}
