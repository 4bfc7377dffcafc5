import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { collectInputs, isBinary, looksLikeJunos } from '../../../cli/src/inputs';

function tempTree(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'junos-inputs-'));
  for (const [name, content] of Object.entries(files)) {
    const full = path.join(dir, name);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  }
  return dir;
}

test('recognises both Junos forms by their first meaningful line', () => {
  assert.ok(looksLikeJunos('## Last commit: 2024-01-01 10:00:00 UTC by admin\nversion 24.4R1;\n'));
  assert.ok(looksLikeJunos('version 24.4R1;\nsystem {\n'));
  assert.ok(looksLikeJunos('\n# router 2\nset interfaces ge-0/0/0 unit 0 family inet address 10.1.12.1/30\n'));
  assert.ok(looksLikeJunos('system {\n    host-name R1;\n}\n'));
  assert.ok(looksLikeJunos('[edit interfaces]\nset ge-0/0/0 description x\n'));
  assert.ok(!looksLikeJunos('server {\n  listen 80;\n'.replace('server {', 'worker_processes 4;')));
  assert.ok(!looksLikeJunos('[global]\nkey = value\n'));
  assert.ok(!looksLikeJunos(''));
});

test('folders yield Junos files only; explicit files are always read', () => {
  const dir = tempTree({
    'r1.conf': 'system {\n    host-name R1;\n}\n',
    'r2.set': 'set system host-name R2\n',
    'nginx.conf': 'worker_processes 4;\nevents { }\n',
    'notes.txt': 'hello\n',
    'node_modules/x.set': 'set system host-name X\n',
    'sub/r3.junos': 'system { host-name R3; }\n',
  });
  const found = collectInputs([dir], dir);
  assert.deepEqual(found.documents.map((d) => d.id).sort(), ['r1.conf', 'r2.set', path.join('sub', 'r3.junos')].sort());
  assert.deepEqual(found.problems, []);
  const explicit = collectInputs([path.join(dir, 'notes.txt')], dir);
  assert.deepEqual(explicit.documents.map((d) => d.id), ['notes.txt']);
});

test('missing, binary and empty-folder inputs become clear problems, not exceptions', () => {
  const dir = tempTree({ 'blob.set': Buffer.from([0x73, 0x65, 0x74, 0x00, 0xff, 0xfe]), 'empty/readme.md': '# nothing\n' });
  const result = collectInputs(['nope.conf', 'blob.set', 'empty'], dir);
  assert.equal(result.documents.length, 0);
  assert.deepEqual(
    result.problems.map((p) => [p.path, p.message]),
    [
      ['nope.conf', 'no such file or folder (it does not exist)'],
      ['blob.set', 'not a text file (binary content); skipped'],
      ['empty', 'folder holds no Junos configuration files'],
    ],
  );
  assert.ok(isBinary(Buffer.from([0xc3, 0x28])));
  assert.ok(!isBinary(Buffer.from('description "Zürich";', 'utf8')));
});
