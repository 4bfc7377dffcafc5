/**
 * Device compiler on the bundled examples and realistic variants: curly and set forms compile to equal
 * devices; R2/R3 IPsec settings and the defaults the seed relies on; anti-replay window per services card and
 * precedence; manual SAs, selectors, DPD, interface-style service sets and routing; duplicate routers in the
 * seed as published; compile problems with exact spans; keys never printed; bad input never throws.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { inspect } from 'node:util';
import {
  compileNetwork,
  revealSecret,
  sameKey,
  type Device,
  type Network,
  type NetworkInput,
} from '../../../engine/src/index';
import { encodeNineSecret, paddingLength } from '../../../server/src/model/secrets';

/** Repository root, computed from out/test/src/engine/. */
const repoRoot = path.resolve(__dirname, '../../../..');

function folder(name: string): NetworkInput[] {
  const dir = path.join(repoRoot, 'examples', name);
  return fs
    .readdirSync(dir)
    .filter((f) => /\.(conf|set)$/.test(f))
    .sort()
    .map((f) => ({ id: f, text: fs.readFileSync(path.join(dir, f), 'utf8') }));
}

function text(folderName: string, file: string): string {
  return fs.readFileSync(path.join(repoRoot, 'examples', folderName, file), 'utf8');
}

function device(network: Network, name: string): Device {
  const found = network.devices.find((d) => d.name === name);
  assert.ok(found, `device ${name} in ${network.devices.map((d) => d.name).join(', ')}`);
  return found;
}

/** A device without source positions (spans and document ids), for comparing two forms of one router. */
function withoutSpans(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'at' || key === 'spans' || key === 'nameAt' || key === 'docId' ? undefined : v)));
}

/** 1-based line:column of an offset. */
function lineColumn(source: string, offset: number): string {
  const before = source.slice(0, offset).split('\n');
  return `${before.length}:${before[before.length - 1]!.length + 1}`;
}

test('examples/ike-dynamic-sa and examples/ike-dynamic-sa-set compile to equal devices', async () => {
  const curly = await compileNetwork(folder('ike-dynamic-sa'));
  const set = await compileNetwork(folder('ike-dynamic-sa-set'));
  assert.deepEqual(
    curly.devices.map((d) => d.name),
    ['R1', 'R2', 'R3', 'R4'],
  );
  assert.deepEqual(curly.findings, []);
  assert.deepEqual(set.findings, []);
  for (const d of [...curly.devices, ...set.devices]) assert.deepEqual(d.problems, [], d.docId);
  for (let i = 0; i < 4; i++) assert.deepEqual(withoutSpans(set.devices[i]), withoutSpans(curly.devices[i]), curly.devices[i]!.name);
  // and the comparison is not vacuous: the devices hold the routers
  assert.equal(device(curly, 'R2').interfaces.length, 4);
  assert.equal(device(set, 'R3').serviceSets[0]!.ipsecVpnOptions.localGateway!.address, '10.1.15.2');
});

test('R2 and R3 compile to the seed\'s IPsec settings, with the defaults Junos fills in', async () => {
  const network = await compileNetwork(folder('ike-dynamic-sa'));
  for (const [name, local, remote] of [
    ['R2', '10.1.15.1', '10.1.15.2'],
    ['R3', '10.1.15.2', '10.1.15.1'],
  ] as const) {
    const d = device(network, name);
    const set = d.serviceSets[0]!;
    assert.equal(set.name, 'demo-service-set');
    assert.equal(set.style, 'next-hop');
    assert.equal(set.insideInterface!.name, 'ms-1/2/0.1');
    assert.equal(set.outsideInterface!.name, 'ms-1/2/0.2');
    assert.equal(set.ipsecVpnOptions.localGateway!.address, local);
    assert.deepEqual(set.rules, ['rule-ike']);
    const rule = d.ipsecVpn.rules[0]!;
    assert.equal(rule.matchDirection!.value, 'input');
    const term = rule.terms[0]!;
    assert.equal(term.then.remoteGateway!.address, remote);
    assert.equal(term.flow, 'flowless');
    assert.deepEqual(term.from.sourceAddresses.map((a) => a.prefix), ['0.0.0.0/0']);
    const sa = term.then.sa!;
    assert.deepEqual(sa.kind === 'dynamic' && [sa.ikePolicy!.name, sa.ipsecPolicy!.name], ['ike-demo-policy', 'ipsec-demo-policy']);

    const ike = d.ipsecVpn.ikePolicies[0]!;
    assert.equal(ike.mode, 'main');
    assert.equal(ike.version, 1);
    assert.equal(ike.proposals.length, 1);
    const p1 = ike.proposals[0]!;
    assert.deepEqual(
      [p1.name, p1.authenticationMethod, p1.dhGroup, p1.authenticationAlgorithm, p1.encryptionAlgorithm, p1.lifetimeSeconds],
      ['ike-demo-proposal', 'pre-shared-keys', 'group2', 'sha1', '3des-cbc', 3600],
    );
    const ipsec = d.ipsecVpn.ipsecPolicies[0]!;
    assert.equal(ipsec.pfsGroup!.group, 'group2');
    const p2 = ipsec.proposals[0]!;
    assert.deepEqual([p2.protocol, p2.authenticationAlgorithm, p2.encryptionAlgorithm, p2.lifetimeSeconds], ['esp', 'hmac-sha1-96', '3des-cbc', 28800]);

    // anti-replay: a MultiServices PIC's platform default
    assert.deepEqual(
      { ...set.terms[0]!.antiReplay, at: undefined },
      { enabled: true, windowSize: 128, origin: 'platform default', at: undefined },
    );
    assert.equal(set.terms[0]!.tunnelMtu.value, 1500);

    const defaults = new Map(d.defaults.map((x) => [x.path.join(' '), x]));
    const expectDefault = (p: string, value: string, source: string) => {
      const got = defaults.get(p);
      assert.ok(got, `default at ${p} in ${[...defaults.keys()].join(' | ')}`);
      assert.equal(got.value, value, p);
      assert.equal(got.source, source, p);
      assert.ok(got.reason.length > 20, p);
    };
    expectDefault('services ipsec-vpn ike proposal ike-demo-proposal lifetime-seconds', '3600', 'Junos default');
    expectDefault('services ipsec-vpn ipsec proposal ipsec-demo-proposal lifetime-seconds', '28800', 'Junos default');
    expectDefault('services ipsec-vpn ike policy ike-demo-policy mode', 'main', 'Junos default');
    expectDefault('services ipsec-vpn ike policy ike-demo-policy version', '1', 'Junos default');
    expectDefault('services service-set demo-service-set ipsec-vpn-options anti-replay-window-size', '128', 'platform default');
    expectDefault('services ipsec-vpn rule rule-ike term term-ike then tunnel-mtu', '1500', 'Junos default');
    expectDefault('services ipsec-vpn rule rule-ike term term-ike from source-address', '0.0.0.0/0', 'Junos default');
    // written values are not defaults
    assert.equal(defaults.get('services ipsec-vpn ike proposal ike-demo-proposal dh-group'), undefined);
    assert.equal(defaults.get('services ipsec-vpn ipsec proposal ipsec-demo-proposal protocol'), undefined);
  }
  // the keys: different $9$ strings, the same key
  const k2 = device(network, 'R2').ipsecVpn.ikePolicies[0]!.preSharedKey!;
  const k3 = device(network, 'R3').ipsecVpn.ikePolicies[0]!.preSharedKey!;
  const r2Text = text('ike-dynamic-sa', 'r2.conf');
  const r3Text = text('ike-dynamic-sa', 'r3.conf');
  assert.notEqual(r2Text.slice(k2.at.start, k2.at.end), r3Text.slice(k3.at.start, k3.at.end));
  assert.ok(sameKey(k2, k3));
  assert.equal(revealSecret(k2)!.toString('latin1'), 'keyfordemo');
  assert.equal(k2.masked, '$9$********');
});

test('the anti-replay window: 64 on an AS PIC, 128 on a MultiServices PIC, a term overrides the service set', async () => {
  const r2 = text('ike-dynamic-sa', 'r2.conf');
  const asPic = r2.replaceAll('ms-1/2/0', 'sp-1/2/0');
  let net = await compileNetwork([{ id: 'r2-sp.conf', text: asPic }]);
  let d = net.devices[0]!;
  assert.equal(d.serviceInterfaces[0]!.pic, 'as-pic');
  assert.equal(d.serviceSets[0]!.terms[0]!.antiReplay.windowSize, 64);
  const recorded = d.defaults.find((x) => x.path.at(-1) === 'anti-replay-window-size')!;
  assert.equal(recorded.value, '64');
  assert.match(recorded.reason, /AS PIC/);

  const setWindow = r2.replace('local-gateway 10.1.15.1;', 'local-gateway 10.1.15.1;\n            anti-replay-window-size 256;');
  net = await compileNetwork([{ id: 'r2.conf', text: setWindow }]);
  d = net.devices[0]!;
  assert.deepEqual([d.serviceSets[0]!.terms[0]!.antiReplay.windowSize, d.serviceSets[0]!.terms[0]!.antiReplay.origin], [256, 'service-set']);
  assert.equal(d.defaults.find((x) => x.path.at(-1) === 'anti-replay-window-size'), undefined);

  const termWindow = setWindow.replace('remote-gateway 10.1.15.2;', 'remote-gateway 10.1.15.2;\n                    anti-replay-window-size 512;');
  net = await compileNetwork([{ id: 'r2.conf', text: termWindow }]);
  const applied = net.devices[0]!.serviceSets[0]!.terms[0]!.antiReplay;
  assert.deepEqual([applied.windowSize, applied.origin], [512, 'term']);
  assert.equal(termWindow.slice(applied.at!.start, applied.at!.end), '512');

  const asPicBig = termWindow.replaceAll('ms-1/2/0', 'sp-1/2/0').replace('anti-replay-window-size 512', 'anti-replay-window-size 2048');
  net = await compileNetwork([{ id: 'r2.conf', text: asPicBig }]);
  assert.equal(net.devices[0]!.serviceSets[0]!.terms[0]!.antiReplay.windowSize, 1024);
  assert.ok(net.devices[0]!.problems.some((p) => p.severity === 'warning' && /AS PIC/.test(p.message)));
});

test('an IKE or IPsec policy without proposals gets the implicit proposals, strongest first', async () => {
  const r2 = text('ike-dynamic-sa', 'r2.conf').replace('proposals ike-demo-proposal;', '').replace('proposals ipsec-demo-proposal;', '');
  const d = (await compileNetwork([{ id: 'r2.conf', text: r2 }])).devices[0]!;
  const ike = d.ipsecVpn.ikePolicies[0]!;
  assert.ok(ike.proposals.length >= 2);
  assert.ok(ike.proposals.every((p) => p.implicit && p.lifetimeSeconds === 3600 && p.authenticationMethod === 'pre-shared-keys'));
  assert.deepEqual([ike.proposals[0]!.dhGroup, ike.proposals[0]!.encryptionAlgorithm, ike.proposals[0]!.authenticationAlgorithm], ['group2', '3des-cbc', 'sha1']);
  const ipsec = d.ipsecVpn.ipsecPolicies[0]!;
  assert.deepEqual([ipsec.proposals[0]!.protocol, ipsec.proposals[0]!.authenticationAlgorithm, ipsec.proposals[0]!.encryptionAlgorithm], ['esp', 'hmac-sha1-96', '3des-cbc']);
  assert.ok(ipsec.proposals.some((p) => p.protocol === 'ah'));
  const paths = d.defaults.map((x) => x.path.join(' '));
  assert.ok(paths.includes('services ipsec-vpn ike policy ike-demo-policy proposals'));
  assert.ok(paths.includes('services ipsec-vpn ipsec policy ipsec-demo-policy proposals'));
  assert.deepEqual(d.problems, []);
});

/** `$9$` encodings made the way Junos stores keys (fixed salt and padding so the text is reproducible). */
function nine(plain: string, salt: string): string {
  const padding = 'p0Iw'.slice(0, paddingLength(salt));
  const encoded = encodeNineSecret(plain, { salt, padding });
  assert.ok(encoded.ok);
  return encoded.text;
}
const AUTH_KEY_HEX = '00112233445566778899aabbccddeeff00112233';
const ENC_KEY_ASCII = 'manual-3des-key-24-chars';

const MANUAL_SA_ROUTER = `system {
    host-name PE1;
}
services {
    service-set branch-ss {
        interface-service {
            service-interface sp-0/1/0.0;
        }
        ipsec-vpn-options {
            local-gateway 192.0.2.1;
            tunnel-mtu 1400;
            clear-dont-fragment-bit;
        }
        ipsec-vpn-rules manual-rule;
        ipsec-vpn-rules missing-rule;
    }
    ipsec-vpn {
        rule manual-rule {
            term lan-to-lan {
                from {
                    source-address {
                        10.10.0.0/16;
                    }
                    destination-address {
                        10.20.0.0/16;
                    }
                }
                then {
                    remote-gateway 198.51.100.1;
                    backup-remote-gateway 198.51.100.9;
                    manual {
                        direction bidirectional {
                            protocol esp;
                            spi 16000;
                            authentication {
                                algorithm hmac-sha1-96;
                                key hexadecimal "${nine(AUTH_KEY_HEX, 'A')}"; ## SECRET-DATA
                            }
                            encryption {
                                algorithm 3des-cbc;
                                key ascii-text "${nine(ENC_KEY_ASCII, 'h')}"; ## SECRET-DATA
                            }
                        }
                    }
                    initiate-dead-peer-detection;
                    dead-peer-detection {
                        interval 20;
                    }
                    syslog;
                }
            }
            match-direction output;
        }
    }
}
interfaces {
    ge-0/0/1 {
        unit 0 {
            family inet {
                service {
                    input {
                        service-set branch-ss;
                    }
                    output {
                        service-set branch-ss;
                    }
                }
                address 192.0.2.1/24;
            }
        }
    }
    sp-0/1/0 {
        unit 0 {
            family inet;
        }
    }
    lo0 {
        unit 0 {
            family inet {
                address 10.255.0.1/32;
            }
        }
    }
}
routing-options {
    static {
        route 0.0.0.0/0 next-hop 192.0.2.254;
        route 10.99.0.0/16 discard;
    }
}
protocols {
    ospf {
        area 0.0.0.1 {
            interface ge-0/0/1;
            interface lo0.0 {
                passive;
            }
        }
    }
}
`;

test('manual SAs, selectors, DPD, interface-style service sets, static routes and OSPF compile with their spans', async () => {
  const net = await compileNetwork([{ id: 'pe1.conf', text: MANUAL_SA_ROUTER }]);
  const d = net.devices[0]!;
  assert.equal(d.name, 'PE1');
  const set = d.serviceSets[0]!;
  assert.equal(set.style, 'interface');
  assert.equal(set.serviceInterface!.name, 'sp-0/1/0.0');
  assert.equal(set.pic, 'as-pic');
  assert.deepEqual(
    d.interfaces[0]!.units[0]!.serviceSets.map((s) => [s.direction, s.serviceSet]),
    [
      ['input', 'branch-ss'],
      ['output', 'branch-ss'],
    ],
  );
  // the undefined rule is a problem at its word, and the defined one still applies
  const missing = d.problems.find((p) => p.code === 'undefined-reference')!;
  assert.match(missing.message, /missing-rule/);
  assert.equal(MANUAL_SA_ROUTER.slice(missing.spans[0]!.start, missing.spans[0]!.end), 'missing-rule');
  assert.deepEqual(set.rules, ['manual-rule']);
  const applied = set.terms[0]!;
  assert.deepEqual([applied.tunnelMtu.value, applied.tunnelMtu.origin, applied.clearDontFragmentBit], [1400, 'service-set', true]);
  assert.deepEqual([applied.antiReplay.windowSize, applied.antiReplay.origin], [64, 'platform default']);

  const term = d.ipsecVpn.rules[0]!.terms[0]!;
  assert.equal(d.ipsecVpn.rules[0]!.matchDirection!.value, 'output');
  assert.equal(term.flow, 'flow-based');
  assert.deepEqual([term.from.sourceAddresses[0]!.prefix, term.from.destinationAddresses[0]!.prefix], ['10.10.0.0/16', '10.20.0.0/16']);
  assert.equal(term.then.backupRemoteGateway!.address, '198.51.100.9');
  assert.deepEqual([term.then.initiateDeadPeerDetection, term.then.deadPeerDetection.interval, term.then.deadPeerDetection.threshold], [true, 20, 3]);
  assert.ok(d.defaults.some((x) => x.path.join(' ').endsWith('dead-peer-detection threshold') && x.value === '3'));
  assert.ok(!d.defaults.some((x) => x.path.join(' ').endsWith('dead-peer-detection interval')));
  assert.equal(term.then.syslog, true);
  const sa = term.then.sa!;
  assert.equal(sa.kind, 'manual');
  if (sa.kind !== 'manual') return;
  const dir = sa.directions[0]!;
  assert.deepEqual([dir.direction, dir.protocol, dir.spi, dir.authentication!.algorithm, dir.encryption!.algorithm], ['bidirectional', 'esp', 16000, 'hmac-sha1-96', '3des-cbc']);
  assert.equal(dir.authentication!.key!.form, 'hexadecimal');
  assert.equal(dir.encryption!.key!.form, 'ascii-text');
  assert.equal(dir.encryption!.key!.masked, '$9$********');
  assert.equal(revealSecret(dir.authentication!.key)!.toString('hex'), AUTH_KEY_HEX);
  assert.equal(revealSecret(dir.encryption!.key)!.toString('latin1'), ENC_KEY_ASCII);

  assert.deepEqual(
    d.staticRoutes.map((r) => [r.destination, r.nextHops.map((h) => h.address), r.discard]),
    [
      ['0.0.0.0/0', ['192.0.2.254'], false],
      ['10.99.0.0/16', [], true],
    ],
  );
  const area = d.ospf.areas[0]!;
  assert.deepEqual(
    area.interfaces.map((i) => [i.name, i.unitImplied, i.passive]),
    [
      ['ge-0/0/1.0', true, false],
      ['lo0.0', false, true],
    ],
  );
  assert.equal(MANUAL_SA_ROUTER.slice(area.interfaces[0]!.at!.start, area.interfaces[0]!.at!.end), 'ge-0/0/1');
  assert.deepEqual(d.loopbacks.map((l) => l.addresses[0]!.text), ['10.255.0.1/32']);
});

test('the seed as published: one router per R2 and R3 file group, and the undefined demo-proposal at its word', async () => {
  const files = folder('seed-as-published');
  const net = await compileNetwork(files);
  const duplicates = net.findings.filter((f) => f.code === 'duplicate-device');
  for (const r of ['r2', 'r3']) {
    const finding = duplicates.find((f) => f.files.includes(`${r}.conf`));
    assert.ok(finding, `a duplicate-device finding for ${r}`);
    assert.deepEqual([...finding.files].sort(), [`${r}-step-by-step.set`, `${r}.conf`, `${r}.set`]);
    assert.ok(finding.files.includes(finding.kept));
    assert.match(finding.message, new RegExp(`kept ${finding.kept.replace('.', '\\.')} because`));
    assert.ok(finding.evidence.some((e) => e.startsWith(`router-id 10.0.0.${r.slice(1)}`)), finding.evidence.join('; '));
  }
  // R1 and R4 likewise; four routers remain
  assert.equal(duplicates.length, 4);
  assert.equal(net.devices.length, 4);
  assert.equal(net.files.filter((f) => !f.kept).length, 8);

  for (const [file, position] of [
    ['r2.conf', '78:27'],
    ['r3.conf', '79:27'],
  ] as const) {
    const source = files.find((f) => f.id === file)!.text;
    const d = net.files.find((f) => f.id === file)!.device;
    const problem = d.problems.find((p) => p.code === 'undefined-reference' && /demo-proposal/.test(p.message));
    assert.ok(problem, `${file}: ${d.problems.map((p) => p.message).join(' | ')}`);
    assert.equal(problem.spans.length, 1);
    assert.equal(problem.spans[0]!.docId, file);
    assert.equal(source.slice(problem.spans[0]!.start, problem.spans[0]!.end), 'demo-proposal');
    assert.equal(lineColumn(source, problem.spans[0]!.start), position);
    assert.match(problem.message, /ike-demo-proposal/);
    // the policy keeps no proposal: Junos would refuse the commit rather than use the implicit ones
    assert.deepEqual(d.ipsecVpn.ikePolicies[0]!.proposals, []);
  }
  // the set form's `rule match-direction input` names a rule "match-direction" (README defect 7, r2.set 19:29)
  const r2Set = net.files.find((f) => f.id === 'r2.set')!.device;
  const unnamed = r2Set.problems.find((p) => /rule name is probably missing/.test(p.message))!;
  assert.ok(unnamed, r2Set.problems.map((p) => p.message).join(' | '));
  assert.equal(lineColumn(files.find((f) => f.id === 'r2.set')!.text, unnamed.spans[0]!.start), '19:29');
  // R2's second service-set block wins: it claims R3's address as its own end
  const r2 = net.files.find((f) => f.id === 'r2.conf')!.device;
  assert.equal(r2.serviceSets[0]!.ipsecVpnOptions.localGateway!.address, '10.1.15.2');
  assert.ok(r2.problems.some((p) => p.severity === 'warning' && /local-gateway 10\.1\.15\.2/.test(p.message)));
});

test('no compiled device, network or message holds a key in clear or its $9$ text', async () => {
  const inputs = [...folder('seed-as-published'), ...folder('ike-dynamic-sa').map((f) => ({ ...f, id: `fixed-${f.id}` })), { id: 'pe1.conf', text: MANUAL_SA_ROUTER }];
  const net = await compileNetwork(inputs);
  const printed = [JSON.stringify(net), inspect(net, { depth: null }), ...net.findings.map((f) => f.message)].join('\n');
  const secrets = ['keyfordemo', '$ABC123', AUTH_KEY_HEX, ENC_KEY_ASCII];
  for (const input of inputs) for (const m of input.text.matchAll(/"(\$9\$[^"]+)"/g)) secrets.push(m[1]!);
  assert.ok(secrets.length >= 5);
  for (const s of secrets) assert.ok(!printed.includes(s), `output contains a key (${s.slice(0, 4)}...)`);
  // the handles still give the engine its keys
  const pe1 = net.devices.find((d) => d.name === 'PE1')!;
  const sa = pe1.ipsecVpn.rules[0]!.terms[0]!.then.sa!;
  assert.ok(sa.kind === 'manual' && revealSecret(sa.directions[0]!.encryption!.key)!.length > 0);
});

test('truncated and garbled configurations compile to devices plus problems, never a throw', async () => {
  const source = text('ike-dynamic-sa', 'r2.conf');
  const inputs: NetworkInput[] = [];
  for (let cut = 0; cut < source.length; cut += 97) inputs.push({ id: `cut-${cut}.conf`, text: source.slice(0, cut) });
  inputs.push({ id: 'garbled.conf', text: source.replaceAll('{', '').replaceAll(';', ' ; ; }') });
  inputs.push({ id: 'words.set', text: 'set services ipsec-vpn rule r term t then remote-gateway not-an-address\nset services service-set s ipsec-vpn-rules r\n' });
  const net = await compileNetwork(inputs);
  assert.equal(net.files.length, inputs.length);
  assert.ok(net.findings.every((f) => f.code !== 'file-not-compiled'), JSON.stringify(net.findings.filter((f) => f.code === 'file-not-compiled')));
  const words = net.files.find((f) => f.id === 'words.set')!.device;
  const bad = words.problems.find((p) => p.code === 'bad-value')!;
  assert.match(bad.message, /remote-gateway "not-an-address"/);
  assert.equal(words.name, 'words');
  assert.equal(words.nameFrom, 'file-name');
});

test('flowless or flow-based: any-any terms are packet based unless a non link-type service set mixes both kinds', async () => {
  const anyAnyTerm = `            term everything-else {
                then {
                    remote-gateway 198.51.100.1;
                    dynamic {
                        ike-policy ike-any;
                    }
                }
            }
            match-direction output;`;
  const interfaceStyle = MANUAL_SA_ROUTER.replace('            match-direction output;', anyAnyTerm);
  let d = (await compileNetwork([{ id: 'pe1.conf', text: interfaceStyle }])).devices[0]!;
  assert.deepEqual(
    d.serviceSets[0]!.terms.map((t) => [t.term, t.flow]),
    [
      ['lan-to-lan', 'flow-based'],
      ['everything-else', 'flow-based'],
    ],
  );
  assert.match(d.serviceSets[0]!.terms[1]!.flowReason, /not link type/);
  assert.equal(d.ipsecVpn.rules[0]!.terms[1]!.flow, 'flowless', 'the term alone is any-any');
  assert.ok(d.problems.some((p) => p.code === 'undefined-reference' && /IKE policy ike-any/.test(p.message)));

  // the same mix in a next-hop (link type) service set keeps the any-any term packet based
  const r2 = text('ike-dynamic-sa', 'r2.conf').replace(
    '            term term-ike {',
    `            term lan {
                from {
                    destination-address {
                        10.1.56.0/24;
                    }
                    ipsec-inside-interface ms-1/2/0.1;
                }
                then {
                    remote-gateway 10.1.15.2;
                    dynamic {
                        ike-policy ike-demo-policy;
                    }
                }
            }
            term term-ike {`,
  );
  d = (await compileNetwork([{ id: 'r2.conf', text: r2 }])).devices[0]!;
  assert.deepEqual(
    d.serviceSets[0]!.terms.map((t) => [t.term, t.flow]),
    [
      ['lan', 'flow-based'],
      ['term-ike', 'flowless'],
    ],
  );
  assert.equal(d.ipsecVpn.rules[0]!.terms[0]!.from.ipsecInsideInterface!.name, 'ms-1/2/0.1');
  assert.deepEqual(d.problems, []);
});

test('wrong references and values in rules are problems at their words', async () => {
  const broken = MANUAL_SA_ROUTER.replace('spi 16000;', 'spi 99999;').replace(
    '                        10.20.0.0/16;\n                    }\n',
    '                        10.20.0.0/16;\n                    }\n                    ipsec-inside-interface ms-9/9/9.1;\n',
  );
  assert.ok(broken.includes('ipsec-inside-interface ms-9/9/9.1;'));
  const d = (await compileNetwork([{ id: 'pe1.conf', text: broken }])).devices[0]!;
  const messages = d.problems.map((p) => `${p.code}: ${p.message} @${p.spans.map((s) => broken.slice(s.start, s.end)).join(',')}`);
  assert.ok(messages.some((m) => /^bad-value: spi 99999 is outside 256\.\.16639 @99999$/.test(m)), messages.join('\n'));
  assert.ok(messages.some((m) => /^conflict: .*ipsec-inside-interface, which only next-hop service sets support.*@ms-9\/9\/9\.1$/.test(m)), messages.join('\n'));
});

test('the device is compiled from the effective configuration: groups applied, inactive statements left out', async () => {
  const r2 = text('ike-dynamic-sa', 'r2.conf');
  // move the IKE proposal into a group, and add an inactive term before the real one
  const proposal = /            proposal ike-demo-proposal \{[\s\S]*?\n            \}\n/.exec(r2)![0];
  const grouped = r2
    .replace(proposal, '')
    .replace(
      'system {',
      `groups {
    ike-defaults {
        services {
            ipsec-vpn {
                ike {
${proposal}                }
            }
        }
    }
}
apply-groups ike-defaults;
system {`,
    )
    .replace(
      '            term term-ike {',
      `            inactive: term old-peer {
                then {
                    remote-gateway 10.9.9.9;
                }
            }
            term term-ike {`,
    );
  const net = await compileNetwork([{ id: 'r2.conf', text: grouped }]);
  const d = net.devices[0]!;
  assert.deepEqual(d.problems, []);
  assert.deepEqual(d.ipsecVpn.rules[0]!.terms.map((t) => t.name), ['term-ike']);
  const p = d.ipsecVpn.ikePolicies[0]!.proposals[0]!;
  assert.deepEqual([p.name, p.dhGroup], ['ike-demo-proposal', 'group2']);
  // the span points into the group, where the proposal is written
  assert.ok(p.at!.start < grouped.indexOf('apply-groups'));
  assert.equal(grouped.slice(p.at!.start, p.at!.end), 'ike-demo-proposal');
});
