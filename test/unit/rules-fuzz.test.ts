// Rules must survive anything a half-typed or hostile manifest holds: random fields of the
// fixtures are replaced by values of the wrong type (deterministic seed), and no rule may throw
// or report outside the document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments, stringify } from 'yaml';
import { OBJECT_RULES, WORKSPACE_RULES, Workspace } from '../../server/src/engine';
import type { ObjectRule, WorkspaceRule } from '../../server/src/engine/rules/rule';
import { fixtureCases } from '../helpers/ruleFixtures';

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const JUNK: unknown[] = [null, 0, -1, 1.5, 1e21, '', 'x', '*', '0', 'true', true, false, [], {}, [null], [1, 'a'], { a: 1 }, { name: 7 }, [[[]]], 'Always', 'ALL', '100%', '-1m', 'ÿ\u0000'];

/** Every path to a value inside `v`. */
function paths(v: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (Array.isArray(v)) v.forEach((x, i) => (out.push([...prefix, i]), paths(x, [...prefix, i], out)));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push([...prefix, k]), paths(x, [...prefix, k], out);
  return out;
}

function mutate(value: unknown, rand: () => number): unknown {
  const copy = structuredClone(value);
  const all = paths(copy).filter((p) => p[0] !== 'apiVersion' && p[0] !== 'kind');
  for (let n = 1 + Math.floor(rand() * 3); n > 0 && all.length; n--) {
    const p = all[Math.floor(rand() * all.length)]!;
    let parent: any = copy;
    for (const seg of p.slice(0, -1)) parent = parent?.[seg];
    if (!parent || typeof parent !== 'object') continue;
    const last = p[p.length - 1]!;
    if (rand() < 0.15 && !Array.isArray(parent)) delete parent[last];
    else parent[last] = structuredClone(JUNK[Math.floor(rand() * JUNK.length)]);
  }
  return copy;
}

test('no rule throws on mutated manifests, and every finding lies inside its file', () => {
  const errors: string[] = [];
  const guard = <R extends ObjectRule | WorkspaceRule>(r: R): R =>
    ({
      ...r,
      check(ctx: never) {
        try {
          (r.check as (c: never) => void)(ctx);
        } catch (e) {
          errors.push(`${r.id}: ${e instanceof Error ? e.stack?.split('\n').slice(0, 3).join(' | ') : String(e)}`);
        }
      },
    }) as R;
  // the schema rules have their own tests; these are the catalogue's
  const ws = new Workspace({ objectRules: OBJECT_RULES.filter((r) => r.category !== 'schema').map(guard), workspaceRules: WORKSPACE_RULES.map(guard) });
  const docs = fixtureCases().flatMap((c) => c.files.flatMap(([f, t]) => parseAllDocuments(t).map((d, i) => ({ name: `${f}#${i}`, value: d.toJS() as unknown }))));
  const rand = mulberry32(20240611);
  let findings = 0;
  for (let round = 0; round < 5; round++) {
    const files = docs.map((d) => [`r${round}/${d.name}.yaml`, stringify(mutate(d.value, rand))] as const);
    for (const [f, t] of files) ws.setFile(f, t);
    for (const [f, t] of files) {
      const lines = t.split('\n').length;
      for (const finding of ws.findings(f)) {
        findings++;
        const { start, end } = finding.range;
        assert.ok(start.line >= 0 && start.line < lines && end.line < lines && (end.line > start.line || end.character >= start.character), `${finding.rule} range in ${f}`);
        assert.ok(!finding.message.startsWith('Internal error'), finding.message);
      }
    }
    for (const [f] of files) ws.removeFile(f);
  }
  assert.deepEqual(errors.slice(0, 10), []);
  assert.ok(findings > 500, `the mutants were linted (${findings} findings)`);
});
