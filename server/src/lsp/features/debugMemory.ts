import type { ServerContext } from '../context';

export const DEBUG_MEMORY_REQUEST = 'kubeplan/debug/memory';

/** What `kubeplan/debug/memory` answers: the server's memory after a full garbage collection. */
export interface MemoryReport {
  /** False when the server was not started with --expose-gc: the numbers include garbage. */
  collected: boolean;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

/**
 * A test-only request for soak tests: it exists only when the server is started with
 * KUBEPLAN_DEBUG_MEMORY=1 (the extension never sets it), so no debug surface ships enabled.
 */
export function registerDebugMemory(ctx: ServerContext, env: NodeJS.ProcessEnv = process.env): void {
  if (env.KUBEPLAN_DEBUG_MEMORY !== '1') return;
  ctx.connection.onRequest(DEBUG_MEMORY_REQUEST, (): MemoryReport => {
    const gc = (globalThis as { gc?: () => void }).gc;
    // twice: the first pass runs finalizers whose objects the second one frees
    gc?.();
    gc?.();
    const m = process.memoryUsage();
    return { collected: gc !== undefined, rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers };
  });
}
