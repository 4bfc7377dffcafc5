/**
 * schema/encoding.ts: the layout of the committed schema file, shared by the generator (writer) and
 *   the loader (reader).
 * Owns: the file name, format version, node tuple layout and flag bits.
 * Must not know: YANG, how nodes are materialised, consumers.
 * Invariants: every node is stored once (structural interning), children refer to node ids, and all
 *   repeated strings/types/lists are stored once; a reader of another `format` must refuse the file.
 * Tests: test/src/schema/load.test.ts, test/src/schema/generator.test.ts
 */

export const SCHEMA_FILE_NAME = 'junos-schema.json.gz';
export const SCHEMA_FORMAT = 1;

/** Node tuple: [name, flags, children, type, keys, default, units, references, constraints].
 *  name/default/units: index into `strings`; children: index into `lists` (node ids);
 *  type/keys/references/constraints: index into `values`. -1 = absent; trailing -1s are dropped. */
export const enum Slot {
  Name = 0,
  Flags = 1,
  Children = 2,
  Type = 3,
  Keys = 4,
  Default = 5,
  Units = 6,
  References = 7,
  Constraints = 8,
}

export const enum Flag {
  /** bits 0-1: 0 container, 1 list, 2 leaf, 3 leaf-list */
  KindMask = 3,
  Presence = 4,
  Mandatory = 8,
  OrderedByUser = 16,
  Opaque = 32,
  NoKeyword = 64,
  Deprecated = 128,
  /** `junos:cli-feature` display hints (see SchemaNode.oneliner / onelinerPlus / homogeneous) */
  Oneliner = 256,
  OnelinerPlus = 512,
  Homogeneous = 1024,
}

export const KIND_CODES = ['container', 'list', 'leaf', 'leaf-list'] as const;

export interface PlatformStats {
  readonly nodes: number;
  readonly sharedSubtrees: number;
  readonly statements: number;
}

export interface SchemaFile {
  readonly format: number;
  readonly release: string;
  /** source modules per platform, for the record */
  readonly modules: Record<string, readonly string[]>;
  readonly strings: readonly string[];
  /** interned JSON values: types (integers beyond 2^53 as decimal strings), key lists
   *  `[[name, typeIndex, keyFlags], ...]` (keyFlags: 1 = written as `name value`, 2 = optional),
   *  reference and constraint arrays */
  readonly values: readonly unknown[];
  /** interned child lists (node ids) */
  readonly lists: readonly (readonly number[])[];
  readonly nodes: readonly (readonly number[])[];
  readonly roots: Record<string, number>;
  readonly stats: { readonly platforms: Record<string, PlatformStats>; readonly musts: Record<string, number> };
}
