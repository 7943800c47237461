import { fixes, quickFix, replaceEdits } from '../../fix/yamlEdit';
import { apiLifecycle } from '../../kube/deprecatedApis';
import { parseKubernetesVersion } from '../../kube/kubernetesVersion';
import { DEFAULT_KUBERNETES_VERSION } from '../../lint/options';
import { get } from '../../kube/read';
import type { ObjectRule } from '../rule';

export const deprecatedApi: ObjectRule = {
  id: 'deprecated-api',
  severity: 'error',
  category: 'deprecation',
  title: 'An object uses an apiVersion that the target Kubernetes version no longer serves (error) or has deprecated (warning).',
  docs: {
    why: 'The API server rejects objects in an apiVersion it no longer serves ("no matches for kind"), so the apply fails on upgrade day. Deprecated versions still work but are scheduled for removal. The target version is the `kubeplan.kubernetesVersion` setting (default 1.31); the data follows the upstream Deprecated API Migration Guide.',
    fix: 'Change `apiVersion` to the replacement named in the message. Where the new version renamed fields (Ingress, CRDs, webhooks, autoscaling/v2beta1) migrate them too — `kubectl convert` can help; where only the version changed, the quick fix rewrites it.',
    bad: 'apiVersion: policy/v1beta1\nkind: PodDisruptionBudget',
    good: 'apiVersion: policy/v1\nkind: PodDisruptionBudget',
  },
  check(ctx) {
    const life = apiLifecycle(ctx.id.apiVersion, ctx.id.kind);
    if (!life) return;
    const target = parseKubernetesVersion(ctx.options.kubernetesVersion) ?? parseKubernetesVersion(DEFAULT_KUBERNETES_VERSION)!;
    if (target.major !== 1 || target.minor < life.deprecatedIn) return;
    const removed = target.minor >= life.removedIn;
    const what = `${ctx.id.apiVersion} ${ctx.id.kind}`;
    const instead = life.replacement ? `use ${life.replacement}` : 'it has no replacement API';
    const note = life.note ? ` (${life.note})` : '';
    const message = removed
      ? `${what} was removed in Kubernetes 1.${life.removedIn} (target 1.${target.minor}): ${instead}${note}.`
      : `${what} is deprecated since Kubernetes 1.${life.deprecatedIn} and removed in 1.${life.removedIn}: ${instead}${note}.`;
    const dropIn = life.dropIn === true || (life.dropIn === 'selector' && get(ctx.object, 'spec', 'selector') !== undefined);
    const replacement = life.replacement;
    const fix = replacement && dropIn ? quickFix(`Change apiVersion to ${replacement}`, () => replaceEdits(ctx.doc, ['apiVersion'], replacement), true) : undefined;
    ctx.report(['apiVersion'], message, { part: 'value', ...(removed ? {} : { severity: 'warning' as const }), fixes: fixes(fix) });
  },
};
