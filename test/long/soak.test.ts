import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSoak } from '../helpers/soak';
import { assertSoakHealthy } from '../helpers/soakAssertions';

// `npm run soak`: the full 10,000-edit soak (the quick 1,000-edit one is in npm test).
const SEED = Number(process.env.SOAK_SEED ?? Date.now() % 100_000);

test(`10,000 random edits over LSP: bounded memory after GC, no lost diagnostics (seed ${SEED})`, { timeout: 1_800_000 }, async () => {
  const report = await runSoak({ edits: 10_000, seed: SEED, checkpointEvery: 1_000, log: (l) => console.log(`# ${l}`) });
  console.log(`# ${report.seconds.toFixed(1)} s, ${report.hovers} hovers and code-action requests, ${report.scratchFiles} files opened and closed`);
  assertSoakHealthy(report);
  assert.equal(report.memory.length, 10);
});
