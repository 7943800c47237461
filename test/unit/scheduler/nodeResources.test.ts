/**
 * NodeResourcesFit and NodeResourcesBalancedAllocation against upstream's own cases: kubernetes/kubernetes
 * pkg/scheduler/framework/plugins/noderesources/fit_test.go (TestEnoughRequests),
 * least_allocated_test.go (TestLeastAllocatedScoringStrategy) and balanced_allocation_test.go
 * (TestNodeResourcesBalancedAllocation). Capacities, requests and expected results are theirs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Container, Node, Pod } from 'kubernetes-types/core/v1';
import { ClusterSnapshot, PodInfo } from '../../../server/src/engine/cluster/scheduler';
import { NodeResourcesFit } from '../../../server/src/engine/cluster/scheduler/plugins/noderesources/fit';
import { NodeResourcesBalancedAllocation } from '../../../server/src/engine/cluster/scheduler/plugins/noderesources/balancedAllocation';
import type { Plugin } from '../../../server/src/engine/cluster/scheduler';

type Req = Record<string, string | number>;
let seq = 0;
const containers = (reqs: Req[]): Container[] =>
  reqs.map((r, i) => ({ name: `c${i}`, image: 'x', resources: { requests: Object.fromEntries(Object.entries(r).map(([k, v]) => [k, String(v)])) } }));
/** upstream's newResourcePod / newResourceInitPod / st.MakePod().Req(...) */
function pod(reqs: Req[], init: Req[] = [], node?: string): Pod {
  return { metadata: { name: `p${seq++}`, namespace: 'default' }, spec: { containers: containers(reqs), initContainers: containers(init), nodeName: node } };
}
function node(name: string, allocatable: Req): Node {
  return { metadata: { name }, status: { allocatable: Object.fromEntries(Object.entries(allocatable).map(([k, v]) => [k, String(v)])) } };
}

test('fit_test.go TestEnoughRequests', () => {
  // makeAllocatableResources(10, 20, 32, 5, 20, 5): 10m cpu, 20 bytes, 32 pods, 5 example.com/aaa, 20 bytes storage, 5 hugepages-2Mi.
  const alloc = { cpu: '10m', memory: 20, pods: 32, 'example.com/aaa': 5, 'ephemeral-storage': 20, 'hugepages-2Mi': 5 };
  const A = 'example.com/aaa';
  const B = 'example.com/bbb';
  const cases: [string, Pod, Req, string[]][] = [
    ['no resources requested always fits', pod([]), { cpu: '10m', memory: 20 }, []],
    ['too many resources fails', pod([{ cpu: '1m', memory: 1 }]), { cpu: '10m', memory: 20 }, ['Insufficient cpu', 'Insufficient memory']],
    ['too many resources fails due to init container cpu', pod([{ cpu: '1m', memory: 1 }], [{ cpu: '3m', memory: 1 }]), { cpu: '8m', memory: 19 }, ['Insufficient cpu']],
    ['too many resources fails due to highest init container cpu', pod([{ cpu: '1m', memory: 1 }], [{ cpu: '3m', memory: 1 }, { cpu: '2m', memory: 1 }]),
      { cpu: '8m', memory: 19 }, ['Insufficient cpu']],
    ['too many resources fails due to init container memory', pod([{ cpu: '1m', memory: 1 }], [{ cpu: '1m', memory: 3 }]), { cpu: '9m', memory: 19 }, ['Insufficient memory']],
    ['too many resources fails due to highest init container memory', pod([{ cpu: '1m', memory: 1 }], [{ cpu: '1m', memory: 3 }, { cpu: '1m', memory: 2 }]),
      { cpu: '9m', memory: 19 }, ['Insufficient memory']],
    ["init container fits because it's the max, not sum", pod([{ cpu: '1m', memory: 1 }], [{ cpu: '1m', memory: 1 }]), { cpu: '9m', memory: 19 }, []],
    ['multiple init containers fit', pod([{ cpu: '1m', memory: 1 }], [{ cpu: '1m', memory: 1 }, { cpu: '1m', memory: 1 }]), { cpu: '9m', memory: 19 }, []],
    ['both resources fit', pod([{ cpu: '1m', memory: 1 }]), { cpu: '5m', memory: 5 }, []],
    ['one resource memory fits', pod([{ cpu: '2m', memory: 1 }]), { cpu: '9m', memory: 5 }, ['Insufficient cpu']],
    ['one resource cpu fits', pod([{ cpu: '1m', memory: 2 }]), { cpu: '5m', memory: 19 }, ['Insufficient memory']],
    ['equal edge case', pod([{ cpu: '5m', memory: 1 }]), { cpu: '5m', memory: 19 }, []],
    ['equal edge case for init container', pod([{ cpu: '4m', memory: 1 }], [{ cpu: '5m', memory: 1 }]), { cpu: '5m', memory: 19 }, []],
    ['extended resource fits', pod([{ [A]: 1 }]), {}, []],
    ['extended resource fits for init container', pod([], [{ [A]: 1 }]), {}, []],
    ['extended resource capacity enforced', pod([{ cpu: '1m', memory: 1, [A]: 10 }]), { [A]: 0 }, [`Insufficient ${A}`]],
    ['extended resource capacity enforced for init container', pod([], [{ cpu: '1m', memory: 1, [A]: 10 }]), { [A]: 0 }, [`Insufficient ${A}`]],
    ['extended resource allocatable enforced', pod([{ cpu: '1m', memory: 1, [A]: 1 }]), { [A]: 5 }, [`Insufficient ${A}`]],
    ['extended resource allocatable enforced for init container', pod([], [{ cpu: '1m', memory: 1, [A]: 1 }]), { [A]: 5 }, [`Insufficient ${A}`]],
    ['extended resource allocatable enforced for multiple containers', pod([{ cpu: '1m', memory: 1, [A]: 3 }, { cpu: '1m', memory: 1, [A]: 3 }]), { [A]: 2 },
      [`Insufficient ${A}`]],
    ['extended resource allocatable admits multiple init containers', pod([], [{ cpu: '1m', memory: 1, [A]: 3 }, { cpu: '1m', memory: 1, [A]: 3 }]), { [A]: 2 }, []],
    ['extended resource allocatable enforced for multiple init containers', pod([], [{ cpu: '1m', memory: 1, [A]: 6 }, { cpu: '1m', memory: 1, [A]: 3 }]), { [A]: 2 },
      [`Insufficient ${A}`]],
    ['extended resource allocatable enforced for unknown resource', pod([{ cpu: '1m', memory: 1, [B]: 1 }]), {}, [`Insufficient ${B}`]],
    ['extended resource allocatable enforced for unknown resource for init container', pod([], [{ cpu: '1m', memory: 1, [B]: 1 }]), {}, [`Insufficient ${B}`]],
  ];
  for (const [name, incoming, existing, want] of cases) {
    const snap = new ClusterSnapshot();
    snap.addNode(node('n', alloc));
    snap.addPod(pod([existing], [], 'n'));
    const status = NodeResourcesFit.cycle(new PodInfo(incoming), snap).filter!(snap.nodeInfo('n')!);
    assert.deepEqual(status ? [...status.reasons] : [], want, name);
  }
});

test('fit: Too many pods once allocatable pods are used up', () => {
  const snap = new ClusterSnapshot();
  snap.addNode(node('n', { cpu: '1', memory: '1Gi', pods: 1 }));
  snap.addPod(pod([], [], 'n'));
  const status = NodeResourcesFit.cycle(new PodInfo(pod([])), snap).filter!(snap.nodeInfo('n')!);
  assert.deepEqual(status?.reasons, ['Too many pods']);
});

function scores(plugin: Plugin, incoming: Pod, nodes: Node[], existing: Pod[]): Record<string, number> | 'Skip' {
  const snap = new ClusterSnapshot();
  nodes.forEach((n) => snap.addNode(n));
  existing.forEach((p) => snap.addPod(p));
  const cycle = plugin.cycle(new PodInfo(incoming), snap);
  const feasible = [...snap.nodeInfos()];
  if (cycle.preScore && !cycle.preScore(feasible)) return 'Skip';
  const s = Float64Array.from(feasible, (n) => cycle.score!(n));
  cycle.normalize?.(s);
  return Object.fromEntries(feasible.map((n, i) => [n.name, s[i]!]));
}

test('least_allocated_test.go TestLeastAllocatedScoringStrategy (default cpu/memory weights)', () => {
  // Capacity {"cpu": "4000"} is 4000 cores; ratios are what matter.
  const n = (name: string, cpu: number, memory: number) => node(name, { cpu, memory, pods: 110 });
  const two = { cpu: 1000, memory: 2000 };
  const three = { cpu: 2000, memory: 3000 };
  assert.deepEqual(scores(NodeResourcesFit, pod([]), [n('node1', 4000, 10000), n('node2', 4000, 10000)], []), { node1: 100, node2: 100 },
    'nothing scheduled, nothing requested');
  assert.deepEqual(scores(NodeResourcesFit, pod([two, three]), [n('node1', 4000, 10000), n('node2', 6000, 10000)], []), { node1: 37, node2: 50 },
    'nothing scheduled, resources requested, differently sized nodes');
  assert.deepEqual(scores(NodeResourcesFit, pod([]), [n('node1', 4000, 10000), n('node2', 4000, 10000)],
    [pod([], [], 'node1'), pod([], [], 'node1'), pod([], [], 'node2'), pod([], [], 'node2')]), { node1: 100, node2: 100 },
    'no resources requested, pods scheduled');
  assert.deepEqual(scores(NodeResourcesFit, pod([]), [n('node1', 10000, 20000), n('node2', 10000, 20000)], [
    pod([{ cpu: 3000, memory: 0 }], [], 'node1'), pod([{ cpu: 3000, memory: 0 }], [], 'node1'),
    pod([{ cpu: 3000, memory: 0 }], [], 'node2'), pod([{ cpu: 3000, memory: 5000 }], [], 'node2'),
  ]), { node1: 70, node2: 57 }, 'no resources requested, pods scheduled with resources');
  assert.deepEqual(scores(NodeResourcesFit, pod([two, three]), [n('node1', 10000, 20000), n('node2', 10000, 20000)], [
    pod([{ cpu: 3000, memory: 0 }], [], 'node1'), pod([{ cpu: 3000, memory: 5000 }], [], 'node2'),
  ]), { node1: 57, node2: 45 }, 'resources requested, pods scheduled with resources');
  assert.deepEqual(scores(NodeResourcesFit, pod([two, three]), [n('node1', 10000, 20000), n('node2', 10000, 50000)], [
    pod([{ cpu: 3000, memory: 0 }], [], 'node1'), pod([{ cpu: 3000, memory: 5000 }], [], 'node2'),
  ]), { node1: 57, node2: 60 }, 'differently sized nodes');
  assert.deepEqual(scores(NodeResourcesFit, pod([{ cpu: 3000, memory: 0 }]), [n('node1', 4000, 10000), n('node2', 4000, 10000)], [
    pod([{ cpu: 3000, memory: 0 }], [], 'node1'), pod([{ cpu: 3000, memory: 5000 }], [], 'node2'),
  ]), { node1: 50, node2: 25 }, 'requested resources exceed node capacity');
  assert.deepEqual(scores(NodeResourcesFit, pod([]), [node('node1', {}), node('node2', {})], [
    pod([{ cpu: 3000, memory: 0 }], [], 'node1'), pod([{ cpu: 3000, memory: 5000 }], [], 'node2'),
  ]), { node1: 0, node2: 0 }, 'zero node resources, pods scheduled with resources');
});

test('balanced_allocation_test.go TestNodeResourcesBalancedAllocation (cpu and memory)', () => {
  // makeNode(name, milliCPU, memory, nil)
  const n = (name: string, milli: number, memory: number) => node(name, { cpu: `${milli}m`, memory, pods: 110 });
  const cpuAndMemory = (at?: string) => pod([{ cpu: '1000m', memory: 2000 }, { cpu: '2000m', memory: 3000 }], [], at);
  const cpuOnly = (at?: string) => pod([{ cpu: '1000m', memory: 0 }, { cpu: '2000m', memory: 0 }], [], at);
  assert.equal(scores(NodeResourcesBalancedAllocation, pod([]), [n('node1', 4000, 10000), n('node2', 4000, 10000)], []), 'Skip',
    'nothing scheduled, nothing requested, skip in PreScore');
  assert.deepEqual(scores(NodeResourcesBalancedAllocation, cpuAndMemory(), [n('node1', 4000, 10000), n('node2', 6000, 10000)], []),
    { node1: 87, node2: 100 }, 'nothing scheduled, resources requested, differently sized nodes');
  assert.deepEqual(scores(NodeResourcesBalancedAllocation, cpuAndMemory(), [n('node1', 10000, 20000), n('node2', 10000, 20000)],
    [cpuOnly('node1'), cpuAndMemory('node2')]), { node1: 82, node2: 95 }, 'resources requested, pods scheduled with resources');
  assert.deepEqual(scores(NodeResourcesBalancedAllocation, cpuAndMemory(), [n('node1', 10000, 20000), n('node2', 10000, 50000)],
    [cpuOnly('node1'), cpuAndMemory('node2')]), { node1: 82, node2: 80 }, 'differently sized nodes');
  assert.deepEqual(scores(NodeResourcesBalancedAllocation, cpuOnly(), [n('node1', 6000, 10000), n('node2', 6000, 10000)],
    [cpuOnly('node1'), cpuAndMemory('node2')]), { node1: 50, node2: 75 }, 'requested resources at node capacity');
});
