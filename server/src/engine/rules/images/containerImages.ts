import { parseImage, type ImageRef } from '../../kube/image';
import { podTemplateOf } from '../../kube/podTemplate';
import type { ContainerRef } from '../../kube/podSpec';

export interface ContainerImage extends ImageRef {
  readonly ref: ContainerRef;
  /** The `image:` value as written. */
  readonly image: string;
}

/** Each container's non-empty `image:`, parsed: what the image rules look at. */
export function* containerImages(kind: string, object: Record<string, unknown>): Generator<ContainerImage> {
  const t = podTemplateOf(kind, object);
  if (!t) return;
  for (const ref of t.containers) {
    const image = (ref.container as unknown as Record<string, unknown>).image;
    if (typeof image !== 'string' || image.trim() === '') continue;
    yield { ref, image, ...parseImage(image) };
  }
}
