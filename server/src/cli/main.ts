import { readFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isAbsolute, relative, resolve } from 'node:path';
import { compareFindings, normalizeVersion, Workspace, type Finding } from '../engine';
import { ConfigError, formatProblem, loadConfig } from './config';
import { collectYamlFiles, readFiles, UsageError } from './files';
import { HeapBudgetError, overHeapBudget } from './heapBudget';
import { writeJson } from './format/json';
import { formatSarif } from './format/sarif';
import { formatText } from './format/text';
import { preview, PREVIEW_USAGE } from './preview';

declare const KUBEPLAN_VERSION: string | undefined;
const VERSION = typeof KUBEPLAN_VERSION === 'string' ? KUBEPLAN_VERSION : '0.0.0-dev';

const USAGE = `Usage: kubeplan <command> [options] [paths...]

Commands:
  lint [paths...]      Lint Kubernetes manifests (files or folders; - for stdin).
                       --format text|json|sarif   (default: text)
                       --config FILE              (default: each file's nearest .kubeplan.yaml)
                       --kubernetes-version 1.31  (default: kubernetesVersion in .kubeplan.yaml, else 1.31)
${PREVIEW_USAGE}

Options:
  -h, --help           Show this help.
  -v, --version        Show the version.

Exit codes: 0 no error-severity finding, 1 at least one, 2 usage error, unreadable input or invalid config.`;

export interface CliIo {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  stdin: () => string;
  color: boolean;
  /** Ends the process at once (after a write to stderr, which is synchronous for files and pipes on Linux). */
  exitNow?: (code: number) => void;
}

const LINT_FORMATS = ['text', 'json', 'sarif'] as const;
type LintFormat = (typeof LINT_FORMATS)[number];

export function runCli(argv: readonly string[], io: CliIo): number {
  try {
    return dispatch(argv, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`kubeplan: ${e.message}\n`);
      return 2;
    }
    if (e instanceof HeapBudgetError) {
      io.stderr(`kubeplan: ${e.message}\n`);
      // the heap is still full of the abandoned run: leave before V8's next collection gives up on it
      io.exitNow?.(2);
      return 2;
    }
    if (e instanceof ConfigError) {
      for (const p of e.problems) io.stderr(formatProblem(p, io.cwd) + '\n');
      return 2;
    }
    io.stderr(`kubeplan: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
}

function dispatch(argv: readonly string[], io: CliIo): number {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    io.stdout(USAGE + '\n');
    return command === undefined ? 2 : 0;
  }
  if (command === '-v' || command === '--version') {
    io.stdout(VERSION + '\n');
    return 0;
  }
  if (command === 'lint') return lint(rest, io);
  if (command === 'preview') return preview(rest, io);
  throw new UsageError(`unknown command "${command}" (try: kubeplan lint --help)`);
}

type Values = Record<string, string | boolean | undefined>;

function parse(args: readonly string[], options: NonNullable<ParseArgsConfig['options']>): { values: Values; positionals: string[] } {
  try {
    const r = parseArgs({ args: [...args], options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
    return { values: r.values as Values, positionals: r.positionals };
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message.split('\n')[0]! : String(e));
  }
}

function lint(args: readonly string[], io: CliIo): number {
  const { values, positionals } = parse(args, {
    format: { type: 'string', short: 'f', default: 'text' },
    config: { type: 'string', short: 'c' },
    'kubernetes-version': { type: 'string' },
  });
  if (values.help) {
    io.stdout(USAGE + '\n');
    return 0;
  }
  const format = String(values.format) as LintFormat;
  if (!LINT_FORMATS.includes(format)) throw new UsageError(`unknown format "${format}" (expected ${LINT_FORMATS.join(', ')})`);
  const versionFlag = values['kubernetes-version'];
  const kubernetesVersion = typeof versionFlag === 'string' ? normalizeVersion(versionFlag) : undefined;
  if (typeof versionFlag === 'string' && !kubernetesVersion) throw new UsageError(`invalid --kubernetes-version "${versionFlag}" (expected a minor version such as 1.31)`);
  const paths = positionals.length ? positionals : ['.'];
  const files = collectYamlFiles(paths, io.cwd);
  if (files.length === 0) throw new UsageError(`no YAML files found in ${positionals.join(' ') || '.'}`);
  const { settings, configs, warnings } = loadConfig(files, io.cwd, typeof values.config === 'string' ? values.config : undefined);
  for (const w of warnings) io.stderr(formatProblem(w, io.cwd) + '\n');
  const encodingProblems: Finding[] = [];
  const texts = readFiles(files, io.cwd, io.stdin, encodingProblems);
  const ws = new Workspace({ settings, ...(kubernetesVersion ? { kubernetesVersion } : {}) });
  lintWithinHeap(ws, texts);
  const findings: Finding[] = [...encodingProblems];
  for (const f of texts.keys()) for (const x of ws.findings(f)) findings.push(x);
  const heap = overHeapBudget();
  if (heap) throw new HeapBudgetError(`collecting ${findings.length.toLocaleString('en-US')} findings`, heap);
  // A config's `suppress:` entries can only be judged unused when everything under its folder was linted.
  const linted = paths.filter((p) => p !== '-').map((p) => resolve(io.cwd, p));
  const covered = configs.filter((c) => c.file && linted.some((p) => isWithin(p, c.dir)));
  if (covered.length) findings.push(...ws.unusedConfigSuppressions().filter((f) => covered.some((c) => c.file === f.file)).map((f) => ({ ...f, file: relativeToCwd(f.file, io.cwd) })));
  findings.sort(compareFindings);
  if (format === 'json') writeJson(findings, io.stdout);
  else if (format === 'sarif') io.stdout(formatSarif(findings, VERSION, { cwd: io.cwd, notifications: warnings }));
  else io.stdout(formatText(findings, io.color));
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}

/** Lints every file in slices, stopping with a message (not Node's out-of-memory crash) when the heap runs out. */
function lintWithinHeap(ws: Workspace, texts: ReadonlyMap<string, string>): void {
  let documents = 0;
  for (const [file, text] of texts) {
    ws.stageText(file, text);
    for (let done = false; !done; ) {
      const before = ws.pendingDocuments(file);
      done = ws.analyze(file, performance.now() + 50);
      documents += before - ws.pendingDocuments(file);
      const heap = overHeapBudget();
      if (heap) throw new HeapBudgetError(`linting ${documents.toLocaleString('en-US')} documents (${ws.pendingDocuments(file).toLocaleString('en-US')} still to go in ${file})`, heap);
    }
  }
}

function isWithin(ancestor: string, dir: string): boolean {
  const rel = relative(ancestor, dir);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function relativeToCwd(file: string, cwd: string): string {
  return relative(cwd, file) || file;
}

/** Entry point when bundled as dist/cli.js. */
export function main(): void {
  // `kubeplan lint | head`: the reader has gone, so stop quietly as Unix tools do (not with an EPIPE stack trace)
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
  const code = runCli(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    stdin: () => readFileSync(0, 'utf8'),
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    exitNow: (code) => process.exit(code),
  });
  process.exitCode = code;
}
