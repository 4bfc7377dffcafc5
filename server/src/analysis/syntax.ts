/**
 * analysis/syntax.ts: one diagnostic per syntax mistake, from the tree's ERROR and MISSING nodes.
 * Owns: the wording of each mistake and its fix (a missing `;` or `}`, a `}` with no opening brace, text
 *   that fits no statement), finding what explains a stray `}` (an earlier block closed by a brace whose
 *   indentation says it was meant for an outer block, e.g. `family inet {` written for `family inet;`),
 *   and the region of text whose nesting that mistake shifted (so consequences can be folded in); when an
 *   edit cannot change the findings of a clean text (`syntaxStaysClean`: word characters after a line's
 *   first word, or whole lines and indentation with the same brace facts, no quote); the facts the whole-text
 *   scans found, carried to the next analysis when an edit cannot change them (`scanFactsAfter`: no quote
 *   or backslash, the same brace facts on the lines it spans), so a text with errors is not scanned again.
 * Must not know: the schema, the model, LSP types, line/column positions (it compares indentation only).
 * Invariants: descends only into subtrees that contain an error (when the tree says so); one diagnostic
 *   per ERROR/MISSING node, nested ERRORs folded into the outermost; never throws.
 * Tests: test/src/analysis/syntax.test.ts, test/src/analysis/seed.test.ts, test/src/analysis/syntax-scans.test.ts,
 *   test/src/analysis/incremental.test.ts (`syntaxStaysClean`, through random edits against fresh analyses),
 *   test/src/model/incremental-errors.test.ts (`scanFactsAfter`, random edits into texts with errors)
 */
import type { SyntaxNodeLike, SyntaxTreeLike } from '../model/index';
import { defaultSeverity } from './codes';
import type { Diagnostic } from './diagnostic';

/** web-tree-sitter nodes also say whether an error is below them; the contract does not require it. */
type NodeWithErrorFlag = SyntaxNodeLike & { readonly hasError?: boolean };

export interface SyntaxFindings {
  readonly diagnostics: Diagnostic[];
  /** text ranges whose statements sit at the wrong level because of a reported brace mistake */
  readonly shifted: { readonly start: number; readonly end: number; readonly diagnostic: Diagnostic }[];
  /** what the whole-text scans found (absent when not known), for the next analysis (`scanFactsAfter`) */
  readonly scans?: ScanFacts;
}

/** What the whole-text scans read: a line with an odd number of quotes (`oddQuoteLine`), braces whose
 *  indentation disagrees (`indentationDisagrees`), a backslash anywhere. */
export interface ScanFacts {
  readonly oddQuotes: boolean;
  readonly indentDisagrees: boolean;
  readonly backslash: boolean;
}

function kids(n: SyntaxNodeLike): SyntaxNodeLike[] {
  const out: SyntaxNodeLike[] = [];
  for (const c of n.children) if (c) out.push(c);
  return out;
}

function lineStart(text: string, offset: number): number {
  return offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
}

function indentAt(text: string, offset: number): number {
  const start = lineStart(text, offset);
  let i = start;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i - start;
}

/** True when only blanks precede `offset` on its line. */
function firstOnLine(text: string, offset: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStart(text, offset), offset));
}

/** The statement head before a block: `family inet` for `family inet {`. */
function headOf(text: string, statement: SyntaxNodeLike | undefined, block: SyntaxNodeLike): string {
  const from = statement ? statement.startIndex : lineStart(text, block.startIndex);
  return text.slice(from, block.startIndex).replace(/\s+/g, ' ').trim();
}

function endOfContent(text: string): number {
  let end = text.length;
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  return end;
}

/** A block read from the tree: `{` offset, `}` offset (when written and first on its line), head words. */
interface BlockSpan {
  readonly open: number;
  readonly close: number | undefined;
  readonly end: number;
  readonly node: SyntaxNodeLike;
}

type NodeWithQueries = SyntaxNodeLike & { descendantsOfType?(types: string | string[]): (SyntaxNodeLike | null)[] };

function allBlocks(root: SyntaxNodeLike, text: string): BlockSpan[] {
  const found: SyntaxNodeLike[] = [];
  const q = root as NodeWithQueries;
  if (typeof q.descendantsOfType === 'function') {
    for (const b of q.descendantsOfType('block')) if (b) found.push(b);
  } else {
    const visit = (n: SyntaxNodeLike): void => {
      if (n.type === 'block') found.push(n);
      for (const c of kids(n)) if (c.type === 'block' || c.type === 'statement' || c.type === 'ERROR') visit(c);
    };
    visit(root);
  }
  return found.map((node) => {
    const last = node.endIndex - 1;
    const close = last > node.startIndex && text[last] === '}' && firstOnLine(text, last) ? last : undefined;
    return { open: node.startIndex, close, end: node.endIndex, node };
  });
}

/** The head of the statement that opens a block: the text from its line's first word to the `{`. */
function headAt(text: string, open: number): string {
  return text.slice(lineStart(text, open), open).replace(/\s+/g, ' ').trim();
}

/** What `/\s/` matches, by UTF-16 code. */
function isWhitespaceCode(c: number): boolean {
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  if (c < 160) return false;
  return (
    c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

const SPACE = 32;
const TAB = 9;
const HASH = 35;

/**
 * A cheap line scan that only decides whether the tree-based check below is worth running (collecting every
 * block of a 100k-line file costs hundreds of milliseconds): true when some line starting with `}` is less
 * indented than the line whose trailing `{` it would close. The tree remains the only judge of structure.
 * Only the braces are visited (a `{` ending its line, a `}` starting it), in text order: a few milliseconds
 * at 100k lines.
 * @internal exported for tests
 */
export function indentationDisagrees(text: string): boolean {
  let open = text.indexOf('{');
  if (open < 0) return false;
  let close = text.indexOf('}');
  const opened: number[] = [];
  while (open >= 0 || close >= 0) {
    if (close >= 0 && (open < 0 || close < open)) {
      // a `}` first on its line closes the last line-ending `{`
      let i = close - 1;
      let c = text.charCodeAt(i);
      while (c === SPACE || c === TAB) c = text.charCodeAt(--i);
      if (i < 0 || c === 10) {
        const indent = opened.pop();
        if (indent !== undefined && close - (i + 1) < indent) return true;
      }
      close = text.indexOf('}', close + 1);
    } else {
      // a `{` last on its line (not a `#` line) opens a block at its line's indentation
      if (endsLine(text, open)) {
        const lineStart = startOfLine(text, open);
        let i = lineStart;
        let c = text.charCodeAt(i);
        while (c === SPACE || c === TAB) c = text.charCodeAt(++i);
        if (c !== HASH) opened.push(i - lineStart);
      }
      open = text.indexOf('{', open + 1);
    }
  }
  return false;
}

/** The offset after the `\n` before `at` (0 when none); a loop, as `lastIndexOf` is a slow runtime call in V8. */
function startOfLine(text: string, at: number): number {
  let i = at - 1;
  while (i >= 0 && text.charCodeAt(i) !== 10) i--;
  return i + 1;
}

/** True when only whitespace follows `at` up to its line's `\n` (or the end). */
function endsLine(text: string, at: number): boolean {
  for (let i = at + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return true;
    if (!isWhitespaceCode(c)) return false;
  }
  return true;
}

/**
 * Braces that balance but not as the indentation says: a block whose `}` sits less indented than its
 * opening line (it took a brace meant for an outer block), and, as a result, an outer `}` left over.
 * Reported only when both are found, so sloppy indentation alone never gives a diagnostic.
 */
function shiftedBraces(text: string, root: SyntaxNodeLike, out: SyntaxFindings, disagrees: boolean): void {
  if (!disagrees) return;
  const blocks = allBlocks(root, text);
  const misclosed = blocks.filter((b) => b.close !== undefined && indentAt(text, b.close) < indentAt(text, b.open));
  if (misclosed.length === 0) return;
  const contains = (a: BlockSpan, b: BlockSpan): boolean => a !== b && a.open <= b.open && b.end <= a.end;
  const culprits = misclosed.filter((m) => !misclosed.some((o) => contains(m, o)));
  const used = new Set<BlockSpan>();
  for (const culprit of culprits) {
    if (used.has(culprit)) continue;
    // the outermost misclosed block around the culprit, and the block that holds it
    const chain = misclosed.filter((m) => m === culprit || contains(m, culprit));
    for (const m of chain) used.add(m);
    const outermost = chain.reduce((a, b) => (contains(b, a) ? b : a));
    const holder = blocks.filter((b) => contains(b, outermost)).reduce<BlockSpan | undefined>((a, b) => (!a || contains(a, b) ? b : a), undefined);
    if (!holder || holder.close === undefined || outermost.close === undefined) continue;
    if (indentAt(text, outermost.close) !== indentAt(text, holder.open)) continue;
    const head = headAt(text, culprit.open);
    const holderHead = headAt(text, holder.open);
    const empty = /^\{\s*\}$/.test(text.slice(culprit.open, culprit.end));
    // one misclosed block alone may be sloppy indentation; a chain of them, or an empty block, is a shift
    if (chain.length < 2 && !empty) continue;
    const d: Diagnostic = {
      docId: '',
      start: holder.close,
      end: holder.close + 1,
      code: 'syntax-error',
      severity: defaultSeverity('syntax-error'),
      message:
        `This '}' is one too many: by the indentation, the '}' before it already closes '${holderHead}'. ` +
        `The cause is '${head} {' earlier: its block ${empty ? 'is empty and ' : ''}takes the '}' meant for the statement around it, so the statements after it moved one level in. ` +
        `Write '${head.replace(/\s*\{$/, '')};' (or close its block), then remove this '}'.`,
      related: [{ docId: '', start: culprit.open, end: culprit.open + 1, message: `'${head} {' opens the block that takes its parent's '}'` }],
      data: { kind: 'remove', spans: [{ docId: '', start: holder.close, end: holder.close + 1 }] },
    };
    out.diagnostics.push(d);
    out.shifted.push({ start: culprit.open, end: holder.close + 1, diagnostic: d });
  }
}

function strayBrace(brace: { start: number; end: number }, out: SyntaxFindings): void {
  out.diagnostics.push({
    docId: '',
    start: brace.start,
    end: brace.end,
    code: 'syntax-error',
    severity: defaultSeverity('syntax-error'),
    message: "This '}' closes no block: it has no opening '{'. Remove it, or add the missing '{' where its block starts.",
    related: [],
    data: { kind: 'remove', spans: [{ docId: '', start: brace.start, end: brace.end }] },
  });
}

function missing(text: string, n: SyntaxNodeLike, ancestors: readonly SyntaxNodeLike[], out: SyntaxFindings): void {
  if (n.type === '}') {
    let block: SyntaxNodeLike | undefined;
    let statement: SyntaxNodeLike | undefined;
    for (let i = ancestors.length - 1; i >= 0; i--) {
      if (ancestors[i]!.type === 'block') {
        block = ancestors[i];
        statement = ancestors[i - 1]?.type === 'statement' ? ancestors[i - 1] : undefined;
        break;
      }
    }
    const head = block ? headOf(text, statement, block) : '';
    const at = n.startIndex >= endOfContent(text) ? endOfContent(text) : n.startIndex;
    // statements indented like the block's own line were meant to follow it: they are read inside it
    const openIndent = block ? indentAt(text, block.startIndex) : -1;
    const swallowed = block ? kids(block).find((c) => c.type === 'statement' && firstOnLine(text, c.startIndex) && indentAt(text, c.startIndex) <= openIndent) : undefined;
    const d: Diagnostic = {
      docId: '',
      start: at,
      end: at,
      code: 'syntax-error',
      severity: defaultSeverity('syntax-error'),
      message: block ? `'${head} {' is never closed: add '}' at the end of its block.` : "A '}' is missing here: add it.",
      related: block ? [{ docId: '', start: block.startIndex, end: block.startIndex + 1, message: `the '{' of '${head}'` }] : [],
    };
    out.diagnostics.push(d);
    if (swallowed) out.shifted.push({ start: swallowed.startIndex, end: text.length, diagnostic: d });
    return;
  }
  const what = n.type === ';' ? "';'" : `'${n.type}'`;
  out.diagnostics.push({
    docId: '',
    start: n.startIndex,
    end: n.startIndex,
    code: 'syntax-error',
    severity: defaultSeverity('syntax-error'),
    message: n.type === ';' ? `The statement is not ended: add ${what} after it.` : `${what} is missing here: add it.`,
    related: [],
  });
}

function errorNode(text: string, n: SyntaxNodeLike, out: SyntaxFindings): void {
  const raw = text.slice(n.startIndex, n.endIndex);
  const trimmed = raw.trim();
  if (trimmed === '}' || /^\}+$/.test(trimmed.replace(/\s+/g, ''))) {
    const offset = n.startIndex + raw.indexOf('}');
    strayBrace({ start: offset, end: offset + 1 }, out);
    return;
  }
  const leadBlank = raw.length - raw.trimStart().length;
  const start = n.startIndex + leadBlank;
  const end = start + trimmed.length;
  const firstLine = trimmed.split('\n')[0]!.slice(0, 40);
  let message: string;
  if (trimmed.startsWith('{')) message = "This '{' follows no statement: put the statement's name before it, or remove it.";
  else if (trimmed.startsWith(']') || trimmed.startsWith('[')) message = `'${firstLine}' is an unbalanced '[ ]' list: give each '[' its ']'.`;
  else if (trimmed.startsWith('"')) message = 'This quoted string is never closed: add the closing \'"\'.';
  else if (trimmed.startsWith('/*')) message = "This '/* ... */' annotation is never closed: add '*/'.";
  else message = `'${firstLine}' does not fit here: end each statement with ';' or open its block with '{'.`;
  out.diagnostics.push({
    docId: '',
    start,
    end: Math.max(end, start),
    code: 'syntax-error',
    severity: defaultSeverity('syntax-error'),
    message,
    related: [],
  });
}

/**
 * True when some line holds an odd number of unescaped double quotes (cheap scan before a tree walk): a
 * backslash escapes the character after it (a quote, or a line break, which then does not end the line).
 * Without any backslash, only the quotes and the line ends after them are looked up.
 * @internal exported for tests
 */
export function oddQuoteLine(text: string): boolean {
  let quote = text.indexOf('"');
  if (quote < 0) return false;
  if (text.includes('\\')) return oddQuoteLineEscaped(text);
  while (quote >= 0) {
    // the quotes of the line holding `quote`, from it up to the line's end
    let lineEnd = text.indexOf('\n', quote);
    if (lineEnd < 0) lineEnd = text.length;
    let count = 0;
    while (quote >= 0 && quote < lineEnd) {
      count++;
      quote = text.indexOf('"', quote + 1);
    }
    if (count % 2 === 1) return true;
  }
  return false;
}

/** `oddQuoteLine` for a text with backslashes: one character at a time. */
function oddQuoteLineEscaped(text: string): boolean {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \\ */) i++;
    else if (c === 34 /* " */) count++;
    else if (c === 10 /* \n */) {
      if (count % 2 === 1) return true;
      count = 0;
    }
  }
  return count % 2 === 1;
}

/**
 * A set-form command ends at its line's end, so a quoted string that runs on to later lines lost its closing
 * quote: report it at the opening quote and return the commands' ranges (what they swallowed is a consequence).
 */
function runawayStrings(text: string, root: SyntaxNodeLike, out: SyntaxFindings): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  for (const command of kids(root)) {
    if (command.type !== 'command') continue;
    const str = kids(command).find((c) => c.type === 'string' && text.slice(c.startIndex, c.endIndex).includes('\n'));
    if (!str) continue;
    const lineEnd = text.indexOf('\n', str.startIndex);
    const d: Diagnostic = {
      docId: '',
      start: str.startIndex,
      end: lineEnd < 0 ? str.endIndex : lineEnd,
      code: 'syntax-error',
      severity: defaultSeverity('syntax-error'),
      message: "This quoted string is not closed on its line, so it runs on into the next commands: add the closing '\"' at the end of the value.",
      related: [],
    };
    out.diagnostics.push(d);
    out.shifted.push({ start: str.startIndex, end: command.endIndex, diagnostic: d });
    ranges.push({ start: command.startIndex, end: command.endIndex });
  }
  return ranges;
}

/** What one edit wrote and removed may hold without changing the syntax findings of a clean text: no
 *  brace, quote, comment or annotation character, no line break, no backslash. */
const NEUTRAL = /^[A-Za-z0-9_.:, -]*$/;

/**
 * True when an edit cannot change the syntax findings of a text that had none (`before`: that text; `after`:
 * the text after the edit `[start, oldEnd)` -> `[start, newEnd)`; `tree`: the parse of `after`): the new
 * tree is free of errors, the edit writes and removes only word characters and spaces, and it lies after
 * the first word of its line (so no line's indentation changed). Then the quote and indentation scans read
 * the same facts as before at the same places (moved), and no ERROR or MISSING node exists: the findings stay
 * empty. Lets an analysis after a one-character edit skip the whole-text scans.
 */
export function syntaxStaysClean(before: string, after: string, edit: { start: number; oldEnd: number; newEnd: number }, tree: SyntaxTreeLike): boolean {
  if ((tree.rootNode as NodeWithErrorFlag).hasError !== false) return false;
  const removed = before.slice(edit.start, edit.oldEnd);
  const inserted = after.slice(edit.start, edit.newEnd);
  if (NEUTRAL.test(removed) && NEUTRAL.test(inserted)) {
    const lineStart = after.lastIndexOf('\n', edit.start - 1) + 1;
    for (let i = lineStart; i < edit.start; i++) {
      const c = after.charCodeAt(i);
      if (c !== SPACE && c !== TAB) return true;
    }
  }
  return LINES_NEUTRAL.test(removed) && LINES_NEUTRAL.test(inserted) && linesKeepFacts(before, after, edit);
}

/** What an edit of whole lines or indentation may write and remove (see `linesKeepFacts`). */
const LINES_NEUTRAL = /^[A-Za-z0-9_.:,; \t\n-]*$/;

/**
 * True when the lines an edit spans (before it and after it) hold the same brace facts the scans read (in
 * order: each `{` ending its line, with its line's indentation or a `#` line; each `}` first on its line,
 * with its indentation), no quote and no backslash, and the edit neither fills nor empties a `{ }`: then
 * every line outside them is the same text (moved) and the quote and indentation scans find the same.
 */
function linesKeepFacts(before: string, after: string, edit: { start: number; oldEnd: number; newEnd: number }): boolean {
  const was = braceFacts(before, edit.start, edit.oldEnd);
  const now = braceFacts(after, edit.start, edit.newEnd);
  if (was === undefined || now === undefined || was !== now) return false;
  const emptyBlockAround = (text: string, from: number, to: number): boolean => {
    let i = from - 1;
    while (i >= 0 && isWhitespaceCode(text.charCodeAt(i))) i--;
    let j = to;
    while (j < text.length && isWhitespaceCode(text.charCodeAt(j))) j++;
    return text[i] === '{' && text[j] === '}';
  };
  return !emptyBlockAround(before, edit.start, edit.oldEnd) && !emptyBlockAround(after, edit.start, edit.newEnd);
}

/** The brace facts the scans read on the lines holding `[from, to]` (in order: each `{` ending its line,
 *  with its line's indentation or a `#` line; each `}` first on its line, with its indentation);
 *  undefined when those lines hold a quote or a backslash. */
function braceFacts(text: string, from: number, to: number): string | undefined {
  const lo = startOfLine(text, from);
  let hi = text.indexOf('\n', to);
  if (hi < 0) hi = text.length;
  const out: string[] = [];
  for (let i = lo; i < hi; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */ || c === 92 /* \\ */) return undefined;
    if (c !== 123 /* { */ && c !== 125 /* } */) continue;
    const lineStart = startOfLine(text, i);
    let j = lineStart;
    while (text.charCodeAt(j) === SPACE || text.charCodeAt(j) === TAB) j++;
    if (c === 123) out.push(endsLine(text, i) ? `{${text.charCodeAt(j) === HASH ? '#' : j - lineStart}` : '{');
    else out.push(j === i ? `}${j - lineStart}` : '}');
  }
  return out.join(' ');
}

/**
 * The scan facts of the text after an edit, from those of the text before it, when the edit cannot change
 * them: the text before held no backslash, and the lines the edit spans hold no quote or backslash and the
 * same brace facts before and after it (every other line is the same text, moved: each line's quote count
 * and the braces' order and indentation are as before). Undefined otherwise (the scans run again).
 */
export function scanFactsAfter(before: string, after: string, edit: { start: number; oldEnd: number; newEnd: number }, facts: ScanFacts | undefined): ScanFacts | undefined {
  if (!facts || facts.backslash) return undefined;
  const was = braceFacts(before, edit.start, edit.oldEnd);
  return was !== undefined && was === braceFacts(after, edit.start, edit.newEnd) ? facts : undefined;
}

/** Syntax diagnostics of one parsed document (docId filled in by the caller). `known`: the scan facts of
 *  this text when known (`scanFactsAfter`), so the whole-text scans are not run again. */
export function syntaxDiagnostics(docId: string, text: string, tree: SyntaxTreeLike, known?: ScanFacts): SyntaxFindings {
  const out: { diagnostics: Diagnostic[]; shifted: SyntaxFindings['shifted'] } = { diagnostics: [], shifted: [] };
  const root = tree.rootNode as NodeWithErrorFlag;
  let runaway: { start: number; end: number }[] = [];
  const visit = (n: NodeWithErrorFlag, ancestors: SyntaxNodeLike[]): void => {
    if (runaway.some((r) => n.startIndex >= r.start && n.endIndex <= r.end && n.type !== 'command')) return;
    if (n.isMissing) return missing(text, n, ancestors, out);
    if (n.type === 'ERROR') return errorNode(text, n, out);
    if (n.hasError === false) return;
    ancestors.push(n);
    for (const c of kids(n)) visit(c as NodeWithErrorFlag, ancestors);
    ancestors.pop();
  };
  let scans: ScanFacts | undefined;
  try {
    scans = known ?? { oddQuotes: oddQuoteLine(text), indentDisagrees: indentationDisagrees(text), backslash: text.includes('\\') };
    if (scans.oddQuotes) runaway = runawayStrings(text, root, out);
    visit(root, []);
    shiftedBraces(text, root, out, scans.indentDisagrees);
  } catch {
    // a malformed tree must not stop the analysis; what was found so far stands
  }
  const fill = <T extends { docId: string }>(x: T): T => ({ ...x, docId });
  const filled = new Map<Diagnostic, Diagnostic>();
  for (const d of out.diagnostics) {
    const data = d.data?.kind === 'remove' ? { kind: 'remove' as const, spans: d.data.spans.map(fill) } : d.data;
    filled.set(d, { ...d, docId, related: d.related.map(fill), ...(data ? { data } : {}) });
  }
  return {
    diagnostics: [...filled.values()],
    shifted: out.shifted.map((s) => ({ ...s, diagnostic: filled.get(s.diagnostic)! })),
    ...(scans ? { scans } : {}),
  };
}
