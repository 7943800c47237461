import picomatch from 'picomatch';

/**
 * Globs as `.gitignore` users write them: `charts/**`, `**\/kustomization.yaml`, `*.generated.yaml`.
 * A pattern without a slash matches the file name at any depth, like .gitignore does.
 */
export function pathMatcher(patterns: readonly string[]): (relativePath: string) => boolean {
  if (patterns.length === 0) return () => false;
  const normalized = patterns.map((p) => {
    let q = p.trim().replace(/\\/g, '/');
    if (q.startsWith('./')) q = q.slice(2);
    if (q.endsWith('/')) q += '**';
    return q.includes('/') ? q.replace(/^\//, '') : `**/${q}`;
  });
  const isMatch = picomatch(normalized, { dot: true });
  return (relativePath) => isMatch(relativePath.replace(/\\/g, '/'));
}

/** A name pattern (`istio-*`, `kube-system`): globs within one segment, exact otherwise. */
export function nameMatcher(pattern: string): (value: string) => boolean {
  let m = compiledNames.get(pattern);
  if (!m) {
    if (!/[*?[\]{}]/.test(pattern)) m = (v) => v === pattern;
    else {
      const isMatch = picomatch(pattern, { dot: true });
      m = (v) => isMatch(v);
    }
    compiledNames.set(pattern, m);
  }
  return m;
}

/** Patterns come from config files, so there are few: compile each once. */
const compiledNames = new Map<string, (value: string) => boolean>();

/** Why a glob is not usable, or undefined when it is. */
export function globProblem(pattern: string): string | undefined {
  if (pattern.trim() === '') return 'an empty pattern matches nothing';
  try {
    picomatch.makeRe(pattern, { strictBrackets: true });
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
