/** Kinds that create pods: the ones worth a "Preview apply" above them. */
const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob', 'Pod']);

export interface WorkloadHeader {
  /** Line of the document's first top-level key: where the lens goes. */
  line: number;
  kind: string;
  name: string | undefined;
}

/**
 * Finds workload documents by their top-level `kind:` in a multi-document YAML stream.
 * Line-based on purpose: it must be instant on every keystroke, and only places lenses.
 */
export function findWorkloads(text: string): WorkloadHeader[] {
  const out: WorkloadHeader[] = [];
  const lines = text.split(/\r?\n/);
  let start: number | undefined;
  let kind: string | undefined;
  let name: string | undefined;
  let inMetadata = false;
  const flush = () => {
    if (start !== undefined && kind && WORKLOAD_KINDS.has(kind)) out.push({ line: start, kind, name });
    start = undefined;
    kind = undefined;
    name = undefined;
    inMetadata = false;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^---/.test(line) || /^\.\.\.\s*$/.test(line)) {
      flush();
      continue;
    }
    if (/^[A-Za-z_"']/.test(line)) {
      if (start === undefined) start = i;
      const k = /^kind\s*:\s*["']?([A-Za-z]+)["']?\s*(#.*)?$/.exec(line);
      if (k) kind = k[1];
      inMetadata = /^metadata\s*:\s*$/.test(line);
    } else if (inMetadata && name === undefined) {
      const n = /^\s+name\s*:\s*["']?([^"'#\s]+)/.exec(line);
      if (n) name = n[1];
    }
  }
  flush();
  return out;
}
