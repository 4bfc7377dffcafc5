// Native binding test: loads the grammar through the `tree-sitter` npm binding and parses both forms.
// Run with `npm test` in tree-sitter-junos/ (after `npm install` or `node-gyp rebuild` built build/Release).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import Parser from "tree-sitter";

const { default: language } = await import("./index.js");

function parse(text) {
  const parser = new Parser();
  parser.setLanguage(language);
  return parser.parse(text);
}

test("can load grammar", () => {
  const parser = new Parser();
  assert.doesNotThrow(() => parser.setLanguage(language));
  const kinds = language.nodeTypeInfo.map((info) => info.type);
  for (const kind of ["configuration", "statement", "command", "banner", "interface_name", "secret"]) {
    assert.ok(kinds.includes(kind), `node-types.json lists ${kind}`);
  }
});

test("parses a curly statement with its fields", () => {
  const tree = parse('inactive: interfaces {\n    ge-0/0/0 { description "to R1"; }\n}\n');
  const statement = tree.rootNode.firstNamedChild;
  assert.equal(statement.type, "statement");
  assert.equal(statement.childForFieldName("modifier").text, "inactive:");
  assert.equal(statement.childForFieldName("body").type, "block");
  assert.equal(tree.rootNode.hasError, false);
});

test("parses set commands ended by newlines", () => {
  const tree = parse("set interfaces lo0 unit 0 family inet address 10.0.0.2/32\nset routing-options router-id 10.0.0.2\n");
  const commands = tree.rootNode.namedChildren;
  assert.deepEqual(commands.map((c) => c.type), ["command", "command"]);
  assert.equal(commands[0].childForFieldName("verb").text, "set");
  assert.deepEqual(
    commands[0].namedChildren.slice(1).map((c) => c.type),
    ["identifier", "interface_name", "identifier", "number", "identifier", "identifier", "identifier", "ipv4_prefix"],
  );
});

test("the seed's R3 show output has exactly one missing brace, at the end", () => {
  const url = new URL("../../../examples/seed-as-published/r3.conf", import.meta.url);
  let text;
  try {
    text = readFileSync(url, "utf8");
  } catch {
    text = "services {\n    ipsec-vpn {\n        ike;\n    }\n";
  }
  const tree = parse(text);
  const missing = [];
  const visit = (node) => {
    if (node.isMissing) missing.push(node);
    for (const child of node.children) visit(child);
  };
  visit(tree.rootNode);
  assert.equal(missing.length, 1);
  assert.equal(missing[0].type, "}");
  assert.equal(text.slice(missing[0].startIndex).trim(), "");
});
