/**
 * cli/io.ts: where a command writes, and the exit statuses every command shares.
 * Owns: the output sink abstraction that lets tests run commands in-process.
 */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

export interface CommandIo {
  out(text: string): void;
  err(text: string): void;
  /** whether stdout is a terminal (colours) */
  readonly isTty: boolean;
  readonly cwd: string;
}

/**
 * A reader that stops early (`junos-ipsec simulate ... | head`) closes the pipe: the rest of the output has
 * nowhere to go, so end quietly as Unix tools do instead of dying on an unhandled EPIPE.
 */
function endQuietlyOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

let pipesWatched = false;

export function processIo(): CommandIo {
  if (!pipesWatched) {
    pipesWatched = true;
    endQuietlyOnClosedPipe(process.stdout);
    endQuietlyOnClosedPipe(process.stderr);
  }
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    isTty: Boolean(process.stdout.isTTY),
    cwd: process.cwd(),
  };
}
