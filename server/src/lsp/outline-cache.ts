/**
 * lsp/outline-cache.ts: the hierarchical document symbols (LSP) of a document, kept from one version to the
 *   next per syntax node, so an edit costs what it touches.
 * Owns: the symbols made for each statement and command node of the plain tree copy (ide/tree-mirror.ts),
 *   with the position they were made at. The copy reuses the object of every subtree an edit did not touch
 *   (its text unchanged, only moved), so a node seen again keeps its symbols: as they are when it did not
 *   move, else copied with every position moved (lines by the node's line shift; characters on its first
 *   line also by its column shift: the other lines start inside it). Nodes new to this version are
 *   made afresh from their parts (ide/document-symbols.ts), their children through the cache again; set
 *   commands are grouped again on every request from their first two words, kept (a group depends on all).
 *   The top level's items are matched with the document's last call by identity (ide/aligned-items.ts), so
 *   a 100,000-command file costs no weak-map lookup per command; still, the set form's grouping and the
 *   position of each command are O(commands) per request (~130-170 ms at 100,000 set lines, measured).
 *   Memory: one symbol per statement and command stays held (tens of MB at 100,000 lines) while its node lives.
 * Must not know: how symbols are named or grouped (ide/document-symbols.ts).
 * Invariants: `documentSymbols` equals `toDocumentSymbols(lines, documentOutline(text, root))` for the same
 *   text and tree (randomized test); returned objects may be shared with earlier and later answers, so
 *   nobody mutates them; a text with a `\r` is computed from scratch (its line starts are not only after
 *   a node's own characters); never throws where the from-scratch path does not.
 * Tests: test/src/lsp/outline-cache.test.ts
 */
import type { DocumentSymbol, Position, Range } from 'vscode-languageserver/node';
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
  type Word,
} from '../ide/document-symbols';
import { alignedWithLast, type LastItems } from '../ide/aligned-items';
import { childrenOf, headWords } from '../ide/syntax-shape';
import type { SyntaxNodeLike } from '../model/source';
import type { LineIndex } from '../text/line-index';
import { toDocumentSymbols } from './convert';

/** A symbol made when its node started at `line`/`character`. */
interface Placed {
  readonly line: number;
  readonly character: number;
  readonly symbol: DocumentSymbol;
}

/** What is kept of a command node: its first two own words (all the grouping reads: two levels) and verb,
 *  and its last symbol with what it was made under; `banner` and `bannerKey` are set on every request (the
 *  banner path above it now). The rest of its words are read from the node when a symbol is made. */
interface PathCommand {
  readonly node: SyntaxNodeLike;
  readonly verb: string;
  readonly firstWords: readonly [string | undefined, string | undefined];
  banner: readonly Word[];
  bannerKey: string;
  /** the symbol made last (undefined: none yet), when the node started at `line`/`character`, at `depth`
   *  under the banner words `symbolBanner` */
  symbol: DocumentSymbol | undefined;
  line: number;
  character: number;
  depth: number;
  symbolBanner: string;
}

/** A symbol with its offsets (groups are sorted and spanned by offset, as in the from-scratch outline). */
interface Spanned {
  readonly symbol: DocumentSymbol;
  readonly start: number;
  readonly end: number;
}

export class OutlineCache {
  private readonly statements = new WeakMap<SyntaxNodeLike, Placed>();
  private readonly commands = new WeakMap<SyntaxNodeLike, PathCommand>();
  /** one string per distinct verb and first word (they repeat on most lines: shared, and compared by identity) */
  private readonly words = new Map<string, string>();
  /** per document (most recent last): the top level's items at the last call and their kept commands */
  private readonly tops = new Map<string, LastItems<PathCommand>>();

  /** The document symbols of `text` (parsed as `root`), reusing those of nodes seen before. `doc` names the
   *  document: its top level is matched with the one of its last call (ide/aligned-items.ts). */
  documentSymbols(text: string, root: SyntaxNodeLike, lines: LineIndex, doc = ''): DocumentSymbol[] {
    if (text.includes('\r')) return toDocumentSymbols(lines, documentOutline(text, root));
    const top: Spanned[] = [];
    const commands: PathCommand[] = [];
    let banner: Word[] = [];
    let bannerKey = '';
    const kids = childrenOf(root);
    const last = this.tops.get(doc);
    this.tops.delete(doc);
    const held = last ? alignedWithLast(kids, last, (kid) => this.commands.get(kid)) : kids.map((kid) => this.commands.get(kid));
    for (let i = 0; i < kids.length; i++) {
      const item = kids[i]!;
      if (item.type === 'statement') top.push({ symbol: this.statement(text, item, lines), start: item.startIndex, end: item.endIndex });
      else if (item.type === 'banner') {
        banner = bannerWords(text, item);
        bannerKey = banner.map((w) => w.text).join('\u0000');
      } else if (item.type === 'command') {
        let command = held[i];
        if (!command) {
          command = newCommand(text, item, (word) => this.shared(word));
          this.commands.set(item, command);
          held[i] = command;
        }
        command.banner = banner;
        command.bannerKey = bannerKey;
        commands.push(command);
      }
    }
    this.tops.set(doc, { kids, held });
    while (this.tops.size > TOPS_KEPT) this.tops.delete(this.tops.keys().next().value!);
    const grouping: CommandGrouping<PathCommand, Spanned> = {
      // from depth 2 on the key is not read (each command is its own symbol there)
      keyAt: (command, depth) => (depth >= 2 ? undefined : depth < command.banner.length ? command.banner[depth]!.text : command.firstWords[depth - command.banner.length]),
      headAt: (command, depth) => pathWords(text, command)[depth]!,
      command: (command, depth) => ({ symbol: this.command(text, command, depth, lines), start: command.node.startIndex, end: command.node.endIndex }),
      group: (head, count, children) => {
        const group = commandGroup(head, count, children, children);
        return { symbol: withChildren(lines, group, children.map((c) => c.symbol)), start: group.start, end: group.end };
      },
      startOf: (spanned) => spanned.start,
    };
    const grouped = groupCommands(commands, 0, grouping);
    return sortByStart([...top, ...grouped], (s) => s.start).map((s) => s.symbol);
  }

  private statement(text: string, node: SyntaxNodeLike, lines: LineIndex): DocumentSymbol {
    const at = lines.positionAt(node.startIndex);
    const held = this.statements.get(node);
    if (held) {
      if (held.line === at.line && held.character === at.character) return held.symbol;
      const symbol = moved(held.symbol, held.line, at.line - held.line, at.character - held.character);
      this.statements.set(node, { line: at.line, character: at.character, symbol });
      return symbol;
    }
    const head = statementHead(text, node);
    const children = blockStatements(head.body).map((child) => this.statement(text, child, lines));
    const symbol = withChildren(lines, { ...head, start: node.startIndex, end: node.endIndex }, children);
    this.statements.set(node, { line: at.line, character: at.character, symbol });
    return symbol;
  }

  private shared(word: string): string {
    let kept = this.words.get(word);
    if (kept === undefined) {
      if (this.words.size >= SHARED_WORDS) this.words.clear();
      this.words.set(word, (kept = word));
    }
    return kept;
  }

  private command(text: string, command: PathCommand, depth: number, lines: LineIndex): DocumentSymbol {
    const node = command.node;
    const at = lines.positionAt(node.startIndex);
    const held = command.symbol;
    if (held && command.depth === depth && command.symbolBanner === command.bannerKey) {
      if (command.line === at.line && command.character === at.character) return held;
      command.symbol = moved(held, command.line, at.line - command.line, at.character - command.character);
      command.line = at.line;
      command.character = at.character;
      return command.symbol;
    }
    const shown = shownWords(pathWords(text, command), depth);
    const own = shown.filter((w) => w.start >= node.startIndex && w.end <= node.endIndex);
    const outline: OutlineSymbol = {
      name: shown.length > 0 ? displayName(shown) : command.verb,
      detail: command.verb,
      kind: 'command',
      start: node.startIndex,
      end: node.endIndex,
      selectionStart: own[0]?.start ?? node.startIndex,
      selectionEnd: own[own.length - 1]?.end ?? node.endIndex,
      children: [],
    };
    const symbol = toDocumentSymbols(lines, [outline])[0]!;
    symbol.children = NO_CHILDREN;
    Object.assign(command, { symbol, line: at.line, character: at.character, depth, symbolBanner: command.bannerKey });
    return symbol;
  }
}

/** Documents whose top level the cache keeps. */
const TOPS_KEPT = 4;

/** Distinct words a cache shares at most (then it starts again: sharing only saves memory). */
const SHARED_WORDS = 50_000;

/** The children of every command symbol (never changed: answers are not mutated). */
const NO_CHILDREN: DocumentSymbol[] = Object.freeze([]) as unknown as DocumentSymbol[];

function newCommand(text: string, node: SyntaxNodeLike, shared: (word: string) => string): PathCommand {
  const heads = headWords(node);
  const wordAt = (i: number): string | undefined => (i < heads.length ? shared(text.slice(heads[i]!.startIndex, heads[i]!.endIndex)) : undefined);
  return {
    node,
    verb: shared(commandVerb(text, node)),
    firstWords: [wordAt(0), wordAt(1)],
    banner: [],
    bannerKey: '',
    symbol: undefined,
    line: 0,
    character: 0,
    depth: 0,
    symbolBanner: '',
  };
}

/** The banner's words and the command's own (read from its node), at their current offsets. */
function pathWords(text: string, command: PathCommand): Word[] {
  return [...command.banner, ...headWords(command.node).map((w) => wordOf(text, w))];
}

/** The LSP symbol of `outline` (its own children ignored) with `children`, converted as convert.ts does. */
function withChildren(lines: LineIndex, outline: Omit<OutlineSymbol, 'children'>, children: DocumentSymbol[]): DocumentSymbol {
  const symbol = toDocumentSymbols(lines, [{ ...outline, children: [] }])[0]!;
  symbol.children = children;
  return symbol;
}

/** A copy of `symbol` (made when its node started on `line`) with every position moved by `lines` lines,
 *  and those on `line` also by `characters`. */
function moved(symbol: DocumentSymbol, line: number, lines: number, characters: number): DocumentSymbol {
  const position = (p: Position): Position => ({ line: p.line + lines, character: p.line === line ? p.character + characters : p.character });
  const range = (r: Range): Range => ({ start: position(r.start), end: position(r.end) });
  const copy = (s: DocumentSymbol): DocumentSymbol => {
    // an empty children list is shared as it is (never changed)
    const children = s.children && s.children.length > 0 ? s.children.map(copy) : s.children;
    const out: DocumentSymbol = { name: s.name, kind: s.kind, range: range(s.range), selectionRange: range(s.selectionRange), children };
    if (s.detail !== undefined) out.detail = s.detail;
    return out;
  };
  return copy(symbol);
}
