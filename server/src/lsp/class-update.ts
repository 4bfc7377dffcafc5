/**
 * lsp/class-update.ts: the schema classes of a new analysis (ide/schema-tokens.ts), updated from those of
 *   the analysis it was made from when its model was updated in place, instead of classifying every word.
 * Owns: the rule for when that is allowed and how: the model update re-read one unit of the text (the
 *   statement or `set` lines the edit fell in: the model's `unit`, with its `change`); the
 *   words there are classed again from the nodes that can hold them (the added subtrees, the nodes on the
 *   way to them and those whose mentions changed, in the walk's order), the rows around them keep their
 *   classes, moved by the unit's growth. A word's class also depends on what the reference index says of
 *   it (definition name word, use: `referenceMarks`); when that changed for any word outside the unit,
 *   everything is classified again. Also when the update is not known (a full build, the unit no longer
 *   readable, no classes of the analysis before) or a word crosses the unit's bounds.
 *   A full classification can also be run in slices (`FullClassification`: the server yields between them).
 * Must not know: LSP types, the token encoding, how the model update decides its unit.
 * Invariants: `updatedClasses` gives exactly `classifyWords` + `ClassRows.fromWords` of the new analysis
 *   (or undefined); it reads the model and the index, never changes them; never throws.
 * Tests: test/src/lsp/class-update.test.ts (random edits and typed lines against a full classification)
 */
import { performance } from 'node:perf_hooks';
import { comparePreOrder as preOrder } from '../analysis/change';
import type { DocumentAnalysis } from '../analysis/index';
import type { ClassifiedWord } from '../ide/schema-tokens';
import { classifyNodeWords, ReferenceMarks, WordWalk } from '../ide/schema-tokens';
import type { ConfigNode } from '../model/index';
import type { Schema } from '../schema/types';
import type { LineIndex } from '../text/line-index';
import { ClassRows } from './class-rows';

/** The classes of one analysis, with what the next update compares. */
export interface AnalysisClasses {
  readonly classes: ClassRows;
  /** what the analysis's reference index says of each word */
  readonly marks: ReferenceMarks;
}

/** Every word classified (`lines`: the line index of the analysed text). */
export function fullClasses(analysis: DocumentAnalysis, schema: Schema, docId: string, lines: LineIndex): AnalysisClasses {
  return new FullClassification(analysis, schema, docId, lines).finish();
}

/** Nodes walked between two looks at the clock (`FullClassification.run`). */
const NODES_PER_LOOK = 64;

/**
 * `fullClasses` in slices: `run` walks for about as long as it is given, `finish` walks the rest (the
 * same classes either way). The analysis's model must not change in between (its tree is updated in
 * place by the next model update: the caller drops the classification before that).
 */
export class FullClassification {
  private readonly marks: ReferenceMarks;
  private readonly walk: WordWalk;
  private classes: AnalysisClasses | undefined;
  /** how many slices `run` walked */
  slices = 0;

  constructor(
    readonly analysis: DocumentAnalysis,
    schema: Schema,
    docId: string,
    private readonly lines: LineIndex,
  ) {
    this.marks = ReferenceMarks.of(analysis.references, docId);
    this.walk = new WordWalk({ model: analysis.model, references: analysis.references, schema, docId }, this.marks);
  }

  /** Walks on for about `ms` milliseconds; true when every word is classified (`finish` then only
   *  stores them per row). */
  run(ms: number): boolean {
    this.slices++;
    const until = performance.now() + ms;
    while (!this.walk.step(NODES_PER_LOOK)) if (performance.now() >= until) return false;
    return true;
  }

  /** The classes (the rest of the walk done now). */
  finish(): AnalysisClasses {
    return (this.classes ??= { classes: ClassRows.fromWords(this.walk.result(), this.lines), marks: this.marks });
  }
}

/**
 * The classes of `analysis` from `previous`, the classes of the analysis its model was updated from (the
 * caller knows that: lsp/analysis-lineage.ts), or undefined when they must all be computed again.
 */
export function updatedClasses(previous: AnalysisClasses, analysis: DocumentAnalysis, schema: Schema, docId: string, lines: LineIndex): AnalysisClasses | undefined {
  try {
    const model = analysis.model;
    const change = model.change;
    const unit = model.unit;
    if (!change || !unit) return undefined;
    const edit = change.edit;
    const delta = unit.newEnd - unit.oldEnd;
    if (edit.newEnd - edit.oldEnd !== delta) return undefined;
    // the text read again, before and after (the edit lies inside the unit; taken together all the same)
    const start = Math.min(unit.start, edit.start);
    const oldEnd = Math.max(unit.oldEnd, edit.oldEnd);
    const newEnd = oldEnd + delta;
    if (newEnd < start) return undefined;
    const old = previous.classes;
    const marks = ReferenceMarks.updated(previous.marks, analysis.references, docId, start, oldEnd, newEnd);
    if (!marks) return undefined;

    const firstRow = lines.positionAt(start).line;
    const oldLastRow = old.lines.positionAt(oldEnd).line;
    const newLastRow = lines.positionAt(newEnd).line;
    if (old.lines.positionAt(start).line !== firstRow || old.lines.lineCount - oldLastRow !== lines.lineCount - newLastRow) return undefined;
    // a word of an earlier row reaching into the first one: a long multi-line word (rare), not split here
    if (old.firstReaching(firstRow) !== firstRow) return undefined;

    const recomputed = classifyNodeWords({ model, references: analysis.references, schema, docId }, marks, nodesToRead(model.root, change), start, newEnd);
    if (!recomputed) return undefined;
    const words: ClassifiedWord[] = [];
    for (const w of old.wordsOfRows(firstRow, firstRow)) {
      if (w.start >= start) break;
      if (w.end > start) return undefined;
      words.push(w);
    }
    for (const w of recomputed) {
      if (w.end > newEnd) return undefined;
      words.push(w);
    }
    for (const w of old.wordsOfRows(oldLastRow, oldLastRow)) {
      if (w.start < oldEnd) {
        if (w.end > oldEnd && w.start >= start) return undefined;
        continue;
      }
      words.push({ start: w.start + delta, end: w.end + delta, cls: w.cls });
    }
    // (a word of the last row's kept part reaching further rows keeps its span: the text after is the same)
    return { classes: old.spliced(firstRow, oldLastRow, newLastRow, words, lines), marks };
  } catch {
    return undefined;
  }
}

/**
 * The nodes that can hold a word of the unit read again, in pre-order: the nodes on the way to the
 * change's parent and those whose mentions changed (with their ancestors), and the added subtrees.
 */
function nodesToRead(root: ConfigNode, change: NonNullable<DocumentAnalysis['model']['change']>): ConfigNode[] {
  const added: ConfigNode[] = [];
  const inAdded = new Set<ConfigNode>();
  for (const top of change.added) {
    const stack = [top];
    while (stack.length > 0) {
      const n = stack.pop()!;
      added.push(n);
      inAdded.add(n);
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
    }
  }
  const others: ConfigNode[] = [];
  const seen = new Set<ConfigNode>();
  const take = (n: ConfigNode | undefined): void => {
    for (let m = n; m && m !== root && !seen.has(m) && !inAdded.has(m); m = m.parent) {
      seen.add(m);
      others.push(m);
    }
  };
  for (const n of change.path) take(n);
  for (const n of change.mentioned) take(n);
  others.sort(preOrder);
  if (added.length === 0) return others;
  // the added subtrees come after every node before their first top in pre-order, and before the rest
  const first = change.added[0]!;
  let at = 0;
  while (at < others.length && preOrder(others[at]!, first) < 0) at++;
  return [...others.slice(0, at), ...added, ...others.slice(at)];
}
