/**
 * schema/generator/yang-syntax.ts: turns YANG 1.1 text into a tree of generic statements.
 * Owns: the statement grammar (keyword, optional argument, `;` or `{ ... }`), comments, quoted strings
 *   (single quotes verbatim; double quotes with `\n \t \" \\` escapes and YANG's indentation trimming),
 *   `+` concatenation of quoted strings.
 * Must not know: what any keyword means (that is yang-resolve.ts), Junos, the emitted format.
 * Invariants: never throws; malformed text yields the statements it could read plus problems with
 *   line numbers; the output depends only on the input text.
 * Tests: test/src/schema/yang-syntax.test.ts
 */

export interface YangStatement {
  /** `container`, `leaf`, `junos:must`, ... (prefix kept as written) */
  readonly keyword: string;
  /** the argument after string processing; undefined when the statement has none */
  readonly arg: string | undefined;
  readonly children: YangStatement[];
  /** 1-based line of the keyword */
  readonly line: number;
}

export interface YangParseResult {
  readonly statements: YangStatement[];
  readonly problems: string[];
}

type Token =
  | { readonly kind: 'word'; readonly text: string; readonly line: number }
  | { readonly kind: 'string'; readonly text: string; readonly line: number }
  | { readonly kind: 'punct'; readonly text: ';' | '{' | '}' | '+'; readonly line: number };

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

/** Double-quoted text: RFC 7950 6.1.3 (escapes, trailing whitespace before a newline removed, and
 *  leading whitespace of continuation lines trimmed up to the opening quote's column). */
function unquoteDouble(raw: string, quoteColumn: number): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '\\' && i + 1 < raw.length) {
      const n = raw[++i]!;
      out += n === 'n' ? '\n' : n === 't' ? '\t' : n === '"' ? '"' : n === '\\' ? '\\' : '\\' + n;
    } else out += c;
  }
  if (!out.includes('\n')) return out;
  const lines = out.split('\n');
  return lines
    .map((l, idx) => {
      let s = idx < lines.length - 1 ? l.replace(/[ \t]+$/, '') : l;
      if (idx > 0) {
        let col = 0;
        let k = 0;
        while (k < s.length && col <= quoteColumn && (s[k] === ' ' || s[k] === '\t')) {
          col += s[k] === '\t' ? 8 : 1;
          k++;
        }
        s = s.slice(k);
      }
      return s;
    })
    .join('\n');
}

function tokenize(text: string, problems: string[]): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === '\n') {
      line++;
      i++;
      lineStart = i;
      continue;
    }
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      for (let k = i; k < stop; k++) if (text[k] === '\n') {
        line++;
        lineStart = k + 1;
      }
      if (end < 0) problems.push(`line ${line}: unterminated comment`);
      i = stop;
      continue;
    }
    if (c === ';' || c === '{' || c === '}' || c === '+') {
      tokens.push({ kind: 'punct', text: c, line });
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      const startLine = line;
      const column = i - lineStart;
      let k = i + 1;
      while (k < n && text[k] !== c) {
        if (c === '"' && text[k] === '\\') k++;
        k++;
      }
      if (k >= n) {
        problems.push(`line ${startLine}: unterminated string`);
        k = n;
      }
      const raw = text.slice(i + 1, k);
      for (let m = i; m < k && m < n; m++) if (text[m] === '\n') {
        line++;
        lineStart = m + 1;
      }
      tokens.push({ kind: 'string', text: c === '"' ? unquoteDouble(raw, column) : raw, line: startLine });
      i = k + 1;
      continue;
    }
    let k = i;
    while (k < n && !isSpace(text[k]!) && text[k] !== ';' && text[k] !== '{' && text[k] !== '}') {
      if (text[k] === '/' && (text[k + 1] === '/' || text[k + 1] === '*')) break;
      k++;
    }
    tokens.push({ kind: 'word', text: text.slice(i, k), line });
    i = k;
  }
  return tokens;
}

/** Parses one YANG file's text into its top-level statements (normally one `module`). */
export function parseYang(text: string): YangParseResult {
  const problems: string[] = [];
  const tokens = tokenize(text, problems);
  let pos = 0;

  const readArgument = (): string | undefined => {
    const t = tokens[pos];
    if (!t || t.kind === 'punct') return undefined;
    pos++;
    if (t.kind === 'word') return t.text;
    let s = t.text;
    while (tokens[pos]?.kind === 'punct' && tokens[pos]!.text === '+' && tokens[pos + 1]?.kind === 'string') {
      s += tokens[pos + 1]!.text;
      pos += 2;
    }
    return s;
  };

  const readBlock = (depth: number): YangStatement[] => {
    const out: YangStatement[] = [];
    while (pos < tokens.length) {
      const t = tokens[pos]!;
      if (t.kind === 'punct') {
        pos++;
        if (t.text === '}') {
          if (depth === 0) problems.push(`line ${t.line}: unexpected '}'`);
          else return out;
        } else problems.push(`line ${t.line}: unexpected '${t.text}'`);
        continue;
      }
      pos++;
      const keyword = t.text;
      const arg = readArgument();
      const end = tokens[pos];
      const stmt: YangStatement = { keyword, arg, children: [], line: t.line };
      out.push(stmt);
      if (end?.kind === 'punct' && end.text === ';') {
        pos++;
      } else if (end?.kind === 'punct' && end.text === '{') {
        pos++;
        stmt.children.push(...readBlock(depth + 1));
      } else {
        problems.push(`line ${t.line}: statement '${keyword}' is not followed by ';' or '{'`);
      }
    }
    if (depth > 0) problems.push(`end of text: ${depth} unclosed '{'`);
    return out;
  };

  const statements = readBlock(0);
  return { statements, problems };
}
