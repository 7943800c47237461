import { missingReferenceRule } from './missingReference';

export const missingSecret = missingReferenceRule('Secret', {
  id: 'missing-secret',
  title: 'A pod references a Secret that the workspace does not define.',
  docs: {
    why: 'A container whose env or envFrom names a missing Secret fails with CreateContainerConfigError, and a missing Secret volume keeps the pod in ContainerCreating. Secrets are often created out of band, so the rule only reports when the workspace defines at least one Secret in that namespace; Secrets produced by SealedSecret, ExternalSecret, cert-manager Certificate and kustomize secretGenerator, and objects listed under `external:` in `.kubeplan.yaml`, count as present.',
    fix: 'Add the Secret (or its SealedSecret/ExternalSecret), fix the name, mark the reference `optional: true`, or declare it under `external:`.',
    bad: 'env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: db-credentials   # not defined, other Secrets are\n        key: password',
    good: 'env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: db-credentials\n        key: password\n        optional: true',
  },
});
