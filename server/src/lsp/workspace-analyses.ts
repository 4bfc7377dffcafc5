/**
 * lsp/workspace-analyses.ts: the analyses of every Junos configuration the server knows: open documents
 *   (their current version) and the workspace index's other files (as saved on disk).
 * Owns: merging the two (an open document wins over its file), the document id of a file (its `file:` URI,
 *   the same id an open document has), analysing a closed file with the platform's schema.
 * Must not know: features; LSP types beyond URIs.
 * Invariants: every entry's `docId` is a URI; a file that cannot be read or analysed is left out (and logged
 *   once per reason), never thrown; entries are sorted by URI.
 * Tests: test/src/lsp/language-features.test.ts
 */
import { pathToFileURL } from 'node:url';
import { analyzeDocument, type DocumentAnalysis, schemaFamily } from '../analysis/index';
import { loadSchema } from '../schema/index';
import { LineIndex } from '../text/line-index';
import type { ServerContext } from './context';
import { currentAnalysis } from './diagnostics-source';
import { describeError } from './trace';

export interface KnownConfiguration {
  readonly docId: string;
  /** absolute path for files of the workspace index; undefined for open documents outside it */
  readonly filePath: string | undefined;
  readonly text: string;
  readonly analysis: DocumentAnalysis;
  readonly lines: LineIndex;
  readonly open: boolean;
}

const lineIndexes = new WeakMap<DocumentAnalysis, LineIndex>();

/** Open documents and workspace files, one entry per URI. */
export function knownConfigurations(ctx: ServerContext): KnownConfiguration[] {
  const out = new Map<string, KnownConfiguration>();
  const openPaths = new Map<string, string>();
  for (const uri of ctx.documents.uris()) {
    const doc = ctx.documents.snapshot(uri);
    if (!doc) continue;
    try {
      out.set(uri, { docId: uri, filePath: undefined, text: doc.text, analysis: currentAnalysis(ctx, doc), lines: doc.lines, open: true });
      openPaths.set(uri, uri);
    } catch (err) {
      ctx.tracer.error(`analysis of ${uri} failed: ${describeError(err)}`);
    }
  }
  const files = ctx.workspace.files();
  ctx.fileAnalyses.retainOnly(new Set(files));
  for (const file of files) {
    const uri = pathToFileURL(file).href;
    const known = out.get(uri);
    if (known) {
      out.set(uri, { ...known, filePath: file });
      continue;
    }
    const found = fileAnalysis(ctx, file, uri);
    if (found) out.set(uri, found);
  }
  return [...out.values()].sort((a, b) => (a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : 0));
}

function fileAnalysis(ctx: ServerContext, file: string, uri: string): KnownConfiguration | undefined {
  const platform = ctx.settings.current.platform;
  try {
    const schema = loadSchema(schemaFamily(platform));
    const found = ctx.fileAnalyses.get(file, platform, (text) =>
      analyzeDocument({ id: uri, text, tree: { rootNode: ctx.syntax.parseRoot(text) } }, { platform }, schema),
    );
    if (!found) return undefined;
    let lines = lineIndexes.get(found.analysis);
    if (!lines) lineIndexes.set(found.analysis, (lines = new LineIndex(found.text)));
    return { docId: uri, filePath: file, text: found.text, analysis: found.analysis, lines, open: false };
  } catch (err) {
    ctx.tracer.error(`analysis of ${file} failed: ${describeError(err)}`);
    return undefined;
  }
}
