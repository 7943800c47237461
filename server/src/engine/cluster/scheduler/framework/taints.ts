/**
 * Taints and tolerations. Matching follows `k8s.io/api/core/v1/toleration.go` (ToleratesTaint):
 * an empty toleration effect matches every effect, an empty key (only with Exists) every key;
 * operator Equal (the default) compares values, Exists ignores them.
 */
export interface Taint {
  key: string;
  value: string;
  effect: string;
}

export interface Toleration {
  key: string;
  operator: string;
  value: string;
  effect: string;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');

export function parseTaints(list: unknown): Taint[] {
  if (!Array.isArray(list)) return [];
  return list.filter(isRecord).map((t) => ({ key: str(t.key), value: str(t.value), effect: str(t.effect) }));
}

export function parseTolerations(list: unknown): Toleration[] {
  if (!Array.isArray(list)) return [];
  return list.filter(isRecord).map((t) => ({ key: str(t.key), operator: str(t.operator), value: str(t.value), effect: str(t.effect) }));
}

export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect !== '' && t.effect !== taint.effect) return false;
  if (t.key !== '' && t.key !== taint.key) return false;
  switch (t.operator) {
    case '':
    case 'Equal':
      return t.value === taint.value;
    case 'Exists':
      return true;
    default:
      return false;
  }
}

export function tolerationsTolerateTaint(tolerations: readonly Toleration[], taint: Taint): boolean {
  for (const t of tolerations) if (toleratesTaint(t, taint)) return true;
  return false;
}
