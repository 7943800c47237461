/**
 * Kubernetes name and label syntax, as the API server checks it
 * (staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go, and
 * pkg/api/validation/path/name.go for path-segment names). Each check returns a
 * short reason, or undefined when the value is valid.
 */
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const IANA_SVC_NAME = /^[-a-z0-9]+$/;

export const LABEL_MAX = 63;
export const SUBDOMAIN_MAX = 253;
/** Total size of all annotation keys and values of one object (TotalAnnotationSizeLimitB). */
export const ANNOTATIONS_MAX_BYTES = 256 * 1024;

function tooLong(s: string, max: number): string | undefined {
  return s.length > max ? `is ${s.length} characters long; at most ${max} are allowed` : undefined;
}

export function dns1123Label(s: string): string | undefined {
  return (
    tooLong(s, LABEL_MAX) ??
    (DNS1123_LABEL.test(s) ? undefined : 'must be a DNS-1123 label: lowercase letters, digits and "-", starting and ending with a letter or digit')
  );
}

export function dns1123Subdomain(s: string): string | undefined {
  return (
    tooLong(s, SUBDOMAIN_MAX) ??
    (DNS1123_SUBDOMAIN.test(s)
      ? undefined
      : 'must be a DNS-1123 subdomain: lowercase letters, digits, "-" and ".", starting and ending with a letter or digit')
  );
}

export function dns1035Label(s: string): string | undefined {
  return (
    tooLong(s, LABEL_MAX) ??
    (DNS1035_LABEL.test(s) ? undefined : 'must be a DNS-1035 label: lowercase letters, digits and "-", starting with a letter and ending with a letter or digit')
  );
}

/** Label and annotation keys: an optional DNS subdomain prefix and "/", then a name of up to 63 characters. */
export function qualifiedName(s: string): string | undefined {
  const parts = s.split('/');
  let name = s;
  if (parts.length > 2) return 'may contain at most one "/" (prefix/name)';
  if (parts.length === 2) {
    const prefix = parts[0]!;
    name = parts[1]!;
    if (prefix.length === 0) return 'has an empty prefix before "/"';
    const bad = dns1123Subdomain(prefix);
    if (bad) return `has prefix "${prefix}" which ${bad}`;
  }
  if (name.length === 0) return 'has an empty name';
  if (name.length > LABEL_MAX) return `has a name part of ${name.length} characters; at most ${LABEL_MAX} are allowed`;
  return QUALIFIED_NAME_PART.test(name)
    ? undefined
    : 'must be a qualified name: letters, digits, "-", "_" and ".", starting and ending with a letter or digit, with an optional DNS subdomain prefix and "/"';
}

export function labelValue(s: string): string | undefined {
  if (s === '') return undefined;
  return (
    tooLong(s, LABEL_MAX) ??
    (QUALIFIED_NAME_PART.test(s) ? undefined : 'must be empty or letters, digits, "-", "_" and ".", starting and ending with a letter or digit')
  );
}

/** Container port names (IANA_SVC_NAME, RFC 6335). */
export function ianaServiceName(s: string): string | undefined {
  if (s.length > 15) return `is ${s.length} characters long; a port name has at most 15`;
  if (!IANA_SVC_NAME.test(s)) return 'may contain only lowercase letters, digits and "-"';
  if (s.includes('--')) return 'must not contain "--"';
  if (s.startsWith('-') || s.endsWith('-')) return 'must not begin or end with "-"';
  if (!/[a-z]/.test(s)) return 'must contain at least one letter';
  return undefined;
}

/** RBAC object names: any path segment (so `system:controller:x` is fine). */
export function pathSegmentName(s: string): string | undefined {
  if (s === '.' || s === '..') return `may not be "${s}"`;
  if (s.includes('/') || s.includes('%')) return 'may not contain "/" or "%"';
  return undefined;
}
