#!/usr/bin/env node
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const entry = path.join(__dirname, '..', 'out', 'cli', 'src', 'main.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('junos-ipsec: not built yet; run `npm run build` (or `npm ci`, which builds) in ' + path.dirname(__dirname) + '\n');
  process.exit(2);
}
const { main } = require(entry);
main(process.argv.slice(2)).then(
  (status) => { process.exitCode = status; },
  (err) => { process.stderr.write('junos-ipsec: internal error: ' + (err && err.message ? err.message : String(err)) + '\n'); process.exitCode = 70; },
);
