// The @vscode/test-electron suite cannot run here (it downloads VS Code); this proves it bundles and loads,
// so `npm run test:vscode` is ready on a machine that can.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { bundleVscodeSuite } from './vscode-suite/bundle';

test('the @vscode/test-electron suite bundles and exports run()', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubeplan-vscode-suite-'));
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = loader._load;
  try {
    const file = await bundleVscodeSuite(dir);
    // Only the extension host provides `vscode`; loading needs nothing from it until run() is called.
    loader._load = (request, ...rest) => (request === 'vscode' ? {} : original(request, ...rest));
    const suite = Module.createRequire(file)(file) as { run?: unknown };
    assert.equal(typeof suite.run, 'function');
  } finally {
    loader._load = original;
    rmSync(dir, { recursive: true, force: true });
  }
});
