/**
 * sa/ike-sa.ts: one side of one tunnel (strongSwan's ike_sa + task manager): bound to its local address
 *   on UDP 500 of the InMemoryNetwork, it feeds received datagrams to the exchange runner of its IKE
 *   version, sends and logs messages, retransmits unanswered requests, answers a repeated request with
 *   its cached reply, records the outcome and runs the SA lifetimes as timers.
 * Owns: the status (idle / negotiating / established / failed), the failure, a problem merely observed
 *   (a dropped message: other IKE version, SK or HASH that does not verify) that explains a later timeout,
 *   the IKE SA summary, the installed IPsec SAs and their soft/hard lifetime timers, the IKE-version check
 *   on receipt, and the cached answer: a repeat of the last received message gets our reply to it again.
 * Must not know: which messages an exchange has (ikev1-runner.ts, ikev2-runner.ts and their tables).
 * Invariants: a datagram of the other IKE version is dropped and remembered (IKE_VERSION_MISMATCH), never
 *   processed; only datagrams from the configured remote gateway are processed; nothing throws on bad bytes;
 *   keys never reach the log.
 * Tests: test/src/engine/sa-*.test.ts
 */
import type { RandomSource } from '../crypto/random';
import type { SimulatedClock, TimerHandle } from '../net/clock';
import type { ReceivedUdp, UdpTransport } from '../net/network';
import type { IkeKeying } from './ike-keying';
import type { TunnelEndConfig } from './config';
import type { EventEntry, MessageEntry, MessageLogEntry } from './message-log';
import type { IkeSaSummary, IpsecSaRecord, Role, SaFailure } from './result';
import { giveUpAfterMs, Retransmitter } from './retransmission';

export const IKE_PORT = 500;

/** How a runner describes a message it sends (the IkeSa adds addresses, time and size). */
export type OutgoingMessage = Omit<MessageEntry, 'kind' | 'time' | 'from' | 'to' | 'sourceAddress' | 'destinationAddress' | 'retransmission' | 'bytes'>;

/** What an exchange runner implements. */
export interface ExchangeRunner {
  /** The initiator begins (first message out). */
  start(): void;
  /** A datagram of this side's IKE version from the peer. */
  receive(bytes: Buffer): void;
}

export type RunnerFactory = (sa: IkeSa) => ExchangeRunner;

export interface IkeSaOptions {
  readonly role: Role;
  readonly end: TunnelEndConfig;
  readonly peerName: string;
  /** the in-memory network, or the forwarding plane's UDP service (DPD failover renegotiates hop by hop) */
  readonly network: UdpTransport;
  readonly clock: SimulatedClock;
  readonly random: RandomSource;
  readonly log: MessageLogEntry[];
  readonly runner: RunnerFactory;
}

export type IkeSaStatus = 'idle' | 'negotiating' | 'established' | 'failed';

export class IkeSa {
  readonly role: Role;
  readonly end: TunnelEndConfig;
  readonly peerName: string;
  readonly clock: SimulatedClock;
  readonly random: RandomSource;
  status: IkeSaStatus = 'idle';
  failure: SaFailure | undefined;
  /** A problem seen without failing (e.g. the peer speaks another IKE version and every message is dropped). */
  observedFailure: SaFailure | undefined;
  ikeSa: IkeSaSummary | undefined;
  readonly ipsecSas: IpsecSaRecord[] = [];
  /** The established IKE SA's keys for later exchanges on it (DPD); set when phase 1 / IKE_AUTH matures. */
  keying: IkeKeying | undefined;

  private readonly network: UdpTransport;
  private readonly log: MessageLogEntry[];
  private readonly runner: ExchangeRunner;
  private readonly retransmitter: Retransmitter;
  private readonly lifetimeTimers: TimerHandle[] = [];
  private readonly unbind: () => void;
  private lastSent: { bytes: Buffer; entry: OutgoingMessage; answers: Buffer | undefined } | undefined;
  private lastReceived: Buffer | undefined;
  /** The datagram being processed (a message sent meanwhile is its answer). */
  private processing: Buffer | undefined;

  constructor(options: IkeSaOptions) {
    this.role = options.role;
    this.end = options.end;
    this.peerName = options.peerName;
    this.network = options.network;
    this.clock = options.clock;
    this.random = options.random;
    this.log = options.log;
    this.retransmitter = new Retransmitter(this.clock, () => this.resend(), (count) => this.giveUp(count));
    this.unbind = this.network.bindUdp(this.end.ike.localAddress, IKE_PORT, (datagram) => this.onDatagram(datagram));
    this.runner = options.runner(this);
  }

  get name(): string {
    return this.end.ike.deviceName;
  }

  get retransmissions(): number {
    return this.retransmitter.total;
  }

  get done(): boolean {
    return this.status === 'established' || this.status === 'failed';
  }

  start(): void {
    this.status = 'negotiating';
    this.runner.start();
  }

  /** Stops listening and cancels retransmissions (lifetime timers keep running on the clock). */
  dispose(): void {
    this.retransmitter.cancel();
    this.unbind();
  }

  /** Stops every timer this side started, lifetimes included. */
  cancelLifetimes(): void {
    for (const timer of this.lifetimeTimers) timer.cancel();
  }

  // ---- services for the runners ----

  /** Sends a message to the peer; `expectReply` arms the retransmission timer. */
  send(bytes: Buffer, entry: OutgoingMessage, expectReply: boolean): void {
    this.lastSent = { bytes, entry, answers: this.processing };
    this.transmit(bytes, entry, false);
    if (expectReply) this.retransmitter.arm();
    else this.retransmitter.cancel();
  }

  /** The reply we waited for arrived: stop retransmitting. */
  answered(): void {
    this.retransmitter.cancel();
  }

  event(text: string): void {
    const entry: EventEntry = { kind: 'event', time: this.clock.now(), deviceName: this.name, text };
    this.log.push(entry);
  }

  /** Remembers a problem that made this side drop a message without failing (the peer may still retransmit). */
  observe(failure: SaFailure): void {
    this.observedFailure ??= failure;
    this.event(`dropped a message: ${failure.reason}`);
  }

  fail(failure: SaFailure): void {
    if (this.status === 'failed') return;
    this.failure = failure;
    this.status = 'failed';
    this.retransmitter.cancel();
    this.event(`negotiation failed (${failure.outcome}): ${failure.reason}`);
  }

  /** Phase 1 / IKE SA authenticated. */
  ikeEstablished(summary: IkeSaSummary): void {
    this.ikeSa = summary;
    this.event(`IKE SA matured (${summary.exchangeType}, ${summary.algorithms.encryption}/${summary.algorithms.authentication}/${summary.algorithms.dhGroup}, lifetime ${summary.lifetimeSeconds} s)`);
    const hard = this.clock.setTimeout(() => {
      summary.state = 'Expired';
      this.event('IKE SA hard lifetime expired');
    }, summary.lifetimeSeconds * 1000);
    this.lifetimeTimers.push(hard);
  }

  /** IPsec SAs installed: the tunnel is up on this side. */
  ipsecEstablished(records: readonly IpsecSaRecord[]): void {
    for (const record of records) {
      this.ipsecSas.push(record);
      this.lifetimeTimers.push(this.clock.setTimeout(() => {
        if (record.state === 'Installed') record.state = 'Soft-expired';
        this.event(`IPsec SA ${record.direction} SPI ${record.spi} reached its soft lifetime: rekey due`);
      }, record.softLifetimeSeconds * 1000));
      this.lifetimeTimers.push(this.clock.setTimeout(() => {
        record.state = 'Expired';
        this.event(`IPsec SA ${record.direction} SPI ${record.spi} expired (hard lifetime)`);
      }, record.hardLifetimeSeconds * 1000));
    }
    this.status = 'established';
    this.retransmitter.cancel();
    this.event(`IPsec SAs installed: ${records.map((r) => `${r.direction} SPI ${r.spi}`).join(', ')}`);
  }

  // ---- datagrams ----

  private onDatagram(datagram: ReceivedUdp): void {
    if (datagram.source !== this.end.ike.remoteAddress) {
      this.event(`ignored an IKE datagram from ${datagram.source}: not the remote gateway ${this.end.ike.remoteAddress}`);
      return;
    }
    const bytes = datagram.payload;
    if (bytes.length < 28) {
      this.event(`dropped a ${bytes.length}-byte datagram from ${this.peerName}: shorter than an IKE header`);
      return;
    }
    const major = bytes[17]! >> 4;
    if (major !== this.end.ike.version) {
      const reason = `${this.peerName} sends IKEv${major} but ${this.name}'s IKE policy uses version ${this.end.ike.version}: ${this.name} drops its messages`;
      this.observe({ outcome: 'IKE_VERSION_MISMATCH', reason, firstHand: true });
      return;
    }
    if (this.lastReceived !== undefined && this.lastReceived.equals(bytes)) {
      // The peer did not get our answer: send the cached one again (RFC 2408 / RFC 7296 2.1).
      if (this.lastSent !== undefined && this.lastSent.answers === this.lastReceived) this.transmit(this.lastSent.bytes, this.lastSent.entry, true);
      else this.event(`ignored a repeated message from ${this.peerName}`);
      return;
    }
    this.lastReceived = bytes;
    if (this.status === 'idle') this.status = 'negotiating';
    this.processing = bytes;
    this.runner.receive(bytes);
    this.processing = undefined;
  }

  private transmit(bytes: Buffer, entry: OutgoingMessage, retransmission: boolean): void {
    const ike = this.end.ike;
    this.network.sendUdp({ source: ike.localAddress, sourcePort: IKE_PORT, destination: ike.remoteAddress, destinationPort: IKE_PORT, payload: bytes });
    this.log.push({
      kind: 'message', time: this.clock.now(), from: this.name, to: this.peerName, sourceAddress: ike.localAddress, destinationAddress: ike.remoteAddress,
      ...entry, retransmission, bytes: bytes.length,
    });
  }

  private resend(): void {
    if (this.lastSent !== undefined) this.transmit(this.lastSent.bytes, this.lastSent.entry, true);
  }

  private giveUp(retransmissions: number): void {
    const waiting = this.lastSent?.entry;
    const what = waiting === undefined ? 'the first message' : `${waiting.exchange} message ${waiting.messageNumber}`;
    this.fail({
      outcome: 'PEER_UNREACHABLE',
      reason: `${this.peerName} (${this.end.ike.remoteAddress}) did not answer ${this.name}'s ${what}: ${retransmissions} retransmissions, no answer ${Math.round(giveUpAfterMs() / 1000)} s after the first send`,
      firstHand: true,
    });
  }
}
