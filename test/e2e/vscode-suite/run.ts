// `npm run test:vscode`: the standard @vscode/test-electron run, for machines that can download VS Code (it fetches
// a VS Code build on first use). CI and offline machines use the code-server suite instead (test/e2e/editor.test.ts).
import { runTests } from '@vscode/test-electron';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleVscodeSuite } from './bundle';

const ROOT = join(__dirname, '..', '..', '..');

async function main(): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'kubeplan-vscode-suite-'));
  try {
    const workspace = join(scratch, 'workspace');
    cpSync(join(ROOT, 'test', 'e2e', 'fixtures', 'workspace'), workspace, { recursive: true });
    const extensionTestsPath = await bundleVscodeSuite(join(scratch, 'out'));
    await runTests({
      version: process.env.KUBEPLAN_VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath: ROOT,
      extensionTestsPath,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', join(scratch, 'user-data')],
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((e: Error) => {
  console.error(`test:vscode failed: ${e.message}`);
  process.exit(1);
});
