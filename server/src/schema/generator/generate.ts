/**
 * schema/generator/generate.ts: builds the per-platform schema trees from a YANG release folder.
 * Owns: which modules make up each platform, the configuration root and `groups`, opaque stand-ins
 *   for the published set's missing modules, per-platform statistics, and the encoded (gzip JSON) file.
 *   Platforms: 'mx' = the `junos` family (junos/conf + common). 'srx' = the same tree with every
 *   top-level statement that `junos-es/conf` defines (`security`, `interfaces`) taken from junos-es
 *   instead, since those are the SRX family's own hierarchies. Both trees live in one file and share
 *   every identical subtree.
 * Must not know: where the file is committed (main.ts), how it is loaded.
 * Invariants: the output depends only on the YANG text (files read in sorted order, no timestamps),
 *   so generating twice yields identical bytes; never throws on bad YANG (problems are returned).
 * Tests: test/src/schema/generator.test.ts
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { SCHEMA_FORMAT, type PlatformStats, type SchemaFile } from '../encoding';
import { stableJson } from './intern-table';
import { indexModule, SchemaResolver, type YangModule } from './yang-resolve';
import { parseYang } from './yang-syntax';

/** Top-level statements whose modules are missing from the published YANG: accepted as opaque. */
export const MISSING_TOP_LEVEL = ['system', 'logical-systems'] as const;

export interface GenerateResult {
  readonly file: SchemaFile;
  readonly problems: readonly string[];
}

function readModules(dir: string, problems: string[]): YangModule[] {
  if (!fs.existsSync(dir)) return [];
  const out: YangModule[] = [];
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.yang')).sort()) {
    const file = path.join(dir, f);
    const parsed = parseYang(fs.readFileSync(file, 'utf8'));
    for (const p of parsed.problems) problems.push(`${f}: ${p}`);
    const mod = parsed.statements.find((s) => s.keyword === 'module');
    if (mod) out.push(indexModule(mod, f));
    else problems.push(`${f}: no module statement`);
  }
  return out;
}

function releaseOf(root: YangModule | undefined, dir: string): string {
  for (const r of root?.statement.children.filter((c) => c.keyword === 'revision') ?? []) {
    for (const d of r.children) {
      const m = d.keyword === 'description' ? /Junos:\s*(\d+\.\d+R\d+)/.exec(d.arg ?? '') : null;
      if (m) return m[1]!;
    }
  }
  return /(\d+\.\d+R\d+)/.exec(path.basename(dir))?.[1] ?? 'unknown';
}

/** Generates the schema file contents from a release folder holding `junos/conf`, `junos-es/conf`, `common`. */
export function generateSchema(yangDir: string): GenerateResult {
  const problems: string[] = [];
  const common = readModules(path.join(yangDir, 'common'), problems);
  const junos = readModules(path.join(yangDir, 'junos', 'conf'), problems);
  const es = readModules(path.join(yangDir, 'junos-es', 'conf'), problems).filter((m) => !m.name.endsWith('-conf-root'));
  const modules = new Map<string, YangModule>();
  for (const m of [...common, ...junos, ...es]) if (!modules.has(m.name)) modules.set(m.name, m);
  const resolver = new SchemaResolver(modules);

  const rootModule = junos.find((m) => m.name === 'junos-conf-root');
  const configuration = rootModule?.statement.children.find((c) => c.keyword === 'container' && c.arg === 'configuration');
  if (!rootModule || !configuration) problems.push('junos-conf-root with container configuration not found');

  const augmenting = (mods: readonly YangModule[]): { root: number[]; groups: number[]; opaque: boolean } => {
    const root: number[] = [];
    const groups: number[] = [];
    let opaque = false;
    for (const m of mods) {
      if (m === rootModule) continue;
      const r = resolver.augmentChildren(m, 'configuration');
      const g = resolver.augmentChildren(m, 'groups');
      root.push(...r.children);
      groups.push(...g.children);
      opaque ||= r.opaque || g.opaque;
    }
    return { root, groups, opaque };
  };
  const junosAug = augmenting(junos);
  const esAug = augmenting(es);
  const esNames = new Set(esAug.root.map((id) => resolver.nodeName(id)));

  const buildRoot = (aug: { root: number[]; groups: number[]; opaque: boolean }): number => {
    const stmts = configuration?.children ?? [];
    const groupsStmt = stmts.find((c) => c.keyword === 'list' && c.arg === 'groups');
    const base = rootModule ? resolver.body(stmts.filter((c) => c !== groupsStmt), rootModule) : { children: [], opaque: true };
    const withMissing = (ids: number[]): number[] => {
      const names = new Set(ids.map((id) => resolver.nodeName(id)));
      const out = [...ids];
      for (const name of MISSING_TOP_LEVEL) if (!names.has(name)) out.push(resolver.opaqueContainer(name));
      return out;
    };
    const groupsExtra = { children: withMissing(aug.groups), opaque: false };
    const children = [...base.children];
    if (groupsStmt && rootModule) children.push(resolver.node(groupsStmt, rootModule, groupsExtra));
    const names = new Set(children.map((id) => resolver.nodeName(id)));
    for (const id of withMissing(aug.root)) {
      if (!names.has(resolver.nodeName(id))) {
        names.add(resolver.nodeName(id));
        children.push(id);
      }
    }
    return resolver.table.node({
      name: 'configuration',
      kind: 'container',
      presence: false,
      mandatory: false,
      orderedByUser: false,
      opaque: base.opaque || aug.opaque,
      nokeyword: false,
      deprecated: false,
      keys: [],
      references: [],
      constraints: [],
      children,
    });
  };

  const mxRoot = buildRoot(junosAug);
  const srxAug = {
    root: [...junosAug.root.filter((id) => !esNames.has(resolver.nodeName(id))), ...esAug.root],
    groups: [...junosAug.groups.filter((id) => !esNames.has(resolver.nodeName(id))), ...esAug.groups],
    opaque: junosAug.opaque || esAug.opaque,
  };
  const srxRoot = buildRoot(srxAug);
  problems.push(...resolver.problems);

  const t = resolver.table;
  const file: SchemaFile = {
    format: SCHEMA_FORMAT,
    release: releaseOf(rootModule, yangDir),
    modules: {
      mx: [...common, ...junos].map((m) => m.file),
      srx: [...common, ...junos.filter((m) => !m.file.includes('-conf-security') && !m.file.includes('-conf-interfaces')), ...es].map((m) => m.file),
    },
    strings: t.strings,
    values: t.values,
    lists: t.lists,
    nodes: t.nodes,
    roots: { mx: mxRoot, srx: srxRoot },
    stats: { platforms: { mx: statsOf(t.info, mxRoot), srx: statsOf(t.info, srxRoot) }, musts: { ...resolver.musts } },
  };
  return { file, problems };
}

/** Counts distinct nodes, nodes shared by several parents, and statements of the expanded tree. */
export function statsOf(info: readonly { readonly children: readonly number[] }[], root: number): PlatformStats {
  const parents = new Map<number, number>();
  const expanded = new Map<number, number>();
  const stack = [root];
  const seen = new Set<number>([root]);
  while (stack.length) {
    const id = stack.pop()!;
    for (const c of new Set(info[id]!.children)) {
      parents.set(c, (parents.get(c) ?? 0) + 1);
      if (!seen.has(c)) {
        seen.add(c);
        stack.push(c);
      }
    }
  }
  // expanded size, children first (the graph is acyclic: ids of children are always smaller)
  const sorted = [...seen].sort((a, b) => a - b);
  for (const id of sorted) {
    let n = 1;
    for (const c of info[id]!.children) n += expanded.get(c) ?? 0;
    expanded.set(id, n);
  }
  let shared = 0;
  for (const count of parents.values()) if (count > 1) shared++;
  return { nodes: seen.size, sharedSubtrees: shared, statements: (expanded.get(root) ?? 1) - 1 };
}

/** The committed bytes: compact JSON, gzip level 9 (deterministic: no name, no mtime). */
export function encodeSchemaFile(file: SchemaFile): Buffer {
  return zlib.gzipSync(Buffer.from(stableJson(file), 'utf8'), { level: 9 });
}
