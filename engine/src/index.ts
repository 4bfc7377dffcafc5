/**
 * engine/src/index.ts: the IPsec engine's public entry for the CLI and the server.
 * Owns: nothing but the list of exports (device compiler, peer finder, IKE negotiation, topology, routing, service-set classification).
 * Must not know: anything beyond the modules it re-exports; never the language server.
 * Invariants: the engine imports the configuration model and schema, never server/src/lsp or server/src/ide.
 * Tests: test/src/engine/*.test.ts
 */
export * from './device/index';
export * from './peers/index';
export * from './sa/index';
export * from './topology/index';
export * from './routing/index';
export * from './services/index';
export * from './simulate/index';
export * from './report/index';
