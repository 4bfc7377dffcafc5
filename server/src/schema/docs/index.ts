/**
 * schema/docs/index.ts: the lookup for our hand-written statement documentation.
 * Owns: merging the per-hierarchy tables into one map and the path normalisation rules:
 *   a leading `groups` (from `groups NAME ...` with the key removed) is dropped; the YANG list name
 *   `interface` after `interfaces` is dropped (Junos writes `interfaces ge-0/0/0`); `apply-groups`,
 *   `apply-groups-except` and `apply-macro ...` are documented once and found at any level.
 * Must not know: the generated schema, parse trees, LSP (hover and completion call `statementDoc`).
 * Invariants: never throws; paths are words without list keys; unknown paths give `undefined`.
 * Tests: test/src/schema/docs.test.ts
 */
import type { DocTable, StatementDoc } from './statement-doc';
import { anywhereDocs } from './shared';
import { servicesIpsecVpnDocs } from './services-ipsec-vpn';
import { serviceSetDocs } from './service-set';
import { interfacesDocs } from './interfaces';
import { routingDocs } from './routing';
import { securityIkeIpsecDocs } from './security-ike-ipsec';

export type { StatementDoc, DocTable } from './statement-doc';

const tables: readonly DocTable[] = [servicesIpsecVpnDocs, serviceSetDocs, interfacesDocs, routingDocs, securityIkeIpsecDocs];

const byPath: ReadonlyMap<string, StatementDoc> = (() => {
  const merged = new Map<string, StatementDoc>();
  for (const table of tables) for (const [key, doc] of Object.entries(table)) merged.set(key, doc);
  return merged;
})();

const GENERIC_HEADS = new Set(['apply-groups', 'apply-groups-except', 'apply-macro']);

/** Rewrites a caller's path (keys already removed) into the key form the tables use. */
export function docKey(path: readonly string[]): string {
  let words = path;
  if (words[0] === 'groups') words = words.slice(1);
  if (words[0] === 'interfaces' && words[1] === 'interface') words = ['interfaces', ...words.slice(2)];
  return words.join(' ');
}

/**
 * Our documentation for the statement at `path` (words from the configuration root, list keys
 * removed: `['services', 'ipsec-vpn', 'rule', 'term', 'then', 'remote-gateway']`), or undefined.
 */
export function statementDoc(path: readonly string[]): StatementDoc | undefined {
  const exact = byPath.get(docKey(path));
  if (exact) return exact;
  for (let i = path.length - 1; i >= 0; i--) {
    const word = path[i];
    if (word !== undefined && GENERIC_HEADS.has(word)) return anywhereDocs[path.slice(i).join(' ')];
  }
  return undefined;
}

/** Every documented path (excluding the position-independent `apply-*` entries), for tests and reports. */
export function documentedPaths(): readonly string[] {
  return [...byPath.keys()];
}

/** The position-independent entries, keyed from their first word (`apply-macro data`). */
export function anywhereDocPaths(): readonly string[] {
  return Object.keys(anywhereDocs);
}
