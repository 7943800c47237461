/**
 * Label and node selectors compiled once into matchers.
 * - LabelSelector (`metav1.LabelSelectorAsSelector`): matchLabels and matchExpressions ANDed;
 *   In / NotIn / Exists / DoesNotExist; `{}` matches everything, a missing selector nothing.
 * - NodeSelector (`component-helpers/scheduling/corev1/nodeaffinity`): terms ORed, requirements
 *   in a term ANDed, extra operators Gt / Lt (integer label values), matchFields on metadata.name only;
 *   a term with no requirements matches nothing.
 * Anything malformed (unknown operator, wrong types) compiles to "matches nothing", as upstream
 * turns a parse error into a non-match rather than a crash.
 */
export type Labels = Readonly<Record<string, string>>;
/**
 * A compiled selector. `requiredPairs`, when present, lists "key=value" pairs every match must carry
 * (from matchLabels and single-value In): callers with a label index can start from those.
 */
export type LabelMatcher = ((labels: Labels) => boolean) & { requiredPairs?: readonly string[] };

export const matchNothing: LabelMatcher = () => false;
export const matchEverything: LabelMatcher = () => true;

interface Requirement {
  key: string;
  op: string;
  values: string[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function stringList(v: unknown): string[] | undefined {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) return undefined;
  const out: string[] = [];
  for (const x of v) {
    if (typeof x === 'string') out.push(x);
    else if (typeof x === 'number' || typeof x === 'boolean') out.push(String(x));
    else return undefined;
  }
  return out;
}

function requirementMatcher(r: Requirement): LabelMatcher | undefined {
  const { key, values } = r;
  switch (r.op) {
    case 'In': {
      if (values.length === 0) return undefined;
      if (values.length === 1) {
        const v = values[0]!;
        return (l) => l[key] === v;
      }
      const set = new Set(values);
      return (l) => {
        const v = l[key];
        return v !== undefined && set.has(v);
      };
    }
    case 'NotIn': {
      if (values.length === 0) return undefined;
      const set = new Set(values);
      return (l) => {
        const v = l[key];
        return v === undefined || !set.has(v);
      };
    }
    case 'Exists':
      return values.length === 0 ? (l) => l[key] !== undefined : undefined;
    case 'DoesNotExist':
      return values.length === 0 ? (l) => l[key] === undefined : undefined;
    case 'Gt':
    case 'Lt': {
      if (values.length !== 1 || !/^-?\d+$/.test(values[0]!)) return undefined;
      const bound = Number(values[0]);
      const gt = r.op === 'Gt';
      return (l) => {
        const v = l[key];
        if (v === undefined || !/^-?\d+$/.test(v)) return false;
        const n = Number(v);
        return gt ? n > bound : n < bound;
      };
    }
    default:
      return undefined;
  }
}

function all(matchers: LabelMatcher[]): LabelMatcher {
  if (matchers.length === 0) return matchEverything;
  if (matchers.length === 1) return matchers[0]!;
  return (l) => {
    for (const m of matchers) if (!m(l)) return false;
    return true;
  };
}

function parseRequirement(e: unknown, operators: ReadonlySet<string>): Requirement | undefined {
  if (!isRecord(e) || typeof e.key !== 'string' || typeof e.operator !== 'string') return undefined;
  if (!operators.has(e.operator)) return undefined;
  const values = stringList(e.values);
  if (values === undefined) return undefined;
  return { key: e.key, op: e.operator, values };
}

const LABEL_OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);
const NODE_OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt']);

/** A metav1.LabelSelector. `undefined`/`null` → matches nothing (as for affinity terms and spread constraints). */
export function compileLabelSelector(selector: unknown): LabelMatcher {
  if (selector === undefined || selector === null) return matchNothing;
  if (!isRecord(selector)) return matchNothing;
  const matchers: LabelMatcher[] = [];
  const pairs: string[] = [];
  if (selector.matchLabels !== undefined && selector.matchLabels !== null) {
    if (!isRecord(selector.matchLabels)) return matchNothing;
    for (const [k, raw] of Object.entries(selector.matchLabels)) {
      if (typeof raw !== 'string') return matchNothing;
      matchers.push((l) => l[k] === raw);
      pairs.push(`${k}=${raw}`);
    }
  }
  if (selector.matchExpressions !== undefined && selector.matchExpressions !== null) {
    if (!Array.isArray(selector.matchExpressions)) return matchNothing;
    for (const e of selector.matchExpressions) {
      const r = parseRequirement(e, LABEL_OPERATORS);
      const m = r && requirementMatcher(r);
      if (!m) return matchNothing;
      matchers.push(m);
      if (r.op === 'In' && r.values.length === 1) pairs.push(`${r.key}=${r.values[0]}`);
    }
  }
  if (pairs.length === 0) return all(matchers);
  // A fresh function, so the shared matchers (matchEverything, single requirements) are never tagged.
  const base = all(matchers);
  const matcher: LabelMatcher = (l) => base(l);
  matcher.requiredPairs = pairs;
  return matcher;
}

/** Whether a compiled-from selector is `{}` (matches every object). */
export function isEmptySelector(selector: unknown): boolean {
  if (!isRecord(selector)) return false;
  const labels = selector.matchLabels;
  const exprs = selector.matchExpressions;
  return (labels === undefined || labels === null || (isRecord(labels) && Object.keys(labels).length === 0)) &&
    (exprs === undefined || exprs === null || (Array.isArray(exprs) && exprs.length === 0));
}

/** A map selector such as `spec.nodeSelector` or a Service selector: every pair must match; `{}` matches everything. */
export function compileMapSelector(map: unknown): LabelMatcher {
  if (map === undefined || map === null) return matchEverything;
  if (!isRecord(map)) return matchNothing;
  const pairs: [string, string][] = [];
  for (const [k, v] of Object.entries(map)) {
    if (typeof v !== 'string') return matchNothing;
    pairs.push([k, v]);
  }
  if (pairs.length === 0) return matchEverything;
  return (l) => {
    for (const [k, v] of pairs) if (l[k] !== v) return false;
    return true;
  };
}

/** What a node selector term sees of a node. */
export interface NodeFacts {
  name: string;
  labels: Labels;
}

export type NodeMatcher = (node: NodeFacts) => boolean;

/** A v1.NodeSelectorTerm: all requirements must hold; a term without requirements matches nothing. */
export function compileNodeSelectorTerm(term: unknown): NodeMatcher {
  if (!isRecord(term)) return () => false;
  const labelMatchers: LabelMatcher[] = [];
  const fieldMatchers: LabelMatcher[] = [];
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (!Array.isArray(exprs) || !Array.isArray(fields)) return () => false;
  for (const e of exprs) {
    const r = parseRequirement(e, NODE_OPERATORS);
    const m = r && requirementMatcher(r);
    if (!m) return () => false;
    labelMatchers.push(m);
  }
  for (const f of fields) {
    const r = parseRequirement(f, new Set(['In', 'NotIn']));
    // Only metadata.name is a supported field, with exactly one value.
    if (!r || r.key !== 'metadata.name' || r.values.length !== 1) return () => false;
    const m = requirementMatcher(r);
    if (!m) return () => false;
    fieldMatchers.push(m);
  }
  if (labelMatchers.length === 0 && fieldMatchers.length === 0) return () => false;
  const labelsOk = all(labelMatchers);
  const fieldsOk = all(fieldMatchers);
  return (node) => labelsOk(node.labels) && (fieldMatchers.length === 0 || fieldsOk({ 'metadata.name': node.name }));
}

/** A v1.NodeSelector: terms ORed; no terms → matches nothing. */
export function compileNodeSelector(selector: unknown): NodeMatcher {
  if (!isRecord(selector) || !Array.isArray(selector.nodeSelectorTerms)) return () => false;
  const terms = selector.nodeSelectorTerms.map(compileNodeSelectorTerm);
  if (terms.length === 0) return () => false;
  if (terms.length === 1) return terms[0]!;
  return (node) => {
    for (const t of terms) if (t(node)) return true;
    return false;
  };
}
