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
  /** a Junos common type (`jt:` typedef, a string underneath) kept by name. The generator emits the
   *  typedef's name except `ipv4addr` -> 'ipv4address', `ipv6addr` -> 'ipv6address', `mac-addr` ->
   *  'mac-address'. Names in the 24.4R1 YANG include ipv4prefix, ipv4prefix-mandatory/-only,
   *  ipv6prefix(-mandatory/-only), ipaddr, ipaddr-scoped, ipprefix(-mandatory/-only),
   *  ipaddr-or-interface, ipv4addr-or-interface, interface-name, interface-device, interface-unit,
   *  interface-wildcard, mac-unicast, mac-multicast, unreadable (secrets), policy-algebra, areaid,
   *  vlan-range, time, community, ... validateValue checks the address and MAC ones and accepts the
   *  rest (their syntax is not in the YANG). */
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
  /** true when the YANG path was relative (starts with `..`); `up` is how many levels to climb
   *  (levels as described at MustPath) */
  readonly relative: boolean;
  readonly up: number;
  /** `$$-IFL` / `$$-IFD` in the YANG: the value is an interface name (`ms-1/2/0.1`) and what must exist
   *  is its logical unit (`interfaces ms-1/2/0 unit 1`, 'ifl') or its physical device ('ifd'); the path
   *  then ends at `interfaces` and the caller splits the value */
  readonly valueForm?: 'ifl' | 'ifd';
}

/** A configuration path named by a `junos:must` term.
 *  `up` counts the leading `..`. Levels are Junos's: a container or leaf is one level, a list is two
 *  (the list's keyword, then the entry with its key). The statement carrying the constraint is level 0
 *  (for a list: the keyword level, so `..` reaches the node holding the list). Examples from the YANG:
 *  `no-anti-replay` with `.. anti-replay-window-size` (up 1) names its sibling; IKE policy `proposals`
 *  with `.. .. .. proposal $$` (up 3: policy entry, `policy`, `ike`) names `ike proposal <value>`;
 *  service-set `ipsec-vpn-rules` with `.. ipsec-vpn-options local-gateway` names a child of the
 *  service-set entry. Constraints of a list's key leaf are stored on the list, re-expressed from the
 *  list's level. When `valueIndex` is set, the
 *  statement's own value (`$$`) is inserted into `path` at that index, e.g. `services ipsec-vpn ike
 *  policy $$ pre-shared-key` is path [services, ipsec-vpn, ike, policy, pre-shared-key], valueIndex 4. */
export interface MustPath {
  readonly path: readonly string[];
  readonly up: number;
  readonly relative: boolean;
  readonly valueIndex?: number;
  readonly valueForm?: 'ifl' | 'ifd';
}

/** Other `junos:must` constraints we understand. */
export type Constraint =
  /** the statement must not be configured together with the statement at this path (`!`-must) */
  | ({ readonly kind: 'excludes' } & MustPath)
  /** the statement requires the statement at this path to be configured */
  | ({ readonly kind: 'requires' } & MustPath)
  /** the statement requires at least one of these (`("a" || "b")`), e.g. a referenced IKE policy
   *  needs `pre-shared-key` or `local-certificate` */
  | { readonly kind: 'requires-any'; readonly alternatives: readonly MustPath[] };

/** One key of a list. A single key is written bare after the list's name (`policy NAME`). With
 *  several keys, a key whose `nokeyword` is false is written as `name value` (OSPF `virtual-link
 *  neighbor-id A transit-area B`, SRX `from-zone A to-zone B`), the others as bare values; an
 *  `optional` key may be left out (the value part of `route-filter 10.0.0.0/8 upto /24` vs
 *  `route-filter 10.0.0.0/8 exact`). Both flags are absent (= bare, required) in hand-made schemas. */
export interface SchemaKey {
  readonly name: string;
  readonly type: ValueType;
  readonly nokeyword?: boolean;
  readonly optional?: boolean;
}

export interface SchemaNode {
  /** the Junos keyword */
  readonly name: string;
  readonly kind: StatementKind;
  /** container: may stand alone as `name;` */
  readonly presence: boolean;
  /** list: the key leaves, in order (most Junos lists have one key, `name`) */
  readonly keys: readonly SchemaKey[];
  /** leaf / leaf-list: the value type */
  readonly type?: ValueType;
  readonly default?: string;
  readonly units?: string;
  readonly mandatory: boolean;
  /** list or leaf-list: `ordered-by user` */
  readonly orderedByUser: boolean;
  /** true when the YANG we have does not describe this statement's contents (e.g. `system`, whose
   *  module is not in the published set): anything below it is accepted without diagnostics */
  readonly opaque: boolean;
  /** YANG `junos:cli-feature "nokeyword"`: the keyword is never written, only the value (a leaf such
   *  as `jsrc-partition NAME`) or the key (a list: `interfaces ge-0/0/0` for list `interface`) */
  readonly nokeyword: boolean;
  /** YANG `status deprecated` or `obsolete`: still accepted by Junos, hidden from completion */
  readonly deprecated?: boolean;
  /** YANG `junos:cli-feature "oneliner"`: `show` prints the statement with all its children on one line
   *  (`pre-shared-key ascii-text "$9$...";`, a firewall `source-address` entry `10.0.0.0/8 except;`).
   *  Display only: the walk accepts both layouts. Absent (= false) in hand-made schemas. */
  readonly oneliner?: boolean;
  /** YANG `junos:cli-feature "oneliner-plus"`: one line when the statement holds a single child
   *  (`then accept;`), a `{ }` block otherwise (`then { community add X; accept; }`). */
  readonly onelinerPlus?: boolean;
  /** YANG `junos:cli-feature "homogeneous"`: on a container, each child is printed behind the
   *  container's keyword (`family inet { ... }` rather than `family { inet { ... } }`); on a list, its
   *  entries are grouped under the list's name (`source-address { 10.0.0.0/8; 192.168.0.0/16 except; }`). */
  readonly homogeneous?: boolean;
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
    /** distinct nodes stored for this platform's tree (after sharing) */
    readonly nodes: number;
    /** distinct nodes that occur under more than one parent (stored once, used several times) */
    readonly sharedSubtrees: number;
    /** statements of the fully expanded tree, i.e. distinct statement paths (keys not counted) */
    readonly statements: number;
  };
  /** which family tree this is: 'mx' (YANG `junos` family) or 'srx' (with `junos-es` security/interfaces) */
  readonly platform?: 'mx' | 'srx';
}
