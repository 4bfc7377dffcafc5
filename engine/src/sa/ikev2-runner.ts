/**
 * sa/ikev2-runner.ts: drives one IKEv2 side (strongSwan's task_manager_v2): decodes each datagram,
 *   classifies it (request or response, IKE_SA_INIT or IKE_AUTH, a notification-only error or
 *   INVALID_KE_PAYLOAD) and fires it at the right table; starts IKE_AUTH once IKE_SA_INIT is done on the
 *   initiator.
 * Owns: the classification (the R flag, exchange type, notify types) and the SPI check.
 * Must not know: message contents of any exchange (the tables do).
 * Invariants: undecodable datagrams and datagrams for another IKE SA are logged and dropped.
 * Tests: test/src/engine/sa-ikev2.test.ts
 */
import { Ikev2ExchangeType, Ikev2Flag, Ikev2NotifyType } from '../wire/ikev2/constants';
import type { ExchangeRunner, IkeSa } from './ike-sa';
import { IKE_AUTH, type IkeAuthState } from './ikev2-ike-auth';
import { IKE_SA_INIT, type IkeSaInitEvent, type IkeSaInitState } from './ikev2-ike-sa-init';
import { decodeIkev2, Ikev2Session, notifyOf, type Ikev2Input } from './ikev2-session';
import { fire, type Fired, type TransitionTable } from './transitions';

export function createIkev2Runner(sa: IkeSa): ExchangeRunner {
  const session = new Ikev2Session(sa);
  const initiator = sa.role === 'initiator';
  let initState: IkeSaInitState = initiator ? 'I_START' : 'R_IDLE';
  let authState: IkeAuthState = initiator ? 'I_START' : 'R_IDLE';
  const initTable = IKE_SA_INIT as TransitionTable<IkeSaInitState, IkeSaInitEvent, Ikev2Session, Ikev2Input | undefined>;
  const authTable = IKE_AUTH as TransitionTable<IkeAuthState, 'start' | 'request' | 'response', Ikev2Session, Ikev2Input | undefined>;

  function settle(fired: Fired<string>): void {
    const result = fired.result;
    if (result.kind === 'fail') sa.fail(result.failure);
    else if (result.kind === 'ignore' || result.kind === 'unexpected') sa.event(result.why);
  }

  function runInit(event: IkeSaInitEvent, input: Ikev2Input | undefined): void {
    const fired = fire(initTable, initState, event, session, input);
    initState = fired.state;
    settle(fired);
    if (initState === 'DONE' && initiator && authState === 'I_START') runAuth('start', undefined);
  }

  function runAuth(event: 'start' | 'request' | 'response', input: Ikev2Input | undefined): void {
    const fired = fire(authTable, authState, event, session, input);
    authState = fired.state;
    settle(fired);
  }

  return {
    start: () => runInit('start', undefined),
    receive(bytes: Buffer): void {
      const received = decodeIkev2(bytes);
      if (typeof received === 'string') { sa.event(`dropped an undecodable IKEv2 datagram from ${sa.peerName}: ${received}`); return; }
      if (sa.done) { sa.event('ignored an IKEv2 message after the negotiation ended'); return; }
      const { message } = received;
      const input: Ikev2Input = { received };
      const response = (message.flags & Ikev2Flag.response) !== 0;
      if (response !== initiator) { sa.event(`dropped an IKEv2 ${response ? 'response' : 'request'}: this side is the ${sa.role}`); return; }
      const known = initState !== 'R_IDLE' && initState !== 'I_START';
      if (known && !message.initiatorSpi.equals(session.spiI)) { sa.event(`dropped a message for another IKE SA (SPIi ${message.initiatorSpi.toString('hex')})`); return; }
      if (message.exchangeType === Ikev2ExchangeType.ikeSaInit) {
        if (!response) { runInit('request', input); return; }
        const errors = message.payloads.filter((p) => p.kind === 'notify' && p.notifyType < 16384);
        const notifyOnly = message.payloads.every((p) => p.kind === 'notify');
        if (notifyOnly && notifyOf(message.payloads, Ikev2NotifyType.invalidKePayload) !== undefined) runInit('invalid-ke', input);
        else if (notifyOnly && errors.length > 0) runInit('error', input);
        else runInit('response', input);
        return;
      }
      if (message.exchangeType === Ikev2ExchangeType.ikeAuth && initState === 'DONE') { runAuth(response ? 'response' : 'request', input); return; }
      sa.event(`ignored IKEv2 exchange ${message.exchangeType} in state ${initState}/${authState}`);
    },
  };
}
