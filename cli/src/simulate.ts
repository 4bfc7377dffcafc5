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
  -h, --help           this text

Exit status: 0 when every tunnel is established, 1 when one is not (or there is none), 2 on usage errors.
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
  for (const output of result.showOutputs) {
    for (const c of commands) {
      const text = c.pick(output);
      blocks.push(`user@${output.device}> ${c.command}\n${text === '' ? '\n' : `${text}\n`}`);
    }
  }
  return blocks.join('');
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
    },
  );
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
    if (shows !== '') io.out(`\n${shows}`);
    if (pcapNote !== '') io.out(pcapNote);
  }
  const allUp = result.tunnels.length > 0 && result.tunnels.every((t) => t.verdict === 'ESTABLISHED');
  return allUp ? EXIT_OK : EXIT_FINDINGS;
}
