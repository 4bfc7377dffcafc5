/**
 * lsp/convert-features.ts: the translation wall for the model-based features (completion, hover, inlay
 *   hints, highlights, code lenses, workspace symbols): plain `ide/` results with offsets to LSP types.
 *   (convert.ts holds the syntax-only features and diagnostics.)
 * Owns: kind mappings, offset -> range conversion of these results, command arguments in LSP terms.
 * Must not know: how any result was computed.
 * Invariants: pure functions; multi-line completion texts are sent with `insertTextMode: asIs` (the ide
 *   layer already indented them); nothing here adds text that could hold a secret.
 * Tests: test/src/lsp/language-features.test.ts
 */
import {
  type CodeLens as LspCodeLens,
  type CompletionItem as LspCompletionItem,
  CompletionItemKind,
  type DocumentHighlight,
  DocumentHighlightKind,
  type Hover,
  type InlayHint as LspInlayHint,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  SymbolKind,
  type SymbolInformation,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { CodeLens } from '../ide/code-lens';
import type { CompletionItem, CompletionKind } from '../ide/completion';
import type { Highlight } from '../ide/document-highlight';
import type { HoverResult } from '../ide/hover';
import type { InlayHint } from '../ide/inlay-hints';
import type { SymbolKind as JunosSymbolKind, WorkspaceSymbol } from '../ide/workspace-symbols';
import type { LineIndex } from '../text/line-index';
import { toRange } from './convert';
import type { SimulateParams } from './protocol-extensions';

const COMPLETION_KINDS: Record<CompletionKind, CompletionItemKind> = {
  statement: CompletionItemKind.Keyword,
  container: CompletionItemKind.Module,
  list: CompletionItemKind.Class,
  leaf: CompletionItemKind.Property,
  flag: CompletionItemKind.Constant,
  value: CompletionItemKind.Value,
  enum: CompletionItemKind.EnumMember,
  reference: CompletionItemKind.Reference,
  snippet: CompletionItemKind.Snippet,
  command: CompletionItemKind.Keyword,
};

export function toCompletionItem(lines: LineIndex, item: CompletionItem): LspCompletionItem {
  const out: LspCompletionItem = {
    label: item.label,
    kind: COMPLETION_KINDS[item.kind],
    detail: item.detail,
    sortText: item.sortText,
    filterText: item.filterText,
    insertTextFormat: item.insertTextFormat === 'snippet' ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    insertTextMode: InsertTextMode.asIs,
    textEdit: { range: toRange(lines, item.replaceStart, item.replaceEnd), newText: item.insertText },
    data: item.data,
  };
  if (item.documentation !== undefined) out.documentation = { kind: MarkupKind.Markdown, value: item.documentation };
  return out;
}

export function toHover(lines: LineIndex, found: HoverResult): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: found.markdown }, range: toRange(lines, found.start, found.end) };
}

export function toInlayHint(lines: LineIndex, hint: InlayHint): LspInlayHint {
  const out: LspInlayHint = { position: lines.positionAt(hint.offset), label: hint.label, paddingLeft: true };
  if (hint.tooltip !== undefined) out.tooltip = hint.tooltip;
  return out;
}

export function toDocumentHighlight(lines: LineIndex, highlight: Highlight): DocumentHighlight {
  return {
    range: toRange(lines, highlight.start, highlight.end),
    kind: highlight.kind === 'write' ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
  };
}

/**
 * Lens commands carry LSP values: `junos.simulateTunnel` gets the `junos/simulate` params to send;
 * `junos.showReferences` gets (uri, position, locations), what VS Code's `editor.action.showReferences` takes.
 */
export function toCodeLens(uri: string, lines: LineIndex, lens: CodeLens, linesFor: (docId: string) => LineIndex | undefined): LspCodeLens {
  const range = toRange(lines, lens.start, lens.end);
  if (lens.command.name === 'junos.simulateTunnel') {
    const { rule, serviceSet } = lens.command.args;
    const target = { ...(rule !== undefined ? { ruleName: rule } : {}), ...(serviceSet !== undefined ? { serviceSetName: serviceSet } : {}) };
    const params: SimulateParams = { uri, target };
    return { range, command: { title: lens.title, command: lens.command.name, arguments: [params] } };
  }
  const locations = [];
  for (const place of lens.command.args.locations) {
    const placeLines = linesFor(place.docId);
    if (placeLines) locations.push({ uri: place.docId, range: toRange(placeLines, place.start, place.end) });
  }
  return { range, command: { title: lens.title, command: lens.command.name, arguments: [uri, lines.positionAt(lens.command.args.offset), locations] } };
}

const SYMBOL_KINDS: Record<JunosSymbolKind, SymbolKind> = {
  'ike-proposal': SymbolKind.Struct,
  'ike-policy': SymbolKind.Object,
  'ike-gateway': SymbolKind.Interface,
  'ipsec-proposal': SymbolKind.Struct,
  'ipsec-policy': SymbolKind.Object,
  'ipsec-vpn': SymbolKind.Module,
  rule: SymbolKind.Function,
  'rule-set': SymbolKind.Namespace,
  'service-set': SymbolKind.Package,
  interface: SymbolKind.Interface,
  'policy-statement': SymbolKind.Function,
  'prefix-list': SymbolKind.Array,
  community: SymbolKind.Constant,
  filter: SymbolKind.Function,
  group: SymbolKind.Namespace,
  'security-zone': SymbolKind.Module,
};

export function toWorkspaceSymbol(lines: LineIndex, symbol: WorkspaceSymbol): SymbolInformation {
  return {
    name: symbol.name,
    kind: SYMBOL_KINDS[symbol.kind],
    containerName: symbol.containerName,
    location: { uri: symbol.docId, range: toRange(lines, symbol.start, symbol.end) },
  };
}

/** Edits of `ide/` (each naming its document) grouped per document; edits in unknown documents are left out. */
export function toWorkspaceEdit(
  edits: readonly { readonly docId: string; readonly start: number; readonly end: number; readonly newText: string }[],
  linesFor: (docId: string) => LineIndex | undefined,
): WorkspaceEdit {
  const changes: Record<string, TextEdit[]> = {};
  for (const edit of edits) {
    const lines = linesFor(edit.docId);
    if (!lines) continue;
    (changes[edit.docId] ??= []).push({ range: toRange(lines, edit.start, edit.end), newText: edit.newText });
  }
  return { changes };
}
