/**
 * The compact Kubernetes schema: what `scripts/schema/build.ts` writes at build time and
 * the engine loads on first use. It keeps only what validation and hover need: fields,
 * their types, required fields, string enums and trimmed descriptions.
 *
 * Types are encoded small: a primitive name, a number (index of an object definition),
 * or a one-key object for arrays (`a`), maps (`m`) and string enums (`e`).
 */
export type CompactPrimitive =
  | 'string'
  | 'integer'
  | 'int32'
  | 'int64'
  | 'number'
  | 'boolean'
  /** resource.Quantity: a number or a string in the quantity grammar */
  | 'quantity'
  /** intstr.IntOrString: an int32 or a string */
  | 'int-or-string'
  /** base64-encoded bytes (Secret.data) */
  | 'byte'
  /** metav1.Time / MicroTime: an RFC 3339 string */
  | 'date-time'
  /** free-form JSON (RawExtension, apiextensions JSON) */
  | 'any';

export type CompactType = CompactPrimitive | number | { a: CompactType } | { m: CompactType } | { e: string[] };

export interface CompactField {
  t: CompactType;
  /** Description, trimmed to its first sentence or two. */
  d?: string;
}

export interface CompactDefinition {
  /** OpenAPI definition name, e.g. `io.k8s.api.core.v1.Container`. */
  n: string;
  d?: string;
  /** A "More info" link from the upstream description. */
  u?: string;
  p: Record<string, CompactField>;
  /** Required fields. */
  r?: string[];
}

export interface CompactSchema {
  format: 1;
  /** Kubernetes version the schema describes, e.g. `1.36`. */
  kubernetesVersion: string;
  /** Where it was converted from, e.g. `kubernetes-models@5.1.0`. */
  source: string;
  /** `apiVersion/Kind` (`apps/v1/Deployment`, `v1/Pod`) → index into `definitions`. */
  kinds: Record<string, number>;
  definitions: CompactDefinition[];
}

export const SCHEMA_FILE_NAME = 'kubernetes-schema.json.gz';
