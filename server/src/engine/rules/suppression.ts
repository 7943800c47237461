import type { RuleMeta } from './rule';

/** Reported by the suppression engine, not a check: a suppression that no longer hides anything. */
export const unusedSuppression: RuleMeta = {
  id: 'unused-suppression',
  severity: 'info',
  category: 'suppression',
  title: 'A suppression (annotation or `.kubeplan.yaml` entry) suppresses nothing.',
  docs: {
    why: 'A suppression that hides nothing is either stale (the problem was fixed) or wrong (a misspelt rule id or container name), and then the problem it was meant to hide is still reported, or worse, a later one is hidden by accident.',
    fix: 'Remove the rule id from the `kubeplan.dev/ignore` annotation (or the `suppress:` entry), or correct the rule id or container name it names.',
    bad: 'metadata:\n  annotations:\n    kubeplan.dev/ignore: missing-cpu-limit   # but every container has a CPU limit',
  },
};
