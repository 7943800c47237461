/**
 * The page's only script (nonce'd; no inline handlers anywhere). It filters events, highlights
 * a pod across the pictures, and in the editor talks to the extension: "reveal" a manifest
 * line, "scenario" to re-run the simulation, and receives re-rendered content on updates.
 * Kept as plain ES2020 source so the same text runs in the webview and the offline report.
 */
export const PAGE_SCRIPT = String.raw`(function () {
  'use strict';
  var api = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
  var state = (api && api.getState()) || { filter: '', warnings: false, selected: null };
  if (api) document.body.classList.add('can-reveal');

  function $(id) { return document.getElementById(id); }
  function save() { if (api) api.setState(state); }

  function applyFilter() {
    var input = $('event-filter');
    var warnings = $('event-warnings');
    if (!input || !warnings) return;
    var terms = state.filter.toLowerCase().split(/\s+/).filter(Boolean);
    var rows = document.querySelectorAll('tr.event');
    var shown = 0;
    rows.forEach(function (row) {
      var text = row.textContent.toLowerCase();
      var ok = (!state.warnings || row.getAttribute('data-type') === 'Warning') && terms.every(function (t) { return text.indexOf(t) >= 0; });
      row.hidden = !ok;
      if (ok) shown++;
    });
    var count = $('event-count');
    if (count) count.textContent = shown + ' of ' + rows.length;
    var none = document.querySelector('.filtered-empty');
    if (none) none.hidden = !(rows.length > 0 && shown === 0);
  }

  function restoreControls() {
    var input = $('event-filter');
    var warnings = $('event-warnings');
    if (input) input.value = state.filter;
    if (warnings) warnings.checked = state.warnings;
    applyFilter();
    highlight(state.selected);
  }

  function highlight(pod) {
    document.querySelectorAll('.selected').forEach(function (el) { el.classList.remove('selected'); });
    if (!pod) return;
    document.querySelectorAll('[data-pod]').forEach(function (el) {
      if (el.getAttribute('data-pod') === pod) el.classList.add('selected');
    });
  }

  function reveal(el) {
    if (!api || !el) return;
    var r = (el.getAttribute('data-range') || '0:0:0:0').split(':').map(Number);
    api.postMessage({ type: 'reveal', file: el.getAttribute('data-file'), range: { start: { line: r[0], character: r[1] }, end: { line: r[2], character: r[3] } } });
  }

  function scenarioFrom(kind) {
    var pick = function (id) { var el = $(id); return el && el.value ? el.value : undefined; };
    if (kind === 'node-failure') return pick('scenario-node') ? { kind: kind, node: pick('scenario-node') } : { kind: kind };
    if (kind === 'rollout') return pick('scenario-deployment') ? { kind: kind, deployment: pick('scenario-deployment') } : { kind: kind };
    if (kind === 'load') return { kind: kind };
    return { kind: 'apply' };
  }

  function setBusy(busy) {
    document.body.classList.toggle('is-busy', !!busy);
    var b = $('busy');
    if (b) b.hidden = !busy;
  }

  document.addEventListener('click', function (e) {
    var target = e.target;
    if (!(target instanceof Element)) return;
    var button = target.closest('button[data-scenario]');
    if (button) {
      if (api) { setBusy(true); api.postMessage({ type: 'scenario', scenario: scenarioFrom(button.getAttribute('data-scenario')) }); }
      return;
    }
    if (target.closest('summary, select, input, label')) return;
    var pod = target.closest('[data-pod]');
    if (pod) {
      var name = pod.getAttribute('data-pod');
      state.selected = state.selected === name ? null : name;
      highlight(state.selected);
      save();
    }
    reveal(target.closest('[data-file]'));
  });

  document.addEventListener('keydown', function (e) {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    var target = e.target;
    if (target instanceof Element && target.matches('[data-file]')) { e.preventDefault(); reveal(target); }
  });

  document.addEventListener('input', function (e) {
    if (e.target && e.target.id === 'event-filter') { state.filter = e.target.value; applyFilter(); save(); }
  });
  document.addEventListener('change', function (e) {
    if (e.target && e.target.id === 'event-warnings') { state.warnings = e.target.checked; applyFilter(); save(); }
  });

  window.addEventListener('message', function (e) {
    var m = e.data;
    if (!m || typeof m !== 'object') return;
    if (m.type === 'render' && typeof m.html === 'string') {
      var focused = document.activeElement && document.activeElement.id;
      $('app').innerHTML = m.html;
      setBusy(false);
      restoreControls();
      if (focused && $(focused)) $(focused).focus();
    } else if (m.type === 'busy') {
      setBusy(m.busy);
    }
  });

  restoreControls();
  if (api) api.postMessage({ type: 'ready' });
})();`;
