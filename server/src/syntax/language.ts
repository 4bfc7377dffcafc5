/**
 * syntax/language.ts: loads web-tree-sitter and the committed tree-sitter-junos.wasm once, then parses.
 * Owns: finding the two wasm files (the runtime's and the grammar's) from the compiled tree
 *   (`out/server/src/syntax/`) or an esbuild bundle (`dist/`), the single shared `Parser`, full and
 *   incremental parses.
 * Must not know: the schema, LSP, what the node kinds mean.
 * Invariants: `initSyntax` is the only async step and is idempotent (concurrent calls share one load);
 *   `parseText` is synchronous and total once initialised (it throws only when called before
 *   `initSyntax` resolved, a programming error, never because of the text). Offsets in trees are
 *   JS string (UTF-16 code unit) indices: web-tree-sitter parses JS strings as UTF-16.
 * Tests: test/src/syntax/parser.test.ts, test/src/syntax/incremental.test.ts
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Language, Parser, type Tree } from 'web-tree-sitter';

export const GRAMMAR_WASM_NAME = 'tree-sitter-junos.wasm';
const RUNTIME_WASM_NAME = 'web-tree-sitter.wasm';

export interface SyntaxOptions {
  /** the grammar's wasm; default: searched upward from this module (see `findGrammarWasm`) */
  readonly wasmPath?: string;
  /** web-tree-sitter's own runtime wasm; default: beside this module (bundles) or the npm package */
  readonly runtimeWasmPath?: string;
}

interface Loaded {
  readonly parser: Parser;
  readonly language: Language;
  readonly wasmPath: string;
}

let loaded: Loaded | undefined;
let loading: Promise<Loaded> | undefined;

/**
 * Where the grammar wasm is: `<dir>/tree-sitter-junos.wasm` beside this module (a bundle copies it
 * there), else `tree-sitter-junos/tree-sitter-junos.wasm` in this module's folder or any ancestor.
 */
export function findGrammarWasm(fromDir: string = __dirname): string | undefined {
  const beside = path.join(fromDir, GRAMMAR_WASM_NAME);
  if (fs.existsSync(beside)) return beside;
  let dir = path.resolve(fromDir);
  for (;;) {
    const candidate = path.join(dir, 'tree-sitter-junos', GRAMMAR_WASM_NAME);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function findRuntimeWasm(): string | undefined {
  const beside = path.join(__dirname, RUNTIME_WASM_NAME);
  if (fs.existsSync(beside)) return beside;
  try {
    return require.resolve(`web-tree-sitter/${RUNTIME_WASM_NAME}`);
  } catch {
    return undefined;
  }
}

async function load(options: SyntaxOptions): Promise<Loaded> {
  const wasmPath = options.wasmPath ?? findGrammarWasm();
  if (!wasmPath) {
    throw new Error(`${GRAMMAR_WASM_NAME} was not found beside ${__dirname} or in a tree-sitter-junos/ folder above it`);
  }
  const runtimeWasm = options.runtimeWasmPath ?? findRuntimeWasm();
  await Parser.init(runtimeWasm ? { locateFile: () => runtimeWasm } : undefined);
  const language = await Language.load(fs.readFileSync(wasmPath));
  const parser = new Parser();
  parser.setLanguage(language);
  return { parser, language, wasmPath };
}

/**
 * Loads the runtime and the grammar. Call once before parsing; later calls return the same load
 * (options of later calls are ignored). A failed load (missing file) rejects and may be retried.
 */
export function initSyntax(options: SyntaxOptions = {}): Promise<void> {
  if (loaded) return Promise.resolve();
  loading ??= load(options).then(
    (result) => {
      loaded = result;
      return result;
    },
    (err: unknown) => {
      loading = undefined;
      throw err;
    },
  );
  return loading.then(() => undefined);
}

function requireLoaded(): Loaded {
  if (!loaded) throw new Error('syntax: initSyntax() must resolve before parsing');
  return loaded;
}

/** The loaded grammar (for queries). */
export function syntaxLanguage(): Language {
  return requireLoaded().language;
}

/** The grammar wasm file that was loaded. */
export function loadedWasmPath(): string {
  return requireLoaded().wasmPath;
}

/**
 * Parses `text`; with `oldTree` (already `edit`ed to match `text`) reuses its unchanged parts.
 * The caller owns the returned tree (`tree.delete()` frees it; trees are also reclaimed with the wasm heap).
 */
export function parseText(text: string, oldTree?: Tree): Tree {
  const tree = requireLoaded().parser.parse(text, oldTree ?? null);
  // web-tree-sitter returns null only when parsing was cancelled or no language is set; neither happens here.
  if (!tree) throw new Error('syntax: the parser returned no tree');
  return tree;
}

/**
 * `parseText` of a text given by `read(index)` (the text's characters from `index` on, as many as the
 * reader likes, '' at the end), for a text that should not be read as one string (syntax/piece-text.ts).
 */
export function parseReading(read: (index: number) => string, oldTree?: Tree): Tree {
  const tree = requireLoaded().parser.parse((index) => read(index), oldTree ?? null);
  if (!tree) throw new Error('syntax: the parser returned no tree');
  return tree;
}
