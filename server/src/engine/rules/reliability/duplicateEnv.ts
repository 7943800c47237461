import { podTemplateOf } from '../../kube/podTemplate';
import { records, str } from '../../kube/read';
import { describeContainer } from '../anchors';
import type { ObjectRule } from '../rule';

export const duplicateEnv: ObjectRule = {
  id: 'duplicate-env',
  severity: 'warning',
  category: 'reliability',
  title: 'A container defines the same environment variable twice.',
  docs: {
    why: 'The container gets only the last value, so the first definition is dead code that readers still trust. `kubectl apply` merges env by name, which makes updates to such a list unpredictable.',
    fix: 'Delete one of the two definitions (keep the one you mean).',
    bad: 'env:\n  - name: MODE\n    value: fast\n  - name: MODE\n    value: safe',
    good: 'env:\n  - name: MODE\n    value: safe',
  },
  check(ctx) {
    const t = podTemplateOf(ctx.id.kind, ctx.object);
    if (!t) return;
    for (const ref of t.containers) {
      const first = new Map<string, number>();
      for (const [i, e] of records((ref.container as unknown as Record<string, unknown>).env)) {
        const name = str(e.name);
        if (name === undefined) continue;
        const seen = first.get(name);
        if (seen === undefined) {
          first.set(name, i);
          continue;
        }
        ctx.report([...ref.path, 'env', i, 'name'], `${describeContainer(ref)} sets ${name} again (first at env[${seen}]); only this value is used.`, { part: 'entry' });
      }
    }
  },
};
