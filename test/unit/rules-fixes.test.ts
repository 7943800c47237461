// Every quick fix of every rule, applied to every bad fixture in three layouts (block style as
// written, all nested collections in flow style, CRLF line endings): the result must parse,
// the finding must be gone, and no new error may appear.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments, visit } from 'yaml';
import { lintFiles, type Finding } from '../../server/src/engine';
import { applyEdits } from '../helpers/edits';
import { fixtureCases } from '../helpers/ruleFixtures';

type Files = [string, string][];

/** Every collection below the document root in flow style: `{ cpu: 1 }`, `[ALL]`. */
function toFlow(text: string): string {
  return parseAllDocuments(text)
    .map((doc) => {
      visit(doc, {
        Map(_, node, path) {
          if (path.length > 1) node.flow = true;
        },
        Seq(_, node) {
          node.flow = true;
        },
      });
      doc.commentBefore = null;
      return doc.toString({ lineWidth: 0 });
    })
    .join('---\n');
}

const LAYOUTS: Record<string, (t: string) => string> = {
  block: (t) => t,
  flow: toFlow,
  crlf: (t) => t.replace(/\r?\n/g, '\r\n'),
};

const errorsBesides = (findings: Finding[], rule: string) => findings.filter((f) => f.severity === 'error' && f.rule !== rule).map((f) => `${f.rule}: ${f.message}`);

let applied = 0;
for (const c of fixtureCases().filter((x) => x.kind === 'bad')) {
  for (const [layout, transform] of Object.entries(LAYOUTS)) {
    const files: Files = c.files.map(([f, t]) => [f, transform(t)]);
    const before = lintFiles(files);
    const mine = before.filter((f) => f.rule === c.rule && f.fixes?.length);
    if (mine.length === 0) continue;
    test(`${c.name} (${layout}): every ${c.rule} fix yields valid YAML without the finding`, () => {
      for (const finding of mine) {
        for (const fix of finding.fixes!) {
          const label = `${fix.title} @${finding.range.start.line + 1}:${finding.range.start.character + 1}`;
          const original = files.find(([f]) => f === finding.file)![1];
          const fixed = applyEdits(original, fix.edits);
          if (layout === 'crlf') assert.ok(!/[^\r]\n/.test(fixed), `${label}: keeps CRLF line endings`);
          const after = lintFiles(files.map(([f, t]) => [f, f === finding.file ? fixed : t]));
          assert.deepEqual(after.filter((f) => f.rule === 'yaml-syntax').map((f) => f.message), [], `${label}: parses\n${fixed}`);
          const count = (fs: Finding[]) => fs.filter((f) => f.rule === c.rule).length;
          assert.ok(count(after) < count(before), `${label}: removes the finding\n${fixed}`);
          const newErrors = errorsBesides(after, c.rule).filter((e) => !errorsBesides(before, c.rule).includes(e));
          assert.deepEqual(newErrors, [], `${label}: adds no error\n${fixed}`);
          applied++;
        }
      }
    });
  }
}

test('fixes were exercised', () => {
  assert.ok(applied > 100, `only ${applied} fixes applied`);
  console.log(`# ${applied} quick fixes applied and checked`);
});
