/**
 * traffic/probe-replies.ts: recognising the answers to our own probes among the packets delivered to a
 *   router: echo replies by identifier and sequence, ICMP errors by the packet they quote.
 * Owns: ICMP error names as ping prints them, the quoted-header parsing.
 * Must not know: forwarding, timing, output layouts.
 * Invariants: never throws on received bytes (anything unexpected is "not ours").
 * Tests: test/src/engine/traffic.test.ts
 */
import { decodeIcmp, IcmpType } from '../wire/icmp';
import { decodeIpv4, formatIpv4Address, IpProtocol, type Ipv4Packet } from '../wire/ipv4';

export interface ProbeAnswer {
  readonly kind: 'echo-reply' | 'error';
  readonly packet: Ipv4Packet;
  /** ICMP type and code */
  readonly type: number;
  readonly code: number;
  /** echo replies: the ICMP bytes; errors: the ICMP bytes too */
  readonly icmpBytes: number;
  /** for echo replies: identifier/sequence; for errors: what the quoted packet carried */
  readonly identifier: number;
  readonly sequence: number;
  /** for errors quoting UDP: the quoted destination port */
  readonly quotedPort: number | undefined;
  readonly quotedDestination: string | undefined;
}

/** An ICMP answer, or undefined when the delivered packet is not ICMP we understand. */
export function readProbeAnswer(bytes: Buffer): ProbeAnswer | undefined {
  const ip = decodeIpv4(bytes);
  if (!ip.ok || ip.value.protocol !== IpProtocol.icmp) return undefined;
  const icmp = decodeIcmp(ip.value.payload);
  if (!icmp.ok) return undefined;
  const m = icmp.value;
  if (m.type === IcmpType.echoReply) {
    return { kind: 'echo-reply', packet: ip.value, type: m.type, code: m.code, icmpBytes: ip.value.payload.length, identifier: m.identifier, sequence: m.sequence, quotedPort: undefined, quotedDestination: undefined };
  }
  if (m.type !== IcmpType.timeExceeded && m.type !== IcmpType.destinationUnreachable) return undefined;
  const quoted = m.data;
  if (quoted.length < 28) return undefined;
  const headerLength = (quoted[0]! & 0x0f) * 4;
  if (quoted.length < headerLength + 8) return undefined;
  const protocol = quoted[9]!;
  const destination = formatIpv4Address(quoted.subarray(16, 20));
  const body = quoted.subarray(headerLength);
  if (protocol === IpProtocol.icmp) {
    return { kind: 'error', packet: ip.value, type: m.type, code: m.code, icmpBytes: ip.value.payload.length, identifier: body.readUInt16BE(4), sequence: body.readUInt16BE(6), quotedPort: undefined, quotedDestination: destination };
  }
  if (protocol === IpProtocol.udp) {
    return { kind: 'error', packet: ip.value, type: m.type, code: m.code, icmpBytes: ip.value.payload.length, identifier: 0, sequence: 0, quotedPort: body.readUInt16BE(2), quotedDestination: destination };
  }
  return undefined;
}

/** The words ping prints for an ICMP error. */
export function icmpErrorText(type: number, code: number): string {
  if (type === IcmpType.timeExceeded) return 'Time to live exceeded';
  if (type === IcmpType.destinationUnreachable) {
    switch (code) {
      case 0: return 'Destination Net Unreachable';
      case 1: return 'Destination Host Unreachable';
      case 3: return 'Destination Port Unreachable';
      case 4: return 'Frag needed and DF set';
      default: return `Destination Unreachable (code ${code})`;
    }
  }
  return `ICMP type ${type} code ${code}`;
}

/** traceroute's annotation for an unreachable answer that is not the destination's port unreachable. */
export function tracerouteAnnotation(type: number, code: number): string | undefined {
  if (type !== IcmpType.destinationUnreachable || code === 3) return undefined;
  return code === 0 ? '!N' : code === 1 ? '!H' : code === 4 ? '!F' : `!<${code}>`;
}
