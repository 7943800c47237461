/**
 * The cluster a preview runs on when the user gives none: three workers of 4 CPU / 16 GiB /
 * 110 pods in zones a, b and c, plus a control-plane node tainted NoSchedule — labelled the way
 * a real (kubeadm) cluster labels its nodes, so selectors and spread constraints behave.
 */
import type { Node, Taint } from 'kubernetes-types/core/v1';

export const DEFAULT_ZONES = ['a', 'b', 'c'] as const;

export interface NodeShape {
  name: string;
  cpu: string;
  memory: string;
  pods: string;
  labels?: Record<string, string>;
  taints?: Taint[];
}

export function makeNode(shape: NodeShape): Node {
  const resources = { cpu: shape.cpu, memory: shape.memory, pods: shape.pods, 'ephemeral-storage': '100Gi' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: shape.name,
      labels: {
        'kubernetes.io/hostname': shape.name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'beta.kubernetes.io/arch': 'amd64',
        ...(shape.labels ?? {}),
      },
    },
    spec: shape.taints?.length ? { taints: shape.taints } : {},
    status: {
      capacity: { ...resources },
      allocatable: { ...resources },
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
      nodeInfo: { kubeletVersion: 'v1.32.0', containerRuntimeVersion: 'containerd://1.7.0', architecture: 'amd64', operatingSystem: 'linux', osImage: 'Kubeplan simulated node', kernelVersion: '6.1.0', kubeProxyVersion: 'v1.32.0', machineID: '', systemUUID: '', bootID: '' },
    },
  };
}

export function defaultClusterNodes(): Node[] {
  const zone = (z: string) => ({ 'topology.kubernetes.io/region': 'region-1', 'topology.kubernetes.io/zone': `zone-${z}` });
  return [
    makeNode({
      name: 'control-plane',
      cpu: '4',
      memory: '16Gi',
      pods: '110',
      labels: { ...zone('a'), 'node-role.kubernetes.io/control-plane': '' },
      taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
    }),
    ...DEFAULT_ZONES.map((z) => makeNode({ name: `worker-${z}`, cpu: '4', memory: '16Gi', pods: '110', labels: zone(z) })),
  ];
}
