/**
 * schema/types.ts: the lookup API every consumer of the Junos schema uses (model, analysis, ide, engine).
 * Owns: the shape of a statement's definition as the rest of the code sees it.
 * Must not know: YANG syntax (the generator hides it), parse trees, LSP.
 * Invariants: subtrees are shared, so a node does not know its parent or path; callers keep the path
 *   they walked. Names are matched exactly (Junos keywords are case-sensitive).
 */

/** How a statement takes words in Junos syntax. */
export type StatementKind =
  /** `name { ... }` or, when `presence`, also `name;` */
  | 'container'
  /** `name KEY { ... }` / `name KEY;` : a named entry; KEY is `keys.length` words */
  | 'list'
  /** `name VALUE;` or, for type `empty`, just `name;` */
  | 'leaf'
  /** `name VALUE;` or `name [ V1 V2 ];` (repeatable) */
  | 'leaf-list';

/** A value type after typedefs and unions are resolved. */
export type ValueType =
  | { readonly kind: 'empty' }
  | { readonly kind: 'boolean' }
  | {
      readonly kind: 'integer';
      /** inclusive ranges; several when YANG says `range "1..10 | 20..30"` */
      readonly ranges: readonly (readonly [bigint | number, bigint | number])[];
      readonly signed: boolean;
      readonly bits: 8 | 16 | 32 | 64;
    }
  | { readonly kind: 'decimal'; readonly ranges?: readonly (readonly [number, number])[] }
  | {
      readonly kind: 'string';
      /** inclusive length ranges */
      readonly lengths?: readonly (readonly [number, number])[];
      /** XSD-style YANG `pattern`s (all must match) */
      readonly patterns?: readonly string[];
      /** `junos:posix-pattern` (POSIX ERE, must match) */
      readonly posixPatterns?: readonly string[];
    }
  | { readonly kind: 'enumeration'; readonly values: readonly string[] }
  | { readonly kind: 'union'; readonly members: readonly ValueType[] }
  /** a named Junos/IETF address-like type: the validator knows each name */
  | {
      readonly kind: 'named';
      readonly name:
        | 'ipv4address'
        | 'ipv4prefix'
        | 'ipv6address'
        | 'ipv6prefix'
        | 'ipaddr'
        | 'ipprefix'
        | 'ipv4addr-or-prefix'
        | 'ipv6addr-or-prefix'
        | 'ipaddr-or-prefix'
        | 'interface-name'
        | 'mac-address'
        | 'unreadable'
        | (string & {});
      /** the YANG typedef it came from, for hover */
      readonly yangType?: string;
    };

/** A `junos:must` that says: this value names an existing entry of the list at `path`. */
export interface ReferenceTarget {
  /** absolute path of words from the configuration root to the list whose keys are valid values,
   *  e.g. ['services', 'ipsec-vpn', 'ike', 'policy']; relative `..` paths are resolved by the caller
   *  against the path it walked (kept here as written, see `relative`) */
  readonly path: readonly string[];
  /** true when the YANG path was relative (starts with `..`); `up` is how many levels to climb */
  readonly relative: boolean;
  readonly up: number;
}

/** Other `junos:must` constraints we understand. */
export type Constraint =
  /** the statement must not be configured together with a sibling (`!`-must) */
  | { readonly kind: 'excludes'; readonly path: readonly string[]; readonly up: number }
  /** the statement requires a sibling/companion to be configured */
  | { readonly kind: 'requires'; readonly path: readonly string[]; readonly up: number };

export interface SchemaNode {
  /** the Junos keyword */
  readonly name: string;
  readonly kind: StatementKind;
  /** container: may stand alone as `name;` */
  readonly presence: boolean;
  /** list: the key leaves, in order (most Junos lists have one key, `name`) */
  readonly keys: readonly { readonly name: string; readonly type: ValueType }[];
  /** leaf / leaf-list: the value type */
  readonly type?: ValueType;
  readonly default?: string;
  readonly units?: string;
  readonly mandatory: boolean;
  /** list or leaf-list: `ordered-by user` */
  readonly orderedByUser: boolean;
  /** the value (leaf/leaf-list) or key (list) must name an existing definition */
  readonly references: readonly ReferenceTarget[];
  readonly constraints: readonly Constraint[];
  /** exact-name child lookup (choice/case are already flattened away) */
  child(name: string): SchemaNode | undefined;
  /** all children, in YANG order */
  children(): readonly SchemaNode[];
}

export interface Schema {
  /** the configuration root (children: `system`, `interfaces`, `services`, ...) */
  readonly root: SchemaNode;
  /** the YANG release it was generated from, e.g. '24.4R1' */
  readonly release: string;
  /** counts for reports and tests */
  readonly stats: {
    readonly nodes: number;
    readonly sharedSubtrees: number;
    readonly statements: number;
  };
}
