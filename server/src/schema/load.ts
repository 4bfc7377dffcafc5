/**
 * schema/load.ts: loads the committed schema file and hands out lazily built SchemaNodes.
 * Owns: finding the file (beside this module in a bundle, or `server/src/schema/generated/` found by
 *   searching upward from here), decoding it, the per-platform cache, turning node tuples into
 *   SchemaNode objects on first access (child maps built only when a node's children are asked for).
 * Must not know: YANG, parse trees, LSP, what consumers do with nodes.
 * Invariants: synchronous; one SchemaNode object per stored node id (shared subtrees are shared
 *   objects too); a missing or unreadable file is an IO edge and throws with a clear message.
 * Tests: test/src/schema/load.test.ts
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { Flag, KIND_CODES, SCHEMA_FILE_NAME, SCHEMA_FORMAT, Slot, type SchemaFile } from './encoding';
import type { Constraint, ReferenceTarget, Schema, SchemaKey, SchemaNode, StatementKind, ValueType } from './types';

export type SchemaPlatform = 'mx' | 'srx';

const EMPTY: readonly never[] = Object.freeze([]);

/** Where the schema file is: `path.join(dir, FILE)` for a bundle, else `server/src/schema/generated/FILE` upward. */
export function findSchemaFile(startDir: string = __dirname): string | undefined {
  const beside = path.join(startDir, SCHEMA_FILE_NAME);
  if (fs.existsSync(beside)) return beside;
  const besideGenerated = path.join(startDir, 'generated', SCHEMA_FILE_NAME);
  if (fs.existsSync(besideGenerated)) return besideGenerated;
  let dir = startDir;
  for (;;) {
    const candidate = path.join(dir, 'server', 'src', 'schema', 'generated', SCHEMA_FILE_NAME);
    if (fs.existsSync(candidate)) return candidate;
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** Reads and decodes a schema file (gzip JSON); throws on IO or format errors. */
export function readSchemaFile(file: string): SchemaFile {
  const bytes = fs.readFileSync(file);
  const json = bytes[0] === 0x1f && bytes[1] === 0x8b ? zlib.gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
  const parsed = JSON.parse(json) as SchemaFile;
  if (parsed.format !== SCHEMA_FORMAT) throw new Error(`schema file ${file} has format ${parsed.format}, expected ${SCHEMA_FORMAT}`);
  return parsed;
}

function reviveType(raw: unknown): ValueType {
  const t = raw as ValueType;
  if (t.kind === 'integer') {
    return {
      ...t,
      ranges: t.ranges.map(([a, b]) => [typeof a === 'string' ? BigInt(a) : a, typeof b === 'string' ? BigInt(b) : b] as const),
    };
  }
  if (t.kind === 'union') return { kind: 'union', members: t.members.map(reviveType) };
  return t;
}

/** Decoded tables of one file, shared by both platform trees. */
class SchemaStore {
  private readonly nodeObjects: (StoredNode | undefined)[];
  private readonly types = new Map<number, ValueType>();
  constructor(readonly file: SchemaFile) {
    this.nodeObjects = new Array<StoredNode | undefined>(file.nodes.length);
  }
  node(id: number): StoredNode {
    let n = this.nodeObjects[id];
    if (!n) {
      n = new StoredNode(this, id);
      this.nodeObjects[id] = n;
    }
    return n;
  }
  type(index: number): ValueType {
    let t = this.types.get(index);
    if (!t) {
      t = reviveType(this.file.values[index]);
      this.types.set(index, t);
    }
    return t;
  }
  slot(id: number, slot: Slot): number {
    const v = this.file.nodes[id]![slot];
    return v === undefined ? -1 : v;
  }
}

class StoredNode implements SchemaNode {
  readonly name: string;
  readonly kind: StatementKind;
  readonly presence: boolean;
  readonly mandatory: boolean;
  readonly orderedByUser: boolean;
  readonly opaque: boolean;
  readonly nokeyword: boolean;
  readonly deprecated: boolean;
  readonly oneliner: boolean;
  readonly onelinerPlus: boolean;
  readonly homogeneous: boolean;
  private childList: readonly SchemaNode[] | undefined;
  private keyList: readonly SchemaKey[] | undefined;
  private childMap: Map<string, SchemaNode> | undefined;

  constructor(
    private readonly store: SchemaStore,
    readonly id: number,
  ) {
    const flags = store.slot(id, Slot.Flags);
    this.name = store.file.strings[store.slot(id, Slot.Name)]!;
    this.kind = KIND_CODES[flags & Flag.KindMask]!;
    this.presence = (flags & Flag.Presence) !== 0;
    this.mandatory = (flags & Flag.Mandatory) !== 0;
    this.orderedByUser = (flags & Flag.OrderedByUser) !== 0;
    this.opaque = (flags & Flag.Opaque) !== 0;
    this.nokeyword = (flags & Flag.NoKeyword) !== 0;
    this.deprecated = (flags & Flag.Deprecated) !== 0;
    this.oneliner = (flags & Flag.Oneliner) !== 0;
    this.onelinerPlus = (flags & Flag.OnelinerPlus) !== 0;
    this.homogeneous = (flags & Flag.Homogeneous) !== 0;
  }

  get type(): ValueType | undefined {
    const t = this.store.slot(this.id, Slot.Type);
    return t < 0 ? undefined : this.store.type(t);
  }
  get keys(): readonly SchemaKey[] {
    if (!this.keyList) {
      const k = this.store.slot(this.id, Slot.Keys);
      this.keyList =
        k < 0
          ? EMPTY
          : Object.freeze(
              (this.store.file.values[k] as [string, number, number][]).map(([name, t, flags]) => ({
                name,
                type: this.store.type(t),
                nokeyword: (flags & 1) === 0,
                optional: (flags & 2) !== 0,
              })),
            );
    }
    return this.keyList;
  }
  get default(): string | undefined {
    const d = this.store.slot(this.id, Slot.Default);
    return d < 0 ? undefined : this.store.file.strings[d];
  }
  get units(): string | undefined {
    const u = this.store.slot(this.id, Slot.Units);
    return u < 0 ? undefined : this.store.file.strings[u];
  }
  get references(): readonly ReferenceTarget[] {
    const r = this.store.slot(this.id, Slot.References);
    return r < 0 ? EMPTY : (this.store.file.values[r] as ReferenceTarget[]);
  }
  get constraints(): readonly Constraint[] {
    const c = this.store.slot(this.id, Slot.Constraints);
    return c < 0 ? EMPTY : (this.store.file.values[c] as Constraint[]);
  }
  children(): readonly SchemaNode[] {
    if (!this.childList) {
      const l = this.store.slot(this.id, Slot.Children);
      this.childList = l < 0 ? EMPTY : Object.freeze(this.store.file.lists[l]!.map((c) => this.store.node(c)));
    }
    return this.childList;
  }
  child(name: string): SchemaNode | undefined {
    if (!this.childMap) {
      this.childMap = new Map();
      for (const c of this.children()) this.childMap.set(c.name, c);
    }
    return this.childMap.get(name);
  }
}

let cachedStore: SchemaStore | undefined;
const cachedSchemas = new Map<SchemaPlatform, Schema>();

/** Schema for a platform family from the committed file: 'mx' (default; the `junos` family: M/MX/T)
 *  or 'srx' (`security` and `interfaces` from `junos-es`). Cached; the first call reads the file. */
export function loadSchema(platform: SchemaPlatform = 'mx'): Schema {
  const cached = cachedSchemas.get(platform);
  if (cached) return cached;
  if (!cachedStore) {
    const file = findSchemaFile();
    if (!file) throw new Error(`schema file ${SCHEMA_FILE_NAME} not found (looked beside ${__dirname} and in server/src/schema/generated/ above it)`);
    cachedStore = new SchemaStore(readSchemaFile(file));
  }
  const schema = schemaFromStore(cachedStore, platform);
  cachedSchemas.set(platform, schema);
  return schema;
}

const storesByFile = new Map<string, SchemaStore>();

/** Schema from an explicit file (tests, tools); both platforms of one file share their nodes. */
export function loadSchemaFile(file: string, platform: SchemaPlatform = 'mx'): Schema {
  const key = path.resolve(file);
  let store = storesByFile.get(key);
  if (!store) {
    store = new SchemaStore(readSchemaFile(key));
    storesByFile.set(key, store);
  }
  return schemaFromStore(store, platform);
}

function schemaFromStore(store: SchemaStore, platform: SchemaPlatform): Schema {
  const rootId = store.file.roots[platform] ?? store.file.roots['mx'];
  if (rootId === undefined) throw new Error(`schema file has no tree for platform '${platform}'`);
  const stats = store.file.stats.platforms[platform] ?? { nodes: 0, sharedSubtrees: 0, statements: 0 };
  return { root: store.node(rootId), release: store.file.release, stats, platform };
}
