import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeNonce, renderBody, renderMessageBody, renderPage } from '../../server/src/report';
import type { SimulationResult } from '../../server/src/engine/cluster/result';
import { launchChromium, openHtml, screenshot, type HeadlessBrowser, type WatchedPage } from '../helpers/browser';
import { hostileWorkspace } from '../helpers/hostileWorkspace';
import { ROOT } from '../helpers/lspClient';
import { simulateFiles } from '../helpers/simulate';

// Every string of a simulation result is something a manifest can influence (names,
// namespaces, labels, annotations, images, container names, hosts, file paths, and the
// event and scheduler messages that quote them). Here every one of them, wherever it sits
// in the result, is replaced by markup that would run script if it were ever treated as
// HTML; the page must show it as text, run nothing and trip no CSP rule.

let chromium: HeadlessBrowser;
before(async () => {
  chromium = await launchChromium();
});
after(() => chromium?.close());

const payload = (id: number) => `P${id}"'><img src=x onerror=__pwn(${id})><svg onload=__pwn(${id})></svg><script>__pwn(${id})</script></title></style></textarea><a href="javascript:__pwn(${id})">x</a>\`\${__pwn(${id})}`;

/** Replaces every string in `value` with a numbered payload; returns how many were replaced. */
function poison<T>(value: T, counter = { n: 0 }): { value: T; count: number } {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return payload(counter.n++);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      // keys too: labels, annotations and node selectors are maps whose keys come from manifests
      for (const [k, x] of Object.entries(v)) out[isMapOfUserKeys(v) ? payload(counter.n++) : k] = walk(x);
      return out;
    }
    return v;
  };
  return { value: walk(value) as T, count: counter.n };
}

/** Label-like maps: string keys and string values, and not one of the result's own records. */
function isMapOfUserKeys(v: object): boolean {
  const entries = Object.entries(v);
  return entries.length > 0 && entries.every(([k, x]) => typeof x === 'string' && /[./-]/.test(k));
}

async function assertInert(w: WatchedPage, name: string): Promise<string> {
  const { page } = w;
  await page.waitForTimeout(300); // give an injected handler (there must be none) a chance to fire
  assert.deepEqual(await page.evaluate('window.__pwned'), [], `${name}: injected script ran`);
  assert.deepEqual(w.dialogs, []);
  assert.deepEqual(w.errors, [], `${name}: page errors`);
  assert.deepEqual(await w.cspViolations(), [], `${name}: CSP violations (markup got through)`);
  assert.equal(await page.locator('script').count(), 1, `${name}: only the page script`);
  for (const tag of ['img', 'svg:empty', 'iframe', 'object', 'embed', 'textarea', 'a[href^="javascript"]', 'title ~ title', 'body style']) {
    assert.equal(await page.locator(tag).count(), 0, `${name}: a <${tag}> element came from a manifest string`);
  }
  const handlers = await page.evaluate<number>(`[...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length`);
  assert.equal(handlers, 0, `${name}: elements with on* attributes`);
  return page.locator('body').innerText();
}

async function open(html: string, name: string, vscodeApi: boolean): Promise<WatchedPage> {
  const w = await chromium.newPage({ vscodeApi });
  await w.page.addInitScript(`window.__pwned = []; window.__pwn = (i) => window.__pwned.push(i);`);
  await openHtml(w, html, name);
  return w;
}

test('every string of a real simulation result, replaced by markup, renders as text in the webview and the report', { timeout: 300_000 }, async () => {
  const real = simulateFiles(['test/fixtures/preview/shop.yaml', 'test/fixtures/preview/reports.yaml', 'test/fixtures/preview-hostile/hostile.yaml']);
  const { value: result, count } = poison<SimulationResult>(real);
  assert.ok(count > 200, `${count} strings poisoned`);
  for (const theme of ['vscode', 'standalone'] as const) {
    const w = await open(renderPage(result, { nonce: makeNonce(), theme, title: payload(-1), scenario: { kind: 'rollout', deployment: payload(-2) } }), `poisoned-${theme}`, theme === 'vscode');
    const text = await assertInert(w, theme);
    // the visible payloads are exactly the text we put in
    const shown = [...text.matchAll(/P(\d+)"'><img src=x onerror=__pwn\(\1\)>/g)].length;
    assert.ok(shown > 50, `${theme}: ${shown} payloads shown as text`);
    if (theme === 'standalone') await screenshot(w.page, 'preview-poisoned');
    await w.page.close();
  }
});

test('the webview swaps in a poisoned body and a poisoned message without running anything', { timeout: 300_000 }, async () => {
  const real = simulateFiles(['test/fixtures/preview/shop.yaml']);
  const first = renderPage(real, { nonce: makeNonce(), theme: 'vscode' });
  const w = await open(first, 'swap', true);
  const { value: poisoned } = poison<SimulationResult>(real);
  // what PreviewPanel posts after a re-run: { type: 'render', html: body }
  for (const body of [renderBody(poisoned, { theme: 'vscode', title: payload(-3), footer: payload(-4) }), renderMessageBody(payload(-5), payload(-6))]) {
    await w.page.evaluate(`window.postMessage({ type: 'render', html: ${JSON.stringify(body)} }, '*')`);
    await w.page.waitForFunction(`document.body.innerText.includes('P-') || document.body.innerText.includes('P0')`, undefined, { timeout: 10_000 });
    await assertInert(w, 'swapped body');
  }
  await w.page.close();
});

test('kubeplan preview --format html on a hostile workspace: hostile names, hosts, images and paths are inert', { timeout: 300_000 }, async () => {
  const ws = hostileWorkspace();
  // names that are valid enough for the simulator to carry them through to every section
  writeFileSync(
    join(ws.root, `x"'><img src=x onerror=__pwn(1)>.yaml`),
    `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
  annotations: {"<script>__pwn(2)</script>": "<svg onload=__pwn(3)>"}
  labels: {"app.kubernetes.io/name": "<img src=x onerror=__pwn(4)>"}
spec:
  selector: {app: evil}
  ports: [{name: "<b>http</b>", port: 80, targetPort: 8080}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: "</script><script>__pwn(5)</script>", namespace: "<img src=x onerror=__pwn(6)>"}
spec:
  replicas: 2
  selector: {matchLabels: {app: evil}}
  template:
    metadata: {labels: {app: evil, "<i>k</i>": "<img src=x onerror=__pwn(7)>"}}
    spec:
      nodeSelector: {"<img src=x onerror=__pwn(8)>": "x"}
      containers:
        - name: "<img src=x onerror=__pwn(9)>"
          image: "nginx:1.27\\"><script>__pwn(10)</script>"
          resources: {requests: {cpu: "64", memory: "<script>__pwn(11)</script>"}}
`,
  );
  for (const scenario of ['apply', 'node-failure', 'rollout']) {
    const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'preview', '--format', 'html', '--scenario', scenario, '.'], { cwd: ws.root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    const w = await open(r.stdout, `cli-hostile-${scenario}`, false);
    const text = await assertInert(w, `--format html --scenario ${scenario}`);
    assert.ok(text.includes('<img src=x onerror=__pwn('), 'hostile strings are shown as text');
    await w.page.close();
  }
});
