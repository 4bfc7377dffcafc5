/**
 * Node helpers: which nodes are words, word values (quotes and escapes), the words of statements,
 * commands, banners and value lists, verbs, modifiers and child statements.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  childStatements,
  commandVerb,
  initSyntax,
  isQuoted,
  isWordNode,
  parseText,
  statementModifier,
  unquoteWord,
  wordNodes,
  wordText,
  WORD_NODE_KINDS,
  type Node,
} from '../../../server/src/syntax/parser';

async function root(text: string): Promise<Node> {
  await initSyntax();
  return parseText(text).rootNode;
}

test('word values: quotes removed and escapes resolved for strings, secrets and wildcards', async () => {
  const node = await root('w "say \\"hi\\" \\\\ ok" "$9$kqfz6CuE" "<ge-*>" <*> plain 10.0.0.1/32;\n');
  const words = wordNodes(node.namedChildren[0]!);
  assert.deepEqual(
    words.map((w) => [w.type, wordText(w), isQuoted(w)]),
    [
      ['identifier', 'w', false],
      ['string', 'say "hi" \\ ok', true],
      ['secret', '$9$kqfz6CuE', true],
      ['wildcard', '<ge-*>', true],
      ['wildcard', '<*>', false],
      ['identifier', 'plain', false],
      ['ipv4_prefix', '10.0.0.1/32', false],
    ],
  );
  assert.equal(unquoteWord('"a\\\\b"'), 'a\\b');
  assert.equal(unquoteWord('"'), '"');
});

test('wordNodes walks value lists in order and skips verbs, modifiers, bodies and MISSING nodes', async () => {
  const node = await root('inactive: policy-options { prefix-list mgmt [ 10.0.0.0/8 lo0.0 ]; }\nset vlans v10 interface [ ge-0/0/1.0 ]\napply-groups [ a b\n');
  const [statement, command, unclosed] = node.namedChildren as Node[];
  assert.deepEqual(wordNodes(statement!).map((w) => w.text), ['policy-options']);
  assert.equal(statementModifier(statement!), 'inactive');
  const inner = childStatements(statement!);
  assert.deepEqual(inner.map((s) => wordNodes(s).map((w) => w.text)), [['prefix-list', 'mgmt', '10.0.0.0/8', 'lo0.0']]);
  assert.deepEqual(childStatements(inner[0]!), []);
  assert.equal(commandVerb(command!), 'set');
  assert.equal(statementModifier(command!), undefined);
  assert.deepEqual(wordNodes(command!).map((w) => w.text), ['vlans', 'v10', 'interface', 'ge-0/0/1.0']);
  assert.deepEqual(wordNodes(unclosed!).map((w) => w.text), ['apply-groups', 'a', 'b']);
});

test('isWordNode accepts exactly the word kinds', async () => {
  const node = await root('[edit services ipsec-vpn]\nset rule r1 term t then remote-gateway 10.1.15.2 # c\n');
  const banner = node.namedChildren[0]!;
  assert.equal(banner.type, 'banner');
  assert.deepEqual(wordNodes(banner).map((w) => w.text), ['services', 'ipsec-vpn']);
  const command = node.namedChildren[1]!;
  const kinds = command.namedChildren.filter((n): n is Node => !!n).map((n) => [n.type, isWordNode(n)]);
  assert.deepEqual(kinds, [
    ['verb', false],
    ['identifier', true],
    ['identifier', true],
    ['identifier', true],
    ['identifier', true],
    ['identifier', true],
    ['identifier', true],
    ['ipv4_address', true],
    ['comment', false],
  ]);
  assert.equal(isWordNode(null), false);
  assert.equal(isWordNode({ type: 'identifier', isMissing: true }), false);
  assert.equal(WORD_NODE_KINDS.length, 10);
});
