import { createHash } from 'node:crypto';
import { relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ALL_RULES, ruleDocsUrl, type ConfigProblem, type Finding, type RuleMeta, type Severity } from '../../engine';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export interface SarifOptions {
  /** The folder relative paths start from: becomes `%SRCROOT%`. */
  cwd?: string;
  /** Config problems that did not stop the run, as tool configuration notifications. */
  notifications?: readonly ConfigProblem[];
}

/** A relative path as a URI reference: `/`-separated, each segment percent-encoded (`<stdin>` → `%3Cstdin%3E`). */
function uriOf(file: string): string {
  return file
    .split(/[\\/]/)
    .map((s) => encodeURIComponent(s))
    .join('/');
}

function region(f: { range: Finding['range'] }) {
  return {
    startLine: f.range.start.line + 1,
    startColumn: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
  };
}

function helpMarkdown(r: RuleMeta): string {
  const parts = [`**Why it matters.** ${r.docs.why}`, '', `**How to fix.** ${r.docs.fix}`];
  if (r.docs.bad) parts.push('', 'Reported:', '', '```yaml', r.docs.bad, '```');
  if (r.docs.good) parts.push('', 'Not reported:', '', '```yaml', r.docs.good, '```');
  parts.push('', `[Rule documentation](${ruleDocsUrl(r.id)})`);
  return parts.join('\n');
}

/**
 * A fingerprint that survives edits elsewhere in the file (lines moving up or down):
 * rule, file, object and container, plus a counter for repeats of the same key. Code
 * review tools use it to match a result with last run's, so a moved finding is not "new".
 */
function fingerprints(findings: readonly Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const s = f.subject;
    const about = s ? `${s.kind}/${s.namespace ?? ''}/${s.name ?? ''}/${s.container ?? ''}` : f.message.replace(/\d+/g, '#');
    const key = `${f.rule}|${f.file}|${about}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return createHash('sha256').update(`${key}|${n}`).digest('hex').slice(0, 32);
  });
}

/** SARIF 2.1.0, with every rule's metadata so code-review tools can show its help. */
export function formatSarif(findings: readonly Finding[], version: string, options: SarifOptions = {}): string {
  const rules = ALL_RULES.map((r) => ({
    id: r.id,
    name: r.id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: r.title },
    fullDescription: { text: r.docs.why },
    help: { text: `${r.docs.why}\n\nHow to fix: ${r.docs.fix}`, markdown: helpMarkdown(r) },
    helpUri: ruleDocsUrl(r.id),
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: { tags: ['kubernetes', r.category] },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const prints = fingerprints(findings);
  const results = findings.map((f, i) => ({
    ruleId: f.rule,
    ...(index.has(f.rule) ? { ruleIndex: index.get(f.rule) } : {}),
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: uriOf(f.file), uriBaseId: '%SRCROOT%' }, region: region(f) },
        ...(f.subject
          ? {
              logicalLocations: [
                {
                  name: f.subject.container ?? f.subject.name ?? f.subject.kind,
                  fullyQualifiedName: [f.subject.namespace, f.subject.kind, f.subject.name, f.subject.container].filter((x) => x !== undefined).join('/'),
                  kind: 'resource',
                },
              ],
            }
          : {}),
      },
    ],
    partialFingerprints: { 'kubeplanFinding/v1': prints[i]! },
  }));
  const cwd = options.cwd;
  const notifications = (options.notifications ?? []).map((p) => ({
    level: LEVEL[p.severity],
    message: { text: p.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: uriOf(cwd ? relative(cwd, p.file) || p.file : p.file), uriBaseId: '%SRCROOT%' }, region: region(p) } }],
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'kubeplan', version, semanticVersion: version, informationUri: 'https://github.com/kubeplan/kubeplan', rules } },
        ...(cwd ? { originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd.endsWith('/') ? cwd : `${cwd}/`).href } } } : {}),
        invocations: [{ executionSuccessful: true, ...(notifications.length ? { toolConfigurationNotifications: notifications } : {}) }],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
