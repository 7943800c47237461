import { describeContainer } from '../anchors';
import type { ObjectRule } from '../rule';
import { containerImages } from './containerImages';

export const latestTag: ObjectRule = {
  id: 'latest-tag',
  severity: 'warning',
  category: 'images',
  title: 'An image uses the `latest` tag or no tag (and no digest).',
  docs: {
    why: 'Without a tag the runtime pulls `latest`, which moves: two nodes can run different code under the same manifest, a restart silently upgrades, and a rollback has nothing to roll back to. With `latest` the kubelet also defaults imagePullPolicy to Always, so every start depends on the registry.',
    fix: 'Pin a version tag (`nginx:1.27.2`), or better a digest (`nginx@sha256:…`). A digest alone is fine.',
    bad: 'containers:\n  - name: web\n    image: nginx',
    good: 'containers:\n  - name: web\n    image: nginx:1.27.2',
  },
  check(ctx) {
    for (const { ref, image, tag, digest } of containerImages(ctx.id.kind, ctx.object)) {
      if (digest) continue;
      if (tag !== undefined && tag !== 'latest') continue;
      const message = tag === 'latest' ? `${describeContainer(ref)} uses image "${image}": latest changes without notice.` : `${describeContainer(ref)} uses image "${image}" without a tag, which means latest.`;
      ctx.report([...ref.path, 'image'], message, { part: 'value' });
    }
  },
};
