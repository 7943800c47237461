import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver/node';
import type { SimulationResult } from '../../engine/cluster/result';
import type { Finding } from '../../engine/model/finding';
import {
  DEFAULT_PREVIEW_SETTINGS,
  SIMULATE_REQUEST,
  SIMULATION_SUMMARY_NOTIFICATION,
  type FilePodCounts,
  type PreviewSettings,
  type SimulateParams,
  type SimulateResponse,
  type SimulationSummaryParams,
} from '../../protocol/preview';
import { countPods } from '../../report/sections/summary';
import type { ServerContext } from '../context';
import { invalidParams, simulateParams } from '../params';
import { isAbort, LatestRun } from '../preview/latestRun';
import { selectObjects } from '../preview/scope';
import { readPreviewSettings } from '../preview/settings';
import { signature, simFindingsByFile } from '../preview/simDiagnostics';
import { runSimulation, SimulationInputError } from '../preview/simulator';
import { fileToUri, uriToFile } from '../uris';

/** Quiet time after the last lint before the on-type simulation starts. */
export const ON_TYPE_DELAY_MS = 400;

/** What `kubeplan/debug/simulation` answers: on-type runs so far (tests read it). */
export interface OnTypeStats {
  started: number;
  /** Stopped because something changed (an edit, settings) before they finished. */
  cancelled: number;
  /** Finished and published their findings. */
  completed: number;
}

/** On-type runs happen on every pause in typing: bounded tighter than an explicit Preview. */
export const ON_TYPE_BUDGET = { maxEvents: 200_000 };

/**
 * Preview Apply in the language server: the `kubeplan/simulate` request (work-done progress,
 * cancellable, a newer request cancels an older one) and the on-type simulation of the whole
 * workspace whose findings join each file's diagnostics as `sim-*` rules.
 */
export function registerPreview(ctx: ServerContext): void {
  const { connection, workspace } = ctx;
  let settings: PreviewSettings = DEFAULT_PREVIEW_SETTINGS;
  const requestRun = new LatestRun();
  const onTypeRun = new LatestRun();
  let onTypeTimer: NodeJS.Timeout | undefined;
  /** The last on-type run's findings per engine file. */
  let simFindings = new Map<string, Finding[]>();
  /** Bumped whenever a file's content changed; a result of the same generation is still current. */
  let generation = 0;
  /** The last on-type result: a Preview of the whole workspace with nothing changed since answers from it. */
  let lastOnType: { generation: number; clusterFile: string; result: SimulationResult; files: string[] } | undefined;
  const onTypeStats: OnTypeStats = { started: 0, cancelled: 0, completed: 0 };
  connection.onRequest('kubeplan/debug/simulation', (): OnTypeStats => ({ ...onTypeStats }));

  ctx.diagnosticContributors.push((file) => simFindings.get(file) ?? []);

  /** The editor's text of an open file (the cluster file may be open with unsaved edits). */
  const openText = (path: string) => ctx.documents.get(fileToUri(path))?.getText();

  const setSimFindings = (next: Map<string, Finding[]>) => {
    const before = simFindings;
    simFindings = next;
    for (const file of new Set([...before.keys(), ...next.keys()])) {
      if (signature(before.get(file)) !== signature(next.get(file))) ctx.republish(fileToUri(file));
    }
  };

  const simulateWorkspace = async (signal: AbortSignal) => {
    const objects = workspace.objects();
    const startedAt = generation;
    onTypeStats.started++;
    try {
      const raw = await runSimulation({ objects, scenario: { kind: 'apply' }, roots: ctx.roots, clusterFile: settings.clusterFile, openText, budget: ON_TYPE_BUDGET }, { signal });
      // severities and suppressions (annotations, .kubeplan.yaml) apply to sim- findings as to lint findings
      const result = { ...raw, findings: workspace.applySettingsTo(raw.findings) };
      if (signal.aborted) {
        onTypeStats.cancelled++;
        return;
      }
      onTypeStats.completed++;
      // a run cut short by the on-type budget is not what an explicit Preview would show
      const complete = !result.findings.some((f) => f.rule === 'sim-budget-exceeded');
      lastOnType = complete ? { generation: startedAt, clusterFile: settings.clusterFile, result, files: [...new Set(objects.map((o) => o.file))] } : undefined;
      setSimFindings(simFindingsByFile(result, objects));
      void connection.sendNotification(SIMULATION_SUMMARY_NOTIFICATION, summaryOf(result));
    } catch (e) {
      if (isAbort(e, signal)) {
        onTypeStats.cancelled++;
        return;
      }
      setSimFindings(new Map());
      const message = e instanceof SimulationInputError ? e.message : `simulation failed: ${e instanceof Error ? e.message : String(e)}`;
      if (!(e instanceof SimulationInputError)) connection.console.error(`Kubeplan: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      void connection.sendNotification(SIMULATION_SUMMARY_NOTIFICATION, { files: {}, error: message } satisfies SimulationSummaryParams);
    }
  };

  const scheduleOnType = () => {
    // a newer edit makes the running simulation stale: stop it now, start again once typing pauses
    onTypeRun.cancel();
    if (onTypeTimer) clearTimeout(onTypeTimer);
    onTypeTimer = undefined;
    if (!settings.onType) return;
    onTypeTimer = setTimeout(() => {
      onTypeTimer = undefined;
      // stale as soon as any file is edited again, even before that edit is linted
      void simulateWorkspace(AbortSignal.any([onTypeRun.start().signal, ctx.workSignal('*')]));
    }, ON_TYPE_DELAY_MS);
  };

  // Lint diagnostics are published first; the simulation follows, so lint latency is unchanged.
  ctx.onFileLinted.push(() => {
    generation++;
    scheduleOnType();
  });

  const applySettings = (section: unknown) => {
    const next = readPreviewSettings(section, settings);
    const changed = next.onType !== settings.onType || next.clusterFile !== settings.clusterFile;
    settings = next;
    if (!changed) return;
    if (settings.onType) scheduleOnType();
    else {
      scheduleOnType(); // cancels what runs
      setSimFindings(new Map());
    }
  };
  ctx.onSettings.push(applySettings);

  connection.onRequest(SIMULATE_REQUEST, async (raw: SimulateParams, token: CancellationToken): Promise<SimulateResponse> => {
    const params = simulateParams(raw);
    if (!params) throw invalidParams(SIMULATE_REQUEST);
    const started = performance.now();
    // a newer request makes this one stale; cancelling this one touches only this one
    const run = requestRun.start();
    const signal = run.signal;
    const cancel = token.onCancellationRequested(() => run.abort());
    const progress = connection.window.attachWorkDoneProgress(params.workDoneToken);
    progress.begin('Kubeplan: Preview apply', 0, 'reading manifests', true);
    try {
      const scenario = params.scenario ?? { kind: 'apply' };
      const cached = lastOnType;
      if ((params.scope === 'workspace' || !params.uri) && scenario.kind === 'apply' && cached && cached.generation === generation && cached.clusterFile === settings.clusterFile) {
        // the on-type run already simulated exactly this
        return { result: cached.result, files: cached.files.map(fileToUri), elapsedMs: performance.now() - started };
      }
      const target = params.uri ? uriToFile(params.uri) : undefined;
      const scoped = selectObjects(workspace.objects(), params.scope, target);
      const files = scoped.files.map(fileToUri);
      if (scoped.files.length === 0) {
        const where = params.scope === 'workspace' || !params.uri ? 'the workspace' : params.scope === 'folder' ? 'this folder' : 'this file';
        return { error: `No Kubernetes objects in ${where} to preview.`, files, elapsedMs: performance.now() - started };
      }
      let result: SimulationResult;
      try {
        result = await runSimulation(
          { objects: scoped.objects, scenario, roots: ctx.roots, clusterFile: settings.clusterFile, openText },
          {
            signal,
            onProgress: (fraction, message) => progress.report(Math.max(0, Math.min(100, Math.round(fraction * 100))), message),
          },
        );
      } catch (e) {
        if (isAbort(e, signal)) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
        if (e instanceof SimulationInputError) return { error: e.message, files, elapsedMs: performance.now() - started };
        connection.console.error(`Kubeplan: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        return { error: `The simulation failed: ${e instanceof Error ? e.message : String(e)}`, files, elapsedMs: performance.now() - started };
      }
      if (signal.aborted) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
      result = { ...result, findings: workspace.applySettingsTo(result.findings) };
      return { result, files, elapsedMs: performance.now() - started };
    } finally {
      cancel.dispose();
      progress.done();
    }
  });
}

function summaryOf(result: SimulationResult): SimulationSummaryParams {
  const byFile = new Map<string, SimulationResult['pods']>();
  for (const p of result.pods) {
    if (!p.source) continue;
    const list = byFile.get(p.source.file) ?? [];
    list.push(p);
    byFile.set(p.source.file, list);
  }
  const files: Record<string, FilePodCounts> = {};
  for (const [file, pods] of byFile) files[fileToUri(file)] = countPods(pods);
  return { files };
}
