import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ALL_RULES } from '../../server/src/engine';
import { readmeWithRules, README_PATH, renderRuleDocs, RULE_DOCS_PATH } from '../../scripts/rule-docs';

test('docs/rules.md is generated from the registry and up to date (run: npx tsx scripts/rule-docs.ts)', () => {
  assert.equal(readFileSync(RULE_DOCS_PATH, 'utf8'), renderRuleDocs());
});

test("README.md's rule list names every rule and is up to date (run: npx tsx scripts/rule-docs.ts)", () => {
  const readme = readFileSync(README_PATH, 'utf8');
  assert.equal(readme, readmeWithRules(readme));
  for (const r of ALL_RULES) assert.ok(readme.includes(`docs/rules.md#${r.id})`), r.id);
});

test('every rule has a unique kebab-case id, a one-line title, why and fix', () => {
  const ids = new Set<string>();
  for (const r of ALL_RULES) {
    assert.match(r.id, /^[a-z0-9]+(-[a-z0-9]+)*$/, r.id);
    assert.ok(!ids.has(r.id), `duplicate id ${r.id}`);
    ids.add(r.id);
    assert.ok(r.title.length > 0 && !r.title.includes('\n'), `${r.id} title`);
    assert.ok(r.docs.why.length > 20, `${r.id} why`);
    assert.ok(r.docs.fix.length > 5, `${r.id} fix`);
  }
});
