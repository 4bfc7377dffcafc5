/**
 * test/model/support/contract-syntax.ts: builds syntax trees shaped like the grammar's node-kind contract
 *   (configuration / statement / block / value_list / command / verb / banner / comment / annotation and
 *   the word kinds), so model tests run before and independently of the tree-sitter grammar.
 * Owns: a small tokenizer for well-formed test fixtures only.
 * Must not know: the schema or the model.
 * Invariants: offsets are exact JS string offsets; it is a test double of the contract, not a product parser
 *   (integration.test.ts runs the same fixtures through the real grammar when it is present).
 * Tests: exercised by every test in test/src/model.
 */
import type { SyntaxNodeLike, SyntaxTreeLike } from '../../../../server/src/model/source';

class FakeNode implements SyntaxNodeLike {
  isMissing = false;
  children: FakeNode[] = [];
  fields: Map<string, FakeNode> | undefined;
  constructor(
    public type: string,
    public startIndex: number,
    public endIndex: number,
  ) {}
  childForFieldName(name: string): SyntaxNodeLike | null {
    return this.fields?.get(name) ?? null;
  }
  add(child: FakeNode, field?: string): FakeNode {
    this.children.push(child);
    if (field) (this.fields ??= new Map()).set(field, child);
    this.endIndex = Math.max(this.endIndex, child.endIndex);
    return child;
  }
}

interface Token {
  kind: 'word' | 'punct' | 'comment' | 'annotation' | 'newline';
  text: string;
  start: number;
  end: number;
}

const VERBS = new Set(['set', 'delete', 'activate', 'deactivate', 'protect', 'unprotect', 'annotate', 'insert', 'rename', 'copy', 'edit', 'top', 'up', 'exit', 'quit']);
const MODIFIERS = new Set(['inactive:', 'protect:', 'replace:', 'active:', 'delete:', 'unprotect:']);

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '\n') {
      out.push({ kind: 'newline', text: ch, start: i, end: i + 1 });
      i++;
    } else if (/\s/.test(ch)) i++;
    else if (ch === '#') {
      let j = text.indexOf('\n', i);
      if (j < 0) j = text.length;
      out.push({ kind: 'comment', text: text.slice(i, j), start: i, end: j });
      i = j;
    } else if (ch === '/' && text[i + 1] === '*') {
      let j = text.indexOf('*/', i + 2);
      j = j < 0 ? text.length : j + 2;
      out.push({ kind: 'annotation', text: text.slice(i, j), start: i, end: j });
      i = j;
    } else if ('{}[];'.includes(ch)) {
      out.push({ kind: 'punct', text: ch, start: i, end: i + 1 });
      i++;
    } else if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      j = Math.min(j + 1, text.length);
      out.push({ kind: 'word', text: text.slice(i, j), start: i, end: j });
      i = j;
    } else {
      let j = i;
      while (j < text.length && !/[\s{};[\]"]/.test(text[j]!)) j++;
      if (j === i) j++;
      out.push({ kind: 'word', text: text.slice(i, j), start: i, end: j });
      i = j;
    }
  }
  return out;
}

export function wordKind(raw: string): string {
  const bare = raw.startsWith('"') ? raw.slice(1, -1) : raw;
  if (bare.startsWith('$9$')) return 'secret';
  if (bare.startsWith('<') && bare.endsWith('>')) return 'wildcard';
  if (raw.startsWith('"')) return 'string';
  if (/^\d+$/.test(raw)) return 'number';
  if (/^\d+\.\d+\.\d+\.\d+$/.test(raw)) return 'ipv4_address';
  if (/^\d+\.\d+\.\d+\.\d+\/\d+$/.test(raw)) return 'ipv4_prefix';
  if (/^[0-9a-f:]*:[0-9a-f:]*\/\d+$/i.test(raw)) return 'ipv6_prefix';
  if (/^[0-9a-f]*:[0-9a-f:]+$/i.test(raw) && raw.includes('::')) return 'ipv6_address';
  if (/^[a-z]+-?\d+(\/\d+)*(\.\d+)?$/.test(raw) && /\d/.test(raw)) return 'interface_name';
  return 'identifier';
}

/** Parses fixture text into a contract-shaped tree. */
export function parseContract(text: string): SyntaxTreeLike {
  const toks = tokenize(text);
  let p = 0;
  const root = new FakeNode('configuration', 0, text.length);
  const peek = (): Token | undefined => toks[p];
  const skipNewlines = (): void => {
    while (peek()?.kind === 'newline') p++;
  };
  const word = (t: Token): FakeNode => new FakeNode(wordKind(t.text), t.start, t.end);

  const valueList = (open: Token): FakeNode => {
    const node = new FakeNode('value_list', open.start, open.end);
    p++;
    for (;;) {
      const t = peek();
      if (!t) break;
      if (t.kind === 'newline') {
        p++;
        continue;
      }
      if (t.kind === 'punct' && t.text === ']') {
        node.endIndex = t.end;
        p++;
        break;
      }
      if (t.kind === 'word') node.add(word(t));
      p++;
    }
    return node;
  };

  const block = (open: Token): FakeNode => {
    const node = new FakeNode('block', open.start, open.end);
    p++;
    for (;;) {
      skipNewlines();
      const t = peek();
      if (!t) break;
      if (t.kind === 'punct' && t.text === '}') {
        node.endIndex = t.end;
        p++;
        break;
      }
      const c = item(false);
      if (c) node.add(c);
    }
    return node;
  };

  const statement = (): FakeNode => {
    const first = peek()!;
    const node = new FakeNode('statement', first.start, first.end);
    for (;;) {
      const t = peek();
      if (!t) break;
      if (t.kind === 'newline') {
        p++;
        continue;
      }
      if (t.kind === 'comment' || t.kind === 'annotation') {
        // extras between a statement's words belong to the statement, as tree-sitter places them
        node.add(new FakeNode(t.kind, t.start, t.end));
        p++;
        continue;
      }
      if (t.kind === 'word' && MODIFIERS.has(t.text) && node.children.length === 0) {
        node.add(new FakeNode('modifier', t.start, t.end), 'modifier');
        p++;
      } else if (t.kind === 'word') {
        node.add(word(t));
        p++;
      } else if (t.text === '[') node.add(valueList(t));
      else if (t.text === ';') {
        node.endIndex = t.end;
        p++;
        break;
      } else if (t.text === '{') {
        node.add(block(t), 'body');
        break;
      } else break; // '}' closes the parent block: statement without ';'
    }
    return node;
  };

  const command = (): FakeNode => {
    const verbTok = peek()!;
    const node = new FakeNode('command', verbTok.start, verbTok.end);
    node.add(new FakeNode('verb', verbTok.start, verbTok.end), 'verb');
    p++;
    for (;;) {
      const t = peek();
      if (!t || t.kind === 'newline') break;
      if (t.kind === 'comment' || t.kind === 'annotation') {
        node.add(new FakeNode(t.kind, t.start, t.end));
        p++;
      } else if (t.kind === 'word') {
        node.add(word(t));
        p++;
      } else if (t.text === '[') node.add(valueList(t));
      else p++;
    }
    return node;
  };

  const banner = (open: Token): FakeNode => {
    const node = new FakeNode('banner', open.start, open.end);
    p++;
    for (;;) {
      const t = peek();
      if (!t || t.kind === 'newline') break;
      p++;
      if (t.kind === 'word') node.add(word(t));
      if (t.text === ']') {
        node.endIndex = t.end;
        break;
      }
    }
    return node;
  };

  const item = (topLevel: boolean): FakeNode | undefined => {
    const t = peek()!;
    if (t.kind === 'comment') {
      p++;
      return new FakeNode('comment', t.start, t.end);
    }
    if (t.kind === 'annotation') {
      p++;
      return new FakeNode('annotation', t.start, t.end);
    }
    if (t.kind === 'punct' && t.text === '[' && toks[p + 1]?.text === 'edit' && topLevel) return banner(t);
    if (t.kind === 'word' && topLevel && VERBS.has(t.text)) return command();
    if (t.kind === 'word' || (t.kind === 'punct' && t.text === '[')) return statement();
    p++;
    return undefined;
  };

  for (;;) {
    skipNewlines();
    if (!peek()) break;
    const c = item(true);
    if (c) root.add(c);
  }
  root.endIndex = text.length;
  return { rootNode: root };
}
