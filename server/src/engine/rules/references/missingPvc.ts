import { missingReferenceRule } from './missingReference';

export const missingPvc = missingReferenceRule('PersistentVolumeClaim', {
  id: 'missing-pvc',
  title: 'A pod mounts a PersistentVolumeClaim that the workspace does not define.',
  docs: {
    why: 'The scheduler will not place a pod whose claim does not exist: it stays Pending with "persistentvolumeclaim not found". The rule reports only when the workspace defines at least one PersistentVolumeClaim in that namespace (claims are otherwise often provisioned separately); StatefulSet volumeClaimTemplates are not references and are not checked.',
    fix: 'Add the PersistentVolumeClaim, fix `claimName`, use a StatefulSet `volumeClaimTemplates` entry, or declare the claim under `external:` in `.kubeplan.yaml`.',
    bad: 'volumes:\n  - name: data\n    persistentVolumeClaim:\n      claimName: web-data',
    good: 'volumes:\n  - name: data\n    persistentVolumeClaim:\n      claimName: web-data\n---\nkind: PersistentVolumeClaim\nmetadata:\n  name: web-data',
  },
});
