// test/e2e/suite/panel.test.js: the Simulate Tunnel panel's guards, run inside the extension host (they
// need the `vscode` module): which webview messages are accepted, and that configuration text is escaped.
// Loads the tsc output of client/ (out/client), built by scripts/e2e/run.sh before the tests.
'use strict';
const assert = require('node:assert/strict');
const path = require('node:path');
const { ROOT } = require('./helper');

const { parseRevealMessage } = require(path.join(ROOT, 'out/client/src/simulate-panel/panel.js'));
const { renderBody } = require(path.join(ROOT, 'out/client/src/simulate-panel/render.js'));

describe('simulate panel guards', () => {
  it('accepts exactly { type: reveal, docUri, line, character }', () => {
    const ok = { type: 'reveal', docUri: 'file:///w/r2.conf', line: 77, character: 26 };
    assert.deepEqual(parseRevealMessage(ok), ok);
    for (const bad of [
      null,
      'reveal',
      [ok],
      { ...ok, type: 'open' },
      { ...ok, line: -1 },
      { ...ok, line: 1.5 },
      { ...ok, character: '3' },
      { ...ok, docUri: 42 },
      { ...ok, command: 'workbench.action.terminal.new' },
      { type: 'reveal', docUri: 'file:///w/r2.conf', line: 1 },
    ]) {
      assert.equal(parseRevealMessage(bad), undefined, JSON.stringify(bad));
    }
  });

  it('escapes configuration text in the verdict, blame and notes', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const tunnel = {
      id: `R2 ${evil}`, verdict: 'IKE_NO_PROPOSAL', reason: evil, peerSearch: evil, ends: [], initiator: undefined, ike: undefined, ipsec: undefined,
      sides: [], messages: [], events: [], defaults: [], blockingProblems: [],
      blame: [{ docId: 'file:///w/r2.conf"><script>', start: 0, end: 1, line: 3, column: 5, endLine: 3, endColumn: 9, device: 'R2', what: evil }],
      elapsedMs: 0,
    };
    const html = renderBody({ available: true, result: { formatVersion: 1, platform: 'ms-pic', seed: undefined, files: [], devices: ['R2'], tunnels: [tunnel], duplicateDevices: [], notes: [evil], showOutputs: [], summary: { tunnels: 1, established: 0, failed: 1 } } });
    assert.ok(!html.includes('<img'), 'no raw tag from the configuration');
    assert.ok(!html.includes('"><script>'), 'attribute values are escaped');
    assert.match(html, /data-line="2" data-character="4"/);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
  });
});
