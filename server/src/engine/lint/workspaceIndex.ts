import { scopeOfKind } from '../kube/identity';
import { selectorMatches, type LabelSelector } from '../kube/labels';
import { podTemplateOf, type PodTemplate } from '../kube/podTemplate';
import type { WorkspaceObject } from '../rules/rule';

/** An object that creates pods (or is one), with its pod template. */
export interface PodOwner {
  readonly object: WorkspaceObject;
  readonly template: PodTemplate;
}

/** Namespaces are compatible when equal, or when either is unset (applied with `kubectl -n`). */
export function sameNamespace(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

/**
 * Lookups over every object of the workspace, built once per lint run in O(n) and shared by
 * all workspace rules, so cross-object checks stay linear: names by kind, and pod templates
 * by label pair, so a selector is matched against the few templates carrying its rarest label.
 */
export class WorkspaceIndex {
  private readonly kinds = new Map<string, WorkspaceObject[]>();
  private readonly names = new Map<string, WorkspaceObject[]>();
  private readonly kindNamespaces = new Set<string>();
  private owners: PodOwner[] | undefined;
  private ownersByPair: Map<string, PodOwner[]> | undefined;
  private ownersByKey: Map<string, PodOwner[]> | undefined;
  private readonly derivedValues = new Map<string, unknown>();

  constructor(readonly objects: readonly WorkspaceObject[]) {
    for (const o of objects) {
      push(this.kinds, o.id.kind, o);
      if (o.id.name !== undefined) push(this.names, `${o.id.kind}\0${o.id.name}`, o);
      this.kindNamespaces.add(`${o.id.kind}\0${o.id.namespace ?? ''}`);
    }
  }

  ofKind(kind: string): readonly WorkspaceObject[] {
    return this.kinds.get(kind) ?? [];
  }

  /** Objects of `kind` named `name` visible from `namespace` (cluster-scoped kinds ignore the namespace). */
  named(kind: string, namespace: string | undefined, name: string): WorkspaceObject[] {
    const list = this.names.get(`${kind}\0${name}`);
    if (!list) return [];
    if (scopeOfKind(kind) === 'Cluster') return list;
    return list.filter((o) => sameNamespace(o.id.namespace, namespace));
  }

  /** True when the workspace holds at least one object of `kind` in `namespace` (or without a namespace). */
  hasKindIn(kind: string, namespace: string | undefined): boolean {
    if (namespace === undefined) return this.kinds.has(kind);
    return this.kindNamespaces.has(`${kind}\0${namespace}`) || this.kindNamespaces.has(`${kind}\0`);
  }

  /** A value derived from the objects, built once per run by whichever rule asks first. */
  derived<T>(key: string, build: () => T): T {
    if (!this.derivedValues.has(key)) this.derivedValues.set(key, build());
    return this.derivedValues.get(key) as T;
  }

  /** Every object that creates pods, with its template. */
  podOwners(): readonly PodOwner[] {
    if (!this.owners) {
      this.owners = [];
      this.ownersByPair = new Map();
      this.ownersByKey = new Map();
      for (const o of this.objects) {
        const template = podTemplateOf(o.id.kind, o.object);
        if (!template) continue;
        const owner = { object: o, template };
        this.owners.push(owner);
        for (const [k, v] of Object.entries(template.labels)) {
          push(this.ownersByPair, `${k}=${v}`, owner);
          push(this.ownersByKey, k, owner);
        }
      }
    }
    return this.owners;
  }

  /** Pod owners in `namespace` whose template labels the selector matches. */
  podOwnersMatching(namespace: string | undefined, selector: LabelSelector): PodOwner[] {
    const all = this.podOwners();
    let candidates: readonly PodOwner[] = all;
    const consider = (list: readonly PodOwner[] | undefined) => {
      if ((list ?? []).length < candidates.length) candidates = list ?? [];
    };
    for (const [k, v] of Object.entries(selector.matchLabels)) consider(this.ownersByPair!.get(`${k}=${v}`));
    for (const r of selector.matchExpressions) {
      if (r.operator === 'Exists') consider(this.ownersByKey!.get(r.key));
      else if (r.operator === 'In') consider(r.values.flatMap((v) => this.ownersByPair!.get(`${r.key}=${v}`) ?? []));
    }
    return candidates.filter((c) => sameNamespace(c.object.id.namespace, namespace) && selectorMatches(selector, c.template.labels));
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
