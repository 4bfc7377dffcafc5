// test/e2e/suite/commands.test.js: every contributed command runs in a real VS Code and returns what it
// produced; the simulate command gets the engine's verdict for the corrected example.
'use strict';
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { until, openExample } = require('./helper');

describe('commands', () => {
  before(async () => {
    await openExample('seed-as-published/r2.conf');
  });

  it('contributes every command it registers', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const c of ['junos.simulateTunnel', 'junos.convertToSet', 'junos.convertToCurly', 'junos.showEffectiveConfiguration', 'junos.restartServer', 'junos.showOutput', 'junos.showReferences']) {
      assert.ok(all.includes(c), `${c} is not registered`);
    }
  });

  it('Simulate Tunnel: R2 <-> R3 of ike-dynamic-sa is ESTABLISHED, and the panel shows it', async () => {
    const editor = await openExample('ike-dynamic-sa/r2.conf');
    const answer = await vscode.commands.executeCommand('junos.simulateTunnel');
    assert.equal(answer.available, true, `not available: ${answer.reason}`);
    const tunnel = answer.result.tunnels[0];
    assert.equal(tunnel.verdict, 'ESTABLISHED', tunnel.reason);
    assert.deepEqual(tunnel.ends.map((e) => e.device).sort(), ['R2', 'R3']);
    assert.ok(tunnel.messages.length >= 6, 'Main Mode and Quick Mode messages');
    assert.ok(!JSON.stringify(answer).includes('$9$'), 'no secret in the answer');
    const html = vscode.extensions.getExtension('junos-ipsec.junos-ipsec').exports.simulatePanelHtml();
    assert.match(html, /data-verdict="ESTABLISHED"/);
    assert.match(html, /Content-Security-Policy" content="default-src &#39;none&#39;;[^"]*script-src &#39;nonce-[A-Za-z0-9+/=]+&#39;/);
    assert.ok((html.match(/<svg /g) || []).length >= 2, 'topology and sequence diagrams');
    assert.match(html, /show services ipsec-vpn ike security-associations/);
    const forbidden = /<[^>]*\son[a-z]+=|https?:\/\/(?![a-z0-9*.+%-]*vscode-cdn\.net)[a-z]/i.exec(html);
    assert.equal(forbidden, null, `no inline handlers, only webview resource URLs: ${forbidden && html.slice(forbidden.index - 40, forbidden.index + 80)}`);
    assert.equal(editor.document.languageId, 'junos');
  });

  it('Simulate Tunnel pings R1 -> R4 through the tunnel by default; the panel shows the ping, the traceroute and the packet path', async () => {
    await openExample('ike-dynamic-sa/r2.conf');
    const answer = await vscode.commands.executeCommand('junos.simulateTunnel');
    assert.equal(answer.available, true, `not available: ${answer.reason}`);
    const traffic = answer.result.traffic;
    assert.ok(traffic, 'the default ping ran');
    const ping = traffic.pings[0];
    assert.deepEqual([ping.from, ping.to, ping.transmitted, ping.received], ['R1', '10.1.56.2', 5, 5], ping.output);
    assert.equal(traffic.traceroutes[0].reached, true, traffic.traceroutes[0].output);
    const links = answer.result.topology.links.filter((l) => l.kind !== 'tunnel').map((l) => l.id);
    assert.deepEqual(links, ['R1:ge-0/0/0<->R2:ge-0/0/0', 'R2:ge-0/0/1<->R3:ge-0/0/1', 'R3:ge-0/0/0<->R4:ge-0/0/0']);
    const html = vscode.extensions.getExtension('junos-ipsec.junos-ipsec').exports.simulatePanelHtml();
    assert.match(html, /id="ping-line" data-received="5" data-transmitted="5"/);
    assert.match(html, /5 packets transmitted, 5 packets received, 0% packet loss/);
    assert.match(html, /user@R1&gt; traceroute 10\.1\.56\.2/);
    for (const id of links) assert.ok(html.includes(`data-link="${id.replace('<->', '&lt;-&gt;')}"`), `link ${id} drawn`);
    const hops = [...html.matchAll(/class="path-hop"[^>]*data-from="([^"]+)" data-to="([^"]+)" data-via="([^"]+)"/g)].map((m) => `${m[1]}>${m[2]} ${m[3]}`);
    assert.deepEqual(hops, ['R1>R2 link', 'R2>R3 tunnel', 'R3>R4 link'], 'the echo request, hop by hop');
    assert.match(html, /Path of the first echo request: R1 → R2 → through the tunnel to R3 → R4\./);
  });

  it('Simulate Tunnel with ping: [] runs no traffic; with a ping list, runs that one', async () => {
    const editor = await openExample('ike-dynamic-sa/r2.conf');
    const uri = editor.document.uri.toString();
    const none = await vscode.commands.executeCommand('junos.simulateTunnel', { uri, ping: [] });
    assert.equal(none.available, true, none.reason);
    assert.equal(none.result.traffic, undefined);
    const html = vscode.extensions.getExtension('junos-ipsec.junos-ipsec').exports.simulatePanelHtml();
    assert.ok(!html.includes('id="ping-line"'), 'no ping line without a ping');
    const asked = await vscode.commands.executeCommand('junos.simulateTunnel', { uri, ping: [{ from: 'R4', to: '10.1.12.2', count: 2 }] });
    assert.deepEqual(asked.result.traffic.pings.map((p) => [p.from, p.to, p.received]), [['R4', '10.1.12.2', 2]]);
  });

  it('Simulate Tunnel on the seed as published reports why it fails, with a line to jump to', async () => {
    await openExample('seed-as-published/r2.conf');
    const answer = await vscode.commands.executeCommand('junos.simulateTunnel');
    assert.equal(answer.available, true, `not available: ${answer.reason}`);
    const tunnel = answer.result.tunnels[0];
    assert.notEqual(tunnel.verdict, 'ESTABLISHED');
    const places = [...tunnel.blame, ...tunnel.blockingProblems];
    assert.ok(places.length > 0, 'a responsible line');
    assert.ok(places.every((p) => p.line >= 1 && p.column >= 1));
  });

  it('Simulate Tunnel from the code lens params narrows to a rule', async () => {
    const editor = await openExample('ike-dynamic-sa/r3.conf');
    const lenses = await until('code lenses', async () => {
      const found = await vscode.commands.executeCommand('vscode.executeCodeLensProvider', editor.document.uri);
      return found && found.some((l) => l.command && l.command.command === 'junos.simulateTunnel') ? found : undefined;
    });
    const lens = lenses.find((l) => l.command && l.command.command === 'junos.simulateTunnel');
    const answer = await vscode.commands.executeCommand(lens.command.command, ...lens.command.arguments);
    assert.equal(answer.available, true);
    assert.equal(answer.result.tunnels[0].verdict, 'ESTABLISHED');
  });

  it('Convert to set Format opens the set commands in a new editor', async () => {
    await openExample('ike-dynamic-sa/r2.conf');
    const uri = await vscode.commands.executeCommand('junos.convertToSet');
    assert.ok(uri, 'a document was opened');
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    assert.equal(document.languageId, 'junos');
    assert.match(document.getText(), /^set services ipsec-vpn ike policy ike-demo-policy proposals ike-demo-proposal$/m);
    assert.match(document.getText(), /^set interfaces /m);
  });

  it('Convert to Curly Format turns set commands into the show layout', async () => {
    await openExample('ike-dynamic-sa-set/r3.set');
    const uri = await vscode.commands.executeCommand('junos.convertToCurly');
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    assert.match(document.getText(), /^services \{$/m);
    assert.match(document.getText(), /^ {8}ike \{$/m);
  });

  it('Show Effective Configuration opens a read-only view with secrets masked', async () => {
    await openExample('ike-dynamic-sa/r2.conf');
    const uri = await vscode.commands.executeCommand('junos.showEffectiveConfiguration');
    assert.ok(uri.startsWith('junos-effective:'), uri);
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    const text = document.getText();
    assert.match(text, /^services \{$/m);
    assert.match(text, /pre-shared-key ascii-text "\*\*\*\*\*\*\*\*"/);
    assert.ok(!text.includes('$9$'), 'no $9$ string');
  });

  it('Show References runs with the code lens arguments', async () => {
    const editor = await openExample('ike-dynamic-sa/r2.conf');
    const lenses = await vscode.commands.executeCommand('vscode.executeCodeLensProvider', editor.document.uri, 50);
    const lens = lenses.find((l) => l.command && l.command.command === 'junos.showReferences' && l.command.arguments[2].length > 0);
    assert.ok(lens, 'a references lens with uses');
    const count = await vscode.commands.executeCommand('junos.showReferences', ...lens.command.arguments);
    assert.equal(count, lens.command.arguments[2].length);
  });

  it('Show Output and Restart Language Server run, and the server comes back ready', async () => {
    await vscode.commands.executeCommand('junos.showOutput');
    const state = await vscode.commands.executeCommand('junos.restartServer');
    assert.equal(state, 'ready');
    const editor = await openExample('seed-as-published/r2.conf');
    await until('diagnostics after the restart', () => vscode.languages.getDiagnostics(editor.document.uri).length > 0);
  });
});
