import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runKubeplan } from '../helpers/cli';

test('preview --format html writes one self-contained page with the pictures', () => {
  const r = runKubeplan(['preview', 'test/fixtures/preview', '--format', 'html']);
  assert.equal(r.status, 1, 'exit code as in text mode: 1 when a finding is an error (the Pending Job)');
  assert.equal(r.stderr, '');
  const page = r.stdout;
  assert.match(page, /^<!DOCTYPE html>\n<html lang="en">/);
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)?.[1].replaceAll('&#39;', "'");
  assert.ok(csp, 'has the CSP meta');
  assert.match(csp, /^default-src 'none'; style-src 'nonce-([A-Za-z0-9+/=]+)'; script-src 'nonce-\1'; img-src data:/);
  const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
  assert.ok(page.includes(`<style nonce="${nonce}">`) && page.includes(`<script nonce="${nonce}">`));
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https?:/);
  // nothing to fetch: no element points anywhere
  assert.doesNotMatch(page, /<(link|iframe|object|embed|base)\b/i);
  assert.doesNotMatch(page, /\s(src|href|srcset|action|formaction|poster|data)="[^"]*"/i);
  assert.doesNotMatch(page, /url\(\s*['"]?(https?:)?\/\//i);
  assert.doesNotMatch(page, /@import/);
  // the same pictures as the editor, light or dark by the system
  assert.match(page, /@media \(prefers-color-scheme: dark\)/);
  assert.match(page, /class="pending-pod" data-pod="shop\/nightly-report-[a-z0-9]+"/);
  assert.match(page, /<div class="reason">0\/4 nodes are available: [^<]*Insufficient cpu\.[^<]*<\/div>/);
  assert.match(page, /<code class="dns">web\.shop\.svc\.cluster\.local<\/code>/);
  assert.match(page, /class="tl-row"/);
  assert.doesNotMatch(page, /data-scenario=/, 'no scenario buttons without an editor behind the page');
  assert.match(page, /<footer>kubeplan preview --format html: scenario apply, 600 s of virtual time on the default cluster/);
});

test('preview --format html with a bad cluster file is a one-line error, not a page', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubeplan-html-'));
  writeFileSync(join(dir, 'cluster.yaml'), 'apiVersion: v1\nkind: Node\nmetadata: { name: n1 }\nstatus:\n  allocatable: { cpu: lots }\n');
  writeFileSync(join(dir, 'app.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: { name: p, namespace: default }\nspec:\n  containers: [{ name: c, image: busybox:1.36 }]\n');
  const r = runKubeplan(['preview', 'app.yaml', '--cluster', 'cluster.yaml', '--format', 'html'], { cwd: dir });
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^kubeplan: cluster\.yaml:\d+:\d+: .+\n$/);
});
