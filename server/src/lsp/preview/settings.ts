import { isRecord } from '../../engine/kube/identity';
import { DEFAULT_PREVIEW_SETTINGS, type PreviewSettings } from '../../protocol/preview';

/** Reads Preview Apply's settings out of the `kubeplan` section, ignoring values of the wrong type. */
export function readPreviewSettings(section: unknown, previous: PreviewSettings = DEFAULT_PREVIEW_SETTINGS): PreviewSettings {
  if (!isRecord(section)) return previous;
  const simulate = isRecord(section.simulate) ? section.simulate : {};
  return {
    onType: typeof simulate.onType === 'boolean' ? simulate.onType : previous.onType,
    clusterFile: typeof section.clusterFile === 'string' && section.clusterFile.trim() ? section.clusterFile.trim() : previous.clusterFile,
  };
}
