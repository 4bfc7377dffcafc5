/**
 * syntax/problems.ts: turns the ERROR and MISSING nodes of a tree into one problem per mistake.
 * Owns: where a syntax problem is (JS string offsets) and its wording.
 * Must not know: LSP, diagnostic codes or severities (analysis/lsp add those), the schema.
 * Invariants: never throws; one problem per ERROR node (nested ERRORs are not reported again) and per
 *   MISSING node; problems are sorted by start; secrets (`secret` words, `$9$`-like text) never appear
 *   in messages.
 * Tests: test/src/syntax/problems.test.ts
 */
import type { Node, Tree } from 'web-tree-sitter';

export interface SyntaxProblem {
  readonly kind: 'error' | 'missing';
  /** JS string offset of the first character of the mistake */
  readonly start: number;
  /** offset just past it (equal to `start` for a missing token) */
  readonly end: number;
  readonly message: string;
}

const UNTERMINATED_MESSAGES: Readonly<Record<string, string>> = {
  unterminated_string: 'unterminated string: no closing `"`',
  unterminated_annotation: 'unterminated comment: `/*` has no closing `*/`',
  unterminated_banner: '`[edit` line has no closing `]`',
};

const SHOWN_TEXT_LIMIT = 40;

/** Text safe to show: secrets masked, long text cut, line breaks flattened. */
function shown(node: Node): string {
  const text = node.text;
  if (node.type === 'secret' || /\$\d\$/.test(text) || /SECRET-DATA/.test(text)) return '<secret>';
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > SHOWN_TEXT_LIMIT ? `${flat.slice(0, SHOWN_TEXT_LIMIT)}...` : flat;
}

const COMMENT_KINDS: ReadonlySet<string> = new Set(['comment', 'annotation']);

/** The tokens (leaves) below `node` in order, without comments. (Skipped tokens are "extra" too.) */
function tokensOf(node: Node, out: Node[] = []): Node[] {
  if (COMMENT_KINDS.has(node.type)) return out;
  if (node.childCount === 0) {
    out.push(node);
    return out;
  }
  for (const child of node.children) if (child) tokensOf(child, out);
  return out;
}

function findUnterminated(node: Node): Node | undefined {
  if (Object.hasOwn(UNTERMINATED_MESSAGES, node.type)) return node;
  for (const child of node.children) {
    if (!child) continue;
    const found = findUnterminated(child);
    if (found) return found;
  }
  return undefined;
}

function errorProblem(node: Node): SyntaxProblem {
  const unterminated = findUnterminated(node);
  if (unterminated) {
    return {
      kind: 'error',
      start: unterminated.startIndex,
      end: unterminated.endIndex,
      message: UNTERMINATED_MESSAGES[unterminated.type]!,
    };
  }
  // The parser wraps skipped text in the ERROR; the culprit is usually its first punctuation token
  // (a stray `}`/`;`/`]`), otherwise its first word. The range runs to the last skipped token on that line.
  const tokens = tokensOf(node);
  if (tokens.length === 0) {
    return { kind: 'error', start: node.startIndex, end: node.endIndex, message: 'unexpected text' };
  }
  const culprit = tokens.find((t) => !t.isNamed) ?? tokens[0]!;
  const row = culprit.startPosition.row;
  let end = culprit.endIndex;
  for (const t of tokens) if (t.startIndex >= culprit.startIndex && t.startPosition.row === row) end = Math.max(end, t.endIndex);
  return { kind: 'error', start: culprit.startIndex, end, message: `unexpected \`${shown(culprit)}\`` };
}

/** What a missing token was needed for, in a few words (`services`, `[`). */
function missingMessage(node: Node): string {
  const type = node.type;
  if (type === '}') {
    const owner = node.parent?.parent;
    if (owner && owner.type === 'statement') {
      const words = owner.children
        .filter((c): c is Node => !!c && c.type !== 'block' && c.type !== 'modifier' && !COMMENT_KINDS.has(c.type) && !c.isMissing)
        .slice(0, 3)
        .map(shown)
        .join(' ');
      if (words) return `missing \`}\` to close \`${words} {\``;
    }
    return 'missing `}`';
  }
  if (type === ']') return 'missing `]` to close `[`';
  if (type === ';' || type === '{' || type === '[') return `missing \`${type}\``;
  if (type === '_newline') return 'missing line break';
  return `missing ${type.replace(/_/g, ' ')}`;
}

/** One problem per ERROR and MISSING node of `tree`, in document order. */
export function syntaxProblems(tree: Tree): SyntaxProblem[] {
  const problems: SyntaxProblem[] = [];
  const visit = (node: Node): void => {
    if (node.isMissing) {
      problems.push({ kind: 'missing', start: node.startIndex, end: node.startIndex, message: missingMessage(node) });
      return;
    }
    if (node.type === 'ERROR') {
      problems.push(errorProblem(node));
      return;
    }
    if (!node.hasError) return;
    for (const child of node.children) if (child) visit(child);
  };
  const root = tree.rootNode;
  if (root.type === 'ERROR') {
    // a root-level ERROR covers the whole text: report the mistakes inside it instead
    for (const child of root.children) if (child) visit(child);
    if (problems.length === 0) problems.push(errorProblem(root));
  } else {
    visit(root);
  }
  return problems.sort((a, b) => a.start - b.start || a.end - b.end);
}
