/**
 * cli/lsp.ts: `junos-ipsec lsp --stdio | --node-ipc`: runs the language server in this process.
 * Owns: the subcommand's arguments and usage text (which names the environment variable a launcher should
 *   set, server/src/lsp/process-heap.ts `SERVER_LAUNCH_ENV`: this process is already running, too late to set it).
 * Must not know: the server's workings (server/src/lsp starts it).
 * Invariants: a missing or unknown transport is a usage error (exit status 2) with a message; otherwise
 *   the returned promise settles only when the client ends the session (the server exits the process).
 * Tests: test/src/lsp/cli-lsp.test.ts, test/src/lsp/protocol.test.ts (the harness spawns this command)
 */
import { connectionFor, TRANSPORT_USAGE, transportFromArgs } from '../../server/src/lsp/main';
import { tuneHeapForServer } from '../../server/src/lsp/process-heap';
import { startServer } from '../../server/src/lsp/server';
import { EXIT_OK, EXIT_USAGE, type CommandIo } from './io';
import { readVersion } from './version';

const USAGE = `Usage: junos-ipsec lsp ${TRANSPORT_USAGE.replace(' or ', ' | ')}

Runs the Junos language server. Editors start it themselves; point an LSP client at
\`junos-ipsec lsp --stdio\`. On Linux, starting it with MALLOC_MMAP_THRESHOLD_=131072 in
its environment lowers its memory on large files (what the VS Code extension does).
`;

const KNOWN = /^(--stdio|--node-ipc|--clientProcessId(=\d+)?|\d+)$/;

export async function runLsp(args: readonly string[], io: CommandIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(USAGE);
    return EXIT_OK;
  }
  const unknown = args.find((a) => !KNOWN.test(a));
  const transport = transportFromArgs(args);
  if (unknown !== undefined || !transport) {
    io.err(`junos-ipsec lsp: ${unknown !== undefined ? `unknown option '${unknown}'` : `give ${TRANSPORT_USAGE}`}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  // this process is the server from here on: its heap is sized for it (server/src/lsp/process-heap.ts)
  tuneHeapForServer();
  const connection = connectionFor(transport);
  const ended = new Promise<number>((resolve) => connection.onExit(() => resolve(EXIT_OK)));
  startServer(connection, { version: readVersion() });
  return ended;
}
