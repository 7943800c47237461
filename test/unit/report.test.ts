import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contentSecurityPolicy, countPods, podSummary, renderBody, renderMessageBody, renderPage } from '../../server/src/report';
import { esc, html } from '../../server/src/report/escape';
import { formatBytes, formatCpu, formatDuration } from '../../server/src/report/format';
import { sampleResult } from '../helpers/sampleResult';

const HOSTILE = `<script>alert(1)</script>"><img src=x onerror=alert(2)>'\``;

test('esc turns every markup character into an entity', () => {
  assert.equal(esc(`<a href="x" title='y'>&\``), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&#96;');
  assert.equal(html`<b>${HOSTILE}</b>`.text.includes('<script>'), false);
  assert.equal(html`<b>${[html`<i>ok</i>`, '<x>']}</b>`.text, '<b><i>ok</i>&lt;x&gt;</b>');
});

test('amounts read the way kubectl users read them', () => {
  assert.equal(formatCpu(250), '250m');
  assert.equal(formatCpu(1500), '1.5 cores');
  assert.equal(formatCpu(1000), '1 core');
  assert.equal(formatBytes(128 * 1024 * 1024), '128 MiB');
  assert.equal(formatBytes(1.5 * 1024 ** 3), '1.5 GiB');
  assert.equal(formatDuration(42), '42 s');
  assert.equal(formatDuration(200), '3 m 20 s');
});

test('the page shows every node with its bars, the Pending lane with the scheduler reason, timeline, services and events', () => {
  const body = renderBody(sampleResult(), { theme: 'standalone' });
  assert.match(body, /<article class="node" data-node="worker-a">/);
  assert.match(body, /<article class="node not-ready" data-node="worker-b">/);
  assert.equal((body.match(/class="resource cpu"/g) ?? []).length, 2);
  assert.match(body, /1\.25 cores \/ 4 cores <span class="pct">31%<\/span>/);
  assert.match(body, /class="pending-lane" data-count="1"/);
  assert.match(body, /<div class="reason">0\/2 nodes are available: 2 Insufficient cpu\.<\/div>/);
  assert.match(body, /<span class="node-name">worker-a<\/span>: <span class="plugin">NodeResourcesFit<\/span> Insufficient cpu/);
  assert.equal((body.match(/class="tl-row"/g) ?? []).length, 4);
  assert.match(body, /data-pod="shop\/api-5c6d-klmno" data-final-state="CrashLoopBackOff"/);
  assert.match(body, /<code class="dns">web\.shop\.svc\.cluster\.local<\/code>/);
  assert.match(body, /class="service no-ready" data-service="shop\/api"/);
  assert.equal((body.match(/<tr class="event /g) ?? []).length, 5);
  assert.match(body, /data-rule="sim-unschedulable"[^>]*data-file="shop\.yaml" data-range="118:2:118:12"/);
});

test('the scenario toolbar is only in the editor page, with the nodes and workloads to pick from', () => {
  const inEditor = renderBody(sampleResult(), { theme: 'vscode', scenario: { kind: 'node-failure', node: 'worker-b' } });
  assert.match(inEditor, /id="scenario-node"[^>]*><option value="">busiest node<\/option><option value="worker-a">worker-a<\/option><option value="worker-b" selected>/);
  assert.match(inEditor, /id="scenario-deployment"[^>]*><option value="" selected>every Deployment<\/option><option value="shop\/api">/);
  for (const kind of ['apply', 'node-failure', 'load', 'rollout']) assert.match(inEditor, new RegExp(`data-scenario="${kind}"`));
  assert.doesNotMatch(renderBody(sampleResult(), { theme: 'standalone' }), /data-scenario=/);
});

test('pods are coloured by workload, the same colour for the same workload whatever the pod order', () => {
  const a = renderBody(sampleResult(), { theme: 'standalone' });
  const reversed = sampleResult();
  reversed.pods.reverse();
  const b = renderBody(reversed, { theme: 'standalone' });
  const colourOf = (body: string, workload: string) => new RegExp(`data-workload="${workload}"><span class="swatch (w\\d+)"`).exec(body)?.[1];
  assert.ok(colourOf(a, 'Deployment/web'));
  assert.notEqual(colourOf(a, 'Deployment/web'), colourOf(a, 'Deployment/api'));
  assert.equal(colourOf(a, 'Deployment/web'), colourOf(b, 'Deployment/web'));
});

test('manifest-controlled strings are escaped everywhere they appear', () => {
  const r = sampleResult();
  r.pods[0]!.name = HOSTILE;
  r.pods[0]!.owner = `Deployment/${HOSTILE}`;
  r.nodes[0]!.name = HOSTILE;
  r.nodes[0]!.taints = [{ key: HOSTILE, value: HOSTILE, effect: 'NoSchedule' }];
  r.services[0]!.name = HOSTILE;
  r.services[0]!.selector = { [HOSTILE]: HOSTILE };
  r.services[0]!.ingresses = [HOSTILE];
  r.events[0]!.message = HOSTILE;
  r.events[0]!.reason = HOSTILE;
  r.findings[0]!.message = HOSTILE;
  r.timeline[0]!.pod = `shop/${HOSTILE}`;
  r.applyErrors = [{ object: HOSTILE, message: HOSTILE, source: { file: HOSTILE, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } } }];
  const page = renderPage(r, { nonce: 'abc123', theme: 'vscode', title: HOSTILE, cspSource: 'vscode-webview://x' });
  assert.equal((page.match(/<script/g) ?? []).length, 1, 'only the page script');
  assert.equal((page.match(/<img/g) ?? []).length, 0);
  // attribute values hold escaped text (no raw quotes), so with them blanked no tag may carry a handler
  assert.doesNotMatch(page.replace(/"[^"]*"/g, '""'), /<[^>]*\sonerror=/i);
  assert.ok(page.includes('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;'));
});

test('the CSP allows only the nonce\'d script and style and nothing remote', () => {
  const csp = contentSecurityPolicy('N0nce', 'vscode-webview://abc');
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'nonce-N0nce'(;|$)/);
  assert.match(csp, /style-src 'nonce-N0nce' vscode-webview:\/\/abc/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https?:/);
  const page = renderPage(sampleResult(), { nonce: 'N0nce', theme: 'standalone' });
  assert.match(page, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;nonce-N0nce&#39;;/);
  assert.match(page, /<style nonce="N0nce">/);
  assert.match(page, /<script nonce="N0nce">/);
  assert.doesNotMatch(page, /\sstyle="|\son[a-z]+="/, 'no inline styles or handlers (CSP would block them)');
  assert.doesNotMatch(page, /(src|href)="(https?:)?\/\//);
});

test('pod counts for the status bar', () => {
  const c = countPods(sampleResult().pods);
  assert.deepEqual(c, { total: 4, pending: 1, ready: 2, failing: 1 });
  assert.equal(podSummary(c), '4 pods, 1 Pending, 1 failing');
  assert.equal(podSummary({ total: 1, pending: 0, ready: 1, failing: 0 }), '1 pod');
});

test('a failure to simulate renders as a message, escaped', () => {
  const body = renderMessageBody('Preview apply', `invalid cluster file: <bad> at line 3`);
  assert.match(body, /<div class="error-banner" role="alert" data-kind="error">invalid cluster file: &lt;bad&gt; at line 3<\/div>/);
});
