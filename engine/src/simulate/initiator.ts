/**
 * simulate/initiator.ts: which end of a tunnel starts the IKE exchange.
 * Owns: the rule. Junos starts a dynamic SA when traffic that matches the term reaches the service set, so
 *   either end may start it. Without a traffic model we choose, in this order:
 *   1. an end with no remote-gateway only answers, and an end whose remote-gateway is not the other end's
 *      local-gateway sends elsewhere: in both cases the other end starts;
 *   2. the end on the router the user asked about (`target.device`) starts, as if its traffic came first;
 *   3. otherwise the end with the numerically lower local-gateway address starts (the seed's R2, 10.1.15.1),
 *      so the choice does not depend on the order of the files.
 * Must not know: the exchanges, the device model.
 * Invariants: deterministic; never throws; always returns one of the two ends with a sentence saying why.
 * Tests: test/src/engine/simulate.test.ts
 */
import type { TunnelEnd } from '../peers/tunnels';

export interface InitiatorChoice {
  readonly initiator: TunnelEnd;
  readonly responder: TunnelEnd;
  readonly why: string;
}

function addressKey(address: string | undefined): string {
  if (!address) return '~';
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  if (v4) return `4:${v4.slice(1).map((x) => Number(x).toString(16).padStart(2, '0')).join('')}`;
  return `6:${address.toLowerCase()}`;
}

/** `from` sends its IKE messages to `to`'s local-gateway (as primary or backup). */
function aimsAt(from: TunnelEnd, to: TunnelEnd): boolean {
  return to.localGateway !== undefined && (from.remoteGateway === to.localGateway || from.backupRemoteGateway === to.localGateway);
}

export function chooseInitiator(a: TunnelEnd, b: TunnelEnd, targetDevice: string | undefined): InitiatorChoice {
  const pick = (initiator: TunnelEnd, why: string): InitiatorChoice => ({ initiator, responder: initiator === a ? b : a, why });
  if (a.remoteGateway === undefined && b.remoteGateway !== undefined) return pick(b, `${a.device} has no remote-gateway and only answers, so ${b.device} starts`);
  if (b.remoteGateway === undefined && a.remoteGateway !== undefined) return pick(a, `${b.device} has no remote-gateway and only answers, so ${a.device} starts`);
  const aAims = aimsAt(a, b);
  const bAims = aimsAt(b, a);
  if (aAims && !bAims) return pick(a, `${b.device}'s remote-gateway ${b.remoteGateway ?? ''} is not ${a.device}'s local-gateway, so ${a.device} starts`);
  if (bAims && !aAims) return pick(b, `${a.device}'s remote-gateway ${a.remoteGateway ?? ''} is not ${b.device}'s local-gateway, so ${b.device} starts`);
  const wanted = targetDevice?.toLowerCase();
  if (wanted !== undefined && a.device.toLowerCase() !== b.device.toLowerCase()) {
    if (a.device.toLowerCase() === wanted) return pick(a, `${a.device} was asked about, so its traffic is taken to start the tunnel`);
    if (b.device.toLowerCase() === wanted) return pick(b, `${b.device} was asked about, so its traffic is taken to start the tunnel`);
  }
  const first = addressKey(a.localGateway) <= addressKey(b.localGateway) ? a : b;
  return pick(first, `either end may start; ${first.device} has the lower local-gateway (${first.localGateway ?? 'none'}), so it starts`);
}
