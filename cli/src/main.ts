/**
 * cli/main.ts: the `junos-ipsec` command: dispatches to the subcommands.
 * Owns: subcommand names, global usage text, exit statuses (0 ok, 1 findings/errors, 2 usage).
 * Must not know: analysis details (each subcommand module calls the server's public layers).
 * Tests: test/src/cli/*.test.ts (run the real command in a child process)
 */
import { runCheck } from './check';
import { runConvert } from './convert';
import { runLsp } from './lsp';
import { runSimulate } from './simulate';
import { EXIT_USAGE, type CommandIo, processIo } from './io';
import { readVersion } from './version';

const USAGE = `junos-ipsec: tools for Juniper Junos configurations

Usage:
  junos-ipsec check [--format text|json|sarif] [--platform ms-pic|as-pic|acx|srx] PATH...
  junos-ipsec convert --to set|curly FILE
  junos-ipsec simulate [--json] [--pcap FILE] [--seed N] [--platform P] [--show all|ike|ipsec|none] PATH...
  junos-ipsec lsp --stdio | --node-ipc
  junos-ipsec --help | --version

Commands:
  check     report syntax errors, unknown statements, bad values, undefined references and IPsec
            commit-check problems; exit 1 when there are errors
  convert   print a configuration in the other form (like \`show | display set\` and back)
  simulate  bring up every IPsec tunnel the configurations describe, with real IKE exchanges between
            in-memory routers, and print the verdict, the reason and Junos show outputs
  lsp       run the language server (editors start it)
`;

export async function main(argv: readonly string[], io: CommandIo = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'check':
      return runCheck(rest, io);
    case 'convert':
      return runConvert(rest, io);
    case 'simulate':
      return runSimulate(rest, io);
    case 'lsp':
      return runLsp(rest, io);
    case '--version':
    case '-V':
      io.out(`${readVersion()}\n`);
      return 0;
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      (command === undefined ? io.err : io.out)(USAGE);
      return command === undefined ? EXIT_USAGE : 0;
    default:
      io.err(`junos-ipsec: unknown command '${command}'\n\n${USAGE}`);
      return EXIT_USAGE;
  }
}


if (require.main === module) {
  main(process.argv.slice(2)).then(
    (status) => {
      process.exitCode = status;
    },
    (err: unknown) => {
      process.stderr.write(`junos-ipsec: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 70;
    },
  );
}
