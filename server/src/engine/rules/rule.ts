import type { QuickFix, Severity } from '../model/finding';
import type { ObjectIdentity } from '../kube/identity';
import type { ParsedDocument } from '../yaml/parse';
import type { Part, Path } from '../yaml/locate';
import type { LintOptions } from '../lint/options';
import type { WorkspaceIndex } from '../lint/workspaceIndex';

export type RuleCategory = 'syntax' | 'schema' | 'resources' | 'health' | 'namespaces' | 'rbac' | 'images' | 'security' | 'reliability' | 'references' | 'deprecation' | 'simulation' | 'meta' | 'suppression';

/** What every rule carries: its public id, default severity, and its docs entry. */
export interface RuleMeta {
  /** Public, stable id (users put it in suppressions and config). */
  readonly id: string;
  readonly severity: Severity;
  readonly category: RuleCategory;
  /** One line: what the rule reports. */
  readonly title: string;
  readonly docs: {
    readonly why: string;
    readonly fix: string;
    /** A manifest fragment that triggers the rule and one that does not. */
    readonly bad?: string;
    readonly good?: string;
  };
}

export interface ReportOptions {
  part?: Part;
  fixes?: QuickFix[];
  /**
   * This finding's severity when the rule runs at its default severity; kept relative to the
   * configured severity otherwise (see findingSeverity).
   */
  severity?: Severity;
}

/** What a rule sees of one Kubernetes object. */
export interface ObjectContext {
  readonly doc: ParsedDocument;
  readonly object: Record<string, unknown>;
  readonly id: ObjectIdentity;
  /** Engine options (target Kubernetes version, …); a change re-lints every document. */
  readonly options: LintOptions;
  report(path: Path, message: string, options?: ReportOptions): void;
}

/** A rule that looks at one object at a time; its findings are cached with the document. */
export interface ObjectRule extends RuleMeta {
  check(ctx: ObjectContext): void;
}

/** One Kubernetes object somewhere in the workspace, as workspace rules see it. */
export interface WorkspaceObject {
  readonly file: string;
  readonly id: ObjectIdentity;
  readonly object: Record<string, unknown>;
  readonly doc: ParsedDocument;
  /** Line where the object's document starts in its file. */
  readonly lineOffset: number;
}

export interface WorkspaceReport {
  (target: WorkspaceObject, path: Path, message: string, options?: ReportOptions): void;
}

/** What a workspace rule sees: every object, lookups over them, and what exists outside the workspace. */
export interface WorkspaceContext {
  /** Every object: lookups by kind and name, pod templates by label (built once, shared by all rules). */
  readonly index: WorkspaceIndex;
  /**
   * The objects to check and report on: every object, or — when an edit changed nothing other
   * objects depend on (see lint/crossFacts.ts) — only the edited files' objects. Rules iterate
   * `subjects`, look things up in `index`, and report only on subjects.
   */
  readonly subjects: WorkspaceIndex;
  readonly options: LintOptions;
  /**
   * True when an object of `kind` named `name` exists for a reference made from `namespace`:
   * defined in the workspace, declared external (config `external:`, cluster file), or created
   * by Kubernetes itself (ServiceAccount `default`, ConfigMap `kube-root-ca.crt`).
   * `namespace` undefined means "not set": it matches any namespace, as the object may be applied with `-n`.
   */
  exists(kind: string, namespace: string | undefined, name: string): boolean;
  /** True when the object is declared as existing outside the workspace (or created by Kubernetes). */
  isExternal(kind: string, namespace: string | undefined, name: string): boolean;
  readonly report: WorkspaceReport;
}

/** A rule that needs every object of the workspace at once (references, duplicates). */
export interface WorkspaceRule extends RuleMeta {
  check(ctx: WorkspaceContext): void;
  /**
   * The incremental form, used instead of `check` when present: each object names the keys
   * it takes part in (its identity, what it refers to), and only keys whose objects changed
   * are re-checked, so an edit costs the objects it touches, not the workspace.
   * `check` should equal `checkByKeys(keyed)`.
   */
  readonly keyed?: KeyedCheck;
}

/** A workspace check split by key; see `WorkspaceRule.keyed`. */
export interface KeyedCheck {
  /** The keys one object takes part in; must depend on that object alone. */
  keysOf(o: WorkspaceObject): readonly string[];
  /** Findings for one key, given every object that has it (in file order); reports only on those objects. */
  checkKey(key: string, objects: readonly WorkspaceObject[], report: WorkspaceReport): void;
}

/** The whole-workspace `check` of a keyed rule: group by key, check each group. */
export function checkByKeys(keyed: KeyedCheck): WorkspaceRule['check'] {
  return ({ index, report }) => {
    const groups = new Map<string, WorkspaceObject[]>();
    for (const o of index.objects) {
      for (const key of keyed.keysOf(o)) {
        const list = groups.get(key);
        if (list) list.push(o);
        else groups.set(key, [o]);
      }
    }
    for (const [key, list] of groups) keyed.checkKey(key, list, report);
  };
}
