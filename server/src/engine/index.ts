/** The engine's public surface: what the language server, the CLI and the tests call. */
export type { Finding, Position, QuickFix, Range, Severity, Subject, TextEdit } from './model/finding';
export { compareFindings, severityRank } from './model/finding';
export { Workspace, type WorkspaceOptions } from './lint/workspace';
export { fileFindings, type FileAnalysis } from './lint/fileLinter';
export { ALL_RULES, OBJECT_RULES, WORKSPACE_RULES, ruleById, ruleDocsUrl } from './rules/registry';
export type { RuleMeta } from './rules/rule';
export { describeAt, type FieldDescription } from './schema/describeAt';
export type { ConfigProblem, ConfigSuppression, ExternalObject, KubeplanConfig, RuleLevel } from './config/types';
export { CONFIG_FILE_NAMES, defaultConfig, parseConfig, type ParsedConfig } from './config/parseConfig';
export { normalizeVersion } from './config/version';
export { suppressionFixes } from './suppress/quickFix';
export { createLintSettings, levelOf, type EditorSettings, type FileSettings, type LintSettings, type SettingsInput } from './config/lintSettings';

import { Workspace } from './lint/workspace';
import type { LintSettings } from './config/lintSettings';
import type { Finding } from './model/finding';
import { compareFindings } from './model/finding';

export interface LintOptions {
  settings?: LintSettings;
}

/** Lints a set of files together (cross-file rules see all of them); findings sorted by place. */
export function lintFiles(files: ReadonlyMap<string, string> | readonly (readonly [string, string])[], options: LintOptions = {}): Finding[] {
  const ws = new Workspace(options.settings ? { settings: options.settings } : {});
  const entries = files instanceof Map ? [...files.entries()] : (files as readonly (readonly [string, string])[]);
  for (const [file, text] of entries) ws.setFile(file, text);
  return entries.flatMap(([file]) => ws.findings(file)).sort(compareFindings);
}

/** Lints one file's text on its own. */
export function lintText(text: string, file = 'manifest.yaml', options: LintOptions = {}): Finding[] {
  return lintFiles([[file, text]], options);
}

/** Scheduler throughput (10,000 pods on 1,000 nodes by default), for `npm run bench`. */
export { benchmarkScheduling, runSchedulerBenchmark } from './cluster/scheduler/benchmark';

// The simulated cluster (Preview Apply, `kubeplan preview`).
export { simulate, simulateAsync, defaultCluster, SimulationCancelled, type AsyncOptions } from './cluster/simulate';
export { objectsFromTexts, objectsFromWorkspace, SCENARIO_KINDS, type ManifestObject, type ScenarioKind, type ScenarioSpec, type SimulationInput, type SourceLocator } from './cluster/input';
export { parseClusterFile, formatClusterFileError, type ClusterSpec, type ClusterFileError, type NodePool } from './cluster/clusterFile';
export { benchmarkSimulation } from './cluster/benchmark';
export type { SimulationResult, SimFinding, PodResult, NodeResult, ServiceResult, SimEvent, PodInterval, AutoscalerResult } from './cluster/result';
