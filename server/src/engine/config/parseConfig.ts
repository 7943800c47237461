import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Range, Severity } from '../model/finding';
import { duplicateKeys, precheck } from '../yaml/limits';
import { parserMessage } from '../yaml/parse';
import { ALL_RULES } from '../rules/registry';
import { didYouMean } from './didYouMean';
import { globProblem } from './glob';
import { normalizeVersion } from './version';
import { RULE_LEVELS, type ConfigProblem, type ConfigSuppression, type ExternalObject, type KubeplanConfig, type RuleLevel } from './types';

export const CONFIG_FILE_NAMES = ['.kubeplan.yaml', '.kubeplan.yml'] as const;

/** A configuration is a few dozen lines; a file this big is generated or misnamed, and not read. */
export const MAX_CONFIG_CHARS = 1024 * 1024;

const TOP_KEYS = ['rules', 'exclude', 'external', 'suppress', 'kubernetesVersion'] as const;
const EXTERNAL_KEYS = ['kind', 'name', 'namespace', 'apiVersion'] as const;
const SUPPRESS_KEYS = ['rules', 'kind', 'namespace', 'name', 'container', 'file', 'reason'] as const;

export interface ParsedConfig {
  config: KubeplanConfig;
  problems: ConfigProblem[];
}

/** The configuration in force when there is no `.kubeplan.yaml`. */
export function defaultConfig(dir: string): KubeplanConfig {
  return { file: undefined, dir, rules: new Map(), exclude: [], external: [], suppress: [], kubernetesVersion: undefined };
}

/** True for rule ids users may name: registered rules, and simulator rules (`sim-…`, reported by Preview Apply). */
export function isKnownRuleId(id: string, known: ReadonlySet<string> = knownRuleIds()): boolean {
  return known.has(id) || id.startsWith('sim-');
}

export function knownRuleIds(): Set<string> {
  return new Set(ALL_RULES.map((r) => r.id));
}

/**
 * Parses and validates a `.kubeplan.yaml`. Never throws: whatever is wrong becomes a
 * located problem, and every valid part still applies (a typo in one rule does not
 * switch off the whole file).
 */
export function parseConfig(text: string, file: string, dir: string): ParsedConfig {
  const problems: ConfigProblem[] = [];
  const lineCounter = new LineCounter();
  const rangeOf = (node: Node | null | undefined): Range => {
    const r = node?.range ?? [0, 0];
    const a = lineCounter.linePos(r[0]);
    const b = lineCounter.linePos(Math.max(r[0], r[1]));
    return { start: { line: a.line - 1, character: a.col - 1 }, end: { line: b.line - 1, character: b.col - 1 } };
  };
  const report = (node: Node | null | undefined, message: string, severity: Severity = 'error') => problems.push({ file, message, range: rangeOf(node), severity });

  const config = { ...defaultConfig(dir), file };
  if (text.length > MAX_CONFIG_CHARS) {
    const at = { line: 0, character: 0 };
    problems.push({ file, severity: 'error', range: { start: at, end: at }, message: `The configuration file is ${(text.length / 2 ** 20).toFixed(1)} MiB; configuration files over 1 MiB are not read.` });
    return { config, problems };
  }
  const tooDeep = precheck(text);
  if (tooDeep) {
    const before = text.slice(0, tooDeep.offset);
    const at = { line: before.split('\n').length - 1, character: tooDeep.offset - (before.lastIndexOf('\n') + 1) };
    problems.push({ file, severity: 'error', range: { start: at, end: at }, message: tooDeep.message });
    return { config, problems };
  }
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, strict: true, uniqueKeys: false });
  for (const e of doc.errors) {
    const a = lineCounter.linePos(e.pos[0]);
    const b = lineCounter.linePos(e.pos[1]);
    problems.push({ file, message: parserMessage(e.message), severity: 'error', range: { start: { line: a.line - 1, character: a.col - 1 }, end: { line: b.line - 1, character: b.col - 1 } } });
  }
  // yaml's own uniqueKeys check is quadratic (minutes on a mapping of 100k keys): the linear one
  if (doc.errors.length === 0) {
    for (const d of duplicateKeys(doc)) {
      const a = lineCounter.linePos(d.start);
      const b = lineCounter.linePos(d.end);
      problems.push({ file, message: `Map keys must be unique: "${d.key}" is repeated.`, severity: 'error', range: { start: { line: a.line - 1, character: a.col - 1 }, end: { line: b.line - 1, character: b.col - 1 } } });
    }
  }
  if (problems.length > 0) return { config, problems };
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { config, problems };
  if (!isMap(root)) {
    report(root, 'The configuration must be a mapping of settings (rules, exclude, external, suppress, kubernetesVersion).');
    return { config, problems };
  }

  const known = knownRuleIds();
  for (const pair of root.items) {
    const key = keyOf(pair);
    const keyNode = pair.key as Node;
    const value = pair.value as Node | null;
    switch (key) {
      case 'rules':
        config.rules = parseRules(value, known, report);
        break;
      case 'exclude':
        config.exclude = parseStringList(value, 'exclude', report, (s, n) => {
          const p = globProblem(s);
          if (p) report(n, `Invalid glob "${s}": ${p}.`);
          return !p;
        });
        break;
      case 'external':
        config.external = parseExternal(value, report);
        break;
      case 'suppress':
        config.suppress = parseSuppress(value, known, report, rangeOf);
        break;
      case 'kubernetesVersion':
        config.kubernetesVersion = parseVersion(value, report);
        break;
      default:
        report(keyNode, `Unknown setting "${key}"${didYouMean(key, TOP_KEYS)}; expected one of: ${TOP_KEYS.join(', ')}.`);
    }
  }
  return { config, problems };
}

type Report = (node: Node | null | undefined, message: string, severity?: Severity) => void;

function keyOf(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

function scalarString(node: Node | null): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

function parseRules(node: Node | null, known: ReadonlySet<string>, report: Report): Map<string, RuleLevel> {
  const out = new Map<string, RuleLevel>();
  if (!isMap(node)) {
    report(node, '"rules" must map rule ids to a level, e.g. `missing-cpu-limit: off`.');
    return out;
  }
  for (const pair of node.items) {
    const id = keyOf(pair);
    const level = parseLevel(pair.value as Node | null);
    if (!isKnownRuleId(id, known)) {
      report(pair.key as Node, `Unknown rule "${id}"${didYouMean(id, known)}; it is ignored.`, 'warning');
      continue;
    }
    if (!level) {
      report((pair.value as Node | null) ?? (pair.key as Node), `Rule "${id}": the level must be one of ${RULE_LEVELS.join(', ')}.`);
      continue;
    }
    out.set(id, level);
  }
  return out;
}

function parseLevel(node: Node | null): RuleLevel | undefined {
  if (!isScalar(node)) return undefined;
  if (node.value === false) return 'off';
  if (node.value === true) return 'on';
  const s = typeof node.value === 'string' ? node.value.trim().toLowerCase() : '';
  if (s === 'warn') return 'warning';
  if (s === 'information' || s === 'note') return 'info';
  return (RULE_LEVELS as readonly string[]).includes(s) ? (s as RuleLevel) : undefined;
}

function parseStringList(node: Node | null, what: string, report: Report, accept: (s: string, node: Node) => boolean = () => true): string[] {
  const items: Node[] = isSeq(node) ? (node.items as Node[]) : isScalar(node) && typeof node.value === 'string' ? [node] : [];
  if (items.length === 0 && !(isSeq(node) && node.items.length === 0)) {
    report(node, `"${what}" must be a list of strings.`);
    return [];
  }
  const out: string[] = [];
  for (const item of items) {
    const s = isScalar(item) && typeof item.value === 'string' ? item.value : undefined;
    if (s === undefined) report(item, `"${what}" entries must be strings.`);
    else if (accept(s, item)) out.push(s);
  }
  return out;
}

function checkKeys(map: YAMLMap, allowed: readonly string[], what: string, report: Report): void {
  for (const pair of map.items) {
    const key = keyOf(pair);
    if (!allowed.includes(key)) report(pair.key as Node, `Unknown key "${key}" in ${what}${didYouMean(key, allowed)}; expected: ${allowed.join(', ')}.`);
  }
}

function field(map: YAMLMap, key: string): Node | null | undefined {
  const pair = map.items.find((p) => keyOf(p) === key);
  return pair ? ((pair.value as Node | null) ?? null) : undefined;
}

function stringField(map: YAMLMap, key: string, what: string, report: Report, required: boolean): string | undefined {
  const node = field(map, key);
  if (node === undefined) {
    if (required) report(map, `${what} needs "${key}".`);
    return undefined;
  }
  const s = isScalar(node) && typeof node.value === 'string' ? node.value.trim() : undefined;
  if (!s) {
    report(node, `"${key}" in ${what} must be a non-empty string.`);
    return undefined;
  }
  const p = /[*?[{]/.test(s) ? globProblem(s) : undefined;
  if (p) {
    report(node, `Invalid pattern "${s}": ${p}.`);
    return undefined;
  }
  return s;
}

function parseExternal(node: Node | null, report: Report): ExternalObject[] {
  if (!isSeq(node)) {
    report(node, '"external" must be a list of objects, each with kind and name (namespace and apiVersion optional).');
    return [];
  }
  const out: ExternalObject[] = [];
  for (const item of node.items as Node[]) {
    if (!isMap(item)) {
      report(item, 'An "external" entry must be a mapping with kind and name.');
      continue;
    }
    checkKeys(item, EXTERNAL_KEYS, 'an external object', report);
    const kind = stringField(item, 'kind', 'An external object', report, true);
    const name = stringField(item, 'name', 'An external object', report, true);
    const namespace = stringField(item, 'namespace', 'an external object', report, false);
    const apiVersion = stringField(item, 'apiVersion', 'an external object', report, false);
    if (kind && name) out.push({ kind, name, ...(namespace ? { namespace } : {}), ...(apiVersion ? { apiVersion } : {}) });
  }
  return out;
}

function parseSuppress(node: Node | null, known: ReadonlySet<string>, report: Report, rangeOf: (n: Node | null | undefined) => Range): ConfigSuppression[] {
  if (!isSeq(node)) {
    report(node, '"suppress" must be a list of entries, each with rules and at least one of kind, namespace, name, file.');
    return [];
  }
  const out: ConfigSuppression[] = [];
  for (const item of node.items as Node[]) {
    if (!isMap(item)) {
      report(item, 'A "suppress" entry must be a mapping with rules and kind/namespace/name/container/file patterns.');
      continue;
    }
    checkKeys(item, SUPPRESS_KEYS, 'a suppress entry', report);
    const rulesNode = field(item, 'rules');
    const rules: string[] = [];
    const ruleRanges: Range[] = [];
    if (rulesNode === undefined || rulesNode === null) report(item, 'A suppress entry needs "rules": the rule ids it suppresses (or "*").');
    else {
      const items: Node[] = isSeq(rulesNode) ? (rulesNode.items as Node[]) : [rulesNode];
      for (const r of items) {
        const s = scalarString(r);
        if (s === undefined) {
          report(r, '"rules" must be a rule id, a comma-separated list of ids, or a list of ids.');
          continue;
        }
        for (const id of s.split(',').map((x) => x.trim()).filter(Boolean)) {
          if (id !== '*' && !isKnownRuleId(id, known)) {
            report(r, `Unknown rule "${id}"${didYouMean(id, known)}; it is ignored.`, 'warning');
            continue;
          }
          rules.push(id);
          ruleRanges.push(rangeOf(r));
        }
      }
    }
    const kind = stringField(item, 'kind', 'a suppress entry', report, false);
    const namespace = stringField(item, 'namespace', 'a suppress entry', report, false);
    const name = stringField(item, 'name', 'a suppress entry', report, false);
    const container = stringField(item, 'container', 'a suppress entry', report, false);
    const file = stringField(item, 'file', 'a suppress entry', report, false);
    const reasonNode = field(item, 'reason');
    const reason = reasonNode === undefined ? undefined : scalarString(reasonNode ?? null);
    if (!kind && !namespace && !name && !file && !container) {
      report(item, 'This suppress entry matches every object: give kind, namespace, name, container or file (to turn a rule off everywhere, use `rules: {<id>: off}`).');
      continue;
    }
    if (rules.length === 0) continue;
    out.push({
      rules,
      ruleRanges,
      range: rangeOf(item),
      ...(kind ? { kind } : {}),
      ...(namespace ? { namespace } : {}),
      ...(name ? { name } : {}),
      ...(container ? { container } : {}),
      ...(file ? { file } : {}),
      ...(reason ? { reason } : {}),
    });
  }
  return out;
}

function parseVersion(node: Node | null, report: Report): string | undefined {
  if (isScalar(node) && typeof node.value === 'number') {
    report(node, `Write the version as a string, e.g. "1.30": YAML reads ${String(node.source ?? node.value)} as the number ${node.value}.`);
    return undefined;
  }
  const version = normalizeVersion(isScalar(node) ? node.value : undefined);
  if (!version) report(node, '"kubernetesVersion" must be a Kubernetes minor version such as "1.30".');
  return version;
}
