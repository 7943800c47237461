import { isScalar } from 'yaml';
import { objectIssues } from '../schema/objectIssues';
import type { SchemaIssue, SchemaRuleId } from '../schema/validate';
import type { ParsedDocument } from '../yaml/parse';
import type { ObjectContext, ObjectRule } from './rule';

/**
 * The three schema rules share one validation pass per document; each reports its own
 * issues. Results are kept per parsed document, which the file linter reuses while the
 * document's text is unchanged.
 */
const cache = new WeakMap<ParsedDocument, SchemaIssue[]>();

function issuesOf(ctx: ObjectContext): SchemaIssue[] {
  let issues = cache.get(ctx.doc);
  if (!issues) {
    const ast = ctx.doc.ast;
    issues = objectIssues(ctx.id, ctx.object, undefined, (path) => {
      const node = ast.getIn(path, true);
      return isScalar(node) && typeof node.source === 'string' ? { text: node.source, plain: node.type === 'PLAIN' } : undefined;
    });
    cache.set(ctx.doc, issues);
  }
  return issues;
}

export function reportSchemaIssues(ctx: ObjectContext, rule: SchemaRuleId, issues: readonly SchemaIssue[]): void {
  for (const issue of issues) {
    if (issue.rule !== rule) continue;
    const fix = issue.replace;
    ctx.report(issue.path, issue.message, {
      part: issue.part,
      ...(fix ? { fixes: [{ title: fix.title, preferred: true, edits: [{ range: ctx.doc.rangeOf(issue.path, fix.part), newText: fix.text }] }] } : {}),
    });
  }
}

function schemaRule(id: SchemaRuleId, meta: Omit<ObjectRule, 'check' | 'id' | 'category'>): ObjectRule {
  return { id, category: 'schema', ...meta, check: (ctx) => reportSchemaIssues(ctx, id, issuesOf(ctx)) };
}

export const schema = schemaRule('schema', {
  severity: 'error',
  title: 'The object does not match the Kubernetes API schema: unknown field, wrong type, missing required field or value not allowed.',
  docs: {
    why: 'The API server rejects such an object (`kubectl apply` fails with "unknown field", "cannot unmarshal" or "Required value"), or, with client-side validation off, silently drops a misspelt field so the setting never takes effect. Checked offline against the Kubernetes API schema, and custom resources against the CRDs found in the workspace.',
    fix: 'Use the field name, type and value the message suggests (the quick fix applies "did you mean" suggestions). Quote numbers that must be strings (`value: "8080"`), unquote numbers that must be integers (`containerPort: 80`).',
    bad: 'containers:\n  - name: web\n    image: nginx:1.27\n    imagePullPolcy: Always\n    ports:\n      - containerPort: "80"',
    good: 'containers:\n  - name: web\n    image: nginx:1.27\n    imagePullPolicy: Always\n    ports:\n      - containerPort: 80',
  },
});

export const invalidQuantity = schemaRule('invalid-quantity', {
  severity: 'error',
  title: 'A resource quantity (CPU, memory, storage…) is not in the Kubernetes quantity format.',
  docs: {
    why: 'Quantities use exact suffixes: `m` is milli (`500m` CPU), `Mi`/`Gi` are binary mega/giga, `M`/`G` decimal. `500mi`, `1GB` or `1.5.0` are rejected by the API server, so the apply fails.',
    fix: 'Write the number with a valid suffix: `cpu: 500m` or `cpu: 0.5`, `memory: 512Mi`, `storage: 10Gi`.',
    bad: 'resources:\n  limits:\n    memory: 500mi',
    good: 'resources:\n  limits:\n    memory: 500Mi',
  },
});

export const invalidName = schemaRule('invalid-name', {
  severity: 'error',
  title: 'A name, label or annotation key does not follow Kubernetes naming rules (DNS-1123, label syntax).',
  docs: {
    why: 'The API server rejects objects whose names are not DNS-1123 subdomains (most kinds), DNS-1035/1123 labels (Services, Namespaces, containers, volumes, ports), or whose label keys, label values and annotation keys break the qualified-name syntax. The error only shows at apply time, often in CI or production.',
    fix: 'Use lowercase letters, digits and `-` (and `.` where a subdomain is allowed), start and end with a letter or digit, and keep labels to 63 characters.',
    bad: 'metadata:\n  name: My_App\n  labels:\n    app: my app',
    good: 'metadata:\n  name: my-app\n  labels:\n    app: my-app',
  },
});
