/**
 * test/lsp/stores.test.ts: the server's named stores that do not need a connection: settings, globs,
 * the workspace index (on a real temporary folder), the semantic-token delta, the masking tracer and the
 * open documents' states and edit log (`seq`, `editsAfter`, the `beforeEach` hook).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { diffTokenData } from '../../../server/src/lsp/semantic-token-cache';
import { compileGlobs } from '../../../server/src/lsp/stores/glob';
import { DEFAULT_FILE_GLOBS, SettingsStore } from '../../../server/src/lsp/stores/settings';
import { WorkspaceIndex } from '../../../server/src/lsp/stores/workspace-index';
import { DocumentStore } from '../../../server/src/lsp/stores/documents';
import { Tracer } from '../../../server/src/lsp/trace';
import { LineIndex } from '../../../server/src/text/line-index';

test('settings: valid values are taken, bad ones keep the default and are reported', () => {
  const store = new SettingsStore();
  assert.deepEqual(store.update({ junos: { platform: 'as-pic', trace: { server: 'verbose' }, files: ['configs/**/*.txt'] } }), []);
  assert.deepEqual(store.current, { platform: 'as-pic', trace: 'verbose', files: ['configs/**/*.txt'], maxItemsComputed: 5000 });
  assert.deepEqual(store.update({ maxItemsComputed: 0 }), []);
  assert.equal(store.current.maxItemsComputed, 0);
  assert.match(store.update({ maxItemsComputed: -1 })[0]!, /junos\.maxItemsComputed must be a whole number/);
  assert.equal(store.update({ maxItemsComputed: 2.5 }).length, 1);
  assert.equal(store.current.maxItemsComputed, 5000);
  const problems = store.update({ platform: 'mx960', trace: 'loud', files: 'everything' });
  assert.equal(problems.length, 3);
  assert.match(problems[0]!, /junos\.platform must be one of ms-pic, as-pic, acx, srx/);
  assert.deepEqual(store.current, { platform: 'ms-pic', trace: 'messages', files: DEFAULT_FILE_GLOBS, maxItemsComputed: 5000 });
  assert.deepEqual(store.update(null), []);
  assert.deepEqual(store.update([1, 2]), []);
});

test('globs: the default finds Junos file endings at any depth, and nothing else', () => {
  const matches = compileGlobs(DEFAULT_FILE_GLOBS);
  for (const p of ['r2.conf', 'lab/r2.set', 'a/b/c/edge.junos', 'x.jcfg', 'site\\core.cfg']) assert.ok(matches(p), p);
  for (const p of ['README.md', 'r2.conf.bak', 'notes.txt', 'conf']) assert.ok(!matches(p), p);
  const txt = compileGlobs(['configs/*.txt', 'lab/r?.[sc]et']);
  assert.ok(txt('configs/r1.txt'));
  assert.ok(!txt('configs/old/r1.txt'));
  assert.ok(txt('lab/r1.set') && txt('lab/r2.cet') && !txt('lab/r10.set'));
  assert.doesNotThrow(() => compileGlobs(['{unclosed', '[unclosed', '**']));
});

function tempTree(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'junos-index-'));
  for (const [name, content] of Object.entries(files)) {
    const full = path.join(dir, name);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  }
  return dir;
}

test('workspace index: finds Junos files by glob and content, follows file events', async () => {
  const dir = tempTree({
    'r2.conf': '## Last commit: 2024-05-14 09:14:02 UTC by admin\nversion 24.4R1.9;\nsystem {\n    host-name R2;\n}\n',
    'nginx.conf': 'worker_processes 4;\nevents { worker_connections 1024; }\n',
    'lab/r3.set': 'set system host-name R3\n',
    'lab/notes.txt': 'set system host-name R9\n',
    'node_modules/pkg/r9.conf': 'set system host-name R9\n',
    '.git/r9.conf': 'set system host-name R9\n',
    'blob.cfg': Buffer.from([0x73, 0x65, 0x74, 0x20, 0x00, 0x01]),
  });
  try {
    const index = new WorkspaceIndex();
    index.setGlobs(DEFAULT_FILE_GLOBS);
    index.setFolders([dir]);
    const summary = await index.rebuild();
    assert.deepEqual(index.files(), [path.join(dir, 'lab', 'r3.set'), path.join(dir, 'r2.conf')]);
    assert.equal(summary.files, 2);
    assert.equal(summary.truncated, false);

    const added = path.join(dir, 'lab', 'r4.junos');
    fs.writeFileSync(added, 'interfaces {\n    ge-0/0/0 {\n        description uplink;\n    }\n}\n');
    assert.equal(await index.fileChanged(added, 'created'), true);
    assert.ok(index.has(added));

    fs.writeFileSync(path.join(dir, 'r2.conf'), 'this is no longer a router config\n');
    assert.equal(await index.fileChanged(path.join(dir, 'r2.conf'), 'changed'), true);
    assert.equal(await index.fileChanged(path.join(dir, 'lab', 'r3.set'), 'deleted'), true);
    assert.equal(await index.fileChanged(path.join(os.tmpdir(), 'elsewhere.conf'), 'created'), false);
    assert.deepEqual(index.files(), [added]);

    index.setGlobs(['**/*.txt']);
    await index.rebuild();
    assert.deepEqual(index.files(), [path.join(dir, 'lab', 'notes.txt')]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('workspace index: a folder that does not exist yields an empty index, not an error', async () => {
  const index = new WorkspaceIndex();
  index.setGlobs(DEFAULT_FILE_GLOBS);
  index.setFolders([path.join(os.tmpdir(), 'junos-index-does-not-exist-7f3a')]);
  const summary = await index.rebuild();
  assert.deepEqual(index.files(), []);
  assert.equal(summary.unreadable, 1);
});

test('semantic token deltas: applying the edit to the old data gives the new data', () => {
  fc.assert(
    fc.property(fc.array(fc.nat(40), { maxLength: 60 }), fc.array(fc.nat(40), { maxLength: 60 }), (before, after) => {
      const edits = diffTokenData(before, after);
      const patched = [...before];
      for (const e of edits) patched.splice(e.start, e.deleteCount, ...e.data);
      assert.deepEqual(patched, after);
      if (before.join() === after.join()) assert.equal(edits.length, 0);
    }),
  );
});

test('tracer: secrets are masked in every line, levels filter', () => {
  const lines: string[] = [];
  const tracer = new Tracer({ log: (l) => lines.push(`log ${l}`), error: (l) => lines.push(`error ${l}`) });
  tracer.info('opened: pre-shared-key ascii-text "$9$Ap0I01heK8X-wBIX-bwJZik.P5F1IcM87"; ## SECRET-DATA');
  tracer.error('bad key hexadecimal 0123456789abcdef0123456789abcdef');
  tracer.verbose('not shown at messages level');
  tracer.level = 'off';
  tracer.info('not shown when off');
  tracer.error('errors always show');
  assert.deepEqual(lines, [
    'log opened: pre-shared-key ascii-text "$9$********"; ## SECRET-DATA',
    'error bad key hexadecimal ********',
    'error errors always show',
  ]);
});

test('documents: each content change is one state (`seq`), also inside one didChange; `beforeEach` sees the state before each change; `editsAfter` gives the changes since a state', () => {
  // a syntax document that keeps only the text (the store checks it against its own after each change)
  const plain = (text: string) => ({
    text,
    tree: { rootNode: {} as never },
    applyEdit(start: number, end: number, inserted: string, result?: { readonly text: string }) {
      this.text = result?.text ?? this.text.slice(0, start) + inserted + this.text.slice(end);
    },
  });
  const store = new DocumentStore(plain, () => ({}) as never);
  const uri = 'file:///seq.conf';
  assert.equal(store.open(uri, 'junos', 1, 'abc\ndef\nghi\n').seq, 0);
  const seen: { index: number; seq: number; version: number; text: string; start: number }[] = [];
  const change = (line: number, character: number, text: string) => ({ range: { start: { line, character }, end: { line, character } }, text });
  const after = store.change(uri, 2, [change(0, 0, 'X'), change(2, 1, 'Y'), change(1, 3, 'Z')], (step, index) => {
    const doc = store.snapshot(uri)!;
    seen.push({ index, seq: doc.seq, version: doc.version, text: doc.text, start: step.start });
  })!;
  assert.equal(after.seq, 3);
  assert.equal(after.text, 'Xabc\ndefZ\ngYhi\n');
  assert.deepEqual(seen, [
    { index: 0, seq: 0, version: 1, text: 'abc\ndef\nghi\n', start: 0 },
    { index: 1, seq: 1, version: 2, text: 'Xabc\ndef\nghi\n', start: 10 },
    { index: 2, seq: 2, version: 2, text: 'Xabc\ndef\ngYhi\n', start: 8 },
  ]);
  assert.deepEqual(store.editsAfter(uri, 1)?.map((e) => [e.start, e.end, e.newLength]), [[10, 10, 1], [8, 8, 1]]);
  assert.deepEqual(store.editsAfter(uri, 3), []);
  assert.equal(store.editsAfter(uri, 4), undefined, 'a state not reached yet');
  assert.deepEqual(store.editsSince(uri, 1)?.length, 3);
  // a hook that throws does not stop the change
  assert.equal(store.change(uri, 3, [change(0, 0, 'W')], () => { throw new Error('no'); })!.text, 'WXabc\ndefZ\ngYhi\n');
  // opened again (without a close): the states go on, older ones are not mapped
  const reopened = store.open(uri, 'junos', 1, 'new\n');
  assert.equal(reopened.seq, 5);
  assert.equal(store.editsAfter(uri, 4), undefined);
  assert.deepEqual(store.editsAfter(uri, 5), []);
  // the edit log keeps the last 256 changes: older states are no longer mapped
  for (let v = 2; v < 300; v++) store.change(uri, v, [change(0, 0, 'x')]);
  assert.equal(store.snapshot(uri)!.seq, 303);
  assert.equal(store.editsAfter(uri, 46), undefined);
  assert.equal(store.editsAfter(uri, 47)?.length, 256);
});

test('documents: random content changes give the text and offsets vscode-languageserver-textdocument gives, and the positions of a fresh line index (the store keeps its own text and line index)', () => {
  // a syntax document that keeps only the text (as above)
  const plain = (text: string) => ({
    text,
    tree: { rootNode: {} as never },
    applyEdit(start: number, end: number, inserted: string, result?: { readonly text: string }) {
      this.text = result?.text ?? this.text.slice(0, start) + inserted + this.text.slice(end);
    },
  });
  const position = fc.record({ line: fc.nat({ max: 8 }), character: fc.nat({ max: 30 }) });
  const change = fc.oneof(
    { weight: 8, arbitrary: fc.record({ range: fc.record({ start: position, end: position }), text: fc.constantFrom('', 'x', '\n', '\r\n', '\r', 'ab\ncd', ';\n}\n', 'é😀') }) },
    { weight: 1, arbitrary: fc.record({ text: fc.constantFrom('', 'new\n', 'a\r\nb\rc\n') }) },
  );
  fc.assert(
    fc.property(fc.constantFrom('abc\ndef\nghi\n', 'set a b\r\nset c d\r\n', 'x\ry\n\nz', ''), fc.array(fc.array(change, { minLength: 1, maxLength: 3 }), { maxLength: 12 }), (base, notifications) => {
      const store = new DocumentStore(plain, () => ({}) as never);
      const uri = 'file:///random.conf';
      store.open(uri, 'junos', 1, base);
      // the reference: each change applied at the offsets a fresh TextDocument of the text before it gives
      // (`TextDocument.update` itself keeps a broken line table after a change on a line past the end)
      let reference = TextDocument.create(uri, 'junos', 1, base);
      let version = 1;
      for (const changes of notifications) {
        version++;
        const doc = store.change(uri, version, changes)!;
        let text = reference.getText();
        for (const c of changes) {
          const before = TextDocument.create(uri, 'junos', version, text);
          if (!('range' in c)) {
            text = c.text;
            continue;
          }
          const [from, to] = [before.offsetAt(c.range.start), before.offsetAt(c.range.end)].sort((x, y) => x - y);
          text = text.slice(0, from) + c.text + text.slice(to!);
        }
        reference = TextDocument.create(uri, 'junos', version, text);
        assert.equal(doc.text, reference.getText());
        assert.equal(doc.version, version);
        assert.equal(doc.lines.lineCount, reference.lineCount);
        // positions as a fresh line index gives them (TextDocument puts an offset inside a CRLF before it)
        const fresh = new LineIndex(text);
        for (let offset = 0; offset <= doc.text.length; offset++) assert.deepEqual(doc.lines.positionAt(offset), fresh.positionAt(offset), `offset ${offset}`);
        for (let line = 0; line <= reference.lineCount; line++) {
          for (const character of [0, 1, 2, 5, 40]) assert.equal(doc.lines.offsetAt({ line, character }), reference.offsetAt({ line, character }), `line ${line} character ${character}`);
        }
      }
      store.flattenText(uri);
      assert.equal(store.snapshot(uri)!.text, reference.getText());
    }),
    { numRuns: 150 },
  );
});
