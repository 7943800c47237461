// Every rule against its fixtures (test/fixtures/rules/<rule-id>/): bad cases report exactly
// the findings their caret comments mark, good cases report none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALL_RULES, OBJECT_RULES, WORKSPACE_RULES, lintFiles } from '../../server/src/engine';
import { describeExpected, describeFinding, expectedFindings, fixtureCases, matchesExpected } from '../helpers/ruleFixtures';

const cases = fixtureCases();

for (const c of cases) {
  test(`${c.name} ${c.kind === 'bad' ? 'reports' : 'does not report'} ${c.rule}`, () => {
    const findings = lintFiles(c.files).filter((f) => f.rule === c.rule);
    if (c.kind === 'good') {
      assert.deepEqual(findings.map((f) => `${describeFinding(f)} ${f.message}`), []);
      return;
    }
    const expected = expectedFindings(c.files, c.rule);
    assert.ok(expected.length > 0, `${c.name} marks no expected finding`);
    const missing = expected.filter((e) => !findings.some((f) => matchesExpected(f, e))).map(describeExpected);
    const unexpected = findings.filter((f) => !expected.some((e) => matchesExpected(f, e))).map((f) => `${describeFinding(f)} ${f.message}`);
    assert.deepEqual({ missing, unexpected }, { missing: [], unexpected: [] });
    for (const f of findings) {
      assert.ok(!f.message.includes('\n'), `one-line message: ${f.message}`);
      assert.ok(f.message.length < 300, `short message: ${f.message}`);
    }
  });
}

test('every catalogue rule has a fixture that triggers it and one that does not', () => {
  // the lint rules; schema rules have their own suite, simulation findings come from Preview Apply
  const catalogue = [...new Set([...OBJECT_RULES, ...WORKSPACE_RULES].filter((r) => r.category !== 'schema').map((r) => r.id))];
  const lacking = catalogue.filter((id) => !cases.some((c) => c.rule === id && c.kind === 'bad') || !cases.some((c) => c.rule === id && c.kind === 'good'));
  assert.deepEqual(lacking, []);
  const unknown = [...new Set(cases.map((c) => c.rule))].filter((id) => !ALL_RULES.some((r) => r.id === id));
  assert.deepEqual(unknown, [], 'fixture folders must be named after rule ids');
});
