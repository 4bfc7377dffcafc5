#!/usr/bin/env node
// scripts/bench/parse-bench.js: parse speed of tree-sitter-junos on a large generated configuration.
// Generates ~10 MB of realistic Junos (curly interfaces/services/policy blocks plus set commands and
// [edit] banners, deterministic), then reports:
//   - wasm (web-tree-sitter, through the compiled server/src/syntax module): full parse MB/s
//   - native (the `tree-sitter` npm binding + tree-sitter-junos/bindings/node): full parse MB/s
//   - incremental reparse after a one-character edit in the middle (SyntaxDocument.applyEdit)
// Not a test: prints numbers only. Needs `tsc -b` output (out/server) and, for native, the binding
// built in tree-sitter-junos/build (npm install there, or node-gyp rebuild); native is skipped otherwise.
// Usage: node scripts/bench/parse-bench.js [megabytes]
'use strict';
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const root = path.resolve(__dirname, '../..');
const syntax = require(path.join(root, 'out/server/src/syntax/parser.js'));

const targetBytes = Math.round(Number(process.argv[2] ?? 10) * 1024 * 1024);

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(bytes) {
  const rnd = random(2024);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const octet = () => Math.floor(rnd() * 254) + 1;
  const parts = [];
  let size = 0;
  const push = (s) => {
    parts.push(s);
    size += s.length;
  };
  push('## Last commit: 2024-05-01 10:00:00 UTC by admin\nversion 24.4R1;\n');
  for (let n = 0; size < bytes; n++) {
    const fpc = n % 8;
    const port = n % 48;
    const ifname = `${pick(['ge', 'xe', 'et'])}-${fpc}/0/${port}`;
    push(
      `interfaces {\n    ${ifname} {\n        description "uplink ${n} to core — site ${n % 97}";\n` +
        `        vlan-tagging;\n        unit ${n % 4000} {\n            vlan-id ${(n % 4000) + 1};\n` +
        `            family inet {\n                address 10.${octet()}.${octet()}.${octet()}/30;\n            }\n` +
        `            family inet6 {\n                address 2001:db8:${(n % 65535).toString(16)}::1/64;\n            }\n        }\n    }\n` +
        `    inactive: lo0 {\n        unit ${n % 16} {\n            family inet {\n                address 10.255.${octet()}.${octet()}/32;\n            }\n        }\n    }\n}\n`,
    );
    push(
      `services {\n    ipsec-vpn {\n        ike {\n            policy ike-policy-${n} {\n                proposals [ ike-p${n} ike-p${n + 1} ];\n` +
        `                pre-shared-key ascii-text "$9$kqfz6CuEhrvMX-dVw${n}"; ## SECRET-DATA\n            }\n        }\n` +
        `        /* rule for site ${n} */\n        rule rule-${n} {\n            term t1 {\n                then {\n` +
        `                    remote-gateway 192.0.2.${octet()};\n                    dynamic {\n                        ike-policy ike-policy-${n};\n` +
        `                    }\n                }\n            }\n            match-direction input;\n        }\n    }\n}\n`,
    );
    push(
      `set policy-options prefix-list pl-${n} 198.51.100.${octet()}/32\n` +
        `set interfaces ${ifname} unit ${n % 4000} family inet filter input f-${n}\n` +
        `[edit protocols ospf area 0.0.0.${n % 255}]\nset interface ${ifname}.${n % 4000} metric ${n % 100}\n` +
        `set interface st0.${n % 1000} passive # tunnel ${n}\n` +
        `groups {\n    g${n} {\n        interfaces {\n            "<ge-*>" {\n                mtu 9192;\n            }\n        }\n    }\n}\napply-groups [ g${n} common ];\n`,
    );
  }
  return parts.join('');
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function mbPerSecond(chars, ms) {
  return chars / (1024 * 1024) / (ms / 1000);
}

function timeRuns(runs, fn) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    if (global.gc) global.gc();
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

async function loadNative() {
  try {
    const Parser = require('tree-sitter');
    const { default: language } = await import(path.join(root, 'tree-sitter-junos/bindings/node/index.js'));
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  } catch (err) {
    return `native binding unavailable: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`;
  }
}

async function main() {
  const text = generate(targetBytes);
  const mb = (text.length / (1024 * 1024)).toFixed(2);
  const lines = text.split('\n').length;
  console.log(`generated configuration: ${mb} MB, ${lines} lines (curly + set + banners), ASCII except descriptions`);

  await syntax.initSyntax();
  let wasmTree;
  const wasmMs = timeRuns(3, () => {
    if (wasmTree) wasmTree.delete();
    wasmTree = syntax.parseText(text);
  });
  const problems = syntax.syntaxProblems(wasmTree);
  console.log(`wasm   full parse: ${wasmMs.toFixed(0)} ms  = ${mbPerSecond(text.length, wasmMs).toFixed(2)} MB/s  (median of 3; syntax problems: ${problems.length})`);
  wasmTree.delete();

  const native = await loadNative();
  if (typeof native === 'string') {
    console.log(`native full parse: skipped (${native})`);
  } else {
    const chunk = 64 * 1024;
    const input = (index) => (index < text.length ? text.slice(index, index + chunk) : null);
    let nativeTree;
    const nativeMs = timeRuns(3, () => {
      nativeTree = native.parse(input);
    });
    console.log(
      `native full parse: ${nativeMs.toFixed(0)} ms  = ${mbPerSecond(text.length, nativeMs).toFixed(2)} MB/s  (median of 3; hasError=${nativeTree.rootNode.hasError})`,
    );
  }

  // Incremental reparse cost grows with the number of siblings around the edit (tree-sitter marks
  // repetition nodes fragile and reuses their children one by one), so report a large and a
  // typical document size.
  for (const docText of [text, generate(256 * 1024)]) {
    const size = `${(docText.length / (1024 * 1024)).toFixed(2)} MB / ${docText.split('\n').length} lines`;
    const doc = new syntax.SyntaxDocument(docText);
    const middle = docText.indexOf('description "uplink', Math.floor(docText.length / 2)) + 'description "'.length;
    const editTimes = [];
    for (let i = 0; i < 5; i++) {
      const replacement = i % 2 === 0 ? 'U' : 'u';
      const start = performance.now();
      doc.applyEdit(middle, middle + 1, replacement);
      editTimes.push(performance.now() - start);
    }
    console.log(`wasm   incremental reparse, 1-character edit in the middle of ${size}: ${median(editTimes).toFixed(2)} ms (median of 5, tree.edit + parse)`);
    const breakStart = performance.now();
    doc.applyEdit(middle - 1, middle - 1, '"');
    const breakMs = performance.now() - breakStart;
    console.log(`wasm   incremental reparse, typing a stray quote there (an error until the line end): ${breakMs.toFixed(2)} ms`);
    doc.dispose();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
