/** "1.30", "v1.30" or "1.30.2" → "1.30"; anything else → undefined. */
export function normalizeVersion(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^v?(1)\.(\d{1,2})(?:\.\d+)?$/.exec(value.trim());
  return m ? `${m[1]}.${m[2]}` : undefined;
}
