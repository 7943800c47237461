import type { Finding } from '../model/finding';
import { shiftRange } from '../model/finding';
import { OBJECT_RULES, WORKSPACE_RULES } from '../rules/registry';
import type { ObjectRule, WorkspaceObject, WorkspaceRule } from '../rules/rule';
import { FileLinter, fileFindings, type FileAnalysis } from './fileLinter';
import { DEFAULT_RULE_SETTINGS, type RuleSettings } from './lintDocument';

export interface WorkspaceOptions {
  objectRules?: readonly ObjectRule[];
  workspaceRules?: readonly WorkspaceRule[];
  settings?: RuleSettings;
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
  private crossFindings: Map<string, Finding[]> | undefined;

  constructor(options: WorkspaceOptions = {}) {
    this.objectRules = options.objectRules ?? OBJECT_RULES;
    this.workspaceRules = options.workspaceRules ?? WORKSPACE_RULES;
    this.settings = options.settings ?? DEFAULT_RULE_SETTINGS;
  }

  /** Adds or replaces a file's text. */
  setFile(file: string, text: string): FileAnalysis {
    let linter = this.linters.get(file);
    if (!linter) {
      linter = new FileLinter(file, this.objectRules, this.settings);
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
    for (const rule of this.workspaceRules) {
      const severity = this.settings.severityOf(rule.id, rule.severity);
      if (!severity) continue;
      try {
        rule.check(objects, (target, path, message, options) => {
          const f: Finding = {
            rule: rule.id,
            severity: options?.severity ?? severity,
            message,
            range: shiftRange(target.doc.rangeOf(path, options?.part ?? 'key'), target.lineOffset),
            file: target.file,
          };
          const list = out.get(target.file);
          if (list) list.push(f);
          else out.set(target.file, [f]);
        });
      } catch {
        // a failing workspace rule must not hide the other rules' findings
      }
    }
    this.crossFindings = out;
    return out;
  }
}
