import { missingReferenceRule } from './missingReference';

export const missingServiceAccount = missingReferenceRule('ServiceAccount', {
  id: 'missing-service-account',
  title: 'A pod runs as a ServiceAccount that the workspace does not define.',
  docs: {
    why: 'The ServiceAccount admission plugin rejects pods whose service account does not exist, so the Deployment\'s ReplicaSet keeps failing to create pods ("serviceaccount not found"). The `default` account always exists. The rule reports only when the workspace defines at least one ServiceAccount in that namespace.',
    fix: 'Add the ServiceAccount, fix `serviceAccountName`, or declare it under `external:` in `.kubeplan.yaml`.',
    bad: 'spec:\n  serviceAccountName: web   # not defined, other ServiceAccounts are',
    good: 'spec:\n  serviceAccountName: web\n---\nkind: ServiceAccount\nmetadata:\n  name: web',
  },
});
