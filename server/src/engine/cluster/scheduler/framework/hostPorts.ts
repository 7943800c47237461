/**
 * Host ports in use on a node: `fwk.HostPortInfo` (staging/src/k8s.io/kube-scheduler/framework).
 * An empty hostIP means 0.0.0.0 and an empty protocol TCP; 0.0.0.0 conflicts with every IP.
 * Only ports with hostPort > 0 of app containers and sidecars (restartable init containers)
 * count (`pkg/scheduler/util/utils.go` GetHostPorts).
 */
import type { Container, PodSpec } from 'kubernetes-types/core/v1';

export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

const ANY_IP = '0.0.0.0';

export function podHostPorts(spec: PodSpec | undefined): readonly HostPort[] {
  // most pods declare no host port: they get the shared empty list, and nothing is allocated for them
  const inits = takePorts(spec?.initContainers, true, undefined);
  return takePorts(spec?.containers, false, inits) ?? NO_PORTS;
}

const NO_PORTS: readonly HostPort[] = Object.freeze([]);

/** Appends the host ports of `containers` (only sidecars' when `onlySidecars`) to `out`, created on the first one. */
function takePorts(containers: unknown, onlySidecars: boolean, out: HostPort[] | undefined): HostPort[] | undefined {
  if (!Array.isArray(containers)) return out;
  for (const c of containers as Container[]) {
    if (c === null || typeof c !== 'object') continue;
    if (onlySidecars && c.restartPolicy !== 'Always') continue;
    if (!Array.isArray(c.ports)) continue;
    for (const p of c.ports) {
      if (p === null || typeof p !== 'object') continue;
      const port = typeof p.hostPort === 'number' ? p.hostPort : Number.NaN;
      if (!(port > 0)) continue;
      (out ??= []).push({
        ip: typeof p.hostIP === 'string' && p.hostIP !== '' ? p.hostIP : ANY_IP,
        protocol: typeof p.protocol === 'string' && p.protocol !== '' ? p.protocol : 'TCP',
        port,
      });
    }
  }
  return out;
}

/** Reference-counted so that removing one of two pods that declare the same port keeps it in use. */
export class HostPortInfo {
  private readonly byIp = new Map<string, Map<string, number>>();

  get size(): number {
    return this.byIp.size;
  }

  add(p: HostPort): void {
    let ports = this.byIp.get(p.ip);
    if (!ports) this.byIp.set(p.ip, (ports = new Map()));
    const k = `${p.protocol}/${p.port}`;
    ports.set(k, (ports.get(k) ?? 0) + 1);
  }

  remove(p: HostPort): void {
    const ports = this.byIp.get(p.ip);
    if (!ports) return;
    const k = `${p.protocol}/${p.port}`;
    const n = (ports.get(k) ?? 0) - 1;
    if (n > 0) ports.set(k, n);
    else ports.delete(k);
    if (ports.size === 0) this.byIp.delete(p.ip);
  }

  conflicts(p: HostPort): boolean {
    const k = `${p.protocol}/${p.port}`;
    if (p.ip === ANY_IP) {
      for (const ports of this.byIp.values()) if (ports.has(k)) return true;
      return false;
    }
    return (this.byIp.get(p.ip)?.has(k) ?? false) || (this.byIp.get(ANY_IP)?.has(k) ?? false);
  }
}
