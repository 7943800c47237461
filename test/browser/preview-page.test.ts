import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { makeNonce, renderBody, renderPage } from '../../server/src/report';
import type { SimulationResult } from '../../server/src/engine/cluster/result';
import { launchChromium, openHtml, screenshot, type HeadlessBrowser } from '../helpers/browser';
import { sampleResult } from '../helpers/sampleResult';
import { simulateFiles } from '../helpers/simulate';
import { applyThemeScript, DARK_MODERN, LIGHT_MODERN } from '../helpers/vscodeTheme';

let chromium: HeadlessBrowser;
/** A real simulation of the preview fixture: a Pending Job, a crash-looping API, Services, an Ingress. */
let result: SimulationResult;

before(async () => {
  chromium = await launchChromium();
  result = simulateFiles(['test/fixtures/preview/shop.yaml', 'test/fixtures/preview/reports.yaml']);
});
after(() => chromium?.close());

test('the report page shows nodes, the Pending pod with its reason, the timeline, services and events', async () => {
  const w = await chromium.newPage({ colorScheme: 'light' });
  await openHtml(w, renderPage(result, { nonce: makeNonce(), theme: 'standalone', title: 'Preview apply' }), 'report');
  const { page } = w;
  const nodes = await page.locator('.node[data-node]').evaluateAll((els) => els.map((e) => e.getAttribute('data-node')));
  assert.deepEqual(nodes, result.nodes.map((n) => n.name));
  assert.equal(await page.locator('.node .resource.cpu svg.bar').count(), result.nodes.length);
  assert.ok((await page.locator('.node .pod-seg').count()) > 0, 'pods drawn as bar segments');

  const pending = result.pods.filter((p) => !p.node);
  assert.ok(pending.length > 0);
  const lane = page.locator('.pending-lane .pending-pod');
  assert.equal(await lane.count(), pending.length);
  assert.match((await lane.first().locator('.reason').innerText()).trim(), /^0\/\d+ nodes are available: .+\.$/);
  assert.ok(await lane.first().isVisible());

  assert.equal(await page.locator('.tl-row').count(), new Set(result.timeline.map((t) => t.pod)).size);
  assert.ok((await page.locator('.tl-row .tl-seg[data-state="Ready"]').count()) > 0);

  for (const s of result.services) {
    const card = page.locator(`.service[data-service="${s.namespace}/${s.name}"]`);
    assert.equal((await card.locator('.dns').innerText()).trim(), `${s.name}.${s.namespace}.svc.cluster.local`);
  }

  // filtering by typing, then warnings only
  const total = result.events.length;
  assert.equal(await page.locator('tr.event:visible').count(), total);
  await page.locator('#event-filter').pressSequentially('backoff');
  const backoffs = result.events.filter((e) => `${e.type} ${e.reason} ${e.object} ${e.message}`.toLowerCase().includes('backoff')).length;
  assert.ok(backoffs > 0 && backoffs < total);
  assert.equal(await page.locator('tr.event:visible').count(), backoffs);
  assert.equal(await page.locator('#event-count').innerText(), `${backoffs} of ${total}`);
  await page.locator('#event-filter').fill('');
  await page.locator('#event-warnings').check();
  assert.equal(await page.locator('tr.event:visible').count(), result.events.filter((e) => e.type === 'Warning').length);
  await page.locator('#event-filter').fill('no-such-event-anywhere');
  assert.ok(await page.locator('.filtered-empty').isVisible());

  assert.deepEqual(w.errors, []);
  assert.deepEqual(await w.cspViolations(), [], 'the page needs nothing its CSP forbids');
  await page.locator('#event-filter').fill('');
  await page.locator('#event-warnings').uncheck();
  await screenshot(page, 'preview-report-light');
  const dark = await chromium.newPage({ colorScheme: 'dark' });
  await openHtml(dark, renderPage(result, { nonce: makeNonce(), theme: 'standalone', title: 'Preview apply' }), 'report-dark');
  await screenshot(dark.page, 'preview-report-dark');
  await w.page.close();
  await dark.page.close();
});

test('in the editor, clicks post reveal and scenario messages to the extension', async () => {
  const w = await chromium.newPage({ vscodeApi: true });
  await openHtml(w, renderPage(result, { nonce: makeNonce(), theme: 'vscode', title: 'Preview apply' }), 'webview');
  const { page } = w;
  const finding = result.findings.find((f) => f.source)!;
  await page.locator(`.finding[data-rule="${finding.rule}"]`).first().click();
  await page.locator('#scenario-node').selectOption(result.nodes[1]!.name);
  await page.locator('#scenario-node-failure').click();
  const posted = (await w.posted()) as Record<string, unknown>[];
  assert.deepEqual(posted[0], { type: 'ready' });
  assert.deepEqual(posted[1], { type: 'reveal', file: finding.source!.file, range: finding.source!.range });
  assert.deepEqual(posted[2], { type: 'scenario', scenario: { kind: 'node-failure', node: result.nodes[1]!.name } });
  assert.ok(await page.locator('#busy').isVisible(), 'shows it is simulating');
  for (const [name, vars] of [['dark', DARK_MODERN], ['light', LIGHT_MODERN]] as const) {
    await page.evaluate(applyThemeScript(vars));
    await page.evaluate(`window.postMessage({ type: 'busy', busy: false }, '*')`);
    await screenshot(page, `preview-webview-${name}`);
  }

  // an update from the extension replaces the content and keeps the event filter
  await page.locator('#event-filter').fill('Scheduled');
  const next = { ...result, events: result.events.slice(0, 2) };
  await page.evaluate(`window.postMessage({ type: 'render', html: ${JSON.stringify(renderBody(next, { theme: 'vscode' }))} }, '*')`);
  await page.waitForFunction(`document.querySelectorAll('tr.event').length === 2`);
  assert.equal(await page.locator('#event-filter').inputValue(), 'Scheduled');
  assert.equal(await page.locator('#busy').isVisible(), false);
  assert.deepEqual(w.errors, []);
  assert.deepEqual(await w.cspViolations(), []);
  await w.page.close();
});

const HOSTILE_NAME = `x<script>alert(1)</script>`;
const HOSTILE_ATTR = `"><img src=x onerror=alert(2)>`;
const QUOTES = `it's "quoted" & <b>bold</b>`;

test('hostile strings from real manifests (annotations, labels, image) render as text and execute nothing', async () => {
  const r = simulateFiles(['test/fixtures/preview-hostile/hostile.yaml']);
  const nonce = makeNonce();
  const w = await chromium.newPage({ vscodeApi: true });
  await openHtml(w, renderPage(r, { nonce, theme: 'vscode', title: 'Preview apply — hostile.yaml' }), 'hostile-real');
  const { page } = w;
  await page.waitForTimeout(300);
  assert.deepEqual(w.dialogs, [], 'no dialog fired');
  assert.equal(await page.locator('script').count(), 1, 'only the page script');
  assert.equal(await page.locator('img').count(), 0);
  const text = await page.locator('body').innerText();
  for (const s of ['"<script>alert(3)</script>" is not a memory quantity', 'sim.kubeplan.dev/<img src=x onerror=alert(4)>', 'Pulling image "nginx:1.27"><script>alert(5)</script>"', 'tier="><img src=x onerror=alert(2)>']) {
    assert.ok(text.includes(s), `shows ${s} as text`);
  }
  assert.deepEqual(w.errors, []);
  assert.deepEqual(await w.cspViolations(), []);
  await screenshot(page, 'preview-hostile-real');
  await page.close();
});

test('manifest-controlled strings render as text and execute nothing', async () => {
  const r = sampleResult();
  r.pods[0]!.name = HOSTILE_NAME;
  r.pods[3]!.message = HOSTILE_ATTR;
  r.pods[3]!.scheduling!.message = `0/2 nodes are available: ${QUOTES}.`;
  r.nodes[0]!.labels = { [HOSTILE_ATTR]: HOSTILE_NAME };
  r.nodes[0]!.taints = [{ key: HOSTILE_ATTR, value: QUOTES, effect: 'NoSchedule' }];
  r.services[0]!.name = HOSTILE_ATTR;
  r.services[0]!.ingresses = [`${HOSTILE_NAME} ${QUOTES}`];
  r.events.push({ time: 50, object: `Pod/shop/${HOSTILE_NAME}`, type: 'Warning', reason: HOSTILE_ATTR, message: QUOTES });
  r.findings.push({ rule: 'sim-crash-loop', severity: 'warning', message: HOSTILE_NAME, object: HOSTILE_ATTR, source: { file: QUOTES, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 2 } } } });
  r.timeline.push({ pod: `shop/${HOSTILE_ATTR}`, owner: `Deployment/${HOSTILE_NAME}`, node: null, from: 0, to: 10, state: 'Pending' });
  const nonce = makeNonce();
  for (const theme of ['standalone', 'vscode'] as const) {
    const w = await chromium.newPage({ vscodeApi: theme === 'vscode' });
    await openHtml(w, renderPage(r, { nonce, theme, title: HOSTILE_NAME }), `hostile-${theme}`);
    const { page } = w;
    await page.waitForTimeout(300); // give any injected handler (there must be none) a chance to fire
    assert.deepEqual(w.dialogs, [], 'no dialog fired');
    assert.equal(await page.locator('script').count(), 1, 'only the page script');
    assert.equal(await page.locator('img').count(), 0);
    assert.equal(await page.locator('b').count(), 0);
    assert.equal(await page.title(), HOSTILE_NAME);
    const text = await page.locator('body').innerText();
    for (const s of [HOSTILE_NAME, HOSTILE_ATTR, QUOTES]) assert.ok(text.includes(s), `shows ${s} as text`);
    assert.equal(await page.locator(`.pod-chip[data-pod="shop/${HOSTILE_NAME}"]`).count(), 1, 'attribute round-trips exactly');
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.match(csp!, new RegExp(`script-src 'nonce-${nonce.replace(/[+/=]/g, (c) => `\\${c}`)}'`));
    assert.doesNotMatch(csp!, /unsafe-inline|unsafe-eval/);
    assert.equal(await page.evaluate(`document.querySelector('script').nonce`), nonce, 'the page script carries the CSP nonce');
    assert.deepEqual(w.errors, []);
    if (theme === 'standalone') await screenshot(page, 'preview-hostile-strings');
    await w.page.close();
  }
});

test('the CSP really blocks a script without the nonce', async () => {
  const w = await chromium.newPage();
  const page = renderPage(result, { nonce: makeNonce(), theme: 'standalone' }).replace('</main>', '</main><script>alert("injected")</script>');
  await openHtml(w, page, 'csp-check');
  await w.page.waitForTimeout(200);
  assert.deepEqual(w.dialogs, []);
  assert.ok((await w.cspViolations()).some((v) => v.startsWith('script-src')));
  await w.page.close();
});
