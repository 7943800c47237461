/**
 * LimitRanger (plugin/pkg/admission/limitranger/admission.go): fills in a namespace's default
 * requests and limits for containers that lack them, then enforces min, max and
 * maxLimitRequestRatio per Container and per Pod, with upstream's messages.
 */
import type { Container, LimitRange, LimitRangeItem, Pod } from 'kubernetes-types/core/v1';
import { bytes, cpuMillis } from '../../kube/quantity';
import type { KObject } from '../objects';
import { aggregate, forbidden, type AdmissionPlugin } from './admission';

type Resources = Record<string, string>;

function amount(resource: string, q: string | undefined): number | undefined {
  if (q === undefined) return undefined;
  return resource === 'cpu' ? cpuMillis(q) : bytes(q);
}

function minConstraint(limitType: string, resource: string, enforced: string, request: Resources, limit: Resources): string | undefined {
  const e = amount(resource, enforced) ?? 0;
  const req = request[resource];
  const lim = limit[resource];
  if (req === undefined) return `minimum ${resource} usage per ${limitType} is ${enforced}.  No request is specified`;
  if ((amount(resource, req) ?? 0) < e) return `minimum ${resource} usage per ${limitType} is ${enforced}, but request is ${req}`;
  if (lim !== undefined && (amount(resource, lim) ?? 0) < e) return `minimum ${resource} usage per ${limitType} is ${enforced}, but limit is ${lim}`;
  return undefined;
}

function maxConstraint(limitType: string, resource: string, enforced: string, request: Resources, limit: Resources): string | undefined {
  const e = amount(resource, enforced) ?? 0;
  const req = request[resource];
  const lim = limit[resource];
  if (lim === undefined) return `maximum ${resource} usage per ${limitType} is ${enforced}.  No limit is specified`;
  if ((amount(resource, lim) ?? 0) > e) return `maximum ${resource} usage per ${limitType} is ${enforced}, but limit is ${lim}`;
  if (req !== undefined && (amount(resource, req) ?? 0) > e) return `maximum ${resource} usage per ${limitType} is ${enforced}, but request is ${req}`;
  return undefined;
}

function ratioConstraint(limitType: string, resource: string, enforced: string, request: Resources, limit: Resources): string | undefined {
  const req = amount(resource, request[resource]);
  const lim = amount(resource, limit[resource]);
  if (lim === undefined) return `${resource} max limit to request ratio per ${limitType} is ${enforced}, but no limit is specified`;
  if (!req) return `${resource} max limit to request ratio per ${limitType} is ${enforced}, but no request is specified or request is 0`;
  const ratio = lim / req;
  if (ratio > Number(enforced)) return `${resource} max limit to request ratio per ${limitType} is ${enforced}, but provided ratio is ${ratio.toFixed(6)}`;
  return undefined;
}

function checkItem(limitType: string, item: LimitRangeItem, request: Resources, limit: Resources, errors: string[]): void {
  for (const [r, q] of Object.entries(item.min ?? {})) {
    const e = minConstraint(limitType, r, String(q), request, limit);
    if (e) errors.push(e);
  }
  for (const [r, q] of Object.entries(item.max ?? {})) {
    const e = maxConstraint(limitType, r, String(q), request, limit);
    if (e) errors.push(e);
  }
  for (const [r, q] of Object.entries(item.maxLimitRequestRatio ?? {})) {
    const e = ratioConstraint(limitType, r, String(q), request, limit);
    if (e) errors.push(e);
  }
}

function applyDefaults(c: Container, item: LimitRangeItem): void {
  const res = (c.resources ??= {});
  for (const [r, q] of Object.entries(item.default ?? {})) {
    res.limits ??= {};
    if (res.limits[r] === undefined) res.limits[r] = q;
  }
  for (const [r, q] of Object.entries(item.defaultRequest ?? {})) {
    res.requests ??= {};
    if (res.requests[r] === undefined) res.requests[r] = q;
  }
  // a defaulted limit without a request also defaults the request (as the API's own defaulting)
  for (const [r, q] of Object.entries(res.limits ?? {})) {
    res.requests ??= {};
    if (res.requests[r] === undefined) res.requests[r] = q;
  }
}

function sum(resource: string, values: (string | undefined)[]): string | undefined {
  let total = 0;
  let any = false;
  for (const v of values) {
    const n = amount(resource, v);
    if (n === undefined) continue;
    total += n;
    any = true;
  }
  if (!any) return undefined;
  return resource === 'cpu' ? `${total}m` : String(total);
}

export const limitRanger: AdmissionPlugin = {
  name: 'LimitRanger',
  admit(obj: KObject, ctx) {
    if (obj.kind !== 'Pod') return undefined;
    const ns = obj.metadata.namespace ?? 'default';
    const ranges = ctx.store.list<LimitRange & KObject>('LimitRange').filter((l) => (l.metadata.namespace ?? 'default') === ns);
    if (ranges.length === 0) return undefined;
    const pod = obj as unknown as Pod;
    const containers = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
    const errors: string[] = [];
    for (const range of ranges) {
      for (const item of range.spec?.limits ?? []) {
        if (item.type !== 'Container') continue;
        for (const c of containers) applyDefaults(c, item);
      }
    }
    for (const range of ranges) {
      for (const item of range.spec?.limits ?? []) {
        if (item.type === 'Container') {
          for (const c of containers) checkItem('Container', item, (c.resources?.requests ?? {}) as Resources, (c.resources?.limits ?? {}) as Resources, errors);
        } else if (item.type === 'Pod') {
          const request: Resources = {};
          const limit: Resources = {};
          for (const r of ['cpu', 'memory']) {
            const rq = sum(r, containers.map((c) => c.resources?.requests?.[r] as string | undefined));
            const lm = sum(r, containers.map((c) => c.resources?.limits?.[r] as string | undefined));
            if (rq !== undefined) request[r] = rq;
            if (lm !== undefined) limit[r] = lm;
          }
          checkItem('Pod', item, request, limit, errors);
        }
      }
    }
    return errors.length ? forbidden(obj, aggregate(errors)) : undefined;
  },
};
