import { ALL_RULES, levelOf, normalizeVersion, type EditorSettings } from '../engine';
import { closest } from '../engine/config/didYouMean';
import { isRecord } from '../engine/kube/identity';

/**
 * The lint part of the `kubeplan` settings section (`rules`, `exclude`, `enable`,
 * `kubernetesVersion`), with what was ignored and why (for the output channel: VS Code's
 * settings editor already validates most of it, settings.json by hand does not).
 */
export function readEditorSettings(section: unknown): { settings: EditorSettings; problems: string[] } {
  const problems: string[] = [];
  if (!isRecord(section)) return { settings: {}, problems };
  const settings: EditorSettings = {};
  if (typeof section.enable === 'boolean') settings.enable = section.enable;
  if (isRecord(section.rules)) {
    const known = ALL_RULES.map((r) => r.id);
    const rules: Record<string, string> = {};
    for (const [id, value] of Object.entries(section.rules)) {
      const level = levelOf(value);
      if (!known.includes(id) && !id.startsWith('sim-')) {
        const guess = closest(id, known);
        problems.push(`kubeplan.rules: unknown rule "${id}"${guess ? ` (did you mean "${guess}"?)` : ''}; it is ignored.`);
      } else if (!level) problems.push(`kubeplan.rules: "${id}": ${JSON.stringify(value)} is not one of off, info, warning, error, on; it is ignored.`);
      else rules[id] = level;
    }
    settings.rules = rules;
  }
  if (Array.isArray(section.exclude)) settings.exclude = section.exclude.filter((g): g is string => typeof g === 'string' && g.trim() !== '');
  if (typeof section.kubernetesVersion === 'string' && section.kubernetesVersion.trim() !== '') {
    const v = normalizeVersion(section.kubernetesVersion);
    if (v) settings.kubernetesVersion = v;
    else problems.push(`kubeplan.kubernetesVersion: "${section.kubernetesVersion}" is not a version such as 1.31; it is ignored.`);
  }
  return { settings, problems };
}
