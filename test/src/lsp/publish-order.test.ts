/**
 * test/lsp/publish-order.test.ts: work deferred after a publish (`DiagnosticsScheduler.afterPublish`,
 * asked from inside the publish as the server does for the semantic classes) waits until the publish's
 * message is written (the promise `publish` returns), not only until the run ends; and over stdio, the
 * semantic classes of the analysis after an edit are computed after its diagnostics were sent, updated
 * from the last analysis's (diagnostics-source.ts links the two: lsp/analysis-lineage.ts); and the classes of analyses made between
 * publishes (for requests, before a far change) are updated too, so the chain goes on; when every word
 * must be classified after a publish, that runs in slices and a request arriving meanwhile is answered first.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiagnosticsScheduler } from '../../../server/src/lsp/diagnostics-scheduler';
import { Tracer } from '../../../server/src/lsp/trace';
import { generateLargeConfig } from '../fixtures/large-config';
import { LspSession, REPO_ROOT } from './harness';

const quiet = new Tracer({ error: () => undefined, warn: () => undefined, info: () => undefined, log: () => undefined } as never);
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('work deferred from a publish runs once the message is written', async () => {
  const events: string[] = [];
  let written: () => void = () => undefined;
  const scheduler: DiagnosticsScheduler<string> = new DiagnosticsScheduler<string>({
    current: (uri) => ({ uri, version: 1 }),
    compute: async () => ({ version: 1, diagnostics: ['d'] }),
    publish: (uri, version) => {
      events.push(`publish ${uri} ${version ?? 'closed'}`);
      scheduler.afterPublish(uri, () => events.push('classes'));
      return new Promise<void>((resolve) => (written = resolve));
    },
    tracer: quiet,
    delayMs: 1,
  });
  scheduler.schedule('a');
  for (let i = 0; i < 300 && events.length === 0; i++) await settle(10);
  await settle(30);
  assert.deepEqual(events, ['publish a 1'], 'the deferred work waits for the write');
  written();
  for (let i = 0; i < 300 && events.length < 2; i++) await settle(10);
  assert.deepEqual(events, ['publish a 1', 'classes']);
  scheduler.dispose();
});

test('over stdio, the classes of the analysis after an edit are updated from the last ones, after its publish', async () => {
  const session = await LspSession.start({ settings: { trace: 'verbose' } });
  try {
    const uri = 'file:///publish-order/r2.set';
    const text = fs.readFileSync(path.join(REPO_ROOT, 'examples', 'ike-dynamic-sa-set/r2.set'), 'utf8');
    const opened = session.diagnosticsFor(uri, 1);
    await session.open(uri, text);
    await opened;
    await session.connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } });
    const at = text.indexOf('description "') + 'description "'.length;
    const line = text.slice(0, at).split('\n').length - 1;
    const character = at - (text.lastIndexOf('\n', at - 1) + 1);
    const published = session.diagnosticsFor(uri, 2);
    const classes = session.logLine(/semantic classes .* v2: /);
    await session.change(uri, 2, [{ range: { start: { line, character }, end: { line, character } }, text: 'x' }]);
    await published;
    assert.match(await classes, /updated/, 'the classes of the new analysis were updated from the last ones');
    // what the server wrote, in order: the v2 diagnostics before the line saying its classes were made
    const publishedAt = session.received.indexOf(`publish ${uri} v2`);
    const classesAt = session.received.findIndex((l) => /^log semantic classes .* v2: /.test(l));
    assert.ok(publishedAt >= 0 && classesAt > publishedAt, `diagnostics at ${publishedAt}, classes at ${classesAt}: ${session.received.slice(-6).join(' | ')}`);
  } finally {
    await session.shutdown();
    session.dispose();
  }
});

test('over stdio, the classes stay updated across an analysis made before a far change', async () => {
  const session = await LspSession.start({ settings: { trace: 'verbose' } });
  try {
    const uri = 'file:///publish-order/far.set';
    const text = fs.readFileSync(path.join(REPO_ROOT, 'examples', 'ike-dynamic-sa-set/r2.set'), 'utf8');
    const opened = session.diagnosticsFor(uri, 1);
    await session.open(uri, text);
    await opened;
    await session.connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } });
    const lines = text.split('\n');
    // typing in the host name, then (before that is analysed) in a description twenty lines further down
    const first = lines.findIndex((l) => l.startsWith('set system host-name '));
    const far = lines.length - 1 - [...lines].reverse().findIndex((l) => l.includes('description "'));
    assert.ok(first >= 0 && far - first > 3, 'the example has a description line far from its host name');
    const firstAt = 'set system host-name '.length;
    const farAt = lines[far]!.indexOf('description "') + 'description "'.length;
    // v2 is not analysed yet when v3 (far from it) arrives: far-edits.ts analyses v2 first, in the didChange
    const settled = session.logLine(/semantic classes .* v2: /);
    const finalClasses = session.logLine(/semantic classes .* v3: /);
    const published = session.diagnosticsFor(uri, 3);
    await session.change(uri, 2, [{ range: { start: { line: first, character: firstAt }, end: { line: first, character: firstAt } }, text: 'x' }]);
    await session.change(uri, 3, [{ range: { start: { line: far, character: farAt }, end: { line: far, character: farAt } }, text: 'x' }]);
    await published;
    assert.match(await settled, /updated/, 'the analysis made before the far change got its classes updated');
    assert.match(await finalClasses, /updated/, 'so the published analysis after it could update them too');
  } finally {
    await session.shutdown();
    session.dispose();
  }
});

test('over stdio, the classes stay updated across analyses made for requests between edits', async () => {
  const session = await LspSession.start({ settings: { trace: 'verbose' } });
  try {
    const uri = 'file:///publish-order/hovers.set';
    const text = fs.readFileSync(path.join(REPO_ROOT, 'examples', 'ike-dynamic-sa-set/r2.set'), 'utf8');
    const opened = session.diagnosticsFor(uri, 1);
    await session.open(uri, text);
    await opened;
    await session.connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } });
    const at = text.indexOf('description "') + 'description "'.length;
    const line = text.slice(0, at).split('\n').length - 1;
    const character = at - (text.lastIndexOf('\n', at - 1) + 1);
    // typing in a description with hovers on its line in between: the versions before the last are
    // analysed for the hovers (or on the next turn) and never published
    for (let version = 2; version <= 4; version++) {
      const place = { line, character: character + version - 2 };
      await session.change(uri, version, [{ range: { start: place, end: place }, text: 'x' }]);
      await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: 2 } });
      await settle(20);
      await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: 2 } });
    }
    await session.diagnosticsFor(uri, 4);
    await session.logLine(/semantic classes .* v4: /);
    const classes = session.logLines.filter((l) => /semantic classes /.test(l));
    assert.ok(classes.length >= 2, `classes made after the open and after the edits: ${classes.join(' | ')}`);
    for (const l of classes.slice(1)) assert.match(l, /updated/, 'every analysis after the open had its classes updated, none classified every word');
  } finally {
    await session.shutdown();
    session.dispose();
  }
});

test('over stdio, a request arriving while every word is classified after a publish is answered before that ends', async () => {
  const session = await LspSession.start({ settings: { trace: 'verbose' } });
  try {
    const uri = 'file:///publish-order/sliced.set';
    const text = generateLargeConfig({ lines: 20000, form: 'set', seed: 4 });
    await session.open(uri, text);
    await session.connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } });
    // a line that is no `set` command: the model is built again, so are the classes (no update to make)
    const published = session.diagnosticsFor(uri, 2);
    const classes = session.logLine(/semantic classes .* v2: /);
    await session.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'show interfaces\n' }]);
    await published;
    const hover = await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 5 } });
    const answeredAt = session.received.length;
    const line = await classes;
    assert.match(line, /all words in \d+ slice/, `every word classified in slices: ${line}`);
    const classesAt = session.received.findIndex((l) => /^log semantic classes .* v2: /.test(l));
    assert.ok(classesAt >= answeredAt, `the hover (${hover === null ? 'null' : 'an answer'}) is answered before the classes are done: ${session.received.slice(-5).join(' | ')}`);
  } finally {
    await session.shutdown();
    session.dispose();
  }
});
