import { isRecord } from '../../engine/kube/identity';
import { DEFAULT_PREVIEW_SETTINGS, type PreviewSettings } from '../../protocol/preview';

/**
 * Reads Preview Apply's settings out of the `kubeplan` section. The section is the whole current
 * configuration, so a key it lacks is back to its default; a value of the wrong type is ignored
 * (the previous one stays).
 */
export function readPreviewSettings(section: unknown, previous: PreviewSettings = DEFAULT_PREVIEW_SETTINGS): PreviewSettings {
  if (!isRecord(section)) return previous;
  const simulate = isRecord(section.simulate) ? section.simulate : {};
  const clusterFile = typeof section.clusterFile === 'string' ? section.clusterFile.trim() : section.clusterFile;
  return {
    onType: simulate.onType === undefined ? DEFAULT_PREVIEW_SETTINGS.onType : typeof simulate.onType === 'boolean' ? simulate.onType : previous.onType,
    clusterFile:
      clusterFile === undefined || clusterFile === '' ? DEFAULT_PREVIEW_SETTINGS.clusterFile : typeof clusterFile === 'string' ? clusterFile : previous.clusterFile,
  };
}
