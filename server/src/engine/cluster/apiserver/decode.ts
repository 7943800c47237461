/**
 * What the API server does before admission: decode the request body into the kind's Go
 * types. A value of the wrong JSON type (`spec: ""`, `replicas: "3"`, `containers: {}`) or an
 * integer out of range fails there — kubectl apply prints "cannot be handled as a Pod" and
 * the object never exists. The simulator refuses such objects the same way, so no controller
 * ever meets a string where the API guarantees a struct.
 */
import { identify } from '../../kube/identity';
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
    issue = objectIssues(id, object).find((i) => i.decode);
  } catch {
    return null; // no schema available: let the object through, as before
  }
  if (!issue) return null;
  const version = id.apiVersion.split('/').pop();
  return { path: issue.path, message: `${id.kind} in version "${version}" cannot be handled as a ${id.kind}: ${issue.message}` };
}
