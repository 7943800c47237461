/**
 * Recognises Helm / Go templates. Plain `{{ }}` also appears inside valid manifests
 * (Prometheus alert text, Argo workflow parameters), so a file counts as a template only
 * when it uses Helm's own vocabulary or when `{{ }}` appears in a file that doesn't parse.
 */
export const HELM_MARKERS = /\{\{-|-\}\}|\{\{\/\*|\{\{\s*(?:include|template|define|if|range|with|end|toYaml|tpl)\b|\.(?:Values|Release|Chart|Capabilities|Files)\b/;

export function templateOffset(text: string, parsesCleanly: () => boolean): number | undefined {
  const first = text.indexOf('{{');
  if (first < 0 || text.indexOf('}}', first) < 0) return undefined;
  if (HELM_MARKERS.test(text) || !parsesCleanly()) return first;
  return undefined;
}
