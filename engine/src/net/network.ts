/**
 * net/network.ts: an in-memory IPv4 network that carries real packet bytes between endpoints on the
 * simulated clock, and records every packet with its virtual send time (for pcap files and traces).
 * Owns: endpoint registration (UDP address:port, or address + IP protocol for ESP/ICMP/IP-in-IP),
 *   delivery after a configurable latency, isolation of addresses (a router or link that is down),
 *   the packet record and each packet's outcome.
 * Must not know: routing tables, IKE, ESP (packets are opaque IPv4 datagrams addressed end to end; the
 *   device layer decides what to send where).
 * Invariants: packets are delivered in send order for equal latency; fragments are delivered as they are
 *   (reassembly is the receiving device's job: UDP fragments go to the address's protocol-17 handler); a packet nobody listens for is
 *   recorded as 'no-endpoint', never thrown; malformed bytes are recorded as 'malformed'; handlers run
 *   from clock timers, never synchronously inside send.
 * Tests: test/src/engine/net.test.ts
 */
import { decodeIpv4, encodeIpv4, IpProtocol, type Ipv4Packet } from '../wire/ipv4';
import { decodeUdp, encodeUdp } from '../wire/udp';
import type { SimulatedClock } from './clock';

export type PacketOutcome = 'in-flight' | 'delivered' | 'no-endpoint' | 'isolated' | 'malformed';

export interface PacketRecord {
  /** Virtual time the packet was sent, in milliseconds. */
  readonly time: number;
  /** The full IPv4 packet. */
  readonly bytes: Buffer;
  readonly source: string;
  readonly destination: string;
  readonly outcome: PacketOutcome;
}

export interface ReceivedUdp {
  readonly source: string;
  readonly sourcePort: number;
  readonly destination: string;
  readonly destinationPort: number;
  readonly payload: Buffer;
  /** When it arrived (virtual ms). */
  readonly time: number;
}

export type UdpHandler = (datagram: ReceivedUdp) => void;
export type IpHandler = (packet: Ipv4Packet, time: number) => void;

export interface NetworkOptions {
  /** One-way delay in virtual milliseconds: one number for every packet (default 1), or per source/destination. */
  readonly latencyMs?: number | ((source: string, destination: string) => number);
  /** Keep every packet in `records` (default true; large benchmarks may turn it off). */
  readonly recordPackets?: boolean;
}

export interface UdpSend {
  readonly source: string;
  readonly sourcePort: number;
  readonly destination: string;
  readonly destinationPort: number;
  readonly payload: Buffer;
  readonly ttl?: number;
}

/** What an IKE endpoint needs from a network: listen on address:port and send datagrams. */
export interface UdpTransport {
  bindUdp(address: string, port: number, handler: UdpHandler): () => void;
  sendUdp(send: UdpSend): void;
}

type MutableRecord = { -readonly [K in keyof PacketRecord]: PacketRecord[K] };

export class InMemoryNetwork implements UdpTransport {
  private readonly latency: (source: string, destination: string) => number;
  private readonly recordPackets: boolean;
  private readonly udpEndpoints = new Map<string, UdpHandler>();
  private readonly ipEndpoints = new Map<string, IpHandler>();
  private readonly isolated = new Set<string>();
  private readonly log: MutableRecord[] = [];
  private nextIdentification = 1;

  constructor(private readonly clock: SimulatedClock, options: NetworkOptions = {}) {
    const latency = options.latencyMs ?? 1;
    this.latency = typeof latency === 'number' ? () => latency : latency;
    this.recordPackets = options.recordPackets ?? true;
  }

  /** Every packet sent so far, in send order. */
  get records(): readonly PacketRecord[] {
    return this.log;
  }

  /** Listens for UDP to address:port; returns a function that stops listening. */
  bindUdp(address: string, port: number, handler: UdpHandler): () => void {
    const key = `${address}:${port}`;
    this.udpEndpoints.set(key, handler);
    return () => { if (this.udpEndpoints.get(key) === handler) this.udpEndpoints.delete(key); };
  }

  /** Listens for IP packets of `protocol` (50 ESP, 1 ICMP, 4 IP-in-IP) to `address`. */
  bindIp(address: string, protocol: number, handler: IpHandler): () => void {
    const key = `${address}/${protocol}`;
    this.ipEndpoints.set(key, handler);
    return () => { if (this.ipEndpoints.get(key) === handler) this.ipEndpoints.delete(key); };
  }

  /** Takes an address off the network (its packets, in and out, are dropped) or puts it back. */
  setIsolated(address: string, isolated: boolean): void {
    if (isolated) this.isolated.add(address);
    else this.isolated.delete(address);
  }

  /** Sends a UDP datagram inside a fresh IPv4 packet. */
  sendUdp(send: UdpSend): PacketRecord {
    const udp = encodeUdp({ sourcePort: send.sourcePort, destinationPort: send.destinationPort, payload: send.payload }, send.source, send.destination);
    return this.sendIp({
      tos: 0, identification: this.takeIdentification(), dontFragment: false, moreFragments: false, fragmentOffset: 0,
      ttl: send.ttl ?? 64, protocol: IpProtocol.udp, source: send.source, destination: send.destination, options: Buffer.alloc(0), payload: udp,
    });
  }

  /** A fresh IP identification value for packets built by callers. */
  takeIdentification(): number {
    const id = this.nextIdentification;
    this.nextIdentification = (this.nextIdentification % 0xffff) + 1;
    return id;
  }

  sendIp(packet: Ipv4Packet): PacketRecord {
    return this.sendBytes(encodeIpv4(packet));
  }

  /** Sends raw IPv4 bytes (used as they are, even when malformed). */
  sendBytes(bytes: Buffer): PacketRecord {
    const decoded = decodeIpv4(bytes);
    const record: MutableRecord = {
      time: this.clock.now(), bytes, outcome: 'in-flight',
      source: decoded.ok ? decoded.value.source : '?', destination: decoded.ok ? decoded.value.destination : '?',
    };
    if (this.recordPackets) this.log.push(record);
    if (!decoded.ok) {
      record.outcome = 'malformed';
      return record;
    }
    const delay = Math.max(0, this.latency(decoded.value.source, decoded.value.destination));
    this.clock.setTimeout(() => this.deliver(record, decoded.value), delay);
    return record;
  }

  private deliver(record: MutableRecord, packet: Ipv4Packet): void {
    if (this.isolated.has(packet.source) || this.isolated.has(packet.destination)) {
      record.outcome = 'isolated';
      return;
    }
    const time = this.clock.now();
    if (packet.protocol === IpProtocol.udp && packet.fragmentOffset === 0 && !packet.moreFragments) {
      const udp = decodeUdp(packet.payload, packet.source, packet.destination);
      if (!udp.ok) {
        record.outcome = 'malformed';
        return;
      }
      const handler = this.udpEndpoints.get(`${packet.destination}:${udp.value.destinationPort}`);
      if (handler !== undefined) {
        record.outcome = 'delivered';
        handler({ source: packet.source, sourcePort: udp.value.sourcePort, destination: packet.destination, destinationPort: udp.value.destinationPort, payload: udp.value.payload, time });
        return;
      }
    }
    const ipHandler = this.ipEndpoints.get(`${packet.destination}/${packet.protocol}`);
    if (ipHandler === undefined) {
      record.outcome = 'no-endpoint';
      return;
    }
    record.outcome = 'delivered';
    ipHandler(packet, time);
  }
}
