/**
 * ide/document-symbols.ts: the hierarchical outline of a Junos document.
 * Owns: symbol names and nesting. A curly statement is named by its words before the body (`ge-0/0/0`,
 *   `unit 0`, `proposal ike-demo-proposal`) with its block's statements as children; set-form commands
 *   (prefixed by the path of the `[edit ...]` banner above them) are grouped by their first path word,
 *   then by their second, each command named by its remaining words.
 * Must not know: LSP types, the schema (a later version can name statements by schema role).
 * Invariants: secrets never appear in names; every symbol's selection span lies inside its span;
 *   children lie inside their parent's span; never throws.
 * Tests: test/src/lsp/features.test.ts, test/src/lsp/protocol.test.ts
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
      const verbNode = item.childForFieldName('verb');
      const verb = verbNode ? text.slice(verbNode.startIndex, verbNode.endIndex) : '';
      commands.push({ node: item, verb, path: [...bannerPath, ...words] });
    }
  }
  const grouped = groupCommands(commands, 0);
  return [...curly, ...grouped].sort((a, b) => a.start - b.start);
}

interface Word {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

interface PathCommand {
  readonly node: SyntaxNodeLike;
  readonly verb: string;
  readonly path: readonly Word[];
}

function wordOf(text: string, node: SyntaxNodeLike): Word {
  return { text: text.slice(node.startIndex, node.endIndex), start: node.startIndex, end: node.endIndex };
}

function bannerWords(text: string, banner: SyntaxNodeLike): Word[] {
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

/** Joins words for display, masking secret values and `$9$` strings. */
function displayName(words: readonly Word[]): string {
  return maskSecretsInText(words.map((w) => w.text).join(' '));
}

function statementSymbol(text: string, node: SyntaxNodeLike): OutlineSymbol {
  const words = headWords(node).map((w) => wordOf(text, w));
  const body = bodyOf(node);
  const modifier = node.childForFieldName('modifier');
  const children: OutlineSymbol[] = [];
  if (body) for (const child of childrenOf(body)) if (child.type === 'statement') children.push(statementSymbol(text, child));
  const first = words[0];
  const last = words[words.length - 1];
  return {
    name: words.length > 0 ? displayName(words) : '(unnamed)',
    detail: modifier ? text.slice(modifier.startIndex, modifier.endIndex).replace(/:$/, '') : '',
    kind: body ? 'container' : 'leaf',
    start: node.startIndex,
    end: node.endIndex,
    selectionStart: first ? first.start : node.startIndex,
    selectionEnd: last ? last.end : node.endIndex,
    children,
  };
}

/** Two levels of grouping by path word; below that, each command is its own symbol. */
function groupCommands(commands: readonly PathCommand[], depth: number): OutlineSymbol[] {
  const out: OutlineSymbol[] = [];
  const groups = new Map<string, PathCommand[]>();
  for (const command of commands) {
    const key = command.path[depth]?.text;
    if (depth >= 2 || key === undefined) {
      out.push(commandSymbol(command, depth));
      continue;
    }
    let members = groups.get(key);
    if (!members) groups.set(key, (members = []));
    members.push(command);
  }
  for (const [, members] of groups) {
    if (members.length === 1) {
      out.push(commandSymbol(members[0]!, depth));
      continue;
    }
    const head = members[0]!.path[depth]!;
    const children = groupCommands(members, depth + 1);
    out.push({
      name: displayName([head]),
      detail: `${members.length} commands`,
      kind: 'command-group',
      // a banner word may head the group: the span covers it so the selection stays inside
      start: children.reduce((min, c) => Math.min(min, c.start), head.start),
      end: children.reduce((max, c) => Math.max(max, c.end), head.end),
      selectionStart: head.start,
      selectionEnd: head.end,
      children,
    });
  }
  return out.sort((a, b) => a.start - b.start);
}

function commandSymbol(command: PathCommand, depth: number): OutlineSymbol {
  const rest = command.path.slice(depth);
  const shown = rest.length > 0 ? rest : command.path;
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
