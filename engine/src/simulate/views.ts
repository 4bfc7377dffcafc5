/**
 * simulate/views.ts: what the SA layer reports (its result, SA records and message log) -> the plain views of
 *   `SimulationResult` (messages for the sequence diagram, events, each side's IKE and IPsec SAs as the
 *   show outputs need them).
 * Owns: copying field by field (the "expires in" fields start full; `atShowTime` counts them down) (the SA records carry keys in a non-enumerable field: nothing is spread),
 *   inbound-before-outbound order, "expires in" arithmetic, IKE traffic counts from the log.
 * Must not know: how the exchange ran, the device model, output formats.
 * Invariants: never copies a key; pure functions.
 * Tests: test/src/engine/simulate.test.ts, test/src/engine/report.test.ts
 */
import type { TunnelEnd } from '../peers/tunnels';
import type { MessageLogEntry } from '../sa/message-log';
import type { SideResult } from '../sa/result';
import type { ExchangedMessage, IkeSaView, IpsecSaView, SimulationEvent, TunnelSide } from './result';

export function messagesOf(log: readonly MessageLogEntry[]): { messages: ExchangedMessage[]; events: SimulationEvent[] } {
  const messages: ExchangedMessage[] = [];
  const events: SimulationEvent[] = [];
  for (const entry of log) {
    if (entry.kind === 'event') {
      events.push({ time: entry.time, device: entry.deviceName, text: entry.text });
      continue;
    }
    messages.push({
      time: entry.time,
      from: entry.from,
      to: entry.to,
      sourceAddress: entry.sourceAddress,
      destinationAddress: entry.destinationAddress,
      ikeVersion: entry.ikeVersion,
      exchange: entry.exchange,
      messageNumber: entry.messageNumber,
      direction: entry.direction,
      payloads: [...entry.payloads],
      summary: [...entry.summary],
      encrypted: entry.encrypted,
      retransmission: entry.retransmission,
      bytes: entry.bytes,
    });
  }
  return { messages, events };
}

/** Seconds left of `lifetime` when `elapsedMs` have passed since the SA came up. */
export function expiresIn(lifetimeSeconds: number, elapsedMs: number): number {
  return Math.max(0, lifetimeSeconds - Math.ceil(elapsedMs / 1000));
}

export function sideView(
  side: SideResult,
  end: TunnelEnd,
  tunnelIndex: number,
  messages: readonly ExchangedMessage[],
): TunnelSide {
  const sent = messages.filter((m) => m.from === side.deviceName);
  const received = messages.filter((m) => m.to === side.deviceName);
  const ike = side.ikeSa;
  const ikeSa: IkeSaView | undefined = ike && {
    version: ike.version,
    exchangeType: ike.exchangeType,
    role: ike.role,
    state: ike.state,
    initiatorCookie: ike.initiatorCookie,
    responderCookie: ike.responderCookie,
    localAddress: ike.localAddress,
    remoteAddress: ike.remoteAddress,
    encryption: ike.algorithms.encryption,
    authentication: ike.algorithms.authentication,
    dhGroup: ike.algorithms.dhGroup,
    lifetimeSeconds: ike.lifetimeSeconds,
    expiresInSeconds: ike.lifetimeSeconds,
    localBehindNat: ike.nat.localBehindNat,
    remoteBehindNat: ike.nat.remoteBehindNat,
    traffic: {
      inputBytes: received.reduce((n, m) => n + m.bytes, 0),
      outputBytes: sent.reduce((n, m) => n + m.bytes, 0),
      inputPackets: received.length,
      outputPackets: sent.length,
    },
  };
  const ipsecSas: IpsecSaView[] = [...side.ipsecSas]
    .sort((a, b) => (a.direction === b.direction ? 0 : a.direction === 'inbound' ? -1 : 1))
    .map((sa) => ({
      direction: sa.direction,
      spi: sa.spi,
      auxSpi: 0,
      mode: 'tunnel',
      type: 'dynamic',
      state: sa.state,
      protocol: sa.protocol,
      encryption: sa.encryption,
      authentication: sa.authentication,
      softLifetimeSeconds: sa.softLifetimeSeconds,
      hardLifetimeSeconds: sa.hardLifetimeSeconds,
      softExpiresInSeconds: sa.softLifetimeSeconds,
      hardExpiresInSeconds: sa.hardLifetimeSeconds,
      antiReplayWindow: sa.antiReplayWindow,
      localIdentity: sa.localIdentity,
      remoteIdentity: sa.remoteIdentity,
    }));
  return {
    device: end.device,
    serviceSet: end.serviceSet,
    rule: end.rule,
    term: end.term,
    tunnelIndex,
    localGateway: end.localGateway ?? side.address,
    remoteGateway: ike?.remoteAddress ?? end.remoteGateway ?? '',
    ikeSa,
    ipsecSas,
    retransmissions: side.retransmissions,
    failure: side.failure?.reason,
  };
}

/** The same side as `show` prints it `sinceUpMs` after the SAs came up: every "expires in" field (IKE, IPsec soft and hard) counts down. */
export function atShowTime(side: TunnelSide, sinceUpMs: number): TunnelSide {
  return {
    ...side,
    ikeSa: side.ikeSa && { ...side.ikeSa, expiresInSeconds: expiresIn(side.ikeSa.lifetimeSeconds, sinceUpMs) },
    ipsecSas: side.ipsecSas.map((sa) => ({
      ...sa,
      softExpiresInSeconds: expiresIn(sa.softLifetimeSeconds, sinceUpMs),
      hardExpiresInSeconds: expiresIn(sa.hardLifetimeSeconds, sinceUpMs),
    })),
  };
}
