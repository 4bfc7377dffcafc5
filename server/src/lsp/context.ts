/**
 * lsp/context.ts: the named stores and services a handler may use, gathered in one value per server run.
 * Owns: the shape of `ServerContext`; nothing else (no logic, no state of its own).
 * Must not know: feature logic.
 * Invariants: built once, at initialize, after the syntax layer has loaded; handlers receive it as an
 *   argument and keep no state of their own.
 * Tests: test/src/lsp/protocol.test.ts
 */
import type { Connection } from 'vscode-languageserver/node';
import type { ClientFlags } from './capabilities';
import type { DiagnosticsScheduler } from './diagnostics-scheduler';
import type { SemanticTokenCache } from './semantic-token-cache';
import type { AnalysisStore } from './stores/analyses';
import type { DocumentStore } from './stores/documents';
import type { FileAnalysisCache } from './stores/file-analyses';
import type { SettingsStore } from './stores/settings';
import type { WorkspaceIndex } from './stores/workspace-index';
import type { LiveSyntax, SyntaxBinding } from './syntax-binding';
import type { Tracer } from './trace';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver/node';

export interface ServerContext {
  readonly connection: Connection;
  readonly flags: ClientFlags;
  readonly syntax: SyntaxBinding;
  readonly documents: DocumentStore<LiveSyntax>;
  /** the latest analysis per open document (see diagnostics-source.ts `currentAnalysis`) */
  readonly analyses: AnalysisStore;
  /** analyses of workspace files that are not open (see workspace-analyses.ts) */
  readonly fileAnalyses: FileAnalysisCache;
  readonly settings: SettingsStore;
  readonly workspace: WorkspaceIndex;
  readonly scheduler: DiagnosticsScheduler<LspDiagnostic>;
  readonly semanticTokens: SemanticTokenCache;
  readonly tracer: Tracer;
}
