/**
 * net/pcap.ts: the classic libpcap file format (microsecond timestamps) for recorded packets, readable
 * by tshark/Wireshark: LINKTYPE_RAW (101, the IPv4 packet as is) or Ethernet (1, with made-up MAC
 * addresses derived from the IPv4 addresses).
 * Owns: the global header, per-packet headers, virtual ms -> seconds/microseconds.
 * Must not know: where packets came from (takes { time, bytes }), the file system (returns a Buffer;
 *   the CLI writes it).
 * Invariants: little-endian magic 0xa1b2c3d4, version 2.4, snaplen 65535; record lengths match the data.
 * Tests: test/src/engine/pcap.test.ts (tshark dissects the output without errors)
 */

export type PcapLinkType = 'raw' | 'ethernet';

export interface PcapPacket {
  /** Virtual milliseconds. */
  readonly time: number;
  /** An IPv4 packet. */
  readonly bytes: Buffer;
}

export interface PcapOptions {
  readonly linkType?: PcapLinkType;
  /** Seconds added to every timestamp (virtual time 0 = this Unix time); default 0. */
  readonly epochSeconds?: number;
}

const LINKTYPE: Record<PcapLinkType, number> = { raw: 101, ethernet: 1 };

function macFor(ipv4: Buffer): Buffer {
  // Locally administered unicast: 02:00 followed by the IPv4 address.
  return Buffer.concat([Buffer.from([0x02, 0x00]), ipv4]);
}

function ethernetFrame(packet: Buffer): Buffer {
  const source = packet.length >= 20 ? packet.subarray(12, 16) : Buffer.alloc(4);
  const destination = packet.length >= 20 ? packet.subarray(16, 20) : Buffer.alloc(4);
  const type = Buffer.from([0x08, 0x00]);
  return Buffer.concat([macFor(destination), macFor(source), type, packet]);
}

/** A whole pcap file. */
export function encodePcap(packets: readonly PcapPacket[], options: PcapOptions = {}): Buffer {
  const linkType = options.linkType ?? 'raw';
  const epoch = options.epochSeconds ?? 0;
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeInt32LE(0, 8);
  header.writeUInt32LE(0, 12);
  header.writeUInt32LE(65535, 16);
  header.writeUInt32LE(LINKTYPE[linkType], 20);
  const parts: Buffer[] = [header];
  for (const packet of packets) {
    const data = linkType === 'ethernet' ? ethernetFrame(packet.bytes) : packet.bytes;
    const micros = Math.round(packet.time * 1000);
    const record = Buffer.alloc(16);
    record.writeUInt32LE(epoch + Math.floor(micros / 1_000_000), 0);
    record.writeUInt32LE(micros % 1_000_000, 4);
    record.writeUInt32LE(Math.min(data.length, 65535), 8);
    record.writeUInt32LE(data.length, 12);
    parts.push(record, data.subarray(0, 65535));
  }
  return Buffer.concat(parts);
}
