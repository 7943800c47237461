/** The Unhealthy event text of a failing probe, as the kubelet's HTTP/TCP/gRPC probers word it (pkg/probe/). */
import type { Container, Probe } from 'kubernetes-types/core/v1';
import type { ProbeKind } from './probePlan';

function resolvePort(port: number | string | undefined, container: Container): number | string {
  if (typeof port === 'number') return port;
  const named = container.ports?.find((p) => p.name === port);
  return named ? named.containerPort : (port ?? 80);
}

export function probeFailure(kind: ProbeKind, probe: Probe | undefined, container: Container, podIp: string): string {
  const prefix = `${kind} probe failed: `;
  if (probe?.httpGet) {
    const port = resolvePort(probe.httpGet.port, container);
    const scheme = (probe.httpGet.scheme ?? 'HTTP').toLowerCase();
    const host = probe.httpGet.host ?? podIp;
    const path = probe.httpGet.path ?? '/';
    return `${prefix}Get "${scheme}://${host}:${port}${path.startsWith('/') ? path : `/${path}`}": dial tcp ${host}:${port}: connect: connection refused`;
  }
  if (probe?.tcpSocket) {
    const port = resolvePort(probe.tcpSocket.port, container);
    return `${prefix}dial tcp ${probe.tcpSocket.host ?? podIp}:${port}: connect: connection refused`;
  }
  if (probe?.grpc) return `${prefix}timeout: failed to connect service ":${probe.grpc.port}" within ${probe.timeoutSeconds ?? 1}s`;
  if (probe?.exec) return `${prefix}command ${JSON.stringify((probe.exec.command ?? []).join(' '))} exited with 1 (the app is not up yet)`;
  return `${prefix}the app is not up yet`;
}
