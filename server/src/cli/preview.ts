/**
 * `kubeplan preview [paths...]`: dry-runs the manifests on the simulated cluster and prints
 * what happens. Exit codes as `lint`: 0 no error-severity finding, 1 at least one, 2 usage
 * error, unreadable input or a bad cluster file (one located line: file:line:col: message).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatClusterFileError, parseClusterFile, type ClusterSpec } from '../engine/cluster/clusterFile';
import { objectsFromTexts, SCENARIO_KINDS, type ScenarioKind, type ScenarioSpec } from '../engine/cluster/input';
import { defaultCluster, simulate } from '../engine/cluster/simulate';
import { Workspace } from '../engine';
import { formatProblem, loadConfig } from './config';
import { collectYamlFiles, readFiles, UsageError } from './files';
import { formatPreviewJson } from './format/previewJson';
import { formatPreviewText } from './format/previewText';
import { formatHtml } from './format/html';
import type { CliIo } from './main';
import { plural } from '../engine/text/plural';

export const PREVIEW_USAGE = `  preview [paths...]   Dry-run manifests on a simulated cluster: placement, Pending pods, probes, endpoints.
                       --cluster FILE          Nodes (and Namespaces, LimitRanges, ResourceQuotas,
                                               PriorityClasses, NodePools); default .kubeplan/cluster.yaml
                                               if present, else 3 workers (4 CPU / 16Gi) + a control plane
                       --scenario apply|node-failure|load|rollout   (default: apply)
                       --fail-node NAME --at SECONDS               (node-failure; default: busiest node when steady, at most 120 s)
                       --deployment NAME --image IMAGE --at SECONDS (rollout; default: restart every Deployment when steady)
                       --duration SECONDS      Virtual time budget (default 600)
                       --max-events N          Event budget (default 2000000)
                       --seed N                Names and tie-breaks (default 1)
                       --format text|json|html (default: text; html: a self-contained page with the pictures)`;

const FORMATS = ['text', 'json', 'html'] as const;
const DEFAULT_CLUSTER_FILE = join('.kubeplan', 'cluster.yaml');

function number(values: Record<string, unknown>, name: string, min: number): number | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < min) throw new UsageError(`--${name} must be a number ≥ ${min}, not "${String(v)}"`);
  return n;
}

export function loadCluster(path: string | undefined, cwd: string): { cluster: ClusterSpec; label: string } {
  const file = path ?? (existsSync(join(cwd, DEFAULT_CLUSTER_FILE)) ? DEFAULT_CLUSTER_FILE : undefined);
  if (!file) {
    const cluster = defaultCluster();
    return { cluster, label: 'the default cluster (3 workers of 4 CPU / 16Gi in zones a, b, c + a control-plane node)' };
  }
  let text: string;
  try {
    text = readFileSync(join(cwd, file), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read cluster file ${file}: ${code === 'ENOENT' ? 'no such file or directory' : code === 'EISDIR' ? 'is a directory' : (e as Error).message}`);
  }
  const parsed = parseClusterFile(file, text);
  if (!parsed.cluster) {
    const [first, ...rest] = parsed.errors;
    throw new UsageError(`${formatClusterFileError(first!)}${rest.length ? ` (and ${rest.length} more error${rest.length === 1 ? '' : 's'} in the cluster file)` : ''}`);
  }
  return { cluster: parsed.cluster, label: `${file} (${plural(parsed.cluster.nodes.length, 'node')}${parsed.cluster.nodePools.length ? `, ${plural(parsed.cluster.nodePools.length, 'node pool')}` : ''})` };
}

export function preview(args: readonly string[], io: CliIo): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        format: { type: 'string', short: 'f', default: 'text' },
        cluster: { type: 'string' },
        scenario: { type: 'string', default: 'apply' },
        'fail-node': { type: 'string' },
        at: { type: 'string' },
        deployment: { type: 'string' },
        image: { type: 'string' },
        container: { type: 'string' },
        duration: { type: 'string' },
        'max-events': { type: 'string' },
        seed: { type: 'string' },
      },
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message.split('\n')[0]! : String(e));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(`Usage: kubeplan preview [options] [paths...]\n\n${PREVIEW_USAGE}\n`);
    return 0;
  }
  const format = String(values.format);
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown format "${format}" (expected ${FORMATS.join(', ')})`);
  const kind = String(values.scenario) as ScenarioKind;
  if (!SCENARIO_KINDS.includes(kind)) throw new UsageError(`unknown scenario "${kind}" (expected ${SCENARIO_KINDS.join(', ')})`);
  const at = number(values, 'at', 0);
  let scenario: ScenarioSpec;
  if (kind === 'node-failure') scenario = { kind, ...(values['fail-node'] ? { node: values['fail-node'] } : {}), ...(at !== undefined ? { at } : {}) };
  else if (kind === 'rollout') scenario = { kind, ...(values.deployment ? { deployment: values.deployment } : {}), ...(values.image ? { image: values.image } : {}), ...(values.container ? { container: values.container } : {}), ...(at !== undefined ? { at } : {}) };
  else scenario = { kind };
  if (values['fail-node'] && kind !== 'node-failure') throw new UsageError('--fail-node needs --scenario node-failure');
  if ((values.image || values.deployment) && kind !== 'rollout') throw new UsageError('--image and --deployment need --scenario rollout');

  const { cluster, label } = loadCluster(values.cluster, io.cwd);
  const files = collectYamlFiles(positionals.length ? positionals : ['.'], io.cwd).filter((f) => f !== DEFAULT_CLUSTER_FILE && f !== values.cluster);
  if (files.length === 0) throw new UsageError(`no YAML files found in ${positionals.join(' ') || '.'}`);
  const texts = readFiles(files, io.cwd, io.stdin);
  const { settings, warnings } = loadConfig(files, io.cwd, undefined);
  for (const w of warnings) io.stderr(formatProblem(w, io.cwd) + '\n');
  const simulated = simulate({
    objects: objectsFromTexts(texts),
    cluster,
    scenario,
    seed: number(values, 'seed', 0) ?? 1,
    budget: { maxSeconds: number(values, 'duration', 1), maxEvents: number(values, 'max-events', 1) },
  });
  // severities and suppressions (annotations, .kubeplan.yaml) apply to sim- findings as they do to lint findings
  const ws = new Workspace({ settings });
  for (const [file, text] of texts) ws.stageText(file, text);
  for (const file of texts.keys()) ws.analyze(file);
  const result = { ...simulated, findings: ws.applySettingsTo(simulated.findings) };
  if (format === 'json') io.stdout(formatPreviewJson(result));
  else if (format === 'html') io.stdout(formatHtml(result, { inputs: positionals, cluster: label }));
  else io.stdout(formatPreviewText(result, { color: io.color, cluster: label }));
  return result.findings.some((f) => f.severity === 'error') ? 1 : 0;
}
