/**
 * sa/ikev1-runner.ts: drives one IKEv1 side (strongSwan's task manager): decodes each datagram and
 *   fires it at the right table (Main or Aggressive Mode for phase 1, Quick Mode after it, Informational
 *   for notifications), starts Quick Mode once phase 1 is up on the initiator, and turns each step's result
 *   into the IkeSa's status.
 * Owns: which table a datagram goes to (by exchange type and cookies), the mode check (a responder
 *   configured for one mode answers the other with UNSUPPORTED-EXCHANGE-TYPE), notification handling.
 * Must not know: message contents of any exchange (the tables do).
 * Invariants: undecodable datagrams and datagrams for another ISAKMP SA are logged and dropped.
 * Tests: test/src/engine/sa-ikev1.test.ts, sa-failures.test.ts
 */
import { Ikev1ExchangeType, Ikev1NotifyType } from '../wire/ikev1/constants';
import type { IkeMode } from './config';
import { AGGRESSIVE_MODE, type AggressiveModeState } from './ikev1-aggressive-mode';
import { failureFromNotify, openInformational, sendNotify } from './ikev1-informational';
import { MAIN_MODE, type MainModeState, type Phase1Event } from './ikev1-main-mode';
import { decodeIkev1, Ikev1Phase1, type Ikev1Input } from './ikev1-phase1';
import { QUICK_MODE, QuickMode, type QuickModeState } from './ikev1-quick-mode';
import type { ExchangeRunner, IkeSa } from './ike-sa';
import { fire, type Fired, type StepResult, type TransitionTable } from './transitions';

type Phase1State = MainModeState | AggressiveModeState;
const MODE_NAMES: Record<IkeMode, string> = { main: 'main', aggressive: 'aggressive' };

export function createIkev1Runner(sa: IkeSa): ExchangeRunner {
  const phase1 = new Ikev1Phase1(sa);
  const mode = sa.end.ike.mode;
  const table = (mode === 'aggressive' ? AGGRESSIVE_MODE : MAIN_MODE) as TransitionTable<Phase1State, Phase1Event, Ikev1Phase1, Ikev1Input | undefined>;
  const phase1ExchangeType = mode === 'aggressive' ? Ikev1ExchangeType.aggressive : Ikev1ExchangeType.identityProtection;
  let phase1State: Phase1State = sa.role === 'initiator' ? 'I_START' : 'R_IDLE';
  let quick: QuickMode | undefined;
  let quickState: QuickModeState = sa.role === 'initiator' ? 'I_START' : 'R_IDLE';

  function settle(fired: Fired<string>): void {
    const result = fired.result;
    if (result.kind === 'fail') sa.fail(result.failure);
    else if (result.kind === 'ignore' || result.kind === 'unexpected') sa.event(`ignored a message: ${result.why}`);
  }

  function runPhase1(event: Phase1Event, input: Ikev1Input | undefined): void {
    const fired = fire(table, phase1State, event, phase1, input);
    phase1State = fired.state;
    settle(fired);
    if (phase1State === 'ESTABLISHED' && sa.role === 'initiator' && quick === undefined) {
      quick = new QuickMode(phase1);
      runQuick('start', undefined);
    }
  }

  function runQuick(event: 'start' | 'message', input: Ikev1Input | undefined): void {
    quick ??= new QuickMode(phase1);
    const fired = fire(QUICK_MODE as TransitionTable<QuickModeState, 'start' | 'message', QuickMode, Ikev1Input | undefined>, quickState, event, quick, input);
    quickState = fired.state;
    settle(fired);
  }

  function onInformational(input: Ikev1Input): void {
    const payloads = openInformational(phase1, input.received);
    if (typeof payloads === 'string') { sa.event(`ignored an informational message: ${payloads}`); return; }
    for (const payload of payloads) {
      if (payload.kind === 'notification') {
        const phase = phase1State === 'ESTABLISHED' ? 'quick mode' : 'phase 1';
        sa.event(`received notification ${payload.notifyType} from ${sa.peerName}`);
        if (!sa.done) sa.fail(failureFromNotify(payload.notifyType, phase, sa.peerName, phase === 'phase 1' ? table.name : 'Quick Mode'));
      } else if (payload.kind === 'delete') {
        sa.event(`${sa.peerName} deleted the ISAKMP SA`);
        if (!sa.done) sa.fail({ outcome: 'IPSEC_NO_PROPOSAL', reason: `${sa.peerName} deleted the ISAKMP SA during Quick Mode`, firstHand: false });
      }
    }
  }

  function refuseMode(input: Ikev1Input): StepResult {
    phase1.cookieI = input.received.message.initiatorCookie;
    sendNotify(phase1, Ikev1NotifyType.unsupportedExchangeType, false);
    const theirs = input.received.message.exchangeType === Ikev1ExchangeType.aggressive ? 'aggressive' : 'main';
    return {
      kind: 'fail',
      failure: { outcome: 'IKE_MODE_MISMATCH', reason: `IKE mode differs: ${sa.peerName} starts ${theirs} mode, ${sa.name}'s IKE policy is mode ${MODE_NAMES[mode]}`, firstHand: true },
    };
  }

  return {
    start: () => runPhase1('start', undefined),
    receive(bytes: Buffer): void {
      const received = decodeIkev1(bytes);
      if (typeof received === 'string') { sa.event(`dropped an undecodable IKEv1 datagram from ${sa.peerName}: ${received}`); return; }
      const input: Ikev1Input = { received };
      const { exchangeType, initiatorCookie } = received.message;
      const known = phase1State !== 'R_IDLE';
      if (known && !initiatorCookie.equals(phase1.cookieI)) { sa.event(`dropped a message for another ISAKMP SA (cookie ${initiatorCookie.toString('hex')})`); return; }
      if (exchangeType === Ikev1ExchangeType.informational) { onInformational(input); return; }
      if (sa.done) { sa.event(`ignored a ${exchangeType} message after the negotiation ended`); return; }
      if (exchangeType === phase1ExchangeType) { runPhase1('message', input); return; }
      if (exchangeType === Ikev1ExchangeType.quickMode && phase1State === 'ESTABLISHED') { runQuick('message', input); return; }
      if (!known && (exchangeType === Ikev1ExchangeType.identityProtection || exchangeType === Ikev1ExchangeType.aggressive)) {
        const result = refuseMode(input);
        if (result.kind === 'fail') sa.fail(result.failure);
        return;
      }
      sa.event(`ignored an exchange of type ${exchangeType} in state ${phase1State}`);
    },
  };
}
