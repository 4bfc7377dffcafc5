/**
 * cli/simulate.ts: `junos-ipsec simulate`: runs the IPsec simulator on files or folders and prints the
 *   summary and each router's show outputs, or the `SimulationResult` as JSON; writes the packets as pcap.
 * Owns: option parsing for simulate, which show outputs `--show` prints, the pcap file write, the exit
 *   status (0 every tunnel ESTABLISHED, 1 otherwise or when there is no tunnel, 2 usage errors).
 * Must not know: how tunnels are simulated (engine/src/simulate) or how the outputs are laid out
 *   (engine/src/report).
 * Invariants: never prints a key (the result holds none); reading and writing files are the only IO.
 * Tests: test/src/cli/simulate.test.ts
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { isPlatform, PLATFORMS } from '../../server/src/analysis/platform';
import { formatSummary } from '../../engine/src/report/index';
import { simulate, type SimulationResult, type SimulationTarget } from '../../engine/src/simulate/index';
import { collectInputs } from './inputs';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CommandIo } from './io';

export const SIMULATE_USAGE = `Usage: junos-ipsec simulate [options] PATH...

Simulates the IPsec tunnels the configurations describe (files, or folders of them): each router's IKE
exchange with its peer runs for real over a simulated network, and the verdict says what a router would see.

Options:
  --json               print the whole result as JSON (for tools; same data as the editor's view)
  --pcap FILE          write every packet exchanged to FILE (pcap; open it in Wireshark or tshark)
  --seed N             reproducible cookies, SPIs and nonces (default: fresh randomness)
  --platform P         ${PLATFORMS.join(' | ')} (default ms-pic)
  --show WHAT          show outputs to print per router: all (default: ike security-associations and
                       ipsec security-associations detail, as the seed verifies), ike (brief and detail),
                       ipsec (brief and detail), none
  --device R           only tunnels with an end on router R (host-name or file name)
  --service-set S      only tunnels with an end in service set S
  --rule R             only tunnels with an end using rule R
  --fail LINK|ROUTER   take a link (R2:ge-0/0/1<->R3:ge-0/0/1) or a router down from the start, or N
                       seconds after the traffic starts with LINK@N or ROUTER@N (repeatable; with
                       initiate-dead-peer-detection or backup-remote-gateway the DPD timeline is
                       printed: hellos, retries, dead peer, SAs cleared, failover to the backup
                       gateway and back, revert; the show outputs then describe the end of the run)
  --routes ROUTER      print the router's routing table, as show route (repeatable)
  --ping R:ADDRESS     ping ADDRESS from router R through the simulated network (repeatable)
  --count N            echo requests per --ping (default 5)
  --size N             data bytes per echo request (default 56)
  --traceroute R:ADDR  traceroute to ADDR from router R (repeatable)
                       Routers are named by host-name, else file name, in any case. With --ping or
                       --traceroute, each router's show services ipsec-vpn ipsec statistics is printed.
  -h, --help           this text

Exit status: 0 when every tunnel is established (and every ping answered, every traceroute reached),
1 otherwise (or when there is no tunnel), 2 on usage errors.
`;

const SHOW_CHOICES = ['all', 'ike', 'ipsec', 'none'] as const;
type ShowChoice = (typeof SHOW_CHOICES)[number];

function showText(result: SimulationResult, show: ShowChoice): string {
  if (show === 'none') return '';
  const commands: { command: string; pick: (o: SimulationResult['showOutputs'][number]) => string }[] = [];
  const ike = { command: 'show services ipsec-vpn ike security-associations', pick: (o: SimulationResult['showOutputs'][number]) => o.ikeSecurityAssociations };
  const ikeDetail = { command: 'show services ipsec-vpn ike security-associations detail', pick: (o: SimulationResult['showOutputs'][number]) => o.ikeSecurityAssociationsDetail };
  const ipsec = { command: 'show services ipsec-vpn ipsec security-associations', pick: (o: SimulationResult['showOutputs'][number]) => o.ipsecSecurityAssociations };
  const ipsecDetail = { command: 'show services ipsec-vpn ipsec security-associations detail', pick: (o: SimulationResult['showOutputs'][number]) => o.ipsecSecurityAssociationsDetail };
  if (show === 'all') commands.push(ike, ipsecDetail);
  if (show === 'ike') commands.push(ike, ikeDetail);
  if (show === 'ipsec') commands.push(ipsec, ipsecDetail);
  const blocks: string[] = [];
  const down = new Map((result.traffic?.failures ?? []).filter((f) => f.kind === 'router' && f.id !== undefined).map((f) => [f.id!, f] as const));
  for (const output of result.showOutputs) {
    const failed = down.get(output.device);
    if (failed) {
      // A router that is down answers no show command (its last state stays in --json).
      blocks.push(`(${output.device} is down${failed.atSeconds === undefined ? '' : ` since ${failed.atSeconds} s`}: no show output)\n\n`);
      continue;
    }
    for (const c of commands) {
      const text = c.pick(output);
      blocks.push(`user@${output.device}> ${c.command}\n${text === '' ? '\n' : `${text}\n`}`);
    }
  }
  return blocks.join('');
}

/** `R1:10.1.56.2` -> router and address; undefined when malformed. */
function routerAddress(text: string): { from: string; to: string } | undefined {
  const colon = text.lastIndexOf(':');
  if (colon <= 0) return undefined;
  const to = text.slice(colon + 1);
  if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(to) || to.split('.').some((b) => Number(b) > 255)) return undefined;
  return { from: text.slice(0, colon), to };
}

function trafficText(traffic: NonNullable<SimulationResult['traffic']>, count: number | undefined, size: number | undefined): string {
  const blocks: string[] = [];
  for (const f of traffic.failures) blocks.push(`failed${f.atSeconds === undefined ? '' : ` at ${f.atSeconds} s`}: ${f.message}\n`);
  if (traffic.deadPeerDetection.length > 0) {
    const width = Math.max(6, ...traffic.deadPeerDetection.map((e) => e.router.length));
    const lines = traffic.deadPeerDetection.map((e) => `  ${(e.time / 1000).toFixed(3).padStart(9)} s  ${e.router.padEnd(width)}  ${e.kind.padEnd(18)}  ${e.text}\n`);
    blocks.push(`dead peer detection and failover:\n  ${'time'.padStart(11)}  ${'router'.padEnd(width)}  ${'event'.padEnd(18)}  what\n${lines.join('')}`);
  }
  if (traffic.renegotiations.length > 0) {
    blocks.push(`failover negotiations (IKE over the routed network):\n${traffic.renegotiations.map((n) =>
      `  ${(n.time / 1000).toFixed(3).padStart(9)} s  ${n.initiator} -> ${n.responder} (${n.gatewayRole === 'backup' ? 'backup-remote-gateway' : 'remote-gateway'} ${n.gateway}): ${n.verdict}, ${n.messages.length} messages${n.verdict === 'ESTABLISHED' ? '' : ` (${n.reason})`}\n`).join('')}`);
  }
  for (const r of traffic.routes) blocks.push(`user@${r.router}> show route\n${r.text}`);
  const options = `${count === undefined ? '' : ` count ${count}`}${size === undefined ? '' : ` size ${size}`}`;
  for (const p of traffic.pings) blocks.push(`user@${p.from}> ping ${p.to}${options}\n${p.output}${p.reason ? `(simulator: ${p.reason})\n` : ''}`);
  for (const t of traffic.traceroutes) blocks.push(`user@${t.from}> traceroute ${t.to}\n${t.output}${t.reason ? `(simulator: ${t.reason})\n` : ''}`);
  if (traffic.pings.length + traffic.traceroutes.length > 0) {
    for (const s of traffic.statistics) blocks.push(`user@${s.router}> show services ipsec-vpn ipsec statistics\n${s.text}`);
  }
  return blocks.length === 0 ? '' : `\n${blocks.join('\n')}`;
}

export async function runSimulate(args: readonly string[], io: CommandIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        pcap: { type: 'string' },
        seed: { type: 'string' },
        platform: { type: 'string', default: 'ms-pic' },
        show: { type: 'string', default: 'all' },
        device: { type: 'string' },
        'service-set': { type: 'string' },
        rule: { type: 'string' },
        fail: { type: 'string', multiple: true },
        routes: { type: 'string', multiple: true },
        ping: { type: 'string', multiple: true },
        count: { type: 'string' },
        size: { type: 'string' },
        traceroute: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    io.err(`junos-ipsec simulate: ${err instanceof Error ? err.message : String(err)}\n\n${SIMULATE_USAGE}`);
    return EXIT_USAGE;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(SIMULATE_USAGE);
    return EXIT_OK;
  }
  const platform = values.platform as string;
  if (!isPlatform(platform)) {
    io.err(`junos-ipsec simulate: --platform must be one of ${PLATFORMS.join(', ')} (got '${platform}')\n`);
    return EXIT_USAGE;
  }
  const show = values.show as string;
  if (!(SHOW_CHOICES as readonly string[]).includes(show)) {
    io.err(`junos-ipsec simulate: --show must be one of ${SHOW_CHOICES.join(', ')} (got '${show}')\n`);
    return EXIT_USAGE;
  }
  const seed = values.seed;
  if (seed !== undefined && !/^\d{1,15}$/.test(seed)) {
    io.err(`junos-ipsec simulate: --seed takes a whole number (got '${seed}')\n`);
    return EXIT_USAGE;
  }
  if (values.pcap !== undefined && values.pcap === '') {
    io.err('junos-ipsec simulate: --pcap needs a file name\n');
    return EXIT_USAGE;
  }
  const count = values.count === undefined ? undefined : Number(values.count);
  if (values.count !== undefined && !(/^\d{1,5}$/.test(values.count) && count! >= 1)) {
    io.err(`junos-ipsec simulate: --count takes a whole number from 1 (got '${values.count}')\n`);
    return EXIT_USAGE;
  }
  const size = values.size === undefined ? undefined : Number(values.size);
  if (values.size !== undefined && !(/^\d{1,5}$/.test(values.size) && size! <= 65467)) {
    io.err(`junos-ipsec simulate: --size takes a whole number of bytes up to 65467 (got '${values.size}')\n`);
    return EXIT_USAGE;
  }
  const pings: { from: string; to: string }[] = [];
  const traces: { from: string; to: string }[] = [];
  for (const [flag, list, into] of [['--ping', values.ping, pings], ['--traceroute', values.traceroute, traces]] as const) {
    for (const text of list ?? []) {
      const target = routerAddress(text);
      if (!target) {
        io.err(`junos-ipsec simulate: ${flag} takes ROUTER:IPV4-ADDRESS, e.g. R1:10.1.56.2 (got '${text}')\n`);
        return EXIT_USAGE;
      }
      into.push(target);
    }
  }
  if (positionals.length === 0) {
    io.err(`junos-ipsec simulate: give at least one file or folder\n\n${SIMULATE_USAGE}`);
    return EXIT_USAGE;
  }
  const inputs = collectInputs(positionals, io.cwd);
  for (const problem of inputs.problems) io.err(`${problem.path}: ${problem.message}\n`);
  if (inputs.documents.length === 0) {
    io.err('junos-ipsec simulate: no Junos configuration to simulate\n');
    return EXIT_USAGE;
  }
  const target: SimulationTarget = {
    ...(values.device === undefined ? {} : { device: values.device }),
    ...(values['service-set'] === undefined ? {} : { serviceSet: values['service-set'] }),
    ...(values.rule === undefined ? {} : { rule: values.rule }),
  };
  const result = await simulate(
    inputs.documents.map((d) => ({ id: d.id, text: d.text })),
    {
      platform,
      ...(seed === undefined ? {} : { seed: Number(seed) }),
      ...(Object.keys(target).length > 0 ? { target } : {}),
      pcap: values.pcap !== undefined,
      ...(values.fail ? { fail: values.fail } : {}),
      ...(values.routes ? { routes: values.routes } : {}),
      ...(pings.length > 0 ? { ping: pings.map((p) => ({ ...p, ...(count === undefined ? {} : { count }), ...(size === undefined ? {} : { size }) })) } : {}),
      ...(traces.length > 0 ? { traceroute: traces } : {}),
    },
  );
  const unknown = result.traffic?.failures.filter((f) => f.kind === 'unknown') ?? [];
  for (const f of unknown) io.err(`junos-ipsec simulate: --fail ${f.what}: ${f.message}\n`);
  if (unknown.length > 0) return EXIT_USAGE;
  let pcapNote = '';
  if (values.pcap !== undefined && result.pcap) {
    const file = path.resolve(io.cwd, values.pcap);
    try {
      fs.writeFileSync(file, Buffer.from(result.pcap.base64, 'base64'));
      pcapNote = `wrote ${result.pcap.packets} packet(s) to ${values.pcap}\n`;
    } catch (err) {
      io.err(`junos-ipsec simulate: cannot write ${values.pcap}: ${err instanceof Error ? err.message : String(err)}\n`);
      return EXIT_USAGE;
    }
  }
  if (values.json) {
    const { pcap, ...rest } = result;
    const printable = pcap ? { ...rest, pcap: { packets: pcap.packets, file: values.pcap } } : rest;
    io.out(`${JSON.stringify(printable, null, 2)}\n`);
    if (pcapNote !== '') io.err(pcapNote);
  } else {
    io.out(formatSummary(result));
    const shows = showText(result, show as ShowChoice);
    // When dead peer detection cleared SAs or failed over, the show outputs describe the end of the run:
    // print them after the timeline that explains them.
    const changed = (result.traffic?.deadPeerDetection ?? []).some((e) => e.kind === 'sa-cleared' || e.kind === 'established');
    if (shows !== '' && !changed) io.out(`\n${shows}`);
    if (result.traffic) io.out(trafficText(result.traffic, count, size));
    if (shows !== '' && changed) io.out(`\nafter dead peer detection and failover:\n\n${shows}`);
    if (pcapNote !== '') io.out(pcapNote);
  }
  const allUp = result.tunnels.length > 0 && result.tunnels.every((t) => t.verdict === 'ESTABLISHED');
  const trafficOk = (result.traffic?.pings ?? []).every((p) => p.transmitted > 0 && p.received === p.transmitted) && (result.traffic?.traceroutes ?? []).every((t) => t.reached);
  return allUp && trafficOk ? EXIT_OK : EXIT_FINDINGS;
}
