/**
 * The simulated etcd: objects by kind and key, a resourceVersion per write, watch
 * callbacks (what informers deliver) and secondary indexes (what informer indexers give
 * controllers: pods by node, by owner, by label), so no control loop scans every object.
 */
import { fixNames, keyOf, type KObject } from '../objects';
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
  /** This index's position in the kind's list, and in each object's INDEXED_UNDER slots. */
  position: number;
  /** Key lists seen, by their joined values, so equal lists are shared (see `Store.shared`). */
  lists: Map<string, readonly string[]>;
}

const NO_KEYS: readonly string[] = Object.freeze([]);
/** Distinct key lists remembered per index for sharing (a bound on the table, not on the index). */
const SHARED_LISTS = 50_000;

const EMPTY: ReadonlySet<KObject> = new Set();

/**
 * What a stored object was last indexed under, one entry per index of its kind, kept on the object
 * itself (a non-enumerable symbol key: invisible to JSON, spreads and structuredClone) — a Map keyed by object
 * costs a hash lookup per index on every write, and writes are the simulator's hottest path.
 */
const INDEXED_UNDER = Symbol('indexedUnder');
/** The store holding the object, while it is stored (set on create, cleared on remove). */
const STORED_IN = Symbol('storedIn');
type Indexed = KObject & { [INDEXED_UNDER]?: (readonly string[] | undefined)[]; [STORED_IN]?: Store | undefined };

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
    const list = this.indexesByKind.get(def.kind) ?? [];
    const index: Index = { def, byValue: new Map(), position: list.length, lists: new Map() };
    this.indexes.set(name, index);
    list.push(index);
    this.indexesByKind.set(def.kind, list);
    for (const o of this.list(def.kind)) this.reindex(index, o);
  }

  watch(kind: string, watcher: Watcher): void {
    const list = this.watchers.get(kind) ?? [];
    list.push(watcher);
    this.watchers.set(kind, list);
  }

  /** Whether this very object is stored (not a copy, not removed): `get(kind, keyOf(obj)) === obj` without building the key. */
  contains(obj: KObject): boolean {
    return (obj as Indexed)[STORED_IN] === this;
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
    fixNames(obj, key);
    obj.metadata.uid ??= `uid-${(++this.uids).toString(16).padStart(8, '0')}`;
    obj.metadata.creationTimestamp ??= timestamp(this.now());
    obj.metadata.generation = 1;
    obj.metadata.resourceVersion = String(++this.rv);
    m.set(key, obj);
    Object.defineProperty(obj, STORED_IN, { value: this, writable: true, enumerable: false, configurable: true });
    this.reindexAll(obj);
    this.notify('ADDED', obj);
    return obj;
  }

  /** Records a change made to a stored object (objects are updated in place). */
  update<T extends KObject>(obj: T, options: { specChanged?: boolean } = {}): T {
    obj.metadata.resourceVersion = String(++this.rv);
    if (options.specChanged) obj.metadata.generation = (obj.metadata.generation ?? 1) + 1;
    this.reindexAll(obj);
    this.notify('MODIFIED', obj);
    return obj;
  }

  /**
   * Records a change to an object's status only (the status subresource): the indexes, which read
   * metadata and spec, stay as they are. Callers must not have changed anything else.
   */
  updateStatus<T extends KObject>(obj: T): T {
    obj.metadata.resourceVersion = String(++this.rv);
    this.notify('MODIFIED', obj);
    return obj;
  }

  remove(obj: KObject): void {
    const m = this.kinds.get(obj.kind);
    if (!m || m.get(keyOf(obj)) !== obj) return;
    m.delete(keyOf(obj));
    (obj as Indexed)[STORED_IN] = undefined;
    ++this.rv;
    for (const index of this.indexesByKind.get(obj.kind) ?? []) this.unindex(index, obj);
    this.notify('DELETED', obj);
  }

  get resourceVersion(): number {
    return this.rv;
  }

  // indexed loops (no iterator per write): every pod write comes through these
  private notify(type: WatchType, obj: KObject): void {
    this.lastWrite = this.now();
    const watchers = this.watchers.get(obj.kind);
    if (watchers === undefined) return;
    for (let i = 0; i < watchers.length; i++) watchers[i]!(type, obj);
  }

  private reindexAll(obj: KObject): void {
    const indexes = this.indexesByKind.get(obj.kind);
    if (indexes === undefined) return;
    for (let i = 0; i < indexes.length; i++) this.reindex(indexes[i]!, obj);
  }

  /**
   * An equal list already held, else `keys`: pods of one template sit under the same values (owner, node,
   * namespace, labels), and each object keeps its lists for as long as it is stored.
   */
  private shared(index: Index, keys: readonly string[]): readonly string[] {
    if (keys.length === 0) return NO_KEYS;
    const id = keys.length === 1 ? keys[0]! : keys.join('\u0001');
    const known = index.lists.get(id);
    if (known !== undefined && sameKeys(known, keys)) return known;
    if (known === undefined && index.lists.size < SHARED_LISTS) index.lists.set(id, keys);
    return keys;
  }

  private reindex(index: Index, obj: Indexed): void {
    const keys = index.def.keysOf(obj);
    let slots = obj[INDEXED_UNDER];
    // not enumerable: an object spread (`{ ...pod }`) must not carry another object's index entries
    // sized to the kind's indexes up front (growing it by assignment would reserve room for 17)
    if (!slots) Object.defineProperty(obj, INDEXED_UNDER, { value: (slots = new Array<readonly string[] | undefined>(this.indexesByKind.get(obj.kind)?.length ?? 0)), writable: true, enumerable: false });
    const prev = slots[index.position];
    // most writes leave most indexes as they were: compare before looking for a shared list
    if (prev && sameKeys(prev, keys)) return;
    const next = this.shared(index, keys);
    if (prev) this.unindex(index, obj);
    for (let i = 0; i < next.length; i++) {
      const v = next[i]!;
      let set = index.byValue.get(v);
      if (!set) index.byValue.set(v, (set = new Set()));
      set.add(obj);
    }
    slots[index.position] = next;
  }

  private unindex(index: Index, obj: Indexed): void {
    const slots = obj[INDEXED_UNDER];
    const held = slots?.[index.position] ?? NO_KEYS;
    for (let i = 0; i < held.length; i++) {
      const v = held[i]!;
      const set = index.byValue.get(v);
      set?.delete(obj);
      if (set && set.size === 0) index.byValue.delete(v);
    }
    if (slots) slots[index.position] = undefined;
  }
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
