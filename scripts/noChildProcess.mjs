// esbuild plugin for the language server bundle: the server never starts a process, so
// `child_process` is replaced by a module that refuses. Its only importer is
// vscode-languageserver's Files helpers (npm/yarn global-folder lookup for module
// resolution), which Kubeplan never calls; with the stub the capability is not shipped at all.
export const noChildProcess = {
  name: 'no-child-process',
  setup(build) {
    build.onResolve({ filter: /^(node:)?child_process$/ }, () => ({ path: 'child_process', namespace: 'kubeplan-refused' }));
    build.onLoad({ filter: /.*/, namespace: 'kubeplan-refused' }, () => ({
      loader: 'js',
      contents:
        "const refuse = () => { throw new Error('the Kubeplan language server does not start processes'); };\n" +
        'module.exports = { fork: refuse, spawn: refuse, spawnSync: refuse, exec: refuse, execSync: refuse, execFile: refuse, execFileSync: refuse };\n',
    }));
  },
};
