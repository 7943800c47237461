import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { runKubeplan } from '../helpers/cli';

/**
 * The SARIF 2.1.0 JSON schema (draft-04), as published on SchemaStore (`sarif-2.1.0-rtm.5`)
 * and shipped offline by Microsoft's SARIF SDK package @microsoft/jest-sarif. The OASIS
 * errata01 schema differs from it only in descriptions and a few redundant `"type": "string"`
 * next to enums; validating against it is validating against SARIF 2.1.0.
 */
const SCHEMA_PATH = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

function validator() {
  // unicodeRegExp off: the schema's `language` pattern (`…{2}]?$`) is only valid as a non-unicode regex.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')));
}

const validate = validator();

function assertValid(log: unknown): void {
  const ok = validate(log);
  assert.ok(ok, JSON.stringify(validate.errors, null, 2));
}

test('the validator rejects what the schema forbids (it is not a rubber stamp)', () => {
  assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] }), false, 'driver.name is required');
  assert.equal(validate({ version: '2.0.0', runs: [] }), false);
  assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, locations: [{ physicalLocation: { artifactLocation: { uri: '<stdin>' } } }] }] }] }), false, 'uri must be a URI reference');
  assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'info' }] }] }), false, '"info" is not a SARIF level');
});

test('--format sarif on the examples is valid SARIF 2.1.0 with rule help, fingerprints and logical locations', () => {
  const r = runKubeplan(['lint', '--format', 'sarif', 'examples/']);
  const log = JSON.parse(r.stdout);
  assertValid(log);
  const run = log.runs[0];
  const rule = run.tool.driver.rules.find((x: { id: string }) => x.id === 'missing-cpu-request');
  assert.match(rule.help.markdown, /\*\*Why it matters\.\*\*/);
  assert.match(rule.help.text, /How to fix: /);
  assert.ok(run.results.length > 0);
  for (const res of run.results) assert.match(res.partialFingerprints['kubeplanFinding/v1'], /^[0-9a-f]{32}$/);
  const container = run.results.find((x: { ruleId: string }) => x.ruleId === 'missing-cpu-request');
  assert.deepEqual(container.locations[0].logicalLocations, [{ name: 'worker', fullyQualifiedName: 'Deployment/worker/worker', kind: 'resource' }]);
  assert.match(run.originalUriBaseIds['%SRCROOT%'].uri, /^file:\/\/.*\/$/);
});

test('SARIF stays valid for standard input, config notifications, unused suppressions and odd file names', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubeplan-sarif-'));
  writeFileSync(join(dir, '.kubeplan.yaml'), 'rules:\n  missing-cpu-limt: off\nsuppress:\n  - rules: [missing-cpu-limit]\n    kind: StatefulSet\n');
  writeFileSync(join(dir, 'my app #1.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  annotations:\n    kubeplan.dev/ignore: nope\n');
  const r = runKubeplan(['lint', '--format', 'sarif', '.'], { cwd: dir });
  const log = JSON.parse(r.stdout);
  assertValid(log);
  const run = log.runs[0];
  assert.equal(run.invocations[0].toolConfigurationNotifications[0].message.text, 'Unknown rule "missing-cpu-limt" (did you mean "missing-cpu-limit"?); it is ignored.');
  const uris = run.results.map((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0]!.physicalLocation.artifactLocation.uri);
  assert.ok(uris.includes('my%20app%20%231.yaml'), uris.join());
  assert.ok(uris.includes('.kubeplan.yaml'));
  const stdin = runKubeplan(['lint', '--format', 'sarif', '-'], { input: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n' });
  assertValid(JSON.parse(stdin.stdout));
});

test('fingerprints survive lines moving, and differ between objects and containers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubeplan-fp-'));
  const body = readFileSync(join(__dirname, '..', '..', 'examples', 'batch.yaml'), 'utf8');
  const prints = (text: string) => {
    writeFileSync(join(dir, 'a.yaml'), text);
    const run = JSON.parse(runKubeplan(['lint', '--format', 'sarif', 'a.yaml'], { cwd: dir }).stdout).runs[0];
    return run.results.map((x: { ruleId: string; partialFingerprints: Record<string, string>; locations: { physicalLocation: { region: { startLine: number } } }[] }) => ({
      rule: x.ruleId,
      line: x.locations[0]!.physicalLocation.region.startLine,
      print: x.partialFingerprints['kubeplanFinding/v1'],
    }));
  };
  const before = prints(body);
  const after = prints(`# a comment\n# and another\n${body}`);
  assert.deepEqual(after.map((x: { line: number }) => x.line), before.map((x: { line: number }) => x.line + 2), 'the findings moved');
  assert.deepEqual(after.map((x: { print: string }) => x.print), before.map((x: { print: string }) => x.print), 'their fingerprints did not');
  assert.equal(new Set(before.map((x: { print: string }) => x.print)).size, before.length, 'every result has its own fingerprint');
});
