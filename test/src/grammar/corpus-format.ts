/**
 * test/grammar/corpus-format.ts: reads tree-sitter corpus files and compares S-expressions the way
 *   `tree-sitter test` does, so the corpus also runs through the wasm in `npm test` without the CLI.
 * Owns: splitting a corpus file into cases, input trimming, S-expression normalisation, field stripping.
 * Must not know: the grammar's node kinds.
 * Tests: test/src/grammar/corpus.test.ts (and its self-checks of this format).
 */

export interface CorpusCase {
  readonly title: string;
  readonly input: string;
  readonly expected: string;
  /** 1-based line of the case's title in its file */
  readonly line: number;
}

const HEADER_RULE = /^={3,}\s*$/;
const DIVIDER_RULE = /^-{3,}\s*$/;

/**
 * Splits a corpus file: `===` / title / `===`, input, `---`, expected S-expression. As the CLI does,
 * the input is everything between the header and the divider line minus its final line break.
 */
export function parseCorpus(text: string): CorpusCase[] {
  const lines = text.split('\n');
  const cases: CorpusCase[] = [];
  let i = 0;
  while (i < lines.length) {
    if (!HEADER_RULE.test(lines[i]!)) {
      i++;
      continue;
    }
    const titleStart = i + 1;
    let j = titleStart;
    while (j < lines.length && !HEADER_RULE.test(lines[j]!)) j++;
    if (j >= lines.length) break;
    const title = lines.slice(titleStart, j).join('\n').trim();
    let k = j + 1;
    while (k < lines.length && !DIVIDER_RULE.test(lines[k]!)) k++;
    if (k >= lines.length) break;
    let input = lines.slice(j + 1, k).join('\n');
    // the divider's own line break is not input; the text before it ends with exactly the lines above
    if (input.endsWith('\r')) input = input.slice(0, -1);
    let end = k + 1;
    while (end < lines.length && !(HEADER_RULE.test(lines[end]!) && end + 2 < lines.length)) end++;
    const expected = lines.slice(k + 1, end).join('\n');
    cases.push({ title, input, expected, line: titleStart + 1 });
    i = end;
  }
  return cases;
}

/** Whitespace-insensitive form; `;` comment lines in the expected text are dropped like the CLI does. */
export function normalizeSexp(sexp: string): string {
  return sexp
    .split('\n')
    .filter((line) => !line.trim().startsWith(';'))
    .join(' ')
    .replace(/\s+/g, ' ')
    .replace(/\(\s+/g, '(')
    .replace(/\s+\)/g, ')')
    .trim();
}

const FIELD = /(^|[\s(])([a-z_][a-z0-9_]*): /g;

export function hasFields(sexp: string): boolean {
  return FIELD.test(sexp.replace(/"[^"]*"|'[^']*'/g, '""'));
}

/** Removes `name: ` field labels (outside quoted token names). */
export function stripFields(sexp: string): string {
  return sexp.replace(/("[^"]*"|'[^']*')|(^|[\s(])[a-z_][a-z0-9_]*: /g, (_all, quoted: string | undefined, before: string | undefined) =>
    quoted !== undefined ? quoted : (before ?? ''),
  );
}

/** The actual tree in the expected text's style: fields kept only when the expected text has some. */
export function comparableActual(actual: string, expected: string): string {
  FIELD.lastIndex = 0;
  const keepFields = hasFields(expected);
  FIELD.lastIndex = 0;
  return normalizeSexp(keepFields ? actual : stripFields(actual));
}
