/**
 * lsp/trace.ts: the server's log lines to the client's output channel.
 * Owns: trace levels (`off`, `messages`, `verbose`), the line format, masking secrets in every line.
 * Must not know: features; where the level setting comes from (the settings store sets it).
 * Invariants: nothing reaches the client without `maskSecretsInText`; logging never throws.
 * Tests: test/src/lsp/stores.test.ts (masking and levels)
 */
import { maskSecretsInText } from '../model/secrets';

export const TRACE_LEVELS = ['off', 'messages', 'verbose'] as const;
export type TraceLevel = (typeof TRACE_LEVELS)[number];

/** Where lines go: `connection.console` in the server, an array in tests. */
export interface LogSink {
  log(line: string): void;
  error(line: string): void;
}

export class Tracer {
  level: TraceLevel = 'messages';

  constructor(private readonly sink: LogSink) {}

  /** Always shown: failures a user should see (handler exceptions, unreadable files). */
  error(message: string): void {
    this.emit('error', message);
  }

  /** Shown at `messages` and `verbose`: lifecycle events (initialised, settings changed, index built). */
  info(message: string): void {
    if (this.level !== 'off') this.emit('log', message);
  }

  /** Shown at `verbose` only: per-request timings and details. */
  verbose(message: string): void {
    if (this.level === 'verbose') this.emit('log', message);
  }

  private emit(kind: 'log' | 'error', message: string): void {
    try {
      const line = maskSecretsInText(String(message));
      if (kind === 'error') this.sink.error(line);
      else this.sink.log(line);
    } catch {
      // the output channel is gone (client exiting): nothing useful left to do
    }
  }
}

/** A message for an unknown thrown value, without the stack. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
