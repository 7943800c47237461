/**
 * The simulated etcd: objects by kind and key, a resourceVersion per write, watch
 * callbacks (what informers deliver) and secondary indexes (what informer indexers give
 * controllers: pods by node, by owner, by label), so no control loop scans every object.
 */
import { keyOf, type KObject } from '../objects';
import { timestamp } from '../objects';

export type WatchType = 'ADDED' | 'MODIFIED' | 'DELETED';
export type Watcher = (type: WatchType, obj: KObject) => void;

export interface IndexDefinition {
  kind: string;
  /** Index values of an object; an object can sit under several. */
  keysOf(obj: KObject): readonly string[];
}

interface Index {
  def: IndexDefinition;
  byValue: Map<string, Set<KObject>>;
  /** What each object was last indexed under, to re-index on update. */
  current: Map<KObject, readonly string[]>;
}

const EMPTY: ReadonlySet<KObject> = new Set();

export class Store {
  private readonly kinds = new Map<string, Map<string, KObject>>();
  private readonly watchers = new Map<string, Watcher[]>();
  private readonly indexes = new Map<string, Index>();
  private readonly indexesByKind = new Map<string, Index[]>();
  private rv = 0;
  private uids = 0;
  /** Virtual time of the last write: the simulation is steady when writes stop. */
  lastWrite = 0;

  constructor(private readonly now: () => number) {}

  addIndex(name: string, def: IndexDefinition): void {
    const index: Index = { def, byValue: new Map(), current: new Map() };
    this.indexes.set(name, index);
    const list = this.indexesByKind.get(def.kind) ?? [];
    list.push(index);
    this.indexesByKind.set(def.kind, list);
    for (const o of this.list(def.kind)) this.reindex(index, o);
  }

  watch(kind: string, watcher: Watcher): void {
    const list = this.watchers.get(kind) ?? [];
    list.push(watcher);
    this.watchers.set(kind, list);
  }

  get<T extends KObject = KObject>(kind: string, key: string): T | undefined {
    return this.kinds.get(kind)?.get(key) as T | undefined;
  }

  /** Every object of a kind, in creation order. */
  list<T extends KObject = KObject>(kind: string): T[] {
    const m = this.kinds.get(kind);
    return m ? ([...m.values()] as T[]) : [];
  }

  count(kind: string): number {
    return this.kinds.get(kind)?.size ?? 0;
  }

  /** Objects indexed under `value` (a live view: copy before mutating the store while iterating). */
  byIndex<T extends KObject = KObject>(name: string, value: string): ReadonlySet<T> {
    return (this.indexes.get(name)?.byValue.get(value) ?? EMPTY) as ReadonlySet<T>;
  }

  create<T extends KObject>(obj: T): T {
    const m = this.kinds.get(obj.kind) ?? new Map<string, KObject>();
    this.kinds.set(obj.kind, m);
    const key = keyOf(obj);
    if (m.has(key)) throw new Error(`${obj.kind.toLowerCase()}s "${obj.metadata.name}" already exists`);
    obj.metadata.uid ??= `uid-${(++this.uids).toString(16).padStart(8, '0')}`;
    obj.metadata.creationTimestamp ??= timestamp(this.now());
    obj.metadata.generation = 1;
    obj.metadata.resourceVersion = String(++this.rv);
    m.set(key, obj);
    for (const index of this.indexesByKind.get(obj.kind) ?? []) this.reindex(index, obj);
    this.notify('ADDED', obj);
    return obj;
  }

  /** Records a change made to a stored object (objects are updated in place). */
  update<T extends KObject>(obj: T, options: { specChanged?: boolean } = {}): T {
    obj.metadata.resourceVersion = String(++this.rv);
    if (options.specChanged) obj.metadata.generation = (obj.metadata.generation ?? 1) + 1;
    for (const index of this.indexesByKind.get(obj.kind) ?? []) this.reindex(index, obj);
    this.notify('MODIFIED', obj);
    return obj;
  }

  remove(obj: KObject): void {
    const m = this.kinds.get(obj.kind);
    if (!m || m.get(keyOf(obj)) !== obj) return;
    m.delete(keyOf(obj));
    ++this.rv;
    for (const index of this.indexesByKind.get(obj.kind) ?? []) this.unindex(index, obj);
    this.notify('DELETED', obj);
  }

  get resourceVersion(): number {
    return this.rv;
  }

  private notify(type: WatchType, obj: KObject): void {
    this.lastWrite = this.now();
    for (const w of this.watchers.get(obj.kind) ?? []) w(type, obj);
  }

  private reindex(index: Index, obj: KObject): void {
    const next = index.def.keysOf(obj);
    const prev = index.current.get(obj);
    if (prev && prev.length === next.length && prev.every((v, i) => v === next[i])) return;
    if (prev) this.unindex(index, obj);
    for (const v of next) {
      let set = index.byValue.get(v);
      if (!set) index.byValue.set(v, (set = new Set()));
      set.add(obj);
    }
    index.current.set(obj, next);
  }

  private unindex(index: Index, obj: KObject): void {
    for (const v of index.current.get(obj) ?? []) {
      const set = index.byValue.get(v);
      set?.delete(obj);
      if (set && set.size === 0) index.byValue.delete(v);
    }
    index.current.delete(obj);
  }
}
