/**
 * test/lsp/cli-lsp.test.ts: how the server is started: `junos-ipsec lsp` usage errors in-process, a real
 * stdio session through `runLsp` in a child process, and the server entry point over Node IPC.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fork, spawn } from 'node:child_process';
import * as path from 'node:path';
import {
  createProtocolConnection,
  IPCMessageReader,
  IPCMessageWriter,
  type PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { runLsp } from '../../../cli/src/lsp';
import type { CommandIo } from '../../../cli/src/io';
import { REPO_ROOT } from './harness';

function captureIo(): CommandIo & { outText: string; errText: string } {
  const io = {
    outText: '',
    errText: '',
    out: (t: string) => void (io.outText += t),
    err: (t: string) => void (io.errText += t),
    isTty: false,
    cwd: REPO_ROOT,
  };
  return io;
}

test('lsp without a transport, or with an unknown option, is a usage error', async () => {
  const none = captureIo();
  assert.equal(await runLsp([], none), 2);
  assert.match(none.errText, /give --stdio or --node-ipc/);
  const unknown = captureIo();
  assert.equal(await runLsp(['--stdio', '--tcp=2087'], unknown), 2);
  assert.match(unknown.errText, /unknown option '--tcp=2087'/);
  const help = captureIo();
  assert.equal(await runLsp(['--help'], help), 0);
  assert.match(help.outText, /Usage: junos-ipsec lsp --stdio \| --node-ipc/);
});

test('runLsp --stdio serves a session and exits with 0 after shutdown and exit', async () => {
  const cliLsp = path.join(REPO_ROOT, 'out', 'cli', 'src', 'lsp.js');
  const io = path.join(REPO_ROOT, 'out', 'cli', 'src', 'io.js');
  const script = `require(${JSON.stringify(cliLsp)}).runLsp(['--stdio', '--clientProcessId=${process.pid}'], require(${JSON.stringify(io)}).processIo())`;
  const child = spawn(process.execPath, ['-e', script], { cwd: REPO_ROOT, stdio: 'pipe' });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    const diagnostics = new Promise<PublishDiagnosticsParams>((resolve) => connection.onNotification('textDocument/publishDiagnostics', resolve));
    connection.listen();
    const init = await connection.sendRequest<{ serverInfo?: { name: string; version?: string } }>('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    assert.equal(init.serverInfo?.name, 'junos-ipsec');
    assert.match(init.serverInfo?.version ?? '', /^\d+\.\d+\.\d+/);
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: 'file:///lab/r9.conf', languageId: 'junos', version: 1, text: 'system {\n    host-name R9\n}\n' },
    });
    const published = await diagnostics;
    assert.ok(published.diagnostics.some((d) => d.code === 'syntax-error' && d.range.start.line === 1));
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    assert.equal(await exited, 0);
  } finally {
    connection.dispose();
    child.kill('SIGKILL');
  }
});

test('the server entry point also serves over Node IPC (how the VS Code client starts it)', async () => {
  const main = path.join(REPO_ROOT, 'out', 'server', 'src', 'lsp', 'main.js');
  const child = fork(main, ['--node-ipc'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    connection.listen();
    const init = await connection.sendRequest<{ capabilities: { documentFormattingProvider?: boolean } }>('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {},
    });
    assert.equal(init.capabilities.documentFormattingProvider, true);
    const answer = await connection.sendRequest('junos/simulate', { uri: 'file:///lab/r2.conf' });
    assert.deepEqual(answer, { available: false, reason: 'file:///lab/r2.conf is neither open nor a Junos file of the workspace' });
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    assert.equal(await exited, 0);
  } finally {
    connection.dispose();
    child.kill('SIGKILL');
  }
});
