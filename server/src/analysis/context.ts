/**
 * analysis/context.ts: what every rule family reads: the model, the schema, the options, and the one walk
 *   of the written and effective trees that all rules share.
 * Owns: the single pre-order walk (so no rule walks the tree again), the "tainted" lines (statements a
 *   reported unknown-statement or syntax problem already explains, whose consequences must not be
 *   reported twice), and small span helpers.
 * Must not know: LSP types, line/column positions (it only asks "same line?" of offsets), rule logic.
 * Invariants: built once per analysis (its walks on first use: an incremental run needs none); pure reads
 *   of the model; never throws.
 * Tests: test/src/analysis/*.test.ts (through analyzeDocument)
 */
import type { ConfigModel, ConfigNode, Word } from '../model/index';
import type { Schema } from '../schema/types';
import type { Platform } from './platform';

export interface AnalysisOptions {
  readonly platform: Platform;
}

export interface AnalysisContext {
  readonly docId: string;
  readonly text: string;
  readonly model: ConfigModel;
  readonly schema: Schema;
  readonly options: AnalysisOptions;
  /** written nodes in pre-order (root excluded), `groups` contents excluded */
  readonly written: readonly ConfigNode[];
  /** written nodes inside `groups NAME` (checked for values only) */
  readonly inGroups: readonly ConfigNode[];
  /** effective nodes in pre-order (root excluded) */
  readonly effective: readonly ConfigNode[];
  /** true when the offset is on a line whose statement an earlier reported problem already explains */
  isTainted(docId: string, offset: number): boolean;
}

export function preOrder(root: ConfigNode, skip?: (n: ConfigNode) => boolean): ConfigNode[] {
  const out: ConfigNode[] = [];
  const stack: ConfigNode[] = [];
  for (let i = root.children.length - 1; i >= 0; i--) stack.push(root.children[i]!);
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (skip?.(n)) continue;
    out.push(n);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return out;
}

/** The lines of one text that hold something already reported (looked up by line start, no scans). */
export class LineSet {
  private readonly starts = new Set<number>();

  constructor(private readonly text: string) {}

  lineStart(offset: number): number {
    return offset <= 0 ? 0 : this.text.lastIndexOf('\n', offset - 1) + 1;
  }

  addOffset(offset: number): void {
    this.starts.add(this.lineStart(offset));
  }

  has(offset: number): boolean {
    return this.starts.size > 0 && this.starts.has(this.lineStart(offset));
  }

  /** the start offsets of the lines held */
  get lines(): ReadonlySet<number> {
    return this.starts;
  }
}

/** The first word that names a node (keyword, else first key, else first value). */
export function nodeWord(node: ConfigNode): Word | undefined {
  return node.keywordWord ?? node.mentions[0] ?? node.keys[0] ?? node.values[0];
}

/** The written node an effective node came from. */
export function writtenOf(node: ConfigNode): ConfigNode {
  return node.origin?.node ?? node;
}

/** Statement path as a Junos `[edit ...]` banner would print it. */
export function pathText(node: ConfigNode | undefined): string {
  const parts: string[] = [];
  for (let n = node; n && n.role !== 'root'; n = n.parent) {
    const keys = n.keys.map((k) => k.text);
    parts.unshift(...(n.keywordHidden ? keys : [n.keyword, ...keys]));
  }
  return parts.join(' ');
}

/** Statement names only (no keys): the schema path of a node. */
export function schemaPathOf(node: ConfigNode): string[] {
  const parts: string[] = [];
  for (let n: ConfigNode | undefined = node; n && n.role !== 'root'; n = n.parent) parts.unshift(n.keyword);
  return parts;
}

/** True when the node or one of its descendants is an unknown statement (a reported problem). */
export function hasUnknownBelow(node: ConfigNode): boolean {
  const stack = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.role === 'unknown') return true;
    for (const c of n.children) stack.push(c);
  }
  return false;
}
