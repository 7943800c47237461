/**
 * The schema as the validator walks it: built-in definitions (from the compact schema)
 * and CRD schemas (from `openAPIV3Schema`) become the same small node graph.
 */
export type SchemaNode = Constrained &
  (
    | { readonly kind: 'string'; readonly format?: 'byte' | 'date-time' }
    | { readonly kind: 'integer'; readonly bits?: 32 | 64 }
    | { readonly kind: 'number' }
    | { readonly kind: 'boolean' }
    /** resource.Quantity: a number, or a string in the quantity grammar */
    | { readonly kind: 'quantity' }
    /** intstr.IntOrString */
    | { readonly kind: 'int-or-string' }
    | { readonly kind: 'any' }
    /** String enum of a built-in type, or any JSON enum of a CRD. */
    | { readonly kind: 'enum'; readonly values: readonly unknown[] }
    | { readonly kind: 'array'; readonly items: SchemaNode }
    | { readonly kind: 'map'; readonly values: SchemaNode }
    | { readonly kind: 'object'; readonly def: ObjectDef }
  );

interface Constrained {
  /** Extra limits a CRD schema may carry (built-in OpenAPI definitions carry none). */
  readonly constraints?: Constraints;
}

export interface FieldDef {
  readonly type: SchemaNode;
  readonly description?: string;
}

export interface ObjectDef {
  /** Shown in messages and hover, e.g. `v1.Container` or a CRD's `Foo.spec`. */
  readonly name: string;
  readonly description?: string;
  readonly link?: string;
  readonly fields: ReadonlyMap<string, FieldDef>;
  readonly required: readonly string[];
  /** Fields other than the listed ones are allowed and checked against this (CRD `additionalProperties`). */
  readonly additional?: SchemaNode;
  /** Unknown fields are allowed (CRD `x-kubernetes-preserve-unknown-fields`). */
  readonly preserveUnknown?: boolean;
}

/** Value limits of CRD schemas. */
export interface Constraints {
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: boolean;
  readonly exclusiveMaximum?: boolean;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly minItems?: number;
  readonly maxItems?: number;
}
