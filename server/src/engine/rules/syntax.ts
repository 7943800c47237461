import type { RuleMeta } from './rule';

/** Reported by the parser rather than a check; listed so they have ids and docs like every rule. */
export const yamlSyntax: RuleMeta = {
  id: 'yaml-syntax',
  severity: 'error',
  category: 'syntax',
  title: 'The file is not valid YAML.',
  docs: {
    why: 'kubectl cannot read a file with YAML syntax errors, so nothing in it is applied. Until it parses, no other check can run on the broken document.',
    fix: 'Fix the indentation, quoting or structure at the marked place.',
    bad: 'metadata:\n  name: web\n   namespace: shop',
    good: 'metadata:\n  name: web\n  namespace: shop',
  },
};

export const templatedFile: RuleMeta = {
  id: 'templated-file',
  severity: 'info',
  category: 'meta',
  title: 'The file is a template (Helm or Go `{{ }}`), not a manifest; it is not linted.',
  docs: {
    why: 'Template expressions are only valid after rendering. Linting the template would report errors that are not in the rendered manifests.',
    fix: 'Render the chart (`helm template`) and lint the output, e.g. `helm template . | npx kubeplan lint -`.',
    bad: 'metadata:\n  name: {{ .Release.Name }}',
  },
};

export const fileTooLarge: RuleMeta = {
  id: 'file-too-large',
  severity: 'info',
  category: 'meta',
  title: 'A file or document is too large to lint; it is skipped with this note.',
  docs: {
    why: 'A single document larger than the API server can store (about 1.5 MiB, etcd\'s request limit) cannot be applied as one object, and linting a huge file on every keystroke would freeze the editor. Kubeplan skips it and says so instead of going quiet.',
    fix: 'Split generated output into several files, or lint it from the CLI (`npx kubeplan lint`), which has no per-file limit.',
  },
};
