/**
 * schema/docs/statement-doc.ts: the shape of one hand-written statement document and the table type
 *   the per-hierarchy data modules export.
 * Owns: `StatementDoc`, `DocTable`, and `under()` which re-roots a shared table at a given path.
 * Must not know: the generated schema, parse trees, LSP.
 * Invariants: keys are statement paths without list keys, words joined by one space
 *   (`services ipsec-vpn rule term then remote-gateway`); text is ours (never Juniper's YANG prose);
 *   examples never hold a plain-text secret (only `"$9$..."` placeholders marked `## SECRET-DATA`).
 * Tests: test/src/schema/docs.test.ts
 */

export interface StatementDoc {
  /** one sentence, shown in completion lists */
  readonly summary: string;
  /** markdown paragraphs: what it does, how it interacts with other statements, platform notes */
  readonly body: string;
  /** the effective value when the statement is omitted, in words */
  readonly default?: string;
  /** a short realistic Junos snippet in curly form */
  readonly example?: string;
  /** related statement paths (same key format as the tables) */
  readonly seeAlso?: readonly string[];
}

/** statement path (words joined by single spaces, list keys removed) -> document */
export type DocTable = Readonly<Record<string, StatementDoc>>;

/**
 * Re-roots a table whose keys are relative (`file size`) under `prefix` (`security ike traceoptions`).
 * The empty key `''` documents the prefix statement itself. `seeAlso` entries starting with `./` are
 * made absolute against the prefix too.
 */
export function under(prefix: string, table: DocTable): DocTable {
  const rooted: Record<string, StatementDoc> = {};
  for (const [relative, doc] of Object.entries(table)) {
    const key = relative === '' ? prefix : `${prefix} ${relative}`;
    rooted[key] = doc.seeAlso
      ? { ...doc, seeAlso: doc.seeAlso.map((p) => (p.startsWith('./') ? `${prefix} ${p.slice(2)}`.trim() : p)) }
      : doc;
  }
  return rooted;
}
