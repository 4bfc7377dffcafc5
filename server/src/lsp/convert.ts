/**
 * lsp/convert.ts: the translation wall: plain results of `ide/` and `analysis/` (offsets) to LSP types.
 * Owns: offset -> Position/Range conversion through `LineIndex`, diagnostic, folding, symbol, selection,
 *   edit and semantic-token encodings, filtering by what the client said it supports.
 * Must not know: how any result was computed.
 * Invariants: pure functions; ranges are clamped to the document; secrets are not introduced here (the
 *   messages and names were masked where they were made).
 * Tests: test/src/lsp/protocol.test.ts
 */
import {
  type Diagnostic as LspDiagnostic,
  DiagnosticSeverity,
  DiagnosticTag,
  type DocumentSymbol,
  type FoldingRange,
  FoldingRangeKind,
  type Range,
  type SelectionRange,
  type SymbolInformation,
  SymbolKind,
  type TextEdit,
} from 'vscode-languageserver/node';
import type { Diagnostic, Severity } from '../analysis/diagnostic';
import type { OutlineKind, OutlineSymbol } from '../ide/document-symbols';
import type { FoldRegion } from '../ide/folding-ranges';
import type { TextReplacement } from '../ide/formatting';
import type { Span } from '../ide/selection-ranges';
import type { SemanticToken } from '../ide/semantic-tokens';
import type { LineIndex } from '../text/line-index';
import type { ClientFlags } from './capabilities';

export const DIAGNOSTIC_SOURCE = 'junos';

export function toRange(lines: LineIndex, start: number, end: number): Range {
  return { start: lines.positionAt(start), end: lines.positionAt(Math.max(start, end)) };
}

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** `linesFor` finds other documents for related places; places in unknown documents are left out. */
export function toLspDiagnostic(
  diagnostic: Diagnostic,
  lines: LineIndex,
  flags: ClientFlags,
  linesFor: (docId: string) => LineIndex | undefined,
): LspDiagnostic {
  const out: LspDiagnostic = {
    range: toRange(lines, diagnostic.start, diagnostic.end),
    severity: SEVERITIES[diagnostic.severity],
    code: diagnostic.code,
    source: DIAGNOSTIC_SOURCE,
    message: diagnostic.message,
  };
  if (diagnostic.data !== undefined) out.data = diagnostic.data;
  if (flags.diagnosticRelatedInformation && diagnostic.related.length > 0) {
    const related = [];
    for (const place of diagnostic.related) {
      const placeLines = linesFor(place.docId);
      if (placeLines) related.push({ location: { uri: place.docId, range: toRange(placeLines, place.start, place.end) }, message: place.message });
    }
    if (related.length > 0) out.relatedInformation = related;
  }
  if (flags.diagnosticTags && diagnostic.tags && diagnostic.tags.length > 0) {
    out.tags = diagnostic.tags.map((t) => (t === 'unnecessary' ? DiagnosticTag.Unnecessary : DiagnosticTag.Deprecated));
  }
  return out;
}

export function toFoldingRanges(regions: readonly FoldRegion[], flags: ClientFlags): FoldingRange[] {
  const limited = flags.foldingRangeLimit !== undefined ? regions.slice(0, flags.foldingRangeLimit) : regions;
  return limited.map((r) => ({
    startLine: r.startLine,
    endLine: r.endLine,
    kind: r.kind === 'comment' ? FoldingRangeKind.Comment : FoldingRangeKind.Region,
  }));
}

export function toSelectionRange(lines: LineIndex, chain: readonly Span[]): SelectionRange {
  let parent: SelectionRange | undefined;
  for (let i = chain.length - 1; i >= 0; i--) {
    const span = chain[i]!;
    parent = parent ? { range: toRange(lines, span.start, span.end), parent } : { range: toRange(lines, span.start, span.end) };
  }
  return parent ?? { range: toRange(lines, 0, 0) };
}

const SYMBOL_KINDS: Record<OutlineKind, SymbolKind> = {
  container: SymbolKind.Object,
  leaf: SymbolKind.Property,
  'command-group': SymbolKind.Namespace,
  command: SymbolKind.Property,
};

export function toDocumentSymbols(lines: LineIndex, symbols: readonly OutlineSymbol[]): DocumentSymbol[] {
  return symbols.map((s) => {
    const symbol: DocumentSymbol = {
      name: s.name === '' ? '(unnamed)' : s.name,
      kind: SYMBOL_KINDS[s.kind],
      range: toRange(lines, s.start, s.end),
      selectionRange: toRange(lines, s.selectionStart, s.selectionEnd),
      children: toDocumentSymbols(lines, s.children),
    };
    if (s.detail !== '') symbol.detail = s.detail;
    return symbol;
  });
}

/** For clients without hierarchical symbol support: a flat list with container names. */
export function toSymbolInformation(uri: string, lines: LineIndex, symbols: readonly OutlineSymbol[]): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  const visit = (list: readonly OutlineSymbol[], container: string | undefined): void => {
    for (const s of list) {
      const info: SymbolInformation = { name: s.name, kind: SYMBOL_KINDS[s.kind], location: { uri, range: toRange(lines, s.start, s.end) } };
      if (container !== undefined) info.containerName = container;
      out.push(info);
      visit(s.children, container === undefined ? s.name : `${container} ${s.name}`);
    }
  };
  visit(symbols, undefined);
  return out;
}

export function toTextEdits(lines: LineIndex, edits: readonly TextReplacement[]): TextEdit[] {
  return edits.map((e) => ({ range: toRange(lines, e.start, e.end), newText: e.newText }));
}

/** LSP's relative encoding: 5 integers per token (delta line, delta start, length, type, modifiers). */
export function encodeSemanticTokens(tokens: readonly SemanticToken[]): number[] {
  const data: number[] = new Array(tokens.length * 5);
  let line = 0;
  let character = 0;
  tokens.forEach((t, i) => {
    const deltaLine = t.line - line;
    data[i * 5] = deltaLine;
    data[i * 5 + 1] = deltaLine === 0 ? t.character - character : t.character;
    data[i * 5 + 2] = t.length;
    data[i * 5 + 3] = t.typeIndex;
    data[i * 5 + 4] = t.modifierBits;
    line = t.line;
    character = t.character;
  });
  return data;
}
