import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { insideWorkspace, restrictUntrusted } from '../../server/src/lsp/trust';
import { DEFAULT_PREVIEW_SETTINGS } from '../../server/src/protocol/preview';

// Restricted Mode: a setting written by whoever wrote the repository must not make Kubeplan
// read a file outside the workspace (the cluster file's errors would show its content).

const base = mkdtempSync(join(tmpdir(), 'kubeplan-trust-'));
const root = join(base, 'repo');
const other = join(base, 'other-repo');
const outside = join(base, 'home');
for (const d of [root, other, outside, join(root, '.kubeplan')]) mkdirSync(d, { recursive: true });
writeFileSync(join(outside, 'cluster.yaml'), 'secret: 1\n');
writeFileSync(join(root, '.kubeplan', 'cluster.yaml'), 'kind: Node\n');
symlinkSync(outside, join(root, 'linked-dir'));
symlinkSync(join(outside, 'cluster.yaml'), join(root, 'linked.yaml'));
symlinkSync(join(root, '.kubeplan', 'cluster.yaml'), join(root, 'inner-link.yaml'));
symlinkSync(root, join(base, 'repo-link'));

test('paths inside the workspace folder, relative or absolute, existing or not, are inside', () => {
  for (const p of ['.kubeplan/cluster.yaml', 'clusters/prod.yaml', './a/../b.yaml', join(root, '.kubeplan', 'cluster.yaml'), 'inner-link.yaml']) assert.equal(insideWorkspace(p, [root]), true, p);
});

test('paths that leave it (.., absolute elsewhere, symbolic links out of it) are outside', () => {
  for (const p of ['../home/cluster.yaml', join(outside, 'cluster.yaml'), 'linked.yaml', 'linked-dir/cluster.yaml', 'linked-dir/not-yet.yaml', '/etc/passwd', `${root}-evil/cluster.yaml`]) assert.equal(insideWorkspace(p, [root]), false, p);
});

test('a workspace opened through a symbolic link still contains its own files', () => {
  const viaLink = join(base, 'repo-link');
  assert.equal(insideWorkspace('.kubeplan/cluster.yaml', [viaLink]), true);
  assert.equal(insideWorkspace(join(viaLink, '.kubeplan', 'cluster.yaml'), [viaLink]), true);
  assert.equal(insideWorkspace('linked.yaml', [viaLink]), false);
});

test('multi-root: every place a relative path is looked up must be in one of the folders', () => {
  assert.equal(insideWorkspace('.kubeplan/cluster.yaml', [root, other]), true);
  assert.equal(insideWorkspace('../other-repo/x.yaml', [root, other]), true, 'another folder of the workspace is the workspace');
  assert.equal(insideWorkspace('../home/cluster.yaml', [root, other]), false);
  assert.equal(insideWorkspace('linked.yaml', [root, other]), false);
  assert.equal(insideWorkspace(join(other, 'x.yaml'), [root, other]), true);
});

test('no workspace folder: a relative path resolves to nothing (kept), an absolute one is outside', () => {
  assert.equal(insideWorkspace(DEFAULT_PREVIEW_SETTINGS.clusterFile, []), true);
  assert.equal(insideWorkspace(join(outside, 'cluster.yaml'), []), false);
});

test('restrictUntrusted drops only kubeplan.clusterFile pointing outside, and names it', () => {
  const settings = { clusterFile: 'linked.yaml', rules: { 'latest-tag': 'off' }, exclude: ['charts/**'] };
  assert.deepEqual(restrictUntrusted(settings, [root]), {
    section: { ...settings, clusterFile: DEFAULT_PREVIEW_SETTINGS.clusterFile },
    ignored: ['kubeplan.clusterFile ("linked.yaml")'],
  });
  const fine = { clusterFile: ' .kubeplan/cluster.yaml ', rules: {} };
  assert.deepEqual(restrictUntrusted(fine, [root]), { section: fine, ignored: [] });
  for (const odd of [null, 'x', { clusterFile: 3 }, { clusterFile: '' }, {}]) assert.deepEqual(restrictUntrusted(odd, [root]).ignored, []);
});
