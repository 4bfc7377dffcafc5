#!/usr/bin/env node
// Benchmark (not a test): `simulate()` end to end (compile, peer search, commit check, real IKEv1 exchanges
// on the simulated network, show outputs) on examples/ike-dynamic-sa and on a generated hub with N spokes
// (default 1000): one hub service set with one term per spoke, each spoke one tunnel back to the hub, IKEv1
// Main Mode, 3DES/SHA1/group2, PFS group2, as the seed. Prints wall time per run and per tunnel, the time
// spent before the first exchange (compile + peers + commit check), the verdict counts and peak RSS.
// Usage: node [--expose-gc] scripts/bench/simulate-bench.js [spokes]
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const root = path.resolve(__dirname, '..', '..');
const out = (rel) => path.join(root, 'out', rel);

const { simulate } = require(out('engine/src/simulate/index.js'));
const { compileNetwork } = require(out('engine/src/device/index.js'));
const { encodeNineSecret } = require(out('server/src/model/secrets.js'));

const spokes = Number(process.argv[2] ?? 1000);
let peakRss = process.memoryUsage().rss;
const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 5);

function key(salt) {
  const encoded = encodeNineSecret('hub-and-spoke-key', { salt, padding: salt === 'A' ? 'p0I' : 'Sy' });
  if (!encoded.ok) throw new Error('cannot encode the benchmark key');
  return encoded.text;
}

function spokeAddress(i) {
  return `192.168.${Math.floor(i / 250)}.${(i % 250) + 1}`;
}

function policies(keyText) {
  return `        ike {
            proposal ike-3des {
                authentication-method pre-shared-keys;
                dh-group group2;
            }
            policy ike-hub {
                proposals ike-3des;
                pre-shared-key ascii-text "${keyText}"; ## SECRET-DATA
            }
        }
        ipsec {
            proposal esp-3des {
                protocol esp;
                authentication-algorithm hmac-sha1-96;
                encryption-algorithm 3des-cbc;
            }
            policy ipsec-hub {
                perfect-forward-secrecy {
                    keys group2;
                }
                proposals esp-3des;
            }
        }`;
}

function serviceInterface() {
  return `    ms-1/2/0 {
        unit 0 {
            family inet;
        }
        unit 1 {
            family inet;
            service-domain inside;
        }
        unit 2 {
            family inet;
            service-domain outside;
        }
    }`;
}

function hubConfig(n) {
  const terms = [];
  for (let i = 0; i < n; i++) {
    terms.push(`            term spoke-${i} {
                from {
                    source-address {
                        10.0.0.0/16;
                    }
                    destination-address {
                        172.16.${Math.floor(i / 250)}.${(i % 250) * 1}/32;
                    }
                }
                then {
                    remote-gateway ${spokeAddress(i)};
                    dynamic {
                        ike-policy ike-hub;
                        ipsec-policy ipsec-hub;
                    }
                }
            }`);
  }
  return `system {
    host-name HUB;
}
services {
    service-set hub-vpn {
        next-hop-service {
            inside-service-interface ms-1/2/0.1;
            outside-service-interface ms-1/2/0.2;
        }
        ipsec-vpn-options {
            local-gateway 203.0.113.1;
        }
        ipsec-vpn-rules hub-rule;
    }
    ipsec-vpn {
        rule hub-rule {
${terms.join('\n')}
            match-direction input;
        }
${policies(key('A'))}
    }
}
interfaces {
    ge-0/0/0 {
        unit 0 {
            family inet {
                address 203.0.113.1/24;
            }
        }
    }
${serviceInterface()}
}
routing-options {
    router-id 10.0.0.1;
    static {
        route 0.0.0.0/0 next-hop 203.0.113.254;
    }
}
`;
}

function spokeConfig(i) {
  return `system {
    host-name SPOKE-${i};
}
services {
    service-set spoke-vpn {
        next-hop-service {
            inside-service-interface ms-1/2/0.1;
            outside-service-interface ms-1/2/0.2;
        }
        ipsec-vpn-options {
            local-gateway ${spokeAddress(i)};
        }
        ipsec-vpn-rules spoke-rule;
    }
    ipsec-vpn {
        rule spoke-rule {
            term to-hub {
                from {
                    source-address {
                        172.16.${Math.floor(i / 250)}.${(i % 250) * 1}/32;
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
${policies(key('h'))}
    }
}
interfaces {
    ge-0/0/0 {
        unit 0 {
            family inet {
                address ${spokeAddress(i)}/24;
            }
        }
    }
${serviceInterface()}
}
routing-options {
    router-id 10.255.${Math.floor(i / 250)}.${(i % 250) + 1};
    static {
        route 0.0.0.0/0 next-hop 192.168.${Math.floor(i / 250)}.254;
    }
}
`;
}

function counts(result) {
  const by = {};
  for (const t of result.tunnels) by[t.verdict] = (by[t.verdict] ?? 0) + 1;
  return Object.entries(by).map(([v, n]) => `${n} ${v}`).join(', ');
}

async function timed(label, inputs) {
  global.gc?.();
  peakRss = process.memoryUsage().rss;
  let t = performance.now();
  await compileNetwork(inputs);
  const compileMs = performance.now() - t;
  t = performance.now();
  const result = await simulate(inputs, { seed: 1 });
  const totalMs = performance.now() - t;
  const exchangeMs = result.tunnels.reduce((n, x) => n + x.elapsedMs, 0);
  console.log(
    `${label}: ${result.tunnels.length} tunnel(s) (${counts(result)}) in ${totalMs.toFixed(0)} ms wall ` +
      `(${(totalMs / Math.max(1, result.tunnels.length)).toFixed(2)} ms per tunnel; compiling the network alone ${compileMs.toFixed(0)} ms); ` +
      `${exchangeMs} ms of simulated time; peak RSS ${(peakRss / 1048576).toFixed(0)} MB`,
  );
  return result;
}

async function main() {
  const dir = path.join(root, 'examples', 'ike-dynamic-sa');
  const example = fs.readdirSync(dir).filter((f) => f.endsWith('.conf')).sort().map((f) => ({ id: f, text: fs.readFileSync(path.join(dir, f), 'utf8') }));
  await timed('examples/ike-dynamic-sa (cold: grammar and schema load)', example);
  await timed('examples/ike-dynamic-sa (warm)', example);
  const inputs = [{ id: 'hub.conf', text: hubConfig(spokes) }];
  for (let i = 0; i < spokes; i++) inputs.push({ id: `spoke-${i}.conf`, text: spokeConfig(i) });
  const result = await timed(`hub and ${spokes} spokes`, inputs);
  if (result.summary.established !== spokes) {
    console.error(`expected ${spokes} established tunnels; first other verdict: ${result.tunnels.find((t) => t.verdict !== 'ESTABLISHED')?.reason}`);
    process.exitCode = 1;
  }
  clearInterval(sample);
}

main().catch((err) => {
  clearInterval(sample);
  console.error(err);
  process.exit(1);
});
