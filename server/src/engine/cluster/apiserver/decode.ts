/**
 * What the API server does before admission: decode the request body into the kind's Go
 * types. A value of the wrong JSON type (`spec: ""`, `replicas: "3"`, `containers: {}`) or an
 * integer out of range fails there — kubectl apply prints "cannot be handled as a Pod" and
 * the object never exists. The simulator refuses such objects the same way, so no controller
 * ever meets a string where the API guarantees a struct.
 */
import { identify } from '../../kube/identity';
import { builtinSchema } from '../../schema/builtin';
import { objectIssues } from '../../schema/objectIssues';
import type { Path } from '../../yaml/locate';

export interface DecodeError {
  path: Path;
  message: string;
}

/** Workspace objects are reused across runs while their document is unchanged: check each once. */
const checked = new WeakMap<object, DecodeError | null>();

export function decodeError(object: Record<string, unknown>): DecodeError | undefined {
  let e = checked.get(object);
  if (e === undefined) checked.set(object, (e = check(object)));
  return e ?? undefined;
}

function check(object: Record<string, unknown>): DecodeError | null {
  const id = identify(object);
  if (!id) return null;
  let issue;
  try {
    const schema = builtinSchema();
    // The controllers act on the kind whatever the apiVersion says (a removed extensions/v1beta1
    // Deployment still rolls out here), so they need its types too: an apiVersion the schema
    // does not serve is checked against one that serves the kind, GA first.
    const served = schema.kind(id.apiVersion, id.kind) ? id.apiVersion : [...schema.apiVersionsOf(id.kind)].sort((a, b) => Number(isBeta(a)) - Number(isBeta(b)))[0];
    issue = served ? objectIssues({ ...id, apiVersion: served }, object, schema).find((i) => i.decode) : undefined;
  } catch {
    return null; // no schema available: let the object through, as before
  }
  if (!issue) {
    const empty = nullItem(object, []);
    // Go decodes a null list item to the zero value, which validation then rejects for the lists
    // that matter (a container without name and image); refused here in one step so no controller
    // meets a null where the API guarantees an object
    return empty ? { path: empty, message: `${id.kind} "${id.name ?? ''}" is invalid: ${dotted(empty)} is empty (null); remove the item or fill it in.` } : null;
  }
  const version = id.apiVersion.split('/').pop();
  return { path: issue.path, message: `${id.kind} in version "${version}" cannot be handled as a ${id.kind}: ${issue.message}` };
}

const isBeta = (apiVersion: string): boolean => !/(^|\/)v\d+$/.test(apiVersion);

/** The path of the first null item of a list anywhere in `value`. */
function nullItem(value: unknown, path: (string | number)[]): (string | number)[] | undefined {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = value[i] === null ? [...path, i] : nullItem(value[i], [...path, i]);
      if (found) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = nullItem(v, [...path, k]);
      if (found) return found;
    }
  }
  return undefined;
}

function dotted(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
