import { describeContainer } from '../anchors';
import type { ObjectRule } from '../rule';
import { containerImages } from './containerImages';

export const mutableImageTag: ObjectRule = {
  id: 'mutable-image-tag',
  severity: 'info',
  category: 'images',
  title: 'An image is pinned by tag but not by digest.',
  docs: {
    why: 'Tags can be moved or overwritten in the registry (by a CI job, a compromised account, or an upstream re-release). A digest names exact content: what was tested is what runs, on every node. This is informational; many teams accept tags from registries they control.',
    fix: 'Add the digest: `nginx:1.27.2@sha256:…` (the tag is kept for readers, the digest is what is pulled), or turn the rule off if your registry makes tags immutable.',
    bad: 'image: nginx:1.27.2',
    good: 'image: nginx:1.27.2@sha256:2d194184b067db3598771b4cf326cfe6ad5051937ba1132b8b7d4b0184e0d0a6',
  },
  check(ctx) {
    for (const { ref, image, tag, digest } of containerImages(ctx.id.kind, ctx.object)) {
      // no tag and latest are latest-tag's findings
      if (digest || tag === undefined || tag === 'latest') continue;
      ctx.report([...ref.path, 'image'], `${describeContainer(ref)} uses image "${image}" by tag, not digest: the tag can be moved.`, { part: 'value' });
    }
  },
};
