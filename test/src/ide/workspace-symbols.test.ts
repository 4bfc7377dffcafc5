/**
 * Workspace symbols across the four bundled routers (curly and set forms): fuzzy matching, ranking,
 * kinds and container paths, group and interface unit symbols, and the cap.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../../server/src/analysis/index';
import { matchScore, workspaceSymbols } from '../../../server/src/ide/workspace-symbols';
import { parseText } from '../../../server/src/syntax/parser';
import { exampleText, schemaFor, setup } from './check';

before(() => setup());

function workspace(files: readonly string[], edit: (text: string) => string = (t) => t) {
  return files.map((file) => {
    const text = edit(exampleText(file));
    return { docId: file, text, analysis: analyzeDocument({ id: file, text, tree: parseText(text) }, { platform: 'ms-pic' }, schemaFor('ms-pic')) };
  });
}
const ROUTERS = ['r1', 'r2', 'r3', 'r4'].map((r) => `ike-dynamic-sa/${r}.conf`);
const ROUTERS_SET = ['r1', 'r2', 'r3', 'r4'].map((r) => `ike-dynamic-sa-set/${r}.set`);

test('an exact name is found on both tunnel routers, with kind, container and the name word', () => {
  const docs = workspace(ROUTERS);
  const found = workspaceSymbols(docs, 'ike-demo-proposal');
  assert.deepEqual(found.map((s) => [s.name, s.kind, s.containerName, s.docId]), [
    ['ike-demo-proposal', 'ike-proposal', 'services ipsec-vpn ike', 'ike-dynamic-sa/r2.conf'],
    ['ike-demo-proposal', 'ike-proposal', 'services ipsec-vpn ike', 'ike-dynamic-sa/r3.conf'],
  ]);
  for (const s of found) assert.equal(docs.find((d) => d.docId === s.docId)!.text.slice(s.start, s.end), 'ike-demo-proposal');
});

test('fuzzy subsequence matching, case-insensitive, ranked exact > prefix > substring > subsequence', () => {
  const docs = workspace(ROUTERS_SET);
  assert.deepEqual([...new Set(workspaceSymbols(docs, 'DSSet').map((s) => s.name))], ['demo-service-set']);
  const names = workspaceSymbols(docs, 'ike').map((s) => `${s.name}:${s.kind}`);
  assert.deepEqual([...new Set(names)], ['ike-demo-policy:ike-policy', 'ike-demo-proposal:ike-proposal', 'rule-ike:rule']);
  assert.ok(matchScore('ike', 'ike')! > matchScore('ike', 'ike-x')!);
  assert.ok(matchScore('ike', 'ike-x')! > matchScore('ike', 'rule-ike')!);
  assert.ok(matchScore('ike', 'rule-ike')! > matchScore('ike', 'i-k-e')!);
  assert.equal(matchScore('eki', 'ike'), undefined);
  assert.deepEqual(workspaceSymbols(docs, 'zzz'), []);
});

test('interfaces and units are symbols on every router; groups too; the result is capped', () => {
  const docs = workspace(ROUTERS, (t) => t.replace('system {\n', 'groups {\n    lab-defaults {\n        system {\n            host-name lab;\n        }\n    }\n}\napply-groups lab-defaults;\nsystem {\n'));
  const units = workspaceSymbols(docs, 'lo0.0').filter((s) => s.name === 'lo0.0');
  assert.deepEqual(units.map((s) => [s.kind, s.containerName, s.docId]), ROUTERS.map((d) => ['interface', 'interfaces lo0', d]));
  const groups = workspaceSymbols(docs, 'lab-defaults');
  assert.deepEqual(groups.map((s) => [s.kind, s.containerName]), ROUTERS.map(() => ['group', '']));
  const all = workspaceSymbols(docs, '');
  assert.ok(all.length > 20, String(all.length));
  assert.equal(workspaceSymbols(docs, '', 5).length, 5);
});
