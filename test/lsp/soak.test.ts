import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSoak } from '../helpers/soak';
import { assertSoakHealthy } from '../helpers/soakAssertions';

// The quick soak in `npm test`, on a fixed seed so CI is repeatable; `npm run soak` runs 10,000 edits on a
// random seed (test/long/soak.test.ts). test/unit/editMapping.test.ts replays the same edits on many more
// seeds against the engine alone.
const SEED = Number(process.env.SOAK_SEED ?? 42);

test(`1,000 random edits over LSP: the server stays up, memory stays bounded, nothing is lost (seed ${SEED})`, { timeout: 600_000 }, async () => {
  const report = await runSoak({ edits: 1_000, seed: SEED, checkpointEvery: 250 });
  assertSoakHealthy(report);
  assert.ok(report.hovers > 0 && report.codeActions > 0);
  assert.equal(report.deltas, 0, "a client that did not ask gets publishDiagnostics");
});

test(`diagnostics as deltas (as the VS Code client asks): 400 random edits, and the lists the client rebuilt equal a fresh lint (seed ${SEED + 1})`, { timeout: 600_000 }, async () => {
  const report = await runSoak({ edits: 400, seed: SEED + 1, checkpointEvery: 200, deltas: true });
  assertSoakHealthy(report);
  assert.ok(report.deltas > 100, `deltas received: ${report.deltas}`);
});
