/**
 * lsp/capabilities.ts: what the client can do (read once, at initialize) and what the server offers.
 * Owns: `ClientFlags` (the client capabilities features consult) and the `ServerCapabilities` answer,
 *   including the semantic token legend taken from `ide/token-legend.ts`.
 * Must not know: feature logic.
 * Invariants: flags are computed once from the initialize params and never change; a missing or malformed
 *   capabilities object yields the most conservative flags.
 * Tests: test/src/lsp/protocol.test.ts (initialize)
 */
import { type InitializeParams, type ServerCapabilities, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TOKEN_MODIFIERS, TOKEN_TYPES } from '../ide/token-legend';
import { CUSTOM_REQUESTS } from './protocol-extensions';

export interface ClientFlags {
  readonly configurationPull: boolean;
  readonly configurationChangeRegistration: boolean;
  readonly watchedFilesRegistration: boolean;
  readonly workspaceFolders: boolean;
  readonly hierarchicalSymbols: boolean;
  readonly foldingRangeLimit: number | undefined;
  readonly diagnosticRelatedInformation: boolean;
  readonly diagnosticTags: boolean;
  readonly diagnosticVersions: boolean;
  /** `textDocument/definition` may answer `LocationLink`s */
  readonly definitionLinks: boolean;
  /** `prepareRename` is sent by the client (else `renameProvider` is plain `true`) */
  readonly prepareRename: boolean;
  /** the client fills in a code action's `edit` through `codeAction/resolve` */
  readonly codeActionResolve: boolean;
  /** the client re-asks for inlay hints / code lenses on `workspace/inlayHint/refresh` / `codeLens/refresh` */
  readonly inlayHintRefresh: boolean;
  readonly codeLensRefresh: boolean;
  /** the client re-asks for semantic tokens on `workspace/semanticTokens/refresh` */
  readonly semanticTokensRefresh: boolean;
}

export function readClientFlags(params: InitializeParams | undefined): ClientFlags {
  const caps = (params && typeof params.capabilities === 'object' && params.capabilities) || {};
  const workspace = caps.workspace ?? {};
  const text = caps.textDocument ?? {};
  const limit = text.foldingRange?.rangeLimit;
  return {
    configurationPull: workspace.configuration === true,
    configurationChangeRegistration: workspace.didChangeConfiguration?.dynamicRegistration === true,
    watchedFilesRegistration: workspace.didChangeWatchedFiles?.dynamicRegistration === true,
    workspaceFolders: workspace.workspaceFolders === true,
    hierarchicalSymbols: text.documentSymbol?.hierarchicalDocumentSymbolSupport === true,
    foldingRangeLimit: typeof limit === 'number' && limit > 0 ? limit : undefined,
    diagnosticRelatedInformation: text.publishDiagnostics?.relatedInformation === true,
    diagnosticTags: Array.isArray(text.publishDiagnostics?.tagSupport?.valueSet),
    diagnosticVersions: text.publishDiagnostics?.versionSupport === true,
    definitionLinks: text.definition?.linkSupport === true,
    prepareRename: text.rename?.prepareSupport === true,
    codeActionResolve: text.codeAction?.resolveSupport?.properties?.includes('edit') === true,
    inlayHintRefresh: workspace.inlayHint?.refreshSupport === true,
    codeLensRefresh: workspace.codeLens?.refreshSupport === true,
    semanticTokensRefresh: workspace.semanticTokens?.refreshSupport === true,
  };
}

export function serverCapabilities(flags: ClientFlags): ServerCapabilities {
  return {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    foldingRangeProvider: true,
    selectionRangeProvider: true,
    documentSymbolProvider: { label: 'Junos' },
    documentFormattingProvider: true,
    documentRangeFormattingProvider: true,
    semanticTokensProvider: {
      legend: { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] },
      full: { delta: true },
      range: true,
    },
    completionProvider: { triggerCharacters: [' '], resolveProvider: true },
    hoverProvider: true,
    inlayHintProvider: true,
    definitionProvider: true,
    referencesProvider: true,
    documentHighlightProvider: true,
    renameProvider: flags.prepareRename ? { prepareProvider: true } : true,
    codeActionProvider: { codeActionKinds: ['quickfix', 'refactor.rewrite', 'source'], resolveProvider: true },
    codeLensProvider: { resolveProvider: true },
    workspaceSymbolProvider: true,
    workspace: flags.workspaceFolders ? { workspaceFolders: { supported: true, changeNotifications: true } } : {},
    experimental: { customRequests: [...CUSTOM_REQUESTS] },
  };
}
