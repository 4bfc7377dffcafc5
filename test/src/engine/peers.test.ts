/**
 * Peer discovery on the bundled examples and realistic variants: the seed's R2<->R3 tunnel found once from
 * both sides, R1/R4 without tunnels; a wrong remote-gateway (no peer, with what was searched; the other side
 * not pointed back at); a hub with two spokes; two routers claiming one gateway; a backup gateway.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compileNetwork, findTunnels, type NetworkInput, type Tunnel } from '../../../engine/src/index';

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

function replaceIn(inputs: NetworkInput[], id: string, from: string, to: string): NetworkInput[] {
  return inputs.map((f) => {
    if (f.id !== id) return f;
    assert.ok(f.text.includes(from), `${id} contains ${from}`);
    return { id, text: f.text.replace(from, to) };
  });
}

async function tunnelsOf(inputs: NetworkInput[]): Promise<Tunnel[]> {
  return findTunnels(await compileNetwork(inputs));
}

function slice(inputs: NetworkInput[], at: { docId: string; start: number; end: number } | undefined): string {
  assert.ok(at);
  return inputs.find((f) => f.id === at.docId)!.text.slice(at.start, at.end);
}

for (const example of ['ike-dynamic-sa', 'ike-dynamic-sa-set']) {
  test(`${example}: one paired tunnel R2<->R3, R2's end at 10.1.15.1; R1 and R4 have none`, async () => {
    const inputs = folder(example);
    const tunnels = await tunnelsOf(inputs);
    assert.equal(tunnels.length, 1);
    const t = tunnels[0]!;
    assert.equal(t.status, 'paired');
    assert.deepEqual([t.local.device, t.peer!.device], ['R2', 'R3']);
    assert.deepEqual([t.local.localGateway, t.local.remoteGateway, t.peer!.localGateway, t.peer!.remoteGateway], ['10.1.15.1', '10.1.15.2', '10.1.15.2', '10.1.15.1']);
    assert.deepEqual([t.local.serviceSet, t.local.rule, t.local.term, t.local.sa], ['demo-service-set', 'rule-ike', 'term-ike', 'dynamic']);
    assert.equal(slice(inputs, t.local.spans.remoteGateway), '10.1.15.2');
    assert.equal(slice(inputs, t.peer!.spans.localGateway), '10.1.15.2');
    assert.equal(t.local.spans.remoteGateway!.docId, example === 'ike-dynamic-sa' ? 'r2.conf' : 'r2.set');
    assert.match(t.message, /R2 .* and R3 .* point at each other/);
    for (const other of ['R1', 'R4']) assert.ok(tunnels.every((x) => x.local.device !== other && x.peer?.device !== other));
  });
}

test('a wrong remote-gateway: no peer, naming what was searched; the other side is not pointed back at', async () => {
  const inputs = replaceIn(folder('ike-dynamic-sa'), 'r2.conf', 'remote-gateway 10.1.15.2;', 'remote-gateway 10.1.15.9;');
  const tunnels = await tunnelsOf(inputs);
  assert.equal(tunnels.length, 2);
  const fromR2 = tunnels.find((t) => t.local.device === 'R2')!;
  assert.equal(fromR2.status, 'no-peer');
  assert.equal(fromR2.peer, undefined);
  assert.deepEqual(fromR2.searched, ['r1.conf', 'r3.conf', 'r4.conf']);
  assert.match(fromR2.message, /no configuration in the folder has local-gateway 10\.1\.15\.9, the term's remote-gateway \(searched r1\.conf, r3\.conf and r4\.conf\)/);
  assert.equal(slice(inputs, fromR2.local.spans.remoteGateway), '10.1.15.9');
  const fromR3 = tunnels.find((t) => t.local.device === 'R3')!;
  assert.equal(fromR3.status, 'not-pointing-back');
  assert.equal(fromR3.peer!.device, 'R2');
  assert.match(fromR3.message, /remote-gateway is 10\.1\.15\.9, not R3's local-gateway 10\.1\.15\.2/);
});

test('a remote-gateway that is a router\'s address without a service set says so', async () => {
  const inputs = folder('ike-dynamic-sa').map((f) => (f.id === 'r3.conf' ? { id: f.id, text: f.text.replace(/    service-set demo-service-set \{[\s\S]*?ipsec-vpn-rules rule-ike;\n    \}\n/, '') } : f));
  assert.ok(!inputs.find((f) => f.id === 'r3.conf')!.text.includes('service-set'));
  const [t, ...rest] = await tunnelsOf(inputs);
  assert.equal(rest.length, 0);
  assert.equal(t!.status, 'no-peer');
  assert.match(t!.message, /R3 \(r3\.conf\) has 10\.1\.15\.2 on ge-0\/0\/1\.0 but no service set with that local-gateway/);
});

function hubAndSpokes(spokes: number): NetworkInput[] {
  const terms = Array.from(
    { length: spokes },
    (_, i) => `            term spoke-${i + 1} {
                from {
                    source-address {
                        10.0.0.0/16;
                    }
                    destination-address {
                        10.${i + 1}.0.0/16;
                    }
                }
                then {
                    remote-gateway 203.0.113.${11 + i};
                    dynamic {
                        ike-policy ike-hub;
                        ipsec-policy ipsec-hub;
                    }
                }
            }
`,
  ).join('');
  const vpn = (policy: string) => `        ipsec {
            proposal esp-aes {
                protocol esp;
                authentication-algorithm hmac-sha1-96;
                encryption-algorithm aes-128-cbc;
            }
            policy ipsec-${policy} {
                perfect-forward-secrecy {
                    keys group14;
                }
                proposals esp-aes;
            }
        }
        ike {
            proposal ike-aes {
                authentication-method pre-shared-keys;
                dh-group group14;
                authentication-algorithm sha-256;
                encryption-algorithm aes-128-cbc;
            }
            policy ike-${policy} {
                proposals ike-aes;
                pre-shared-key ascii-text "hub-and-spoke-key"; ## SECRET-DATA
            }
        }
`;
  const router = (name: string, wan: string, services: string, lan: string) => `system {
    host-name ${name};
}
services {
${services}}
interfaces {
    ge-0/0/0 {
        unit 0 {
            family inet {
                address ${lan};
            }
        }
    }
    ge-0/0/1 {
        unit 0 {
            family inet {
                address ${wan}/24;
            }
        }
    }
    ms-0/1/0 {
        unit 1 {
            family inet;
            service-domain inside;
        }
        unit 2 {
            family inet;
            service-domain outside;
        }
    }
}
`;
  const serviceSet = (gateway: string, rule: string) => `    service-set vpn {
        next-hop-service {
            inside-service-interface ms-0/1/0.1;
            outside-service-interface ms-0/1/0.2;
        }
        ipsec-vpn-options {
            local-gateway ${gateway};
        }
        ipsec-vpn-rules ${rule};
    }
`;
  const hub = router(
    'HUB',
    '203.0.113.1',
    `${serviceSet('203.0.113.1', 'to-spokes')}    ipsec-vpn {
        rule to-spokes {
${terms}            match-direction input;
        }
${vpn('hub')}    }
`,
    '10.0.0.1/16',
  );
  const out: NetworkInput[] = [{ id: 'hub.conf', text: hub }];
  for (let i = 1; i <= spokes; i++) {
    const spoke = router(
      `SPOKE${i}`,
      `203.0.113.${10 + i}`,
      `${serviceSet(`203.0.113.${10 + i}`, 'to-hub')}    ipsec-vpn {
        rule to-hub {
            term hub {
                from {
                    source-address {
                        10.${i}.0.0/16;
                    }
                    destination-address {
                        10.0.0.0/16;
                    }
                }
                then {
                    remote-gateway 203.0.113.1;
                    dynamic {
                        ike-policy ike-hub;
                        ipsec-policy ipsec-hub;
                    }
                }
            }
            match-direction input;
        }
${vpn('hub')}    }
`,
      `10.${i}.0.1/16`,
    );
    out.push({ id: `spoke${i}.conf`, text: spoke });
  }
  return out;
}

test('a hub with two spokes pairs each spoke with its own hub term, once, whatever the file order', async () => {
  const inputs = hubAndSpokes(2);
  for (const order of [inputs, [...inputs].reverse()]) {
    const network = await compileNetwork(order);
    for (const d of network.devices) assert.deepEqual(d.problems, [], d.name);
    const tunnels = findTunnels(network);
    assert.equal(tunnels.length, 2);
    assert.ok(tunnels.every((t) => t.status === 'paired'), tunnels.map((t) => t.message).join('\n'));
    const pairs = tunnels
      .map((t) => {
        const [hub, spoke] = t.local.device === 'HUB' ? [t.local, t.peer!] : [t.peer!, t.local];
        return `${hub.term}<->${spoke.device}`;
      })
      .sort();
    assert.deepEqual(pairs, ['spoke-1<->SPOKE1', 'spoke-2<->SPOKE2']);
  }
});

test('two routers with the same local-gateway: the one whose term points back is used, and the result says why', async () => {
  const base = folder('ike-dynamic-sa');
  const r3 = base.find((f) => f.id === 'r3.conf')!.text;
  const impostor = r3.replace('host-name R3;', 'host-name R3-LAB;').replace('remote-gateway 10.1.15.1;', 'remote-gateway 10.1.15.77;');
  const inputs = [...base, { id: 'r3-lab.conf', text: impostor }];
  const network = await compileNetwork(inputs);
  assert.equal(network.devices.length, 5, 'different host-names are different routers');
  const tunnels = findTunnels(network);
  const fromR2 = tunnels.find((t) => t.local.device === 'R2')!;
  assert.equal(fromR2.status, 'several-candidates');
  assert.equal(fromR2.peer!.device, 'R3');
  assert.deepEqual(fromR2.candidates.map((c) => c.device).sort(), ['R3', 'R3-LAB']);
  assert.match(fromR2.message, /2 routers have local-gateway 10\.1\.15\.2 .*used R3 \(r3\.conf.*because it is the only one whose term points back/);
  // R3-LAB's own term is reported from its side
  const fromLab = tunnels.find((t) => t.local.device === 'R3-LAB')!;
  assert.equal(fromLab.status, 'no-peer');
  assert.equal(tunnels.length, 2);
});

test('a backup-remote-gateway finds its own peer, and that peer is not reported a second time', async () => {
  const base = folder('ike-dynamic-sa');
  const withBackup = replaceIn(base, 'r2.conf', 'remote-gateway 10.1.15.2;', 'remote-gateway 10.1.15.2;\n                    backup-remote-gateway 10.1.15.6;');
  const r3 = base.find((f) => f.id === 'r3.conf')!.text;
  const r5 = r3
    .replace('host-name R3;', 'host-name R5;')
    .replaceAll('10.1.15.2', '10.1.15.6')
    .replace('10.1.56.1/30', '10.1.57.1/30')
    .replace('10.0.0.3/32', '10.0.0.5/32')
    .replace('router-id 10.0.0.3', 'router-id 10.0.0.5');
  const inputs = [...withBackup, { id: 'r5.conf', text: r5 }];
  const tunnels = await tunnelsOf(inputs);
  assert.equal(tunnels.length, 1, tunnels.map((t) => t.message).join('\n'));
  const t = tunnels[0]!;
  assert.equal(t.status, 'paired');
  assert.equal(t.peer!.device, 'R3');
  assert.equal(t.backup!.address, '10.1.15.6');
  assert.equal(t.backup!.status, 'paired');
  assert.equal(t.backup!.peer!.device, 'R5');
  assert.equal(slice(inputs, t.local.spans.backupRemoteGateway), '10.1.15.6');
});

test('two terms between the same gateways pair by mirrored selectors, not by order', async () => {
  const term = (name: string, source: string, destination: string, remote: string) => `            term ${name} {
                from {
                    source-address {
                        ${source};
                    }
                    destination-address {
                        ${destination};
                    }
                }
                then {
                    remote-gateway ${remote};
                    dynamic {
                        ike-policy ike-demo-policy;
                        ipsec-policy ipsec-demo-policy;
                    }
                }
            }
`;
  const anyTerm = /            term term-ike \{[\s\S]*?\n            \}\n/;
  const inputs = folder('ike-dynamic-sa').map((f) => {
    if (f.id === 'r2.conf') {
      return { id: f.id, text: f.text.replace(anyTerm, term('lan-a', '10.1.12.0/24', '10.1.56.0/24', '10.1.15.2') + term('lan-b', '10.1.13.0/24', '10.1.57.0/24', '10.1.15.2')) };
    }
    if (f.id === 'r3.conf') {
      return { id: f.id, text: f.text.replace(anyTerm, term('to-b', '10.1.57.0/24', '10.1.13.0/24', '10.1.15.1') + term('to-a', '10.1.56.0/24', '10.1.12.0/24', '10.1.15.1')) };
    }
    return f;
  });
  const network = await compileNetwork(inputs);
  assert.deepEqual(
    network.devices.find((d) => d.name === 'R3')!.ipsecVpn.rules[0]!.terms.map((t) => [t.name, t.flow]),
    [
      ['to-b', 'flow-based'],
      ['to-a', 'flow-based'],
    ],
  );
  const tunnels = findTunnels(network);
  assert.deepEqual(
    tunnels.map((t) => [t.status, `${t.local.term}<->${t.peer?.term}`]),
    [
      ['paired', 'lan-a<->to-a'],
      ['paired', 'lan-b<->to-b'],
    ],
  );
});
