import type { Finding, QuickFix, Range, Severity, Subject } from '../model/finding';
import { findingSeverity, shiftFinding } from '../model/finding';
import { ALL_RULES, OBJECT_RULES, WORKSPACE_RULES } from '../rules/registry';
import type { ObjectRule, ReportOptions, RuleMeta, WorkspaceContext, WorkspaceObject, WorkspaceRule } from '../rules/rule';
import { createLintSettings, DEFAULT_LINT_SETTINGS, type FileSettings, type LintSettings } from '../config/lintSettings';
import { emptyUsage, isSuppressed, type SuppressionUsage } from '../suppress/apply';
import { subjectOf } from '../suppress/subject';
import { unusedAnnotationFindings, unusedConfigFindings } from '../suppress/unused';
import type { ObjectIdentity } from '../kube/identity';
import type { ParsedDocument } from '../yaml/parse';
import type { Path } from '../yaml/locate';
import { crossFacts } from './crossFacts';
import { ExternalObjects } from './externalObjects';
import { FileLinter, type ChunkState, type FileAnalysis, type LintCounters, type TextChange } from './fileLinter';
import type { DocumentAnalysis, RuleSettings } from './lintDocument';
import { DEFAULT_KUBERNETES_VERSION, type ExternalObject, type LintOptions } from './options';
import { WorkspaceIndex } from './workspaceIndex';
import { editorText, type EditorText } from './editorText';

export type { TextChange } from './fileLinter';

export interface WorkspaceOptions {
  objectRules?: readonly ObjectRule[];
  workspaceRules?: readonly WorkspaceRule[];
  /** Severities, excludes and suppressions (`createLintSettings`); a bare `RuleSettings` sets severities only. */
  settings?: LintSettings | RuleSettings;
  /** Target Kubernetes version ("1.31"); default {@link DEFAULT_KUBERNETES_VERSION}. */
  kubernetesVersion?: string;
  /** Objects that exist outside the workspace (e.g. from the cluster file), besides the configs' `external:`. */
  external?: readonly ExternalObject[];
}

function toLintSettings(s: LintSettings | RuleSettings | undefined): LintSettings {
  if (!s) return DEFAULT_LINT_SETTINGS;
  if ('forFile' in s) return s;
  const base = createLintSettings();
  return { ...base, enabledAnywhere: (id, d) => s.severityOf(id, d) !== undefined, forFile: (file) => ({ ...base.forFile(file), severityOf: s.severityOf }) };
}

/** A Kubernetes object of the workspace whose line offset follows edits above it. */
class LiveObject implements WorkspaceObject {
  constructor(
    readonly file: string,
    readonly id: ObjectIdentity,
    readonly object: Record<string, unknown>,
    readonly doc: ParsedDocument,
    readonly chunk: ChunkState,
    readonly linter: FileLinter,
    /** The document's analysis: its suppressions and which of them its own findings used. */
    readonly analysis: DocumentAnalysis,
  ) {}

  get lineOffset(): number {
    return this.linter.startLineOf(this.chunk);
  }

  get alive(): boolean {
    return this.linter.owns(this.chunk);
  }
}

/** A workspace rule's finding, kept relative to its target's document until published. */
interface CrossFinding {
  target: LiveObject;
  rule: string;
  severity: Severity;
  message: string;
  range: Range;
  subject: Subject;
  fixes?: QuickFix[];
  /** Set when a suppression hides the finding: which ones did (kept, so "unused" follows re-checks). */
  suppressedBy?: SuppressionUsage;
  /** The finding in file positions, for the line its target was last at. */
  published?: { line: number; finding: Finding };
}

const NO_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

interface FileEntry {
  linter: FileLinter;
  /** Insertion order: workspace rules see files in it. */
  order: number;
  objects: Map<ChunkState, LiveObject[]>;
}

/** The incremental state of one keyed workspace rule. */
interface KeyedState {
  rule: WorkspaceRule;
  severity: Severity;
  members: Map<string, Set<LiveObject>>;
  keysOf: Map<LiveObject, readonly string[]>;
  dirty: Set<string>;
  /** Findings per key, and per key the files they land in. */
  findings: Map<string, CrossFinding[]>;
}

/**
 * Every manifest file the user works on, linted incrementally. Object rules run per
 * document and are cached with it. Workspace rules (across documents and files) come in
 * two forms: keyed rules keep an index from key to objects and re-check only the keys
 * whose objects changed; plain rules re-run over the (cached) object list after a change.
 */
export class Workspace {
  private readonly entries = new Map<string, FileEntry>();
  private readonly objectRules: readonly ObjectRule[];
  private readonly workspaceRules: readonly WorkspaceRule[];
  private readonly ruleMeta: ReadonlyMap<string, RuleMeta>;
  private settings: LintSettings;
  private readonly perFile = new Map<string, FileSettings>();
  private keyed: KeyedState[] = [];
  private plain: { rule: WorkspaceRule; severity: Severity }[] = [];
  /** Plain rules' findings by file, stale when objects changed since they ran. */
  private plainFindings = new Map<string, CrossFinding[]>();
  private plainStale = true;
  /** Bumped whenever the objects (or what plain rules see) change: a pass started before is stale. */
  private objectsVersion = 0;

  /** Files whose objects changed since the plain rules last completed; `plainAll`: re-check everything. */
  private plainDirty = new Set<string>();
  private plainAll = true;
  /** The index and each file's cross-object facts as of the last full pass of the plain rules. */
  private plainIndex: WorkspaceIndex | undefined;
  private plainFacts = new Map<string, string>();
  /** Full and incremental passes of the plain workspace rules (for tests and benchmarks). */
  readonly ruleRunStats = { full: 0, incremental: 0 };

  /** Objects changed: in `file` only (a pass may re-check just that file), or anywhere (`undefined`). */
  private markPlainStale(file?: string): void {
    this.plainStale = true;
    this.objectsVersion++;
    if (file === undefined) this.plainAll = true;
    else this.plainDirty.add(file);
  }
  private objectList: LiveObject[] | undefined;
  private objectIndex: WorkspaceIndex | undefined;
  private lintOptions: LintOptions;
  /** Set by the caller (option, setKubernetesVersion); otherwise the settings' version applies. */
  private explicitVersion: string | undefined;
  private declaredExternal: readonly ExternalObject[];
  private external: ExternalObjects;
  /** Files whose workspace-rule findings may have changed since `takeChangedFiles`. */
  private changed = new Set<string>();
  private nextOrder = 0;
  readonly counters: LintCounters = { parsedChunks: 0, incrementalEdits: 0, fullUpdates: 0, repairs: 0 };

  constructor(options: WorkspaceOptions = {}) {
    this.objectRules = options.objectRules ?? OBJECT_RULES;
    this.workspaceRules = options.workspaceRules ?? WORKSPACE_RULES;
    this.ruleMeta = new Map([...ALL_RULES, ...this.objectRules, ...this.workspaceRules].map((r) => [r.id, r]));
    this.settings = toLintSettings(options.settings);
    this.explicitVersion = options.kubernetesVersion;
    this.lintOptions = { kubernetesVersion: this.explicitVersion ?? this.settings.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION };
    this.declaredExternal = options.external ?? [];
    this.external = new ExternalObjects([...this.declaredExternal, ...this.settings.external]);
    this.setupRules();
  }

  get options(): LintOptions {
    return this.lintOptions;
  }

  /** Changes the target Kubernetes version; every file is re-linted from its last text. */
  setKubernetesVersion(version: string): void {
    this.explicitVersion = version;
    if (version === this.lintOptions.kubernetesVersion) return;
    this.configure(this.settings);
  }

  /** The settings a file is linted with (its nearest `.kubeplan.yaml`, editor settings). */
  fileSettings(file: string): FileSettings {
    let s = this.perFile.get(file);
    if (!s) this.perFile.set(file, (s = this.settings.forFile(file)));
    return s;
  }

  get lintSettings(): LintSettings {
    return this.settings;
  }

  /** Replaces the objects declared to exist outside the workspace (cheap: only workspace rules re-run). */
  setExternalObjects(external: readonly ExternalObject[]): void {
    this.declaredExternal = external;
    this.external = new ExternalObjects([...external, ...this.settings.external]);
    this.markPlainStale();
  }

  /** Adds or replaces a file's text and lints it. */
  setFile(file: string, text: string): FileAnalysis {
    this.stageText(file, text);
    return this.lintFile(file);
  }

  /** Applies editor changes to a file and lints what they touched; `currentText` is the text after them (for fallbacks). */
  editFile(file: string, changes: readonly TextChange[], currentText: () => string): FileAnalysis {
    this.stageChanges(file, changes, currentText);
    return this.lintFile(file);
  }

  /** Replaces a file's text without linting yet (see `analyze`). */
  stageText(file: string, text: string): void {
    this.entry(file).linter.setText(text);
  }

  /** Applies editor changes without linting yet (see `analyze`). */
  stageChanges(file: string, changes: readonly TextChange[], currentText: (() => string) | EditorText): void {
    const e = this.entries.get(file);
    if (!e) this.entry(file).linter.setText(editorText(currentText).text());
    else e.linter.applyChanges(changes, currentText);
  }

  /** Lints a slice of a file's pending documents, until `deadline` (performance.now()); true when the file is done. */
  analyze(file: string, deadline = Infinity): boolean {
    return this.entries.get(file)?.linter.analyze(deadline) ?? true;
  }

  /** Documents of a file still waiting to be linted. */
  pendingDocuments(file: string): number {
    return this.entries.get(file)?.linter.pendingCount ?? 0;
  }

  private lintFile(file: string): FileAnalysis {
    const linter = this.entries.get(file)!.linter;
    linter.analyze();
    return linter.analysis;
  }

  removeFile(file: string): void {
    const e = this.entries.get(file);
    if (!e) return;
    for (const list of e.objects.values()) for (const o of list) this.unindex(o);
    e.objects.clear();
    e.linter.onChunksChanged = undefined;
    this.entries.delete(file);
    this.perFile.delete(file);
    this.changed.add(file);
    this.objectList = undefined;
    this.objectIndex = undefined;
    this.markPlainStale();
  }

  hasFile(file: string): boolean {
    return this.entries.has(file);
  }

  get files(): string[] {
    return [...this.entries.keys()];
  }

  analysis(file: string): FileAnalysis | undefined {
    return this.entries.get(file)?.linter.analysis;
  }

  /** The file's text as the engine holds it. */
  text(file: string): string | undefined {
    return this.entries.get(file)?.linter.text;
  }

  /** Changes rule settings and re-lints every file from its text. */
  configure(settings: LintSettings | RuleSettings, texts: (file: string) => string | undefined = (f) => this.text(f), options: { lint?: boolean } = {}): void {
    // severities, excludes, suppressions, external objects and the target version are baked into each analysis
    this.settings = toLintSettings(settings);
    this.external = new ExternalObjects([...this.declaredExternal, ...this.settings.external]);
    this.lintOptions = { ...this.lintOptions, kubernetesVersion: this.explicitVersion ?? this.settings.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION };
    const files = [...this.entries.keys()].map((f) => [f, texts(f)] as const);
    for (const [f] of files) this.removeFile(f);
    this.perFile.clear();
    this.setupRules();
    // the editor stages and lints in slices (`analyze`); everyone else lints now
    for (const [f, t] of files) if (t !== undefined) options.lint === false ? this.stageText(f, t) : this.setFile(f, t);
  }

  /** Every Kubernetes object in the workspace, in file order. */
  objects(): WorkspaceObject[] {
    return this.liveObjects();
  }

  private liveObjects(): LiveObject[] {
    if (this.objectList) return this.objectList;
    const out: LiveObject[] = [];
    for (const e of this.entries.values()) {
      if (!this.linted(e)) continue;
      for (const { chunk } of e.linter.analysedChunks()) {
        const list = e.objects.get(chunk);
        if (list) for (const o of list) out.push(o);
      }
    }
    this.objectIndex = undefined;
    return (this.objectList = out);
  }

  private index_(): WorkspaceIndex {
    const objects = this.objects();
    return (this.objectIndex ??= new WorkspaceIndex(objects));
  }

  /** Findings of one file: its own documents' plus those of workspace rules. */
  findings(file: string): Finding[] {
    const e = this.entries.get(file);
    if (!e) return [];
    const own = e.linter.findings();
    const cross = this.crossFileFindings(file);
    return cross.length ? own.concat(cross) : own;
  }

  /**
   * Findings of one file for the editor's fast path: its own documents', keyed workspace
   * rules' (cheap, always current) and plain workspace rules' from their last pass (their
   * findings on changed documents wait for the next `workspacePass`).
   */
  currentFindings(file: string): Finding[] {
    const e = this.entries.get(file);
    if (!e) return [];
    const own = e.linter.findings();
    const cross = this.crossFileFindings(file, false);
    return cross.length ? own.concat(cross) : own;
  }

  /** True when objects changed since plain workspace rules last ran. */
  get workspaceRulesStale(): boolean {
    return this.plainStale;
  }

  /**
   * Runs the plain workspace rules one at a time, yielding after each, so the editor can
   * interleave it with new messages. Results replace the previous ones only when every rule
   * ran over an unchanged workspace; a pass overtaken by an edit ends without effect.
   */
  *workspacePass(): Generator<void, boolean> {
    if (!this.plainStale) return true;
    const version = this.objectsVersion;
    const results = this.plainRuns();
    for (let r = results.next(); !r.done; r = results.next()) {
      yield;
      if (this.objectsVersion !== version) return false;
    }
    return this.objectsVersion === version;
  }

  /** Only the findings of workspace rules for one file: what another file's edit can change. */
  crossFileFindings(file: string, complete = true): Finding[] {
    this.flush(complete);
    const e = this.entries.get(file);
    if (!e || !this.linted(e)) return [];
    const out: Finding[] = [];
    const used = new Map<LiveObject, SuppressionUsage[]>();
    const add = (f: CrossFinding) => {
      if (f.target.file !== file || !f.target.alive) return;
      if (f.suppressedBy) {
        const list = used.get(f.target);
        if (list) list.push(f.suppressedBy);
        else used.set(f.target, [f.suppressedBy]);
        return;
      }
      const line = f.target.lineOffset;
      if (f.published?.line !== line) f.published = { line, finding: shiftFinding({ rule: f.rule, severity: f.severity, message: f.message, range: f.range, file, subject: f.subject, ...(f.fixes ? { fixes: f.fixes } : {}) }, line) };
      out.push(f.published.finding);
    };
    // keyed findings are few (only keys with a problem hold any): scan them, not every object
    for (const k of this.keyed) for (const list of k.findings.values()) for (const f of list) add(f);
    for (const f of this.plainFindings.get(file) ?? []) add(f);
    if (!e.linter.excluded) out.push(...this.unusedIn(e, used));
    return out.sort(byPlace);
  }

  /** Our own suppression annotations in a file that hid nothing, by its documents' rules or any workspace rule. */
  private unusedIn(e: FileEntry, used: ReadonlyMap<LiveObject, readonly SuppressionUsage[]>): Finding[] {
    const out: Finding[] = [];
    const settings = this.fileSettings(e.linter.file);
    for (const list of e.objects.values()) {
      for (const o of list) {
        if (o.analysis.suppressions.annotations.length === 0) continue;
        const found = unusedAnnotationFindings({
          file: o.file,
          doc: o.doc,
          identity: o.id,
          suppressions: o.analysis.suppressions,
          usage: [o.analysis.usage, ...(used.get(o) ?? [])],
          settings,
          rules: this.ruleMeta,
        });
        for (const f of found) out.push(shiftFinding(f, o.lineOffset));
      }
    }
    return out;
  }

  /** `.kubeplan.yaml` `suppress:` entries that hid nothing in any file, reported on the config file. */
  unusedConfigSuppressions(): Finding[] {
    this.flush();
    const used = new Map<unknown, Set<string>>();
    const merge = (u: SuppressionUsage) => {
      for (const [entry, ids] of u.config) {
        const set = used.get(entry) ?? new Set<string>();
        for (const id of ids) set.add(id);
        used.set(entry, set);
      }
    };
    for (const o of this.liveObjects()) merge(o.analysis.usage);
    for (const k of this.keyed) for (const list of k.findings.values()) for (const f of list) if (f.suppressedBy) merge(f.suppressedBy);
    for (const list of this.plainFindings.values()) for (const f of list) if (f.suppressedBy) merge(f.suppressedBy);
    return this.settings.configs.flatMap((c) => (c.file ? unusedConfigFindings(c, used, this.settings.forFile(c.file), this.ruleMeta) : []));
  }

  /**
   * Applies severities and suppressions to findings that come from outside the linter,
   * e.g. the simulator's (`sim-…`): they name their object as `Kind/namespace/name`
   * (or `Kind/name`) and, optionally, a container.
   */
  applySettingsTo<T extends { rule: string; severity: Severity; object: string; container?: string }>(findings: readonly T[]): T[] {
    const byKey = new Map<string, LiveObject>();
    for (const o of this.liveObjects()) {
      byKey.set(`${o.id.kind}/${o.id.namespace ?? 'default'}/${o.id.name ?? ''}`, o);
      if (!o.id.namespace) byKey.set(`${o.id.kind}/${o.id.name ?? ''}`, o);
    }
    const out: T[] = [];
    for (const f of findings) {
      const target = byKey.get(f.object);
      // Not in any file (e.g. a pod the simulator made up): the workspace's top-level settings apply.
      const settings = target ? this.fileSettings(target.file) : this.settings.forFile('kubeplan:workspace');
      if (target && settings.excluded) continue;
      const severity = settings.severityOf(f.rule, f.severity);
      if (!severity) continue;
      if (target && isSuppressed(target.analysis.suppressions, f.rule, f.container, emptyUsage())) continue;
      out.push(severity === f.severity ? f : { ...f, severity });
    }
    return out;
  }

  /** Files whose workspace-rule findings may have changed since the last call (the editor republishes them). */
  takeChangedFiles(): Set<string> {
    this.flush(false);
    const out = this.changed;
    this.changed = new Set();
    return out;
  }

  /** A file's objects take part in workspace rules only when the file is linted as Kubernetes. */
  private linted(e: FileEntry): boolean {
    return e.linter.isKubernetes && !e.linter.templated;
  }



  private setupRules(): void {
    this.keyed = [];
    this.plain = [];
    for (const rule of this.workspaceRules) {
      // severities differ per file (nearest .kubeplan.yaml): the reporter applies them; skip only rules off everywhere
      if (!this.settings.enabledAnywhere(rule.id, rule.severity)) continue;
      const severity = rule.severity;
      if (rule.keyed) this.keyed.push({ rule, severity, members: new Map(), keysOf: new Map(), dirty: new Set(), findings: new Map() });
      else this.plain.push({ rule, severity });
    }
    this.markPlainStale();
  }

  private entry(file: string): FileEntry {
    let e = this.entries.get(file);
    if (e) return e;
    const linter = new FileLinter(file, this.objectRules, this.fileSettings(file), this.lintOptions, this.counters);
    e = { linter, order: this.nextOrder++, objects: new Map() };
    const entry = e;
    linter.onChunksChanged = (removed, added, shiftedFrom) => this.chunksChanged(entry, removed, added, shiftedFrom);
    this.entries.set(file, e);
    return e;
  }

  private chunksChanged(e: FileEntry, removed: readonly ChunkState[], added: readonly ChunkState[], shiftedFrom: number | undefined): void {
    for (const chunk of removed) {
      for (const o of e.objects.get(chunk) ?? []) this.unindex(o);
      e.objects.delete(chunk);
    }
    for (const chunk of added) {
      const list: LiveObject[] = [];
      for (const d of chunk.documents ?? []) {
        const object = d.doc.object;
        if (d.identity && object) list.push(new LiveObject(e.linter.file, d.identity, object, d.doc, chunk, e.linter, d));
      }
      if (list.length) e.objects.set(chunk, list);
      for (const o of list) this.index(o);
    }
    // objects below an edit that added or removed lines moved: findings that quote their line are re-checked
    if (shiftedFrom !== undefined) {
      for (const [chunk, list] of e.objects) {
        if (chunk.index < shiftedFrom) continue;
        for (const o of list) for (const k of this.keyed) for (const key of k.keysOf.get(o) ?? []) k.dirty.add(key);
      }
    }
    if (removed.length || added.length || shiftedFrom !== undefined) {
      this.objectList = undefined;
      this.objectIndex = undefined;
      this.markPlainStale(e.linter.file);
      this.changed.add(e.linter.file);
    }
  }

  private index(o: LiveObject): void {
    for (const k of this.keyed) {
      let keys: readonly string[];
      try {
        keys = k.rule.keyed!.keysOf(o);
      } catch {
        keys = [];
      }
      k.keysOf.set(o, keys);
      for (const key of keys) {
        let set = k.members.get(key);
        if (!set) k.members.set(key, (set = new Set()));
        set.add(o);
        k.dirty.add(key);
      }
    }
  }

  private unindex(o: LiveObject): void {
    for (const k of this.keyed) {
      for (const key of k.keysOf.get(o) ?? []) {
        const set = k.members.get(key);
        set?.delete(o);
        if (set && set.size === 0) k.members.delete(key);
        k.dirty.add(key);
      }
      k.keysOf.delete(o);
    }
  }

  /** Re-checks dirty keys and, if objects changed and `complete`, the plain rules. */
  private flush(complete = true): void {
    for (const k of this.keyed) {
      if (k.dirty.size === 0) continue;
      for (const key of k.dirty) {
        for (const f of k.findings.get(key) ?? []) this.changed.add(f.target.file);
        k.findings.delete(key);
        const set = k.members.get(key);
        if (!set) continue;
        const members = [...set].filter((o) => this.linted(this.entries.get(o.file)!)).sort((a, b) => this.entries.get(a.file)!.order - this.entries.get(b.file)!.order || a.chunk.index - b.chunk.index);
        if (members.length === 0) continue;
        const found: CrossFinding[] = [];
        try {
          k.rule.keyed!.checkKey(key, members, this.reporter(k.rule, k.severity, found));
        } catch {
          // a failing workspace rule must not hide the other rules' findings
        }
        if (found.length) k.findings.set(key, found);
        for (const f of found) this.changed.add(f.target.file);
      }
      k.dirty.clear();
    }
    if (complete && this.plainStale) for (const _ of this.plainRuns());
  }

  /**
   * Runs the plain rules, one per step; the last step publishes the results. When every file
   * changed since the last pass still has the same cross-object facts (lint/crossFacts.ts) —
   * the usual case while typing a value — no other file's findings can change: the rules check
   * only those files' objects, against the index of the last full pass. Otherwise (a label, a
   * name or a reference changed, a file came or went, settings changed) every object is checked.
   */
  private *plainRuns(): Generator<void, void> {
    const before = this.plainFindings;
    const out = new Map<string, CrossFinding[]>();
    const dirty = new Set(this.plainDirty);
    const dirtyObjects = this.plainAll ? [] : this.objectsOf(dirty);
    const facts = this.plainAll ? undefined : factsByFile(dirtyObjects);
    const incremental = this.plain.length > 0 && !this.plainAll && this.plainIndex !== undefined && [...dirty].every((f) => (this.plainFacts.get(f) ?? '') === (facts!.get(f) ?? ''));
    let index: WorkspaceIndex | undefined;
    let subjects: WorkspaceIndex | undefined;
    if (incremental) {
      index = this.plainIndex!;
      subjects = new WorkspaceIndex(dirtyObjects);
      for (const [file, list] of before) if (!dirty.has(file)) out.set(file, list);
    } else if (this.plain.length) {
      index = subjects = this.index_();
    }
    const external = this.external;
    const version = this.objectsVersion;
    for (const { rule, severity } of this.plain) {
      const found: CrossFinding[] = [];
      const idx = index!;
      const ctx: WorkspaceContext = {
        index: idx,
        subjects: subjects!,
        options: this.lintOptions,
        exists: (kind, namespace, name) => idx.named(kind, namespace, name).length > 0 || external.has(kind, namespace, name),
        isExternal: (kind, namespace, name) => external.has(kind, namespace, name),
        report: this.reporter(rule, severity, found),
      };
      try {
        rule.check(ctx);
      } catch {
        // as above
      }
      for (const f of found) {
        const list = out.get(f.target.file);
        if (list) list.push(f);
        else out.set(f.target.file, [f]);
      }
      yield;
      if (this.objectsVersion !== version) return;
    }
    if (incremental) {
      for (const file of dirty) this.changed.add(file);
      this.ruleRunStats.incremental++;
    } else {
      for (const file of out.keys()) this.changed.add(file);
      for (const file of before.keys()) this.changed.add(file);
      if (index) {
        this.plainIndex = index;
        this.plainFacts = factsByFile(index.objects);
      }
      this.ruleRunStats.full++;
    }
    this.plainFindings = out;
    this.plainStale = false;
    this.plainDirty.clear();
    this.plainAll = false;
  }

  /** The objects of some files, in file order, without listing the whole workspace. */
  private objectsOf(files: ReadonlySet<string>): LiveObject[] {
    const out: LiveObject[] = [];
    const entries = [...files].map((f) => this.entries.get(f)).filter((e): e is FileEntry => e !== undefined && this.linted(e));
    for (const e of entries.sort((a, b) => a.order - b.order)) {
      for (const { chunk } of e.linter.analysedChunks()) {
        const list = e.objects.get(chunk);
        if (list) for (const o of list) out.push(o);
      }
    }
    return out;
  }

  private reporter(rule: WorkspaceRule, _default: Severity, into: CrossFinding[]) {
    return (target: WorkspaceObject, path: Path, message: string, options?: ReportOptions) => {
      if (!(target instanceof LiveObject)) return;
      const settings = this.fileSettings(target.file);
      const configured = settings.severityOf(rule.id, rule.severity);
      if (!configured || settings.excluded) return;
      const subject = subjectOf(target.id, target.object, path);
      const s = target.analysis.suppressions;
      let suppressedBy: SuppressionUsage | undefined;
      if (s.annotations.length > 0 || s.config.length > 0) {
        const usage = emptyUsage();
        if (isSuppressed(s, rule.id, subject.container, usage)) suppressedBy = usage;
      }
      into.push({
        target,
        rule: rule.id,
        severity: findingSeverity(configured, rule.severity, options?.severity),
        message,
        // a hidden finding is never shown: don't rebuild a released syntax tree for its range
        range: suppressedBy ? NO_RANGE : target.doc.rangeOf(path, options?.part ?? 'key'),
        subject,
        ...(options?.fixes && !suppressedBy ? { fixes: options.fixes } : {}),
        ...(suppressedBy ? { suppressedBy } : {}),
      });
    };
  }
}

function factsByFile(objects: readonly WorkspaceObject[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const o of objects) out.set(o.file, (out.get(o.file) ?? '') + crossFacts(o) + '\n');
  return out;
}

function byPlace(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0);
}
