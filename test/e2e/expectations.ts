// What the fixture workspace (fixtures/workspace) makes Kubeplan show, shared by the code-server scenarios and the
// @vscode/test-electron suite. Positions are 1-based, as the Problems panel shows them; hand-checked against the files.
export interface ExpectedProblem {
  file: string; // workspace-relative
  rule: string;
  line: number;
  column: number;
}

export const EXPECTED_AT_START: ExpectedProblem[] = [
  { file: 'shop/api.yaml', rule: 'missing-readiness-probe', line: 19, column: 11 },
  { file: 'shop/api.yaml', rule: 'missing-memory-limit', line: 27, column: 13 },
  { file: 'shop/worker.yaml', rule: 'default-namespace', line: 5, column: 3 },
  // from the simulated cluster (on-type simulation): 16 CPUs fit on neither 4-CPU node of .kubeplan/cluster.yaml
  { file: 'shop/reports.yaml', rule: 'sim-unschedulable', line: 23, column: 15 },
];

/** Type-a-fix: a memory limit typed on a new line after `cpu: 500m` (line 28) clears the missing-memory-limit finding. */
export const TYPED_FIX = {
  file: 'shop/api.yaml',
  afterLine: 28,
  text: 'memory: 256Mi',
  clears: EXPECTED_AT_START[1]!,
  keeps: EXPECTED_AT_START[0]!,
};

/** Quick fix from the lightbulb: the worker that forgot its namespace gets the one its neighbours use. */
export const QUICK_FIX = {
  finding: EXPECTED_AT_START[2]!,
  title: 'Set namespace: shop',
  unrelated: EXPECTED_AT_START[0]!,
  /** the file after the fix, around the edit */
  result: /\nmetadata:\n {2}name: worker\n {2}namespace: shop\n/,
};

/** A CI pipeline with `kind:` but no apiVersion: not Kubernetes, so no findings. */
export const NOT_KUBERNETES = 'ci/pipeline.yaml';

export const key = (p: ExpectedProblem) => `${p.file}:${p.line}:${p.column} ${p.rule}`;

/** Hover: the schema's description of a field, in a file no earlier scenario edits. */
export const HOVER = {
  file: 'shop/reports.yaml',
  word: 'replicas',
  shows: [/replicas/, /int32/, /DeploymentSpec/, /Number of desired pods/],
};

/** Preview Apply: two 4-CPU workers (fixtures/workspace/.kubeplan/cluster.yaml); reports asks for 16 CPUs per pod. */
export const PREVIEW = {
  file: 'shop/reports.yaml',
  /** the page has rendered a result (not a progress or error message) */
  ready: /Pending/,
  shows: [/worker-1/, /worker-2/, /reports-[a-z0-9]+-[a-z0-9]+/, /Pending/, /0\/2 nodes are available: 2 Insufficient cpu\./],
};
