/**
 * sa/retransmission.ts: when an unanswered IKE request is sent again and when the sender gives up, on
 *   the simulated clock.
 * Owns: the retransmission schedule. Our documented choice (Junos does not publish its kmd timers):
 *   first retransmission 2 s after the send, the interval doubling each time (2, 4, 8, 16, 32 s), at most
 *   5 retransmissions, then give up when the last interval doubled again (64 s) passes without an answer:
 *   126 s from the first send to "peer did not answer".
 * Must not know: IKE messages (it resends opaque bytes through a callback).
 * Invariants: cancel() stops every pending timer; after give-up nothing fires again.
 * Tests: test/src/engine/sa-failures.test.ts (unreachable peer)
 */
import type { SimulatedClock, TimerHandle } from '../net/clock';

export const RETRANSMISSION_SCHEDULE = { firstIntervalMs: 2000, factor: 2, maxRetransmissions: 5 } as const;

/** Total virtual time from the first send to giving up. */
export function giveUpAfterMs(): number {
  let interval = RETRANSMISSION_SCHEDULE.firstIntervalMs, total = 0;
  for (let i = 0; i <= RETRANSMISSION_SCHEDULE.maxRetransmissions; i++) { total += interval; interval *= RETRANSMISSION_SCHEDULE.factor; }
  return total;
}

export class Retransmitter {
  private timer: TimerHandle | undefined;
  /** Retransmissions sent for the current request. */
  private count = 0;
  /** Retransmissions sent over the whole life of this sender. */
  total = 0;

  constructor(private readonly clock: SimulatedClock, private readonly resend: () => void, private readonly giveUp: (retransmissions: number) => void) {}

  /** A new request went out: (re)start the schedule. */
  arm(): void {
    this.cancel();
    this.count = 0;
    this.schedule(RETRANSMISSION_SCHEDULE.firstIntervalMs);
  }

  cancel(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }

  private schedule(intervalMs: number): void {
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      if (this.count >= RETRANSMISSION_SCHEDULE.maxRetransmissions) {
        this.giveUp(this.count);
        return;
      }
      this.count++;
      this.total++;
      this.resend();
      this.schedule(intervalMs * RETRANSMISSION_SCHEDULE.factor);
    }, intervalMs);
  }
}
