import { missingReferenceRule } from './missingReference';

export const missingConfigMap = missingReferenceRule('ConfigMap', {
  id: 'missing-configmap',
  title: 'A pod references a ConfigMap that the workspace does not define.',
  docs: {
    why: 'A container whose env or envFrom names a missing ConfigMap fails with CreateContainerConfigError, and a missing ConfigMap volume keeps the pod in ContainerCreating. To stay quiet about ConfigMaps created elsewhere, the rule only reports when the workspace defines at least one ConfigMap in that namespace (so it plausibly holds the app\'s configuration); `kube-root-ca.crt`, kustomize configMapGenerator names and objects listed under `external:` in `.kubeplan.yaml` always count as present.',
    fix: 'Add the ConfigMap, fix the name, mark the reference `optional: true` if the app copes without it, or declare it under `external:` when it is created outside these manifests.',
    bad: 'envFrom:\n  - configMapRef:\n      name: web-settings   # no ConfigMap web-settings, but other ConfigMaps in the namespace',
    good: 'envFrom:\n  - configMapRef:\n      name: web-settings\n      optional: true',
  },
});
