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

export function processIo(): CommandIo {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    isTty: Boolean(process.stdout.isTTY),
    cwd: process.cwd(),
  };
}
