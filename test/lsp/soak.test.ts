import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSoak } from '../helpers/soak';
import { assertSoakHealthy } from '../helpers/soakAssertions';

// The quick soak in `npm test`; `npm run soak` runs 10,000 edits (test/long/soak.test.ts).
const SEED = Number(process.env.SOAK_SEED ?? Date.now() % 100_000);

test(`1,000 random edits over LSP: the server stays up, memory stays bounded, nothing is lost (seed ${SEED})`, { timeout: 600_000 }, async () => {
  const report = await runSoak({ edits: 1_000, seed: SEED, checkpointEvery: 250 });
  assertSoakHealthy(report);
  assert.ok(report.hovers > 0 && report.codeActions > 0);
});
