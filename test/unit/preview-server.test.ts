import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../server/src/engine';
import type { SimulationResult } from '../../server/src/engine/cluster/result';
import { LatestRun } from '../../server/src/lsp/preview/latestRun';
import { selectObjects } from '../../server/src/lsp/preview/scope';
import { readPreviewSettings } from '../../server/src/lsp/preview/settings';
import { simFindingsByFile } from '../../server/src/lsp/preview/simDiagnostics';
import { sampleResult } from '../helpers/sampleResult';
import { DEFAULT_PREVIEW_SETTINGS } from '../../server/src/protocol/preview';

function workspace(files: Record<string, string>): Workspace {
  const ws = new Workspace({ objectRules: [], workspaceRules: [] });
  for (const [f, t] of Object.entries(files)) ws.setFile(f, t);
  return ws;
}

const NS = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n';
const deploy = (name: string, ns?: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}spec:\n  replicas: 1\n`;

test('a newer run aborts the older one; aborting an old run leaves the new one alone', () => {
  const runs = new LatestRun();
  const a = runs.start();
  const b = runs.start();
  assert.equal(a.signal.aborted, true);
  assert.equal(runs.isCurrent(b.signal), true);
  a.abort();
  assert.equal(b.signal.aborted, false);
  runs.cancel();
  assert.equal(b.signal.aborted, true);
});

test('scopes: a file brings its workloads plus the workspace environment, a folder everything under it', () => {
  const ws = workspace({ '/w/ns.yaml': NS, '/w/app/web.yaml': deploy('web', 'shop'), '/w/app/api.yaml': deploy('api', 'shop'), '/w/other/db.yaml': deploy('db', 'shop') });
  const all = ws.objects();
  const file = selectObjects(all, 'file', '/w/app/web.yaml');
  assert.deepEqual(file.objects.map((o) => o.id.name), ['shop', 'web']);
  assert.deepEqual(file.files, ['/w/app/web.yaml']);
  const folder = selectObjects(all, 'folder', '/w/app');
  assert.deepEqual(folder.objects.map((o) => o.id.name).sort(), ['api', 'shop', 'web']);
  assert.deepEqual(folder.files.sort(), ['/w/app/api.yaml', '/w/app/web.yaml']);
  assert.equal(selectObjects(all, 'folder', '/w/ap').files.length, 0, 'a folder is not a name prefix');
  assert.equal(selectObjects(all, 'workspace', undefined).objects.length, 4);
});

test('sim findings become per-file findings; repeats at one place merge; no source → the object name', () => {
  const ws = workspace({ '/w/a.yaml': deploy('web', 'shop'), '/w/b.yaml': deploy('worker') });
  const at = (line: number) => ({ file: '/w/a.yaml', range: { start: { line, character: 2 }, end: { line, character: 9 } } });
  const result: SimulationResult = sampleResult({
    findings: [
      { rule: 'sim-no-ready-endpoints', severity: 'info', message: 'outage 1', object: 'Service/shop/web', source: at(5) },
      { rule: 'sim-no-ready-endpoints', severity: 'warning', message: 'outage 2', object: 'Service/shop/web', source: at(5) },
      { rule: 'sim-crash-loop', severity: 'error', message: 'crash', object: 'Deployment/default/worker' },
      { rule: 'sim-budget-exceeded', severity: 'warning', message: 'budget', object: 'Simulation' },
    ],
  });
  const byFile = simFindingsByFile(result, ws.objects());
  assert.deepEqual(byFile.get('/w/a.yaml'), [
    { rule: 'sim-no-ready-endpoints', severity: 'warning', message: 'outage 2 (and 1 more like it: Kubeplan: Preview Apply lists them all)', range: at(5).range, file: '/w/a.yaml' },
  ]);
  const crash = byFile.get('/w/b.yaml')!;
  assert.equal(crash.length, 1);
  assert.deepEqual(crash[0]!.range.start, { line: 3, character: 8 }, 'on metadata.name of the namespace-less Deployment');
  assert.equal([...byFile.keys()].length, 2, 'findings about no object are not diagnostics');
});

test('settings: wrong types keep the previous value', () => {
  const s = readPreviewSettings({ simulate: { onType: false }, clusterFile: ' k8s/cluster.yaml ' });
  assert.deepEqual(s, { onType: false, clusterFile: 'k8s/cluster.yaml' });
  assert.deepEqual(readPreviewSettings({ simulate: { onType: 'no' }, clusterFile: 3 }, s), s);
  assert.deepEqual(readPreviewSettings(null, s), s);
});

test('settings: a key the section no longer has is back to its default', () => {
  const s = readPreviewSettings({ simulate: { onType: false }, clusterFile: 'k8s/cluster.yaml' });
  assert.deepEqual(readPreviewSettings({}, s), DEFAULT_PREVIEW_SETTINGS);
  assert.deepEqual(readPreviewSettings({ simulate: {}, clusterFile: '  ' }, s), DEFAULT_PREVIEW_SETTINGS);
});
