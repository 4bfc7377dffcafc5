/**
 * model/source.ts: reads the schema-free syntax tree into words with exact source offsets.
 * Owns: the structural view of a tree-sitter node the model needs (so the model does not depend on
 *   web-tree-sitter's classes), word kinds, unquoting, and splitting statements/commands into items.
 * Must not know: the schema, LSP, line/column positions (offsets only).
 * Invariants: never throws; ERROR/MISSING nodes are skipped (the syntax layer reports them);
 *   `Word.source` covers exactly the characters of that word in the document, quotes included.
 *   Words read for the builder are `AnchoredWord`s (one object: the word is its own `source`), with
 *   offsets relative to an anchor (the scope record of the statement or command that read them), so
 *   moving the anchor moves them all (see model/incremental.ts); readers see `start`/`end`/`docId` as
 *   usual (getters). Never spread a word or a source (`{ ...w }` copies no getter): name the fields.
 *   Memory: an anchored word is three fields, 48 bytes on a 64-bit heap (its anchor, its offset, length
 *   and kind packed in one small integer, its text); verbs and short texts are shared strings.
 * Tests: test/src/model/source.test.ts
 */
import { detached } from '../text/detached';

/** The part of a tree-sitter node the model reads. web-tree-sitter's `Node` satisfies it. */
export interface SyntaxNodeLike {
  readonly type: string;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly isMissing: boolean;
  readonly children: readonly (SyntaxNodeLike | null)[];
  childForFieldName(fieldName: string): SyntaxNodeLike | null;
}

export interface SyntaxTreeLike {
  readonly rootNode: SyntaxNodeLike;
}

/** One document handed to the model. */
export interface SourceDoc {
  readonly id: string;
  readonly text: string;
  readonly tree: SyntaxTreeLike;
}

export interface WordSource {
  readonly docId: string;
  /** JS string offset of the first character (opening quote included) */
  readonly start: number;
  /** offset just past the last character */
  readonly end: number;
}

/** What anchored sources are relative to: a statement's or command's scope record (model/build.ts). */
export interface SourceAnchor {
  readonly docId: string;
  readonly start: number;
}

/** How an anchored source packs its place in one small integer (a Smi even with pointer compression):
 *  the offset from its anchor (14 bits), its length (12 bits) and a word kind's code (4 bits). A source
 *  whose offset or length does not fit goes through a `FarAnchor` of its own (rare: a note far from its
 *  chunk's start, a very long string). */
const KIND_BITS = 4;
const LENGTH_UNIT = 2 ** KIND_BITS;
const LENGTH_MASK = 2 ** 12 - 1;
/** a length field equal to this: the length is the far anchor's */
const LONG = LENGTH_MASK;
const OFFSET_UNIT = 2 ** 16;
const OFFSET_LIMIT = 2 ** 14;

/** Longest range an anchored source holds; longer ones are plain `{ docId, start, end }` sources. */
const MAX_ANCHORED_LENGTH = 2 ** 26;

/** The anchor of one source whose offset or length does not fit its packed integer: its own offset from
 *  the real anchor, and its length when that is too long. */
class FarAnchor implements SourceAnchor {
  constructor(
    readonly base: SourceAnchor,
    public offset: number,
    readonly length: number,
  ) {}

  get docId(): string {
    return this.base.docId;
  }

  get start(): number {
    return this.base.start + this.offset;
  }
}

/**
 * A range as an offset from its anchor: moving the anchor (one field) moves every source on it.
 * `start`, `end` and `docId` are getters on the prototype (spread copies none of them: copy fields by
 * name); `toJSON` gives the plain range. Two fields: a word (`AnchoredWord`) adds its text, 48 bytes in
 * all on a 64-bit heap.
 */
export class AnchoredSource implements WordSource {
  /** the anchor, or the source's own `FarAnchor` on it */
  private at: SourceAnchor;
  /** offset * 2^16 + length * 16 + a word kind's code (`AnchoredWord`; 0 for other sources) */
  protected packed: number;

  constructor(anchor: SourceAnchor, offset: number, length: number, kindCode = 0) {
    this.at = anchor;
    this.packed = kindCode;
    this.place(anchor, offset, length);
  }

  private place(anchor: SourceAnchor, offset: number, length: number): void {
    const kindCode = this.packed & (LENGTH_UNIT - 1);
    if (offset >= 0 && offset < OFFSET_LIMIT && length < LONG) {
      this.at = anchor;
      this.packed = offset * OFFSET_UNIT + length * LENGTH_UNIT + kindCode;
    } else {
      this.at = new FarAnchor(anchor, offset, length);
      this.packed = LONG * LENGTH_UNIT + kindCode;
    }
  }

  /** what the offset is relative to */
  get anchor(): SourceAnchor {
    const at = this.at;
    return at instanceof FarAnchor ? at.base : at;
  }

  get docId(): string {
    return this.at.docId;
  }

  get start(): number {
    return this.at.start + (this.packed >>> 16);
  }

  get end(): number {
    const length = (this.packed >>> KIND_BITS) & LENGTH_MASK;
    return this.start + (length === LONG ? (this.at as FarAnchor).length : length);
  }

  /** Makes this source relative to `anchor` (its chunk was split: model/anchors.ts `splitChunk`), its
   *  offsets kept. */
  rebase(anchor: SourceAnchor): void {
    const start = this.start;
    this.place(anchor, start - anchor.start, this.end - start);
  }

  /** Moves this source alone by `delta` (its anchor stays). */
  shift(delta: number): void {
    const at = this.at;
    const anchor = at instanceof FarAnchor ? at.base : at;
    this.place(anchor, this.start + delta - anchor.start, this.end - this.start);
  }

  toJSON(): { docId: string; start: number; end: number } {
    return { docId: this.docId, start: this.start, end: this.end };
  }
}

/** Where words are read from: the document, and the anchor their sources are made relative to (plain
 *  `{ docId, start, end }` sources without one). */
export interface WordReader {
  readonly id: string;
  readonly text: string;
  readonly anchor?: SourceAnchor | undefined;
}

/** The source of `[start, end)` of `doc`: anchored when the reader has an anchor. */
export function sourceOf(doc: WordReader, start: number, end: number): WordSource {
  const anchor = doc.anchor;
  return anchor && end - start < MAX_ANCHORED_LENGTH ? new AnchoredSource(anchor, start - anchor.start, end - start) : { docId: doc.id, start, end };
}

export const WORD_KINDS = [
  'identifier',
  'number',
  'ipv4_address',
  'ipv4_prefix',
  'ipv6_address',
  'ipv6_prefix',
  'interface_name',
  'string',
  'secret',
  'wildcard',
] as const;

/** `synthetic` marks words the model made up (e.g. a copied entry's new key without a source). */
export type WordKind = (typeof WORD_KINDS)[number] | 'synthetic';

export interface Word {
  /** the value as Junos sees it: quotes removed, escapes resolved */
  readonly text: string;
  readonly kind: WordKind;
  /** where it is written (for a word read with an anchor: the word itself, see `AnchoredWord`); words
   *  made from another one (other text or kind, same place) keep its source object */
  readonly source: WordSource;
}

/** A word's kind as the small code `AnchoredSource` packs with the length (0: not a word). */
const KIND_CODES: ReadonlyMap<WordKind, number> = new Map(WORD_KINDS.map((k, i) => [k, i + 1]));

/**
 * A word read with an anchor: one object that is both the word and its source (`source` is the word
 * itself), so a large configuration pays one object per word. As a source it compares by identity like
 * any source; `toJSON` gives the plain range (a word's text never leaves through its source).
 */
export class AnchoredWord extends AnchoredSource implements Word {
  readonly text: string;

  constructor(text: string, kindCode: number, anchor: SourceAnchor, offset: number, length: number) {
    super(anchor, offset, length, kindCode);
    this.text = text;
  }

  get kind(): WordKind {
    return WORD_KINDS[(this.packed & 15) - 1] ?? 'synthetic';
  }

  get source(): WordSource {
    return this;
  }
}

/** A word, or the words of a `[ a b c ]` value list (with the list's own range). */
export type Item =
  | { readonly kind: 'word'; readonly word: Word }
  | { readonly kind: 'list'; readonly words: readonly Word[]; readonly source: WordSource };

const WORD_KIND_SET: ReadonlySet<string> = new Set(WORD_KINDS);

export function isWordNode(node: SyntaxNodeLike): boolean {
  return WORD_KIND_SET.has(node.type);
}

/** Removes surrounding double quotes and resolves backslash escapes. */
export function unquote(raw: string): string {
  if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"')) {
    return raw.slice(1, -1).replace(/\\(.)/gs, '$1');
  }
  return raw;
}

/** Short word texts (keywords, interface names, small numbers) repeat thousands of times in a large
 *  configuration; each distinct one is kept once while a configuration is built (`forgetSharedTexts` at
 *  the end of a full build: the table was 1.75 MB at 100k set lines, kept for nothing between builds; an
 *  update's few words start a small one). Bounded: the table starts over when it is full.
 *  Stored texts are flat copies, so the table never keeps a whole document's text alive (V8 makes
 *  longer slices views into the string they came from); longer texts are not shared but copied the same
 *  way (text/detached.ts). */
const SHARED_TEXT_MAX_LENGTH = 40;
const SHARED_TEXT_LIMIT = 200_000;
let sharedTexts = new Map<string, string>();

/** Drops the table of shared texts (the words made so far keep theirs). */
export function forgetSharedTexts(): void {
  if (sharedTexts.size > 0) sharedTexts = new Map();
}

function sharedText(text: string): string {
  // a longer text is kept as a copy of its own: a slice would keep the document's whole text alive (and an
  // incremental model keeps words read from many versions of it)
  if (text.length > SHARED_TEXT_MAX_LENGTH) return detached(text);
  const known = sharedTexts.get(text);
  if (known !== undefined) return known;
  if (sharedTexts.size >= SHARED_TEXT_LIMIT) sharedTexts = new Map();
  const flat = text.length >= 13 ? text.split('').join('') : text;
  sharedTexts.set(flat, flat);
  return flat;
}

export function wordOf(node: SyntaxNodeLike, doc: WordReader): Word {
  const start = node.startIndex;
  const end = node.endIndex;
  const text = sharedText(unquote(doc.text.slice(start, end)));
  const kind = node.type as WordKind;
  const anchor = doc.anchor;
  const code = KIND_CODES.get(kind);
  if (anchor && code !== undefined && end - start < MAX_ANCHORED_LENGTH) return new AnchoredWord(text, code, anchor, start - anchor.start, end - start);
  return { text, kind, source: { docId: doc.id, start, end } };
}

export function childrenOf(node: SyntaxNodeLike): SyntaxNodeLike[] {
  const out: SyntaxNodeLike[] = [];
  for (const child of node.children) if (child) out.push(child);
  return out;
}

/** The words of a node and its descendants (value lists flattened), skipping MISSING ones; an array exactly
 *  as long as its words (see `itemWords`). */
export function wordsBelow(node: SyntaxNodeLike, doc: WordReader): Word[] {
  const out: Word[] = [];
  const visit = (n: SyntaxNodeLike): void => {
    if (n.isMissing) return;
    if (isWordNode(n)) {
      if (n.endIndex > n.startIndex) out.push(wordOf(n, doc));
      return;
    }
    for (const c of childrenOf(n)) visit(c);
  };
  visit(node);
  return out.length === 0 ? out : out.slice();
}

function itemsOfChild(child: SyntaxNodeLike, doc: WordReader, out: Item[]): void {
  if (child.isMissing) return;
  if (isWordNode(child)) {
    if (child.endIndex > child.startIndex) out.push({ kind: 'word', word: wordOf(child, doc) });
  } else if (child.type === 'value_list') {
    out.push({
      kind: 'list',
      words: wordsBelow(child, doc),
      source: sourceOf(doc, child.startIndex, child.endIndex),
    });
  } else if (child.type === 'word') {
    // tolerate a wrapper node around the concrete word kind
    for (const c of childrenOf(child)) itemsOfChild(c, doc, out);
  }
}

/** A hierarchical statement split into what the model needs. */
export interface StatementParts {
  readonly modifiers: readonly string[];
  readonly items: readonly Item[];
  readonly body: SyntaxNodeLike | undefined;
  /** comments and annotations the grammar placed inside the statement (extras between its words) */
  readonly notes: readonly SyntaxNodeLike[];
}

function isNote(node: SyntaxNodeLike): boolean {
  return node.type === 'comment' || node.type === 'annotation';
}

export function statementParts(node: SyntaxNodeLike, doc: WordReader): StatementParts {
  const modifiers: string[] = [];
  const items: Item[] = [];
  const notes: SyntaxNodeLike[] = [];
  let body: SyntaxNodeLike | undefined;
  const bodyField = node.childForFieldName('body');
  for (const child of childrenOf(node)) {
    if (isNote(child)) notes.push(child);
    else if (child.type === 'modifier' || child === node.childForFieldName('modifier')) {
      const text = doc.text.slice(child.startIndex, child.endIndex).trim().replace(/:$/, '');
      if (text && !child.isMissing) modifiers.push(text);
    } else if (child.type === 'block' || (bodyField && child.startIndex === bodyField.startIndex && child.type === bodyField.type)) {
      body = child;
    } else {
      itemsOfChild(child, doc, items);
    }
  }
  return { modifiers, items, body, notes };
}

/** A set-form command split into its verb and items. */
export interface CommandParts {
  readonly verb: string;
  readonly verbSource: WordSource;
  readonly items: readonly Item[];
  /** comments and annotations inside the command line (e.g. a `# ...` after its words) */
  readonly notes: readonly SyntaxNodeLike[];
}

/** A command's verb node, if it has one. */
export function commandVerbNode(node: SyntaxNodeLike): SyntaxNodeLike | undefined {
  return node.childForFieldName('verb') ?? childrenOf(node).find((c) => c.type === 'verb');
}

export function commandParts(node: SyntaxNodeLike, doc: WordReader): CommandParts | undefined {
  const verbNode = commandVerbNode(node);
  if (!verbNode || verbNode.isMissing) return undefined;
  const items: Item[] = [];
  const notes: SyntaxNodeLike[] = [];
  for (const child of childrenOf(node)) {
    if (child === verbNode || (child.startIndex === verbNode.startIndex && child.type === verbNode.type)) continue;
    if (isNote(child)) notes.push(child);
    else itemsOfChild(child, doc, items);
  }
  return {
    notes,
    verb: sharedText(doc.text.slice(verbNode.startIndex, verbNode.endIndex)),
    verbSource: sourceOf(doc, verbNode.startIndex, verbNode.endIndex),
    items,
  };
}

export function itemSource(item: Item): WordSource {
  return item.kind === 'word' ? item.word.source : item.source;
}

/** Flattens items to words (value lists expanded). The array is exactly as long as its words (a pushed array
 *  reserves 17 slots: scope records keep one per statement, 100,000 at 100k lines). */
export function itemWords(items: readonly Item[]): Word[] {
  let count = 0;
  for (const it of items) count += it.kind === 'word' ? 1 : it.words.length;
  const out = new Array<Word>(count);
  let i = 0;
  for (const it of items) {
    if (it.kind === 'word') out[i++] = it.word;
    else for (const w of it.words) out[i++] = w;
  }
  return out;
}
