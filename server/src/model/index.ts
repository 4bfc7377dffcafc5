/**
 * model/index.ts: the configuration model's public API: `buildConfig` and the `ConfigModel` it returns.
 * Owns: putting the builder, groups expansion, problems and queries together; caching the effective view,
 *   the word index and the scope index (built on first use, or by `prepareQueries`); `updateConfig`, the
 *   model after one edit made from the model before it (model/incremental.ts), which gives that one up,
 *   its query indexes included: the new model derives its own from them on first use (query.ts `derive`);
 *   a single-document model keeps what an update needs also when its tree has parse errors in a few small
 *   units (model/incremental.ts `errorUnitsOf`).
 * Must not know: LSP, line/column positions (offsets only), the engine.
 * Invariants: never throws on any input; `root` is the configuration as written (all forms applied,
 *   inactive statements and groups kept); `effective()` is computed once and cached.
 * Tests: test/src/model/*.test.ts
 */
import type { Schema } from '../schema/types';
import { buildTree, type ScopeRecord } from './build';
import { effectiveTree, groupFree, undefinedGroupProblems } from './groups';
import { documentForm, errorUnitsOf, updateTree, type IncrementalState, type ModelChange, type ModelEdit, type UnitChange } from './incremental';
import type { ModelProblem } from './problems';
import { all, contextAt, contextAtTypedLine, find, ScopeIndex, WordIndex, type CursorContext, type NodeAtOffset, type TypedLine } from './query';
import type { SourceDoc } from './source';
import type { ConfigNode } from './tree';

export type { ModelProblem, ModelProblemCode, ModelSeverity } from './problems';
export type { ModelChange, ModelEdit, UnitChange } from './incremental';
export type { CursorContext, NodeAtOffset, TypedLine } from './query';
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
  /** groups expanded, inactive statements and `groups`/`apply-groups` removed; `root` itself when there
   *  is nothing to expand or drop (groups.ts `plainTree`), else new nodes, each with `origin`: find a
   *  node's written node with `origin?.node ?? node`; never mutate effective nodes */
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
  /** `contextAt` in a newer text of document `docId` where only `line` was typed since this model: the
   *  blocks and edit level around it are this model's at `anchor` (an offset of this model's text), the
   *  line's words are `line`'s; `offset` and `text` are the newer text's (see query.ts) */
  contextAtTypedLine?(docId: string, anchor: number, line: TypedLine, offset: number, text: string): CursorContext | undefined;
  /** set on a model made by `updateConfig`: what the update changed in the previous model's tree (which
   *  this model reuses, nodes included, outside the change) */
  readonly change?: ModelChange;
  /** with `change`: the part of the text the update read again (offsets before and after the edit);
   *  undefined once a later update used this model up (its tree is no longer this text's) */
  readonly unit?: UnitChange;
  /** builds the offset indexes `nodeAt` and `contextAt` use (otherwise built on their first call), so
   *  a caller can pay for them off the request path; idempotent */
  prepareQueries(): void;
}

/** Builds the model of one configuration from one or more documents, applied in the order given. */
export function buildConfig(docs: SourceDoc | readonly SourceDoc[], schema: Schema | undefined): ConfigModel {
  const list: readonly SourceDoc[] = Array.isArray(docs) ? docs : [docs as SourceDoc];
  const built = buildTree(list, schema);
  const groupProblems = undefinedGroupProblems(built.root);
  const problems = [...built.problems, ...groupProblems];
  const texts = new Map(list.map((d) => [d.id, d.text]));
  const model = new BuiltModel(built.root, problems, built.scopes, texts);
  const only = list.length === 1 ? list[0]! : undefined;
  // a tree with parse errors keeps its state too when they lie in a few small units (model/incremental.ts
  // `errorUnitsOf`): an update reads them again when it touches them, else checks they stayed as they were
  const errorUnits = only ? errorUnitsOf(only.tree.rootNode) : undefined;
  const form = only && errorUnits ? documentForm(only.tree.rootNode, only.text, true) : undefined;
  if (only && form && errorUnits) {
    model.incremental = {
      docId: only.id, text: only.text, form, root: built.root, rootSchema: schema?.root,
      buildProblems: built.problems, groupProblems, scopes: built.scopes, loose: built.loose, chunks: built.chunks, groupFree: groupFree(built.root), effective: undefined,
      errorUnits,
    };
  }
  return model;
}

/**
 * The model of `doc` after one edit of the document `previous` was built from, made by re-reading only
 * the statement or command the edit fell in (model/incremental.ts); undefined when that cannot be done
 * (then build it with `buildConfig`). `previous` is used up either way: its tree may have been changed.
 */
export function updateConfig(previous: ConfigModel, doc: SourceDoc, edit: ModelEdit): ConfigModel | undefined {
  if (!(previous instanceof BuiltModel) || !previous.incremental) return undefined;
  const state = previous.takeIncremental()!;
  const next = updateTree(state, doc, edit);
  if (!next) return undefined;
  const model = new BuiltModel(next.root, [...next.buildProblems, ...next.groupProblems], next.scopes, new Map([[doc.id, doc.text]]));
  model.incremental = next;
  if (next.effective) model.seedEffective(next.effective);
  const indexes = previous.takeIndexes();
  if (next.change && next.unit) model.deriveIndexesFrom(indexes, doc.id, next.change, next.unit);
  return model;
}

/** The query indexes a model had built (either may be missing). */
interface Indexes {
  readonly words: WordIndex | undefined;
  readonly scopes: ScopeIndex | undefined;
}

class BuiltModel implements ConfigModel {
  private effectiveRoot: ConfigNode | undefined;
  private wordIndexBuilt: WordIndex | undefined;
  private scopeIndexBuilt: ScopeIndex | undefined;
  /** after an incremental update: the previous model's indexes and what changed, to derive ours from on
   *  first use (valid until this model is used up by the next update) */
  private pending: { readonly from: Indexes; readonly docId: string; readonly change: ModelChange; readonly unit: UnitChange } | undefined;

  constructor(
    readonly root: ConfigNode,
    readonly problems: readonly ModelProblem[],
    private readonly scopes: readonly ScopeRecord[],
    private readonly texts: ReadonlyMap<string, string>,
  ) {}

  /** what model/incremental.ts needs to update this model's tree after an edit (single-document models) */
  incremental: IncrementalState | undefined;

  get change(): ModelChange | undefined {
    return this.incremental?.change ?? this.lastChange;
  }

  get unit(): UnitChange | undefined {
    return this.incremental?.unit;
  }

  /** kept when the incremental state is taken (the change stays readable) */
  private lastChange: ModelChange | undefined;

  /** The incremental state with the effective tree if computed; the model must not be used afterwards. */
  takeIncremental(): IncrementalState | undefined {
    // indexes still to derive are derived now, while what they come from is as it was (cheap)
    if (this.pending) this.prepareQueries();
    this.pending = undefined;
    const state = this.incremental;
    this.lastChange = state?.change;
    this.incremental = undefined;
    return state && { ...state, effective: state.groupFree ? this.effectiveRoot : undefined };
  }

  seedEffective(effective: ConfigNode): void {
    this.effectiveRoot = effective;
  }

  effective(): ConfigNode {
    return (this.effectiveRoot ??= effectiveTree(this.root));
  }

  find(path: readonly string[]): ConfigNode | undefined {
    return find(this.root, path);
  }

  all(pattern: readonly string[]): ConfigNode[] {
    return all(this.root, pattern);
  }

  /** The indexes built so far, handed to the model an update makes from this one (this one is used up). */
  takeIndexes(): Indexes {
    const taken = { words: this.wordIndexBuilt, scopes: this.scopeIndexBuilt };
    this.wordIndexBuilt = undefined;
    this.scopeIndexBuilt = undefined;
    return taken;
  }

  deriveIndexesFrom(from: Indexes, docId: string, change: ModelChange, unit: UnitChange): void {
    if (from.words || from.scopes) this.pending = { from, docId, change, unit };
  }

  private get wordIndex(): WordIndex {
    if (!this.wordIndexBuilt) {
      const p = this.pending;
      const derived = p?.from.words && WordIndex.derive(p.from.words, {
        docId: p.docId, start: p.unit.start, oldEnd: p.unit.oldEnd, newEnd: p.unit.newEnd, path: p.change.path, mentioned: p.change.mentioned, added: p.change.added,
      });
      this.wordIndexBuilt = derived || new WordIndex(this.root);
      if (this.scopeIndexBuilt) this.pending = undefined;
    }
    return this.wordIndexBuilt;
  }

  private get scopeIndex(): ScopeIndex {
    if (!this.scopeIndexBuilt) {
      const p = this.pending;
      const derived = p?.from.scopes && ScopeIndex.derive(p.from.scopes, { docId: p.docId, start: p.unit.start, removed: p.unit.removedScopes, added: p.unit.addedScopes }, this.scopes);
      this.scopeIndexBuilt = derived || new ScopeIndex(this.scopes);
      if (this.wordIndexBuilt) this.pending = undefined;
    }
    return this.scopeIndexBuilt;
  }

  nodeAt(docId: string, offset: number): NodeAtOffset | undefined {
    return this.wordIndex.at(docId, offset);
  }

  contextAt(docId: string, offset: number): CursorContext | undefined {
    return contextAt(this.root, this.scopeIndex, docId, offset, this.texts.get(docId));
  }

  contextAtTypedLine(docId: string, anchor: number, line: TypedLine, offset: number, text: string): CursorContext | undefined {
    return contextAtTypedLine(this.root, this.scopeIndex, docId, anchor, line, offset, text);
  }

  prepareQueries(): void {
    void this.wordIndex;
    void this.scopeIndex;
  }
}
