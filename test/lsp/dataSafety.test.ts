// Nothing is lost: every quick fix the language server offers on every rule fixture (the rules'
// own fixes and the "Suppress …" ones), asked for over LSP exactly as the editor does, is one
// WorkspaceEdit on the one document, with no command attached; applied, the file still parses,
// the finding it targets is gone after a re-lint, no error appears, the other documents of the
// file are byte-for-byte unchanged, every comment survives, and the object keeps its identity.
// Each fixture file is wrapped between two neighbour documents with comments to make
// "other documents unchanged" observable.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Lexer, parse } from 'yaml';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { lintFiles, type Finding } from '../../server/src/engine';
import { splitDocuments } from '../../server/src/engine/yaml/split';
import { applyEdits } from '../helpers/edits';
import { LspClient } from '../helpers/lspClient';
import { fixtureCases } from '../helpers/ruleFixtures';

// the idle-time pass of cross-object rules after each case's open and close: no need to wait for a typist here
const client = new LspClient(undefined, undefined, { ...process.env, KUBEPLAN_WORKSPACE_PASS_IDLE_MS: '20' });
const applyEditRequests: unknown[] = [];
let serverCapabilities: Record<string, unknown> = {};

before(async () => {
  // the simulator's findings arrive on their own schedule; the lint rules' fixes are what is checked here
  client.settings = { kubeplan: { simulate: { onType: false } } };
  client.connection.onRequest('workspace/applyEdit', (p: unknown) => {
    applyEditRequests.push(p);
    return { applied: false };
  });
  const init = (await client.initialize(null)) as { capabilities: Record<string, unknown> };
  serverCapabilities = init.capabilities;
});
after(() => client.shutdown());

function wrap(text: string, i: number): string {
  const body = text.endsWith('\n') ? text : `${text}\n`;
  return (
    `# data-safety: a comment before everything\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: keep-before-${i} # inline comment\n  namespace: keep\ndata:\n  key: "value"   # kept\n---\n` +
    body +
    `---\n# data-safety: a comment in the last document\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: keep-after-${i}, namespace: keep}\ndata: {a: b} # kept too\n`
  );
}

/** Every comment of the text, as written. */
function comments(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const token of new Lexer().lex(text)) if (token.startsWith('#')) out.set(token, (out.get(token) ?? 0) + 1);
  return out;
}

function documentAt(text: string, line: number): number {
  const chunks = splitDocuments(text);
  let at = 0;
  chunks.forEach((c, i) => {
    if (c.startLine <= line) at = i;
  });
  return at;
}

const sameRange = (a: Diagnostic['range'], b: Diagnostic['range']) => JSON.stringify(a) === JSON.stringify(b);
const count = (findings: Finding[], file: string, rule: string) => findings.filter((f) => f.file === file && f.rule === rule).length;
const errors = (findings: Finding[]) => findings.filter((f) => f.severity === 'error').map((f) => `${f.file} ${f.rule}: ${f.message}`);

const rulesWithFixes = new Set<string>();
for (const c of fixtureCases()) for (const f of lintFiles(c.files)) if (f.fixes?.some((x) => x.edits.length > 0)) rulesWithFixes.add(f.rule);

test('every quick fix offered over LSP on the rule fixtures is one edit of one document that loses nothing', { timeout: 600_000 }, async () => {
  assert.equal(serverCapabilities.executeCommandProvider, undefined, 'the server offers no commands a client could run');
  const exercised = new Set<string>();
  let actionsChecked = 0;
  let suppressions = 0;
  for (const [n, c] of fixtureCases().entries()) {
    const files = c.files.map(([f, t], i): [string, string] => [`/tmp/kubeplan-data-safety/${n}/${f}`, wrap(t, n * 100 + i)]);
    const uri = (file: string) => `file://${file}`;
    // the server's diagnostics arrive in passes (each document, then cross-object rules when
    // idle): wait until every finding a plain lint of the same files gives has arrived
    const before = lintFiles(files);
    const expected = (file: string) => new Set(before.filter((f) => f.file === file).map((f) => f.rule));
    const arrived = files.map(([f]) => client.waitFor(uri(f), (ds) => [...expected(f)].every((r) => ds.some((d) => d.code === r)), 60_000));
    for (const [f, t] of files) await client.open(uri(f), t);
    await Promise.all(arrived);
    const errorsBefore = new Set(errors(before));
    for (const [file, text] of files) {
      const diagnostics = client.latest(uri(file)) ?? [];
      const suppressed = new Set<string>();
      const commentsBefore = comments(text);
      for (const d of diagnostics) {
        const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: uri(file) }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
        // "Suppress …" is the same edit for every rule: checked on the first finding of each rule per file
        const firstOfRule = !suppressed.has(String(d.code));
        suppressed.add(String(d.code));
        const mine = actions.filter((x) => x.diagnostics?.some((y) => y.code === d.code && sameRange(y.range, d.range)) && (firstOfRule || !x.title.startsWith('Suppress')));
        for (const a of mine) {
          const label = `${c.name} ${file.split('/').pop()}: "${a.title}" for ${d.code} at ${d.range.start.line + 1}:${d.range.start.character + 1}`;
          assert.equal(a.kind, 'quickfix', label);
          assert.equal(a.command, undefined, `${label}: no command runs with the edit`);
          assert.equal(a.edit?.documentChanges, undefined, `${label}: no file operations`);
          assert.deepEqual(Object.keys(a.edit?.changes ?? {}), [uri(file)], `${label}: edits this document only`);
          const edits = a.edit!.changes![uri(file)]!;
          assert.ok(edits.length > 0, `${label}: has edits`);
          const fixed = applyEdits(text, edits); // throws on overlapping edits

          const after = lintFiles(files.map(([f, t]) => [f, f === file ? fixed : t]));
          assert.deepEqual(after.filter((f) => f.rule === 'yaml-syntax').map((f) => f.message), [], `${label}: parses\n${fixed}`);
          assert.ok(count(after, file, String(d.code)) < count(before, file, String(d.code)), `${label}: the finding is gone\n${fixed}`);
          const newErrors = errors(after).filter((e) => !errorsBefore.has(e));
          assert.deepEqual(newErrors, [], `${label}: adds no error\n${fixed}`);

          const target = documentAt(text, d.range.start.line);
          const was = splitDocuments(text).map((x) => x.text);
          const now = splitDocuments(fixed).map((x) => x.text);
          // a fix may add an object (a PodDisruptionBudget after its workload) as a new document;
          // every other document is still there, in order, byte for byte (a line break aside)
          const added: string[] = [];
          let j = 0;
          let targetNow = '';
          was.forEach((doc, i) => {
            if (i === target) {
              targetNow = now[j++] ?? '';
              return;
            }
            while (j < now.length && now[j]!.replace(/\n$/, '') !== doc.replace(/\n$/, '')) added.push(now[j++]!);
            assert.ok(j < now.length, `${label}: document ${i + 1} untouched\n${fixed}`);
            j++;
          });
          added.push(...now.slice(j));
          for (const doc of added) assert.equal(typeof (parse(doc) as { kind?: unknown } | null)?.kind, 'string', `${label}: an added document is an object\n${doc}`);
          const kept = comments(fixed);
          for (const [comment, times] of commentsBefore) assert.ok((kept.get(comment) ?? 0) >= times, `${label}: comment ${JSON.stringify(comment)} kept\n${fixed}`);

          const oldValue = parse(was[target]!) as Record<string, unknown>;
          const newValue = parse(targetNow) as Record<string, unknown>;
          if (oldValue && typeof oldValue === 'object') {
            for (const key of Object.keys(oldValue)) assert.ok(key in newValue, `${label}: top-level ${key} kept`);
            assert.equal(newValue.kind, oldValue.kind, label);
            assert.deepEqual((newValue.metadata as { name?: unknown } | undefined)?.name, (oldValue.metadata as { name?: unknown } | undefined)?.name, label);
            if (a.title.startsWith('Suppress')) {
              // a suppression adds to an annotation and changes nothing else
              assert.deepEqual(withoutIgnores(newValue), withoutIgnores(oldValue), `${label}: only the annotation changes\n${fixed}`);
              suppressions++;
            }
          }
          exercised.add(String(d.code));
          actionsChecked++;
        }
      }
    }
    // closed files without a copy on disk leave the workspace: the next case starts alone
    const gone = files.map(([f]) => client.waitFor(uri(f), (ds) => ds.length === 0, 60_000));
    for (const [f] of files) await client.close(uri(f));
    await Promise.all(gone);
  }
  console.log(`# ${actionsChecked} quick fixes checked over LSP (${suppressions} suppressions) for ${exercised.size} rules`);
  const missing = [...rulesWithFixes].filter((r) => !exercised.has(r));
  assert.deepEqual(missing, [], 'every rule with a fix on the fixtures had its fixes checked over LSP');
  assert.deepEqual(applyEditRequests, [], 'the server never asked the editor to apply an edit by itself');
});

/** The object without Kubeplan's ignore annotations (and without an annotations map they leave empty). */
function withoutIgnores(value: Record<string, unknown>): unknown {
  const copy = structuredClone(value);
  for (const meta of [copy.metadata, ((copy.spec as Record<string, unknown> | undefined)?.template as Record<string, unknown> | undefined)?.metadata]) {
    if (!meta || typeof meta !== 'object') continue;
    const m = meta as { annotations?: Record<string, unknown> | null };
    if (!m.annotations || typeof m.annotations !== 'object') continue;
    for (const k of Object.keys(m.annotations)) if (k === 'kubeplan.dev/ignore' || k.startsWith('kubeplan.dev/ignore.')) delete m.annotations[k];
    if (Object.keys(m.annotations).length === 0) delete m.annotations;
  }
  return copy;
}
