import type { Finding, Range } from '../model/finding';
import type { Part, Path } from '../yaml/locate';
import { findingSeverity, shiftFinding } from '../model/finding';
import { OBJECT_RULES, WORKSPACE_RULES } from '../rules/registry';
import type { ObjectRule, WorkspaceContext, WorkspaceObject, WorkspaceRule } from '../rules/rule';
import type { ParsedDocument } from '../yaml/parse';
import { ExternalObjects } from './externalObjects';
import { FileLinter, fileFindings, type FileAnalysis } from './fileLinter';
import { DEFAULT_RULE_SETTINGS, type RuleSettings } from './lintDocument';
import { DEFAULT_KUBERNETES_VERSION, type ExternalObject, type LintOptions } from './options';
import { WorkspaceIndex } from './workspaceIndex';

export interface WorkspaceOptions {
  objectRules?: readonly ObjectRule[];
  workspaceRules?: readonly WorkspaceRule[];
  settings?: RuleSettings;
  /** Target Kubernetes version ("1.31"); default {@link DEFAULT_KUBERNETES_VERSION}. */
  kubernetesVersion?: string;
  /** Objects that exist outside the workspace; references to them are not dangling. */
  external?: readonly ExternalObject[];
}

/** Ranges of a document's paths, remembered while the document is unchanged: workspace rules re-report every run. */
const rangeCache = new WeakMap<ParsedDocument, Map<string, Range>>();

function cachedRange(doc: ParsedDocument, path: Path, part: Part): Range {
  let m = rangeCache.get(doc);
  if (!m) rangeCache.set(doc, (m = new Map()));
  const key = `${part}\0${path.join('\0')}`;
  let r = m.get(key);
  if (!r) m.set(key, (r = doc.rangeOf(path, part)));
  return r;
}

/**
 * Every manifest file the user works on, linted incrementally. Object rules run per
 * document and are cached; workspace rules (references across files) run over the
 * object list whenever a file changed, which is cheap next to parsing.
 */
export class Workspace {
  private readonly linters = new Map<string, FileLinter>();
  private readonly objectRules: readonly ObjectRule[];
  private readonly workspaceRules: readonly WorkspaceRule[];
  private settings: RuleSettings;
  private lintOptions: LintOptions;
  private external: ExternalObjects;
  private crossFindings: Map<string, Finding[]> | undefined;

  constructor(options: WorkspaceOptions = {}) {
    this.objectRules = options.objectRules ?? OBJECT_RULES;
    this.workspaceRules = options.workspaceRules ?? WORKSPACE_RULES;
    this.settings = options.settings ?? DEFAULT_RULE_SETTINGS;
    this.lintOptions = { kubernetesVersion: options.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION };
    this.external = new ExternalObjects(options.external);
  }

  get options(): LintOptions {
    return this.lintOptions;
  }

  /** Changes the target Kubernetes version; every file is re-linted from its last text. */
  setKubernetesVersion(version: string): void {
    if (version === this.lintOptions.kubernetesVersion) return;
    this.lintOptions = { ...this.lintOptions, kubernetesVersion: version };
    this.relintAll();
  }

  /** Replaces the objects declared to exist outside the workspace (cheap: only workspace rules re-run). */
  setExternalObjects(external: readonly ExternalObject[]): void {
    this.external = new ExternalObjects(external);
    this.crossFindings = undefined;
  }

  private relintAll(): void {
    for (const [file, linter] of [...this.linters]) {
      const text = linter.text;
      this.linters.delete(file);
      if (text !== undefined) this.setFile(file, text);
    }
    this.crossFindings = undefined;
  }

  /** Adds or replaces a file's text. */
  setFile(file: string, text: string): FileAnalysis {
    let linter = this.linters.get(file);
    if (!linter) {
      linter = new FileLinter(file, this.objectRules, this.settings, this.lintOptions);
      this.linters.set(file, linter);
    }
    this.crossFindings = undefined;
    return linter.update(text);
  }

  removeFile(file: string): void {
    if (this.linters.delete(file)) this.crossFindings = undefined;
  }

  hasFile(file: string): boolean {
    return this.linters.has(file);
  }

  get files(): string[] {
    return [...this.linters.keys()];
  }

  analysis(file: string): FileAnalysis | undefined {
    return this.linters.get(file)?.analysis;
  }

  /** Changes rule settings; every file is re-linted from its last text on next update. */
  configure(settings: RuleSettings, texts: (file: string) => string | undefined): void {
    this.settings = settings;
    const files = [...this.linters.keys()];
    this.linters.clear();
    for (const f of files) {
      const t = texts(f);
      if (t !== undefined) this.setFile(f, t);
    }
    this.crossFindings = undefined;
  }

  /** Every Kubernetes object in the workspace, in file order. */
  objects(): WorkspaceObject[] {
    const out: WorkspaceObject[] = [];
    for (const [file, linter] of this.linters) {
      const a = linter.analysis;
      if (!a || a.templated || !a.isKubernetes) continue;
      for (const { chunk, documents } of a.chunks) {
        for (const d of documents) {
          const object = d.doc.object;
          if (d.identity && object) out.push({ file, id: d.identity, object, doc: d.doc, lineOffset: chunk.startLine });
        }
      }
    }
    return out;
  }

  /** Findings of one file: its own documents' plus those of workspace rules. */
  findings(file: string): Finding[] {
    const a = this.linters.get(file)?.analysis;
    if (!a) return [];
    const own = fileFindings(a);
    const cross = this.crossFileFindings(file);
    return cross.length ? own.concat(cross) : own;
  }

  /** Only the findings of workspace rules for one file: what another file's edit can change. */
  crossFileFindings(file: string): readonly Finding[] {
    return this.workspaceFindings().get(file) ?? [];
  }

  private workspaceFindings(): Map<string, Finding[]> {
    if (this.crossFindings) return this.crossFindings;
    const out = new Map<string, Finding[]>();
    const objects = this.objects();
    const index = new WorkspaceIndex(objects);
    const external = this.external;
    const exists = (kind: string, namespace: string | undefined, name: string) => index.named(kind, namespace, name).length > 0 || external.has(kind, namespace, name);
    for (const rule of this.workspaceRules) {
      const severity = this.settings.severityOf(rule.id, rule.severity);
      if (!severity) continue;
      const ctx: WorkspaceContext = {
        objects,
        index,
        options: this.lintOptions,
        exists,
        isExternal: (kind, namespace, name) => external.has(kind, namespace, name),
        report: (target: WorkspaceObject, path, message, options) => {
          const f: Finding = {
            rule: rule.id,
            severity: findingSeverity(severity, rule.severity, options?.severity),
            message,
            range: cachedRange(target.doc, path, options?.part ?? 'key'),
            file: target.file,
            ...(options?.fixes ? { fixes: options.fixes } : {}),
          };
          const shifted = shiftFinding(f, target.lineOffset);
          const list = out.get(target.file);
          if (list) list.push(shifted);
          else out.set(target.file, [shifted]);
        },
      };
      try {
        rule.check(ctx);
      } catch {
        // a failing workspace rule must not hide the other rules' findings
      }
    }
    this.crossFindings = out;
    return out;
  }
}
