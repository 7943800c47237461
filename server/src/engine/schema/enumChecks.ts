/**
 * Enums the OpenAPI document leaves as plain strings although the API server accepts only
 * a fixed set. Few remain now that the document marks its enums; each is cited.
 */
import type { DefinitionHook } from './validate';

/** metav1.LabelSelectorOperator (staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/types.go), checked by ValidateLabelSelectorRequirement. */
const LABEL_SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

const labelSelectorRequirement: DefinitionHook = (req, path, out) => {
  const op = req.operator;
  if (typeof op !== 'string' || LABEL_SELECTOR_OPERATORS.includes(op)) return;
  const suggestion = LABEL_SELECTOR_OPERATORS.find((o) => o.toLowerCase() === op.toLowerCase().replace(/[\s_-]/g, ''));
  out.add({
    rule: 'schema',
    path: [...path, 'operator'],
    part: 'value',
    message: `"operator" must be one of ${LABEL_SELECTOR_OPERATORS.map((o) => `"${o}"`).join(', ')}; got ${JSON.stringify(op)}${suggestion ? `. Did you mean "${suggestion}"?` : '.'}`,
    ...(suggestion ? { replace: { part: 'value', text: suggestion, title: `Change to "${suggestion}"` } } : {}),
  });
};

export const ENUM_HOOKS: ReadonlyMap<string, DefinitionHook> = new Map([['apis/meta/v1.LabelSelectorRequirement', labelSelectorRequirement]]);

/** Runs every hook registered for a definition. */
export function combineHooks(...maps: ReadonlyMap<string, DefinitionHook>[]): ReadonlyMap<string, DefinitionHook> {
  const out = new Map<string, DefinitionHook>();
  for (const m of maps) {
    for (const [name, hook] of m) {
      const prev = out.get(name);
      out.set(name, prev ? (v, p, o) => (prev(v, p, o), hook(v, p, o)) : hook);
    }
  }
  return out;
}
