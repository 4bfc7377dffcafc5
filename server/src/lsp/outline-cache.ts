/**
 * lsp/outline-cache.ts: the hierarchical document symbols (LSP) of a document, breadth-first up to a limit
 *   (`junos.maxItemsComputed`), with what the set form's grouping reads kept from one version to the next.
 * Owns: making only the symbols an answer keeps: the top level's items (curly statements, set commands
 *   grouped by their first two path words) are listed as pending items with their offsets, and symbols are
 *   made breadth-first (all of the top level, then the children of the first kept item, of the second, ...)
 *   until the limit; a statement's children are listed only when it is kept. Kept across versions: per
 *   top-level set command (the plain tree copy, ide/tree-mirror.ts, reuses the object of every subtree an
 *   edit did not touch), its verb and first two own words (all the grouping reads) as numbers in three
 *   16-bit columns aligned with the document's top-level items of its last call by identity
 *   (ide/aligned-items.ts; 6 bytes a command: 1.5 MB held at 100,000 set lines with the column and word
 *   tables, was 12 MB with an object and a weak-map entry per command): reading the words of 100,000
 *   commands again costs more (~120 ms) than the grouping itself; per statement whose symbol an answer kept, its own part (name,
 *   detail, kind, selection relative to its start: the same while its node is reused). Symbols are
 *   not kept (positions move with every new line): at the default limit an answer makes 5,000, and keeping
 *   one per statement and command held 32 MB (curly) / 62 MB (set) at 100,000 lines.
 *   With no limit (0), every symbol is made on every request (as the from-scratch outline does).
 * Must not know: how symbols are named or grouped (ide/document-symbols.ts).
 * Invariants: `documentSymbols(..., 0).items` equals `toDocumentSymbols(lines, documentOutline(text, root))`
 *   and with a limit it equals the breadth-first cut of that (ide/result-limit.ts) (randomized tests);
 *   `cut` says whether anything was left out; answers are fresh objects; a text with a `\r` is computed
 *   from scratch (then cut); never throws where the from-scratch path does not.
 * Tests: test/src/lsp/outline-cache.test.ts
 */
import type { DocumentSymbol } from 'vscode-languageserver/node';
import {
  bannerWords,
  blockStatements,
  commandGroup,
  commandVerb,
  displayName,
  documentOutline,
  groupCommands,
  shownWords,
  sortByStart,
  statementHead,
  wordOf,
  type CommandGrouping,
  type OutlineSymbol,
  type StatementHead,
  type Word,
} from '../ide/document-symbols';
import { alignedColumns } from '../ide/aligned-items';
import { firstSymbolsBreadthFirst, type Limited } from '../ide/result-limit';
import { bodyOf, headWords, presentChildren } from '../ide/syntax-shape';
import type { SyntaxNodeLike } from '../model/source';
import { detached, WordNumbers } from '../text/detached';
import type { LineIndex } from '../text/line-index';
import { toDocumentSymbols } from './convert';

/** What the grouping reads of a set command: its verb and first two own words (undefined past its words). */
interface CommandFacts {
  readonly verb: string;
  readonly firstWord: string | undefined;
  readonly secondWord: string | undefined;
}

/** A column entry for an item the columns do not keep (not a command, or a word past the numbering's limit). */
const NOT_KEPT = 0xffff;
/** A column entry for a command without that word. */
const NO_WORD = 0xfffe;

/** Per document: the top level's items at the last call and, per command among them, its verb and first two
 *  own words as numbers in three columns (6 bytes a command, not an object and a weak-map entry). */
interface TopCommands {
  readonly kids: readonly SyntaxNodeLike[];
  readonly verbs: Uint16Array;
  readonly firstWords: Uint16Array;
  readonly secondWords: Uint16Array;
}

/** An item of the outline not made yet: its offsets, its symbol (children left empty) and its items. */
interface Pending {
  readonly start: number;
  readonly end: number;
  make(): DocumentSymbol;
  items(): readonly Pending[];
}

export class OutlineCache {
  /** the own part of each statement whose symbol was made (only those an answer kept) */
  private readonly heads = new WeakMap<SyntaxNodeLike, KeptHead>();
  /** the distinct verbs and words of the commands kept, numbered (they repeat on most lines), copies of
   *  their own (text/detached.ts) */
  private readonly words: WordNumbers;
  /** per document (most recent last) */
  private readonly tops = new Map<string, TopCommands>();

  /** `wordLimit`: distinct words numbered at most (commands with others are read again at every call) */
  constructor(wordLimit = SHARED_WORDS) {
    this.words = new WordNumbers(Math.min(wordLimit, NO_WORD));
  }

  /** The document symbols of `text` (parsed as `root`), breadth-first up to `limit` symbols (0: all). `doc`
   *  names the document: its top level is matched with the one of its last call (ide/aligned-items.ts). */
  documentSymbols(text: string, root: SyntaxNodeLike, lines: LineIndex, doc = '', limit = 0): Limited<DocumentSymbol> {
    if (text.includes('\r')) return firstSymbolsBreadthFirst(toDocumentSymbols(lines, documentOutline(text, root)), limit);
    const top: Pending[] = [];
    const words = this.words;
    const kids = presentChildren(root);
    // a word got no number at the last calls: forget the words no kept column holds any more
    if (words.full) words.renumber([...this.tops.values()].flatMap((t) => [t.verbs, t.firstWords, t.secondWords]));
    const last = this.tops.get(doc);
    this.tops.delete(doc);
    const columns = last && { kids: last.kids, columns: [last.verbs, last.firstWords, last.secondWords] };
    const [verbs, firstWords, secondWords] = alignedColumns(kids, columns, 3, NOT_KEPT) as [Uint16Array, Uint16Array, Uint16Array];
    // the commands (by index among the top level's items), the banner path above each, and the facts of
    // those the columns cannot keep (words past the numbering's limit), for this call only
    const commands: number[] = [];
    const banners: (readonly Word[])[] = [];
    const unkept = new Map<number, CommandFacts>();
    let banner: readonly Word[] = NO_WORDS;
    const numbered = (word: string | undefined): number => (word === undefined ? NO_WORD : words.numberOf(word));
    for (let i = 0; i < kids.length; i++) {
      const item = kids[i]!;
      if (item.type === 'statement') top.push(new StatementItem(text, item, lines, this.heads));
      else if (item.type === 'banner') {
        banner = bannerWords(text, item);
      } else if (item.type === 'command') {
        if (verbs[i] === NOT_KEPT) {
          const facts = commandFacts(text, item);
          const verb = numbered(facts.verb);
          const first = numbered(facts.firstWord);
          const second = numbered(facts.secondWord);
          if (verb >= 0 && first >= 0 && second >= 0) {
            verbs[i] = verb;
            firstWords[i] = first;
            secondWords[i] = second;
          } else unkept.set(i, facts);
        }
        commands.push(i);
        banners[i] = banner;
      }
    }
    this.tops.set(doc, { kids, verbs, firstWords, secondWords });
    while (this.tops.size > TOPS_KEPT) this.tops.delete(this.tops.keys().next().value!);
    const wordOf = (n: number): string | undefined => (n === NO_WORD ? undefined : words.wordOf(n));
    const factsOf = (i: number): CommandFacts =>
      unkept.get(i) ?? { verb: words.wordOf(verbs[i]!), firstWord: wordOf(firstWords[i]!), secondWord: wordOf(secondWords[i]!) };
    const ownWordAt = (i: number, index: number): string | undefined => {
      const held = unkept.get(i);
      if (held) return index === 0 ? held.firstWord : index === 1 ? held.secondWord : undefined;
      return index === 0 ? wordOf(firstWords[i]!) : index === 1 ? wordOf(secondWords[i]!) : undefined;
    };
    const grouping: CommandGrouping<number, Pending> = {
      // from depth 2 on the key is not read (each command is its own symbol there)
      keyAt: (i, depth) => {
        if (depth >= 2) return undefined;
        const path = banners[i]!;
        return depth < path.length ? path[depth]!.text : ownWordAt(i, depth - path.length);
      },
      headAt: (i, depth) => pathWords(text, kids[i]!, banners[i]!)[depth]!,
      command: (i, depth) => new CommandItem(text, kids[i]!, factsOf(i).verb, banners[i]!, depth, lines),
      group: (head, count, children) => {
        const group = commandGroup(head, count, children, children);
        return { start: group.start, end: group.end, make: () => withChildren(lines, group, []), items: () => children };
      },
      startOf: (item) => item.start,
    };
    const grouped = groupCommands(commands, 0, grouping);
    return breadthFirst(sortByStart([...top, ...grouped], (item) => item.start), limit);
  }
}

/** The symbols of `top` and their items made breadth-first, up to `limit` (0: all). */
function breadthFirst(top: readonly Pending[], limit: number): Limited<DocumentSymbol> {
  const room = limit > 0 ? limit : Infinity;
  const queue: { readonly item: Pending; readonly symbol: DocumentSymbol }[] = [];
  const symbols: DocumentSymbol[] = [];
  for (const item of top.slice(0, Math.min(top.length, room))) {
    const symbol = item.make();
    symbols.push(symbol);
    queue.push({ item, symbol });
  }
  let made = symbols.length;
  let cut = top.length > made;
  for (let head = 0; head < queue.length; head++) {
    const { item, symbol } = queue[head]!;
    const items = item.items();
    if (made >= room) {
      // the limit is reached: anything still below a kept symbol is left out
      if (items.length > 0) {
        cut = true;
        break;
      }
      continue;
    }
    for (const child of items) {
      if (made >= room) {
        cut = true;
        break;
      }
      const childSymbol = child.make();
      symbol.children!.push(childSymbol);
      queue.push({ item: child, symbol: childSymbol });
      made++;
    }
  }
  return { items: symbols, cut };
}

/** A statement's own part, with its selection relative to its start (a reused node keeps its text). */
interface KeptHead {
  readonly name: string;
  readonly detail: string;
  readonly kind: StatementHead['kind'];
  readonly selectionStart: number;
  readonly selectionEnd: number;
}

/** A curly statement's item (its children are its block's statements). */
class StatementItem implements Pending {
  readonly start: number;
  readonly end: number;
  constructor(
    private readonly text: string,
    private readonly node: SyntaxNodeLike,
    private readonly lines: LineIndex,
    private readonly heads: WeakMap<SyntaxNodeLike, KeptHead>,
  ) {
    this.start = node.startIndex;
    this.end = node.endIndex;
  }
  private head(): KeptHead {
    let head = this.heads.get(this.node);
    if (!head) {
      const made = statementHead(this.text, this.node);
      // kept across versions: copies of their own, not slices of this version's text (text/detached.ts)
      head = { name: detached(made.name), detail: detached(made.detail), kind: made.kind, selectionStart: made.selectionStart - this.start, selectionEnd: made.selectionEnd - this.start };
      this.heads.set(this.node, head);
    }
    return head;
  }
  make(): DocumentSymbol {
    const head = this.head();
    const outline = { name: head.name, detail: head.detail, kind: head.kind, start: this.start, end: this.end, selectionStart: this.start + head.selectionStart, selectionEnd: this.start + head.selectionEnd };
    return withChildren(this.lines, outline, []);
  }
  items(): readonly Pending[] {
    // read through the node (a reused subtree's offsets move as its children are read: ide/tree-mirror.ts)
    return blockStatements(bodyOf(this.node)).map((child) => new StatementItem(this.text, child, this.lines, this.heads));
  }
}

/** A set command's item at `depth` of the grouping (no children). */
class CommandItem implements Pending {
  readonly start: number;
  readonly end: number;
  constructor(
    private readonly text: string,
    private readonly node: SyntaxNodeLike,
    private readonly verb: string,
    private readonly banner: readonly Word[],
    private readonly depth: number,
    private readonly lines: LineIndex,
  ) {
    this.start = node.startIndex;
    this.end = node.endIndex;
  }
  make(): DocumentSymbol {
    const { text, node, depth } = this;
    const shown = shownWords(pathWords(text, node, this.banner), depth);
    const own = shown.filter((w) => w.start >= node.startIndex && w.end <= node.endIndex);
    return withChildren(
      this.lines,
      {
        name: shown.length > 0 ? displayName(shown) : this.verb,
        detail: this.verb,
        kind: 'command',
        start: node.startIndex,
        end: node.endIndex,
        selectionStart: own[0]?.start ?? node.startIndex,
        selectionEnd: own[own.length - 1]?.end ?? node.endIndex,
      },
      [],
    );
  }
  items(): readonly Pending[] {
    return NO_ITEMS;
  }
}

const NO_ITEMS: readonly Pending[] = Object.freeze([]);

/** Documents whose top level the cache keeps. */
const TOPS_KEPT = 4;

/** Distinct words a cache numbers at most (sharing only saves memory; past it commands are read again). */
const SHARED_WORDS = 50_000;

/** A command's verb and first two own words, read from its node. */
function commandFacts(text: string, node: SyntaxNodeLike): CommandFacts {
  const heads = headWords(node);
  const wordAt = (i: number): string | undefined => (i < heads.length ? text.slice(heads[i]!.startIndex, heads[i]!.endIndex) : undefined);
  return { verb: commandVerb(text, node), firstWord: wordAt(0), secondWord: wordAt(1) };
}

const NO_WORDS: readonly Word[] = Object.freeze([]);

/** The banner's words and the command's own (read from its node), at their current offsets. */
function pathWords(text: string, node: SyntaxNodeLike, banner: readonly Word[]): Word[] {
  return [...banner, ...headWords(node).map((w) => wordOf(text, w))];
}

/** The LSP symbol of `outline` (its own children ignored) with `children`, converted as convert.ts does. */
function withChildren(lines: LineIndex, outline: Omit<OutlineSymbol, 'children'>, children: DocumentSymbol[]): DocumentSymbol {
  const symbol = toDocumentSymbols(lines, [{ ...outline, children: [] }])[0]!;
  symbol.children = children;
  return symbol;
}
