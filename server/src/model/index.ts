/**
 * model/index.ts: the configuration model's public API: `buildConfig` and the `ConfigModel` it returns.
 * Owns: putting the builder, groups expansion, problems and queries together; caching the effective view
 *   and the word index.
 * Must not know: LSP, line/column positions (offsets only), the engine.
 * Invariants: never throws on any input; `root` is the configuration as written (all forms applied,
 *   inactive statements and groups kept); `effective()` is computed once and cached.
 * Tests: test/src/model/*.test.ts
 */
import type { Schema } from '../schema/types';
import { buildTree, type ScopeRecord } from './build';
import { effectiveTree, undefinedGroupProblems } from './groups';
import type { ModelProblem } from './problems';
import { all, contextAt, find, WordIndex, type CursorContext, type NodeAtOffset } from './query';
import type { SourceDoc } from './source';
import type { ConfigNode } from './tree';

export type { ModelProblem, ModelProblemCode, ModelSeverity } from './problems';
export type { CursorContext, NodeAtOffset } from './query';
export type { Item, SourceDoc, SyntaxNodeLike, SyntaxTreeLike, Word, WordKind, WordSource } from './source';
export type { ConfigNode, NodeNote, NodeRole, Provenance } from './tree';
export { isInactive, nodePath, wordsOf } from './tree';
export { toCurly, toSetCommands, quoteWord } from './print';
export { isWildcard, wildcardMatches } from './groups';
export { sameValue, sameValues } from './compare';

export interface ConfigModel {
  /** the configuration as written: every form applied in order, inactive nodes and groups kept */
  readonly root: ConfigNode;
  /** problems found while building (unknown statements, missing values, bad commands, undefined groups) */
  readonly problems: readonly ModelProblem[];
  /** groups expanded, inactive statements and `groups`/`apply-groups` removed; every node has `origin` */
  effective(): ConfigNode;
  /** the written node at an exact path of words */
  find(path: readonly string[]): ConfigNode | undefined;
  /** written nodes matching a pattern, `*` = any one word */
  all(pattern: readonly string[]): ConfigNode[];
  /** deepest written node with a word at `offset` (a cursor right after a word counts) */
  nodeAt(docId: string, offset: number): NodeAtOffset | undefined;
  /** statement path and expected next word at `offset`, also inside half-typed statements; between
   *  statements at the top of a set file, the edit level left by the commands before it */
  contextAt(docId: string, offset: number): CursorContext | undefined;
}

/** Builds the model of one configuration from one or more documents, applied in the order given. */
export function buildConfig(docs: SourceDoc | readonly SourceDoc[], schema: Schema | undefined): ConfigModel {
  const list: readonly SourceDoc[] = Array.isArray(docs) ? docs : [docs as SourceDoc];
  const built = buildTree(list, schema);
  const problems = [...built.problems, ...undefinedGroupProblems(built.root)];
  const texts = new Map(list.map((d) => [d.id, d.text]));
  return new BuiltModel(built.root, problems, built.scopes, texts);
}

class BuiltModel implements ConfigModel {
  private effectiveRoot: ConfigNode | undefined;
  private wordIndex: WordIndex | undefined;

  constructor(
    readonly root: ConfigNode,
    readonly problems: readonly ModelProblem[],
    private readonly scopes: readonly ScopeRecord[],
    private readonly texts: ReadonlyMap<string, string>,
  ) {}

  effective(): ConfigNode {
    return (this.effectiveRoot ??= effectiveTree(this.root));
  }

  find(path: readonly string[]): ConfigNode | undefined {
    return find(this.root, path);
  }

  all(pattern: readonly string[]): ConfigNode[] {
    return all(this.root, pattern);
  }

  nodeAt(docId: string, offset: number): NodeAtOffset | undefined {
    return (this.wordIndex ??= new WordIndex(this.root)).at(docId, offset);
  }

  contextAt(docId: string, offset: number): CursorContext | undefined {
    return contextAt(this.root, this.scopes, docId, offset, this.texts.get(docId));
  }
}
