import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from '../helpers/lspClient';

// Kubeplan never changes a user's file by itself: quick fixes are code actions the user picks
// (the editor applies them, undoably), and no command (Preview Apply, Preview Apply for the
// workspace, the CodeLens, the status bar, the preview page's buttons) edits or saves anything.
// The server and the CLI are checked at run time under the sandbox (sandbox.test.ts); the VS
// Code side runs only inside an editor, so its sources are checked for every API that writes.

const WRITE_APIS: [RegExp, string][] = [
  [/\bworkspace\.applyEdit\b|['"]workspace\/applyEdit['"]/, 'applies a workspace edit'],
  [/\bnew\s+WorkspaceEdit\b/, 'builds a workspace edit'],
  [/\bworkspace\.fs\.(writeFile|delete|rename|copy|createDirectory)\b/, 'writes through workspace.fs'],
  [/\.edit\(\s*(async\s*)?\(?\s*\w*\s*\)?\s*=>/, 'edits a text editor'],
  [/\.(save|saveAll|saveAs)\(/, 'saves documents'],
  [/\b(writeFileSync|writeFile|appendFileSync|appendFile|createWriteStream|mkdirSync|mkdir|renameSync|rename|unlinkSync|unlink|rmSync|rmdirSync|copyFileSync|copyFile|truncateSync)\s*\(/, 'writes to the file system'],
  [/\bexecuteCommand\(\s*['"](workbench\.action\.files\.save|editor\.action\.|vscode\.executeCodeActionProvider)/, 'runs an editing command'],
];

function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.ts$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

test('the patterns catch what they are meant to (so the test below can fail)', () => {
  const samples = [
    'await workspace.applyEdit(edit);',
    'const e = new WorkspaceEdit();',
    'await workspace.fs.writeFile(uri, bytes);',
    'await editor.edit((b) => b.insert(pos, "x"));',
    'await document.save();',
    'writeFileSync(path, text);',
    'await fs.promises.rename(a, b);',
    "void commands.executeCommand('workbench.action.files.save');",
  ];
  for (const s of samples) assert.ok(WRITE_APIS.some(([re]) => re.test(s)), s);
  assert.ok(!WRITE_APIS.some(([re]) => re.test('const text = readFileSync(p, "utf8"); editor.revealRange(r);')), 'reading and revealing are fine');
});

/** Lines of code (not comments) in `files` that call a write API, as `file:line what: code`. */
function writeCalls(files: readonly string[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (/^\s*(\/\/|\*)/.test(line)) return;
        for (const [re, what] of WRITE_APIS) if (re.test(line)) found.push(`${relative(ROOT, file)}:${i + 1} ${what}: ${line.trim()}`);
      });
  }
  return found;
}

test('the VS Code side (client/src) calls no API that edits, saves or writes files', () => {
  const files = sources(join(ROOT, 'client', 'src'));
  assert.ok(files.length >= 5, 'the client sources were found');
  assert.deepEqual(writeCalls(files), []);
});

test('the language server and the CLI (server/src) never ask the editor to apply an edit and write no file', () => {
  assert.deepEqual(writeCalls(sources(join(ROOT, 'server', 'src'))), []);
});
