import { commands, languages, RelativePattern, workspace, type Disposable, type ExtensionContext, type Uri } from 'vscode';
import { SIMULATION_SUMMARY_NOTIFICATION, type SimulationSummaryParams } from '../../../server/src/protocol/preview';
import type { LazyLanguageClient } from '../lazyClient';
import { PreviewCodeLensProvider } from './codeLens';
import { PreviewPanel } from './panel';
import { SimulationRunner } from './runner';
import { PodStatusBar } from './statusBar';
import { resolveTarget, targetCovers } from './target';

export const PREVIEW_COMMAND = 'kubeplan.previewApply';
export const PREVIEW_WORKSPACE_COMMAND = 'kubeplan.previewApplyWorkspace';

/** How long the manifests must be quiet before an open preview re-simulates. */
const REFRESH_DELAY_MS = 600;

/** Wires Preview Apply into the editor: commands, CodeLens, status bar, and live refresh of the panel. */
export function registerPreview(context: ExtensionContext, client: LazyLanguageClient): void {
  const runner = new SimulationRunner(client);
  const statusBar = new PodStatusBar(PREVIEW_COMMAND);
  const panel = new PreviewPanel(runner, (result) => statusBar.onResult(result));
  const lenses = new PreviewCodeLensProvider(PREVIEW_COMMAND);

  let refreshTimer: NodeJS.Timeout | undefined;
  const manifestsChanged = (uri: Uri) => {
    const target = panel.visibleTarget;
    if (!target || !targetCovers(target, uri)) return;
    if (refreshTimer) clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => void panel.refresh(), REFRESH_DELAY_MS);
  };

  const watchers: Disposable[] = (workspace.workspaceFolders ?? []).map((folder) => {
    const w = workspace.createFileSystemWatcher(new RelativePattern(folder, '**/*.{yaml,yml}'));
    w.onDidChange(manifestsChanged);
    w.onDidCreate(manifestsChanged);
    w.onDidDelete(manifestsChanged);
    return w;
  });

  context.subscriptions.push(
    statusBar,
    panel,
    lenses,
    ...watchers,
    { dispose: () => refreshTimer && clearTimeout(refreshTimer) },
    commands.registerCommand(PREVIEW_COMMAND, async (arg?: unknown) => {
      const target = await resolveTarget(arg);
      if (target) await panel.show(target);
    }),
    commands.registerCommand(PREVIEW_WORKSPACE_COMMAND, async () => {
      const target = await resolveTarget(undefined, true);
      if (target) await panel.show(target);
    }),
    languages.registerCodeLensProvider([{ language: 'yaml', scheme: 'file' }, { language: 'yaml', scheme: 'untitled' }], lenses),
    workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length && e.document.languageId === 'yaml') manifestsChanged(e.document.uri);
    }),
  );
  client.onCreated((c) => context.subscriptions.push(c.onNotification(SIMULATION_SUMMARY_NOTIFICATION, (p: SimulationSummaryParams) => statusBar.onSummary(p))));
}
