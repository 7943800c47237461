import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PodSpec } from 'kubernetes-types/core/v1';
import { podResources, podRequests, nonZeroRequests, qosClass } from '../../../server/src/engine/cluster/resources';

const c = (name: string, requests?: Record<string, string>, limits?: Record<string, string>, restartPolicy?: string) => ({
  name,
  image: 'x',
  resources: { requests, limits },
  ...(restartPolicy ? { restartPolicy } : {}),
});

test('requests: app containers sum; init containers take the max (fit.go computePodResourceRequest example)', () => {
  // The worked example in upstream's fit.go comment: IC1 2/1G, IC2 2/3G, C1 2/1G, C2 1/1G → cpu 3, memory 3G.
  const spec: PodSpec = {
    initContainers: [c('ic1', { cpu: '2', memory: '1G' }), c('ic2', { cpu: '2', memory: '3G' })],
    containers: [c('c1', { cpu: '2', memory: '1G' }), c('c2', { cpu: '1', memory: '1G' })],
  };
  assert.deepEqual(podRequests(spec), { cpu: 3000, memory: 3e9, ephemeralStorage: 0, extended: {} });
});

test('requests: sidecars add to the app containers and to every later init container', () => {
  // KEP-753: init-phase peak = init request + sidecars started before it.
  const spec: PodSpec = {
    initContainers: [
      c('sidecar', { cpu: '500m', memory: '100Mi' }, undefined, 'Always'),
      c('migrate', { cpu: '2', memory: '50Mi' }),
    ],
    containers: [c('app', { cpu: '1', memory: '1Gi' })],
  };
  const r = podRequests(spec);
  assert.equal(r.cpu, 2500, 'max(1 + 0.5, 2 + 0.5)');
  assert.equal(r.memory, 1024 * 2 ** 20 + 100 * 2 ** 20, 'max(1Gi + 100Mi, 50Mi + 100Mi)');
});

test('requests: limits without requests become the requests; overhead is added', () => {
  const spec: PodSpec = {
    containers: [c('a', undefined, { cpu: '250m', memory: '64Mi' }), c('b', { cpu: '100m' }, { cpu: '1', memory: '32Mi' })],
    overhead: { cpu: '10m', memory: '1Mi' },
  };
  assert.deepEqual(podRequests(spec), { cpu: 250 + 100 + 10, memory: (64 + 32 + 1) * 2 ** 20, ephemeralStorage: 0, extended: {} });
});

test('requests: sums are exact before rounding up (0.0004 + 0.0004 cpu → 1m)', () => {
  const spec: PodSpec = { containers: [c('a', { cpu: '0.0004' }), c('b', { cpu: '0.0004' })] };
  assert.equal(podRequests(spec).cpu, 1);
});

test('requests: extended resources and pod-level requests', () => {
  const spec = {
    containers: [c('a', { cpu: '1', 'nvidia.com/gpu': '2', 'hugepages-2Mi': '4Mi' })],
    resources: { requests: { cpu: '3', memory: '1Gi' } },
  } as PodSpec;
  const r = podRequests(spec);
  assert.equal(r.cpu, 3000, 'pod-level cpu replaces the container sum');
  assert.equal(r.memory, 2 ** 30);
  assert.deepEqual(r.extended, { 'nvidia.com/gpu': 2, 'hugepages-2Mi': 4 * 2 ** 20 });
});

test('non-zero requests: 100m / 200Mi per container that leaves cpu/memory unset; explicit 0 stays 0', () => {
  assert.deepEqual(nonZeroRequests({ containers: [c('a'), c('b', { cpu: '300m' })] }), { cpu: 400, memory: 2 * 200 * 2 ** 20 });
  assert.deepEqual(nonZeroRequests({ containers: [c('a', { cpu: '0', memory: '0' })] }), { cpu: 0, memory: 0 });
});

test('invalid quantities never throw: counted as unset and reported', () => {
  const r = podResources({ containers: [c('a', { cpu: 'lots', memory: '1Gi' }, { memory: '1GB' })] });
  assert.equal(r.requests.cpu, 0);
  assert.equal(r.requests.memory, 2 ** 30);
  assert.deepEqual(r.invalid, [
    { container: 'a', field: 'requests', resource: 'cpu', value: 'lots' },
    { container: 'a', field: 'limits', resource: 'memory', value: '1GB' },
  ]);
  assert.doesNotThrow(() => podResources({ containers: 'nope' } as unknown as PodSpec));
  assert.doesNotThrow(() => podResources(undefined));
});

test('QoS: BestEffort, Burstable, Guaranteed (qos.go)', () => {
  assert.equal(qosClass({ spec: { containers: [c('a')] } }), 'BestEffort');
  assert.equal(qosClass({ spec: { containers: [c('a', { cpu: '1' })] } }), 'Burstable');
  assert.equal(qosClass({ spec: { containers: [c('a', undefined, { cpu: '1', memory: '1Gi' })] } }), 'Guaranteed', 'requests default to limits');
  assert.equal(qosClass({ spec: { containers: [c('a', { cpu: '500m', memory: '1Gi' }, { cpu: '1', memory: '1Gi' })] } }), 'Burstable');
  assert.equal(
    qosClass({ spec: { containers: [c('a', { cpu: '1', memory: '1Gi' }, { cpu: '1', memory: '1Gi' }), c('b', { cpu: '1' }, { cpu: '1' })] } }),
    'Burstable',
    'every container needs both limits',
  );
  assert.equal(
    qosClass({ spec: { containers: [c('a', undefined, { cpu: '1', memory: '1Gi' })], initContainers: [c('i', undefined, { cpu: '2', memory: '2Gi' })] } }),
    'Guaranteed',
  );
  assert.equal(qosClass({ spec: { containers: [c('a', { cpu: '0', memory: '0' })] } }), 'BestEffort', 'zero requests do not count');
  assert.equal(qosClass({ spec: { containers: [c('a', { cpu: 'bogus' })] } }), 'BestEffort');
});
