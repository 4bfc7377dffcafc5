#!/usr/bin/env node
// scripts/bundle.js: builds the extension's `dist/` with esbuild: `dist/extension.js` (the VS Code client,
// `vscode` external) and `dist/server.js` (the language server, CJS for Node 20), plus the files the server
// looks for beside itself: the grammar and runtime wasm (server/src/syntax/language.ts), the highlight
// query at dist/queries/highlights.scm (server/src/ide/highlight-query.ts) and the schema
// (server/src/schema/load.ts findSchemaFile). Reads the TypeScript sources directly (no tsc step needed).
// Usage: node scripts/bundle.js [--minify] [--check]   (--check starts dist/server.js from a temp copy
// of dist/ alone and runs an LSP initialize + one diagnostics round trip over stdio.)
'use strict';
const esbuild = require('esbuild');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const minify = process.argv.includes('--minify');

const COPIES = [
  ['tree-sitter-junos/tree-sitter-junos.wasm', 'tree-sitter-junos.wasm'],
  ['node_modules/web-tree-sitter/web-tree-sitter.wasm', 'web-tree-sitter.wasm'],
  ['tree-sitter-junos/queries/highlights.scm', 'queries/highlights.scm'],
  ['server/src/schema/generated/junos-schema.json.gz', 'junos-schema.json.gz'],
];

async function bundle() {
  fs.rmSync(DIST, { recursive: true, force: true });
  fs.mkdirSync(DIST, { recursive: true });
  const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, minify, logLevel: 'warning', legalComments: 'none' };
  await esbuild.build({ ...common, entryPoints: [path.join(ROOT, 'client/src/extension.ts')], outfile: path.join(DIST, 'extension.js'), external: ['vscode'] });
  // web-tree-sitter's ESM build reads import.meta.url, which a CJS bundle lacks: use its CJS build
  const cjsTreeSitter = {
    name: 'web-tree-sitter-cjs',
    setup(build) {
      build.onResolve({ filter: /^web-tree-sitter$/ }, () => ({ path: require.resolve('web-tree-sitter') }));
    },
  };
  await esbuild.build({ ...common, entryPoints: [path.join(ROOT, 'server/src/lsp/main.ts')], outfile: path.join(DIST, 'server.js'), plugins: [cjsTreeSitter] });
  for (const [from, to] of COPIES) {
    const source = path.join(ROOT, from);
    if (!fs.existsSync(source)) throw new Error(`bundle: ${from} is missing (build the grammar / schema first)`);
    fs.mkdirSync(path.dirname(path.join(DIST, to)), { recursive: true });
    fs.copyFileSync(source, path.join(DIST, to));
  }
  for (const f of fs.readdirSync(DIST, { recursive: true })) {
    const full = path.join(DIST, f);
    if (fs.statSync(full).isFile()) console.log(`dist/${f}\t${(fs.statSync(full).size / 1024).toFixed(0)} KiB`);
  }
}

/** Copies dist/ alone to a temp folder and checks that its server answers initialize and publishes diagnostics. */
function check() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'junos-dist-'));
  fs.cpSync(DIST, tmp, { recursive: true });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(tmp, 'server.js'), '--stdio'], { cwd: tmp, stdio: ['pipe', 'pipe', 'pipe'] });
    const timer = setTimeout(() => finish(new Error('no diagnostics from dist/server.js within 30 s')), 30000);
    let buffer = Buffer.alloc(0);
    let stderr = '';
    const send = (message) => {
      const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }));
      child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
      child.stdin.write(body);
    };
    function finish(err, value) {
      clearTimeout(timer);
      child.kill();
      fs.rmSync(tmp, { recursive: true, force: true });
      if (err) reject(new Error(`${err.message}\n${stderr}`));
      else resolve(value);
    }
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const header = buffer.indexOf('\r\n\r\n');
        if (header < 0) return;
        const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, header).toString())[1]);
        if (buffer.length < header + 4 + length) return;
        const message = JSON.parse(buffer.subarray(header + 4, header + 4 + length).toString());
        buffer = buffer.subarray(header + 4 + length);
        if (message.id === 1) {
          send({ method: 'initialized', params: {} });
          send({ method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///tmp/check.conf', languageId: 'junos', version: 1, text: 'system {\n    host-name r1\n}\n' } } });
        } else if (message.method === 'textDocument/publishDiagnostics' && message.params.diagnostics.length > 0) {
          finish(undefined, message.params.diagnostics);
        }
      }
    });
    send({ id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } });
  });
}

(async () => {
  await bundle();
  if (process.argv.includes('--check')) {
    const diagnostics = await check();
    console.log(`check: dist/server.js alone answered with ${diagnostics.length} diagnostic(s): ${diagnostics[0].message}`);
  }
})().catch((err) => {
  console.error(err.message || err);
  process.exit(1);
});
