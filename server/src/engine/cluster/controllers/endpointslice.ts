/**
 * EndpointSlice controller (pkg/controller/endpointslice/): for each Service with a selector,
 * the pods it selects that have an IP; an endpoint is ready when its pod is Ready and not
 * terminating (or the Service publishes not-ready addresses). It also keeps, per Service,
 * when it had no ready endpoint — what users feel as downtime.
 */
import type { Pod, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { mapSelectorMatches } from '../labels';
import { isPodReady, isPodTerminal, isTerminating, keyOf, ownerReference, type KObject } from '../objects';
import { Controller, type ControllerHost } from './controller';

type ServiceObject = Service & KObject;
type PodObject = Pod & KObject;

export interface EndpointState {
  ready: string[];
  notReady: string[];
  /** Half-open intervals [from, to) of virtual time with no ready endpoint; `to` undefined = still. */
  outages: { from: number; to?: number }[];
  /** When the Service first had a ready endpoint. */
  firstReadyAt?: number;
}

export class EndpointSliceController extends Controller {
  readonly name = 'endpointslice';
  readonly state = new Map<string, EndpointState>();
  /** Services by namespace and one selector pair, to find the Services a pod change concerns. */
  private readonly bySelectorPair = new Map<string, Set<string>>();

  constructor(host: ControllerHost) {
    super(host);
    host.store.watch('Service', (type, svc) => {
      const s = svc as ServiceObject;
      for (const [k, v] of Object.entries(s.spec?.selector ?? {})) {
        const pair = `${s.metadata.namespace}\u0000${k}=${v}`;
        const set = this.bySelectorPair.get(pair) ?? new Set();
        if (type === 'DELETED') set.delete(keyOf(s));
        else set.add(keyOf(s));
        this.bySelectorPair.set(pair, set);
      }
      if (type !== 'DELETED') this.enqueue(keyOf(s));
    });
    host.store.watch('Pod', (_type, pod) => {
      // every pod write comes here: nothing to look up while no Service selects anything
      if (this.bySelectorPair.size === 0) return;
      const ns = pod.metadata.namespace;
      const labels = pod.metadata.labels ?? {};
      for (const k of Object.keys(labels)) {
        for (const svc of this.bySelectorPair.get(`${ns}\u0000${k}=${labels[k]}`) ?? []) this.enqueue(svc);
      }
    });
  }

  protected sync(key: string): void {
    const svc = this.host.store.get<ServiceObject>('Service', key);
    if (!svc) return;
    const selector = svc.spec?.selector;
    if (!selector || Object.keys(selector).length === 0) return;
    const ns = svc.metadata.namespace ?? 'default';
    // candidates: the smallest posting list of the selector's pairs
    let candidates: ReadonlySet<PodObject> | undefined;
    for (const [k, v] of Object.entries(selector)) {
      const set = this.host.store.byIndex<PodObject>('pod-label', `${ns}\u0000${k}=${v}`);
      if (!candidates || set.size < candidates.size) candidates = set;
    }
    const ready: string[] = [];
    const notReady: string[] = [];
    const publishNotReady = svc.spec?.publishNotReadyAddresses === true;
    for (const pod of candidates ?? []) {
      if (!mapSelectorMatches(selector, pod.metadata.labels) || isPodTerminal(pod) || !pod.status?.podIP) continue;
      const name = keyOf(pod);
      if (publishNotReady || (isPodReady(pod) && !isTerminating(pod))) ready.push(name);
      else notReady.push(name);
    }
    ready.sort();
    notReady.sort();
    const now = this.host.clock.now;
    let st = this.state.get(key);
    if (!st) {
      st = { ready: [], notReady: [], outages: [{ from: now }] };
      this.state.set(key, st);
    }
    if (st.ready.join() === ready.join() && st.notReady.join() === notReady.join()) return;
    const open = st.outages[st.outages.length - 1];
    if (ready.length > 0) {
      if (open && open.to === undefined) open.to = now;
      st.firstReadyAt ??= now;
    } else if (!open || open.to !== undefined) st.outages.push({ from: now });
    st.ready = ready;
    st.notReady = notReady;
    this.writeSlice(svc, ready, notReady);
  }

  private writeSlice(svc: ServiceObject, ready: string[], notReady: string[]): void {
    const name = `${svc.metadata.name}-slice`;
    const ns = svc.metadata.namespace ?? 'default';
    const endpoint = (podKey: string, isReady: boolean) => {
      const pod = this.host.store.get<PodObject>('Pod', podKey);
      return {
        addresses: [pod?.status?.podIP ?? ''],
        conditions: { ready: isReady, serving: isReady, terminating: pod ? isTerminating(pod) : false },
        targetRef: { kind: 'Pod', namespace: ns, name: pod?.metadata.name ?? podKey },
        ...(pod?.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
      };
    };
    const endpoints = [...ready.map((k) => endpoint(k, true)), ...notReady.map((k) => endpoint(k, false))];
    const existing = this.host.store.get<EndpointSlice & KObject>('EndpointSlice', `${ns}/${name}`);
    if (existing) {
      existing.endpoints = endpoints;
      this.host.store.update(existing);
      return;
    }
    const slice: EndpointSlice & KObject = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name, namespace: ns, labels: { 'kubernetes.io/service-name': svc.metadata.name, 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' }, ownerReferences: [ownerReference(svc)] },
      addressType: 'IPv4',
      endpoints,
      ports: (svc.spec?.ports ?? []).map((p) => ({ name: p.name ?? '', port: typeof p.targetPort === 'number' ? p.targetPort : p.port, protocol: p.protocol ?? 'TCP' })),
    };
    this.host.store.create(slice);
  }
}
