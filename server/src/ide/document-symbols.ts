/**
 * ide/document-symbols.ts: the hierarchical outline of a Junos document.
 * Owns: symbol names and nesting. A curly statement is named by its words before the body (`ge-0/0/0`,
 *   `unit 0`, `proposal ike-demo-proposal`) with its block's statements as children; set-form commands
 *   (prefixed by the path of the `[edit ...]` banner above them) are grouped by their first path word,
 *   then by their second, each command named by its remaining words.
 *   The parts (a statement's head, a command's words, the grouping over any command type) are exported so
 *   lsp/outline-cache.ts builds the same outline breadth-first, making only the symbols a limit keeps.
 * Must not know: LSP types, the schema (a later version can name statements by schema role).
 * Invariants: secrets never appear in names; every symbol's selection span lies inside its span;
 *   children lie inside their parent's span; never throws.
 * Tests: test/src/lsp/features.test.ts, test/src/lsp/protocol.test.ts, test/src/lsp/outline-cache.test.ts
 */
import { maskSecretsInText } from '../model/secrets';
import type { SyntaxNodeLike } from '../model/source';
import { bodyOf, childrenOf, headWords, isWord } from './syntax-shape';

export type OutlineKind = 'container' | 'leaf' | 'command-group' | 'command';

export interface OutlineSymbol {
  readonly name: string;
  /** the modifier (`inactive`) of a statement or the verb of a command */
  readonly detail: string;
  readonly kind: OutlineKind;
  readonly start: number;
  readonly end: number;
  readonly selectionStart: number;
  readonly selectionEnd: number;
  readonly children: OutlineSymbol[];
}

export function documentOutline(text: string, root: SyntaxNodeLike): OutlineSymbol[] {
  const curly: OutlineSymbol[] = [];
  const commands: PathCommand[] = [];
  let bannerPath: Word[] = [];
  for (const item of childrenOf(root)) {
    if (item.type === 'statement') curly.push(statementSymbol(text, item));
    else if (item.type === 'banner') bannerPath = bannerWords(text, item);
    else if (item.type === 'command') {
      const words = headWords(item).map((w) => wordOf(text, w));
      commands.push({ node: item, verb: commandVerb(text, item), path: [...bannerPath, ...words] });
    }
  }
  const grouped = groupCommands(commands, 0, {
    keyAt: (command, depth) => command.path[depth]?.text,
    headAt: (command, depth) => command.path[depth]!,
    command: commandSymbol,
    group: (head, count, children) => commandGroup(head, count, children, children),
    startOf: (symbol) => symbol.start,
  });
  return sortByStart([...curly, ...grouped], (symbol) => symbol.start);
}

export interface Word {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

interface PathCommand {
  readonly node: SyntaxNodeLike;
  readonly verb: string;
  readonly path: readonly Word[];
}

export function wordOf(text: string, node: SyntaxNodeLike): Word {
  return { text: text.slice(node.startIndex, node.endIndex), start: node.startIndex, end: node.endIndex };
}

/** The path words of a `[edit ...]` banner (without `edit`). */
export function bannerWords(text: string, banner: SyntaxNodeLike): Word[] {
  const words: Word[] = [];
  const stack = childrenOf(banner).reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (isWord(node)) words.push(wordOf(text, node));
    else stack.push(...childrenOf(node).reverse());
  }
  if (words[0]?.text === 'edit') words.shift();
  return words;
}

/** The verb (`set`, `delete`, ...) of a command. */
export function commandVerb(text: string, command: SyntaxNodeLike): string {
  const verbNode = command.childForFieldName('verb');
  return verbNode ? text.slice(verbNode.startIndex, verbNode.endIndex) : '';
}

/** Joins words for display, masking secret values and `$9$` strings. */
export function displayName(words: readonly { readonly text: string }[]): string {
  return maskSecretsInText(words.map((w) => w.text).join(' '));
}

/** Sorts by start offset, keeping the order of equal starts (the one order both outline builders use). */
export function sortByStart<T>(list: T[], startOf: (item: T) => number): T[] {
  return list.sort((a, b) => startOf(a) - startOf(b));
}

/** A curly statement's own part: everything of its symbol but the children. */
export interface StatementHead {
  readonly name: string;
  readonly detail: string;
  readonly kind: OutlineKind;
  readonly selectionStart: number;
  readonly selectionEnd: number;
  /** its block, whose statements are the symbol's children */
  readonly body: SyntaxNodeLike | null;
}

export function statementHead(text: string, node: SyntaxNodeLike): StatementHead {
  const words = headWords(node).map((w) => wordOf(text, w));
  const body = bodyOf(node);
  const modifier = node.childForFieldName('modifier');
  const first = words[0];
  const last = words[words.length - 1];
  return {
    name: words.length > 0 ? displayName(words) : '(unnamed)',
    detail: modifier ? text.slice(modifier.startIndex, modifier.endIndex).replace(/:$/, '') : '',
    kind: body ? 'container' : 'leaf',
    selectionStart: first ? first.start : node.startIndex,
    selectionEnd: last ? last.end : node.endIndex,
    body: body ?? null,
  };
}

/** The statements of a block (a statement's children in the outline). */
export function blockStatements(body: SyntaxNodeLike | null): SyntaxNodeLike[] {
  const out: SyntaxNodeLike[] = [];
  if (body) for (const child of childrenOf(body)) if (child.type === 'statement') out.push(child);
  return out;
}

function statementSymbol(text: string, node: SyntaxNodeLike): OutlineSymbol {
  const head = statementHead(text, node);
  return {
    name: head.name,
    detail: head.detail,
    kind: head.kind,
    start: node.startIndex,
    end: node.endIndex,
    selectionStart: head.selectionStart,
    selectionEnd: head.selectionEnd,
    children: blockStatements(head.body).map((child) => statementSymbol(text, child)),
  };
}

/** How `groupCommands` reads commands of type `C` and makes symbols of type `S`. */
export interface CommandGrouping<C, S> {
  /** the text of the command's path word at `depth`, undefined past its end */
  keyAt(command: C, depth: number): string | undefined;
  /** the path word at `depth` (only asked where `keyAt` gave a text) */
  headAt(command: C, depth: number): Word;
  /** the command's symbol when it ends up at `depth` */
  command(command: C, depth: number): S;
  /** a group named by `head` over `count` commands with these (sorted) children */
  group(head: Word, count: number, children: S[]): S;
  startOf(symbol: S): number;
}

/** Two levels of grouping by path word; below that, each command is its own symbol. */
export function groupCommands<C, S>(commands: readonly C[], depth: number, how: CommandGrouping<C, S>): S[] {
  const out: S[] = [];
  const groups = new Map<string, C[]>();
  for (const command of commands) {
    const key = how.keyAt(command, depth);
    if (depth >= 2 || key === undefined) {
      out.push(how.command(command, depth));
      continue;
    }
    let members = groups.get(key);
    if (!members) groups.set(key, (members = []));
    members.push(command);
  }
  for (const [, members] of groups) {
    if (members.length === 1) {
      out.push(how.command(members[0]!, depth));
      continue;
    }
    const head = how.headAt(members[0]!, depth);
    out.push(how.group(head, members.length, groupCommands(members, depth + 1, how)));
  }
  return sortByStart(out, how.startOf);
}

/** A group's symbol over `spans` (its children's offsets): a banner word may head the group, so the span
 *  covers it and the selection stays inside. */
export function commandGroup<T>(head: Word, count: number, children: T[], spans: readonly { readonly start: number; readonly end: number }[]): Omit<OutlineSymbol, 'children'> & { children: T[] } {
  return {
    name: displayName([head]),
    detail: `${count} commands`,
    kind: 'command-group',
    start: spans.reduce((min, c) => Math.min(min, c.start), head.start),
    end: spans.reduce((max, c) => Math.max(max, c.end), head.end),
    selectionStart: head.start,
    selectionEnd: head.end,
    children,
  };
}

/** The words a command's symbol shows at `depth` (its path from there, or all of it when shorter). */
export function shownWords<W>(path: readonly W[], depth: number): readonly W[] {
  const rest = path.slice(depth);
  return rest.length > 0 ? rest : path;
}

function commandSymbol(command: PathCommand, depth: number): OutlineSymbol {
  const shown = shownWords(command.path, depth);
  // the selection is the command's own words (banner words lie elsewhere in the file)
  const own = shown.filter((w) => w.start >= command.node.startIndex && w.end <= command.node.endIndex);
  return {
    name: shown.length > 0 ? displayName(shown) : command.verb,
    detail: command.verb,
    kind: 'command',
    start: command.node.startIndex,
    end: command.node.endIndex,
    selectionStart: own[0]?.start ?? command.node.startIndex,
    selectionEnd: own[own.length - 1]?.end ?? command.node.endIndex,
    children: [],
  };
}
