import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toJsonFindings, writeJson } from '../../server/src/cli/format/json';
import type { Finding } from '../../server/src/engine';

const finding = (i: number): Finding => ({
  file: `a${i % 3}.yaml`,
  rule: 'image-latest',
  severity: 'warning',
  message: `Container "web" uses "nginx" with no tag \\ "quoted" ${i}`,
  range: { start: { line: i, character: 2 }, end: { line: i, character: 9 } },
});

test('the JSON report written in pieces is exactly JSON.stringify of the findings, for 0, 1 and 2,500 findings', () => {
  for (const n of [0, 1, 2500]) {
    const findings = Array.from({ length: n }, (_, i) => finding(i));
    const pieces: string[] = [];
    writeJson(findings, (s) => pieces.push(s));
    assert.equal(pieces.join(''), JSON.stringify(toJsonFindings(findings), null, 2) + '\n');
    assert.ok(pieces.length === Math.max(1, Math.ceil(n / 1000)), `${pieces.length} pieces for ${n}`);
  }
});
