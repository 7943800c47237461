/** A Kubernetes minor version, e.g. 1.31 → { major: 1, minor: 31 }. */
export interface MinorVersion {
  readonly major: number;
  readonly minor: number;
}

/** Reads "1.31", "v1.31" or "1.31.2"; undefined for anything else. */
export function parseKubernetesVersion(text: unknown): MinorVersion | undefined {
  if (typeof text !== 'string' && typeof text !== 'number') return undefined;
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+].*)?$/.exec(String(text).trim());
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : undefined;
}

export function compareVersions(a: MinorVersion, b: MinorVersion): number {
  return a.major - b.major || a.minor - b.minor;
}

export function formatVersion(v: MinorVersion): string {
  return `${v.major}.${v.minor}`;
}
