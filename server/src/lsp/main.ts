/**
 * lsp/main.ts: the server's process entry point (`node out/server/src/lsp/main.js --stdio | --node-ipc`),
 *   used by the VS Code client's bundle; the CLI's `junos-ipsec lsp` shares `connectionFromArgs`.
 * Owns: choosing the transport from the arguments (the stream transport writes with lsp/json-encoder.ts);
 *   the process's heap flags (process-heap.ts) before the server starts.
 * Must not know: anything past the connection.
 * Invariants: an unknown transport is a usage error (message on stderr, exit status 2), never a hang.
 * Tests: test/src/lsp/protocol.test.ts (spawns the CLI), test/src/lsp/cli-lsp.test.ts
 */
import { type Connection, createConnection, IPCMessageReader, IPCMessageWriter, ProposedFeatures, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { jsonEncoder } from './json-encoder';
import { tuneHeapForServer } from './process-heap';
import { startServer } from './server';

export type Transport = 'stdio' | 'node-ipc';

export const TRANSPORT_USAGE = '--stdio or --node-ipc';

/** The transport named by command-line arguments, or undefined when none (or an unknown one) is given. */
export function transportFromArgs(args: readonly string[]): Transport | undefined {
  if (args.includes('--stdio')) return 'stdio';
  if (args.includes('--node-ipc')) return 'node-ipc';
  return undefined;
}

export function connectionFor(transport: Transport): Connection {
  if (transport === 'node-ipc') return createConnection(ProposedFeatures.all, new IPCMessageReader(process), new IPCMessageWriter(process));
  return createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout, { charset: 'utf-8', contentTypeEncoder: jsonEncoder }));
}

if (require.main === module) {
  const transport = transportFromArgs(process.argv.slice(2));
  if (!transport) {
    process.stderr.write(`junos-ipsec language server: give ${TRANSPORT_USAGE}\n`);
    process.exitCode = 2;
  } else {
    tuneHeapForServer();
    startServer(connectionFor(transport));
  }
}
