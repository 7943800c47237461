import type { QuickFix, Severity } from '../model/finding';
import type { ObjectIdentity } from '../kube/identity';
import type { ParsedDocument } from '../yaml/parse';
import type { Part, Path } from '../yaml/locate';

export type RuleCategory = 'syntax' | 'schema' | 'resources' | 'health' | 'namespaces' | 'rbac' | 'images' | 'security' | 'reliability' | 'references' | 'deprecation' | 'simulation' | 'meta';

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
  /** Overrides the rule's severity for this one finding. */
  severity?: Severity;
}

/** What a rule sees of one Kubernetes object. */
export interface ObjectContext {
  readonly doc: ParsedDocument;
  readonly object: Record<string, unknown>;
  readonly id: ObjectIdentity;
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

/** A rule that needs every object of the workspace at once (references, duplicates). */
export interface WorkspaceRule extends RuleMeta {
  check(objects: readonly WorkspaceObject[], report: WorkspaceReport): void;
}
