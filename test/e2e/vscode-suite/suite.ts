// Runs inside VS Code's extension host (loaded by @vscode/test-electron through `run()`), against the fixture
// workspace: the same behaviours as the code-server scenarios, checked through the VS Code API.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXPECTED_AT_START, NOT_KUBERNETES, TYPED_FIX, key, type ExpectedProblem } from '../expectations';

interface Check {
  name: string;
  run(root: vscode.Uri): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs = 30_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

/** Kubeplan's diagnostics in the whole workspace, as `file:line:col rule` keys (1-based, like the Problems panel). */
function kubeplanKeys(root: vscode.Uri): string[] {
  const out: string[] = [];
  for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
    for (const d of diagnostics) {
      if (d.source !== 'kubeplan') continue;
      const file = vscode.workspace.asRelativePath(uri, false);
      if (!uri.fsPath.startsWith(root.fsPath)) continue;
      const rule = typeof d.code === 'object' ? String(d.code.value) : String(d.code);
      out.push(key({ file, rule, line: d.range.start.line + 1, column: d.range.start.character + 1 }));
    }
  }
  return out.sort();
}

const open = async (root: vscode.Uri, file: string) => vscode.window.showTextDocument(vscode.Uri.joinPath(root, file));
const has = (keys: string[], p: ExpectedProblem) => keys.includes(key(p));

const CHECKS: Check[] = [
  {
    name: 'the workspace shows the expected rule ids at the right lines',
    async run(root) {
      await open(root, EXPECTED_AT_START[0]!.file);
      await until('every expected diagnostic', () => EXPECTED_AT_START.every((p) => has(kubeplanKeys(root), p)));
      assert.deepEqual(kubeplanKeys(root), EXPECTED_AT_START.map(key).sort());
    },
  },
  {
    name: 'typing a fix clears the diagnostic within a second',
    async run(root) {
      const editor = await open(root, TYPED_FIX.file);
      const line = editor.document.lineAt(TYPED_FIX.afterLine - 1);
      const indent = line.text.slice(0, line.firstNonWhitespaceCharacterIndex);
      const typed = Date.now();
      await editor.edit((b) => b.insert(line.range.end, `\n${indent}${TYPED_FIX.text}`));
      await until('the diagnostic to go', () => !has(kubeplanKeys(root), TYPED_FIX.clears), 5_000);
      const ms = Date.now() - typed;
      assert.ok(ms < 1000, `took ${ms} ms`);
      assert.ok(has(kubeplanKeys(root), TYPED_FIX.keeps), 'the unrelated finding stays');
    },
  },
  {
    name: 'a YAML file that is not Kubernetes gets no diagnostics',
    async run(root) {
      const editor = await open(root, NOT_KUBERNETES);
      assert.equal(editor.document.languageId, 'yaml');
      await editor.edit((b) => b.insert(new vscode.Position(editor.document.lineCount, 0), '      - npm run lint\n'));
      await sleep(1500);
      assert.deepEqual(vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === 'kubeplan'), []);
    },
  },
];

export async function run(): Promise<void> {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!root) throw new Error('open the fixture workspace (test/e2e/fixtures/workspace) to run this suite');
  const failures: string[] = [];
  for (const check of CHECKS) {
    try {
      await check.run(root);
      console.log(`  ✔ ${check.name}`);
    } catch (e) {
      failures.push(`${check.name}: ${(e as Error).stack ?? e}`);
      console.log(`  ✖ ${check.name}\n${(e as Error).message}`);
    }
  }
  console.log(`${CHECKS.length - failures.length} passed, ${failures.length} failed`);
  if (failures.length) throw new Error(failures.join('\n\n'));
}
