/**
 * sa/config.ts: what one side of a tunnel needs to negotiate, as plain data (the device compiler maps
 *   a compiled router's rule, IKE policy and IPsec policy onto it).
 * Owns: IkePeerConfig (addresses, IKE version and mode, ordered IKE proposals, the pre-shared key as a
 *   handle, identities) and IpsecConfig (ordered IPsec proposals, PFS group, proxy identities, anti-replay).
 * Must not know: syntax trees, the device model, wire numbers (algorithm names are Junos spellings:
 *   `3des-cbc`, `sha1`, `group2`, `hmac-sha1-96`).
 * Invariants: the pre-shared key is only reachable through `preSharedKey()`; nothing here is printed.
 * Tests: test/src/engine/sa-*.test.ts
 */

export type IkeVersion = 1 | 2;
export type IkeMode = 'main' | 'aggressive';

/** One `services ipsec-vpn ike proposal`. */
export interface IkeProposalConfig {
  readonly name: string;
  /** Only pre-shared keys are negotiated by this engine. */
  readonly authenticationMethod: 'pre-shared-keys';
  /** `group1` .. `group24`. */
  readonly dhGroup: string;
  /** `md5 | sha1 | sha-256 | sha-384`. */
  readonly authenticationAlgorithm: string;
  /** `des-cbc | 3des-cbc | aes-128-cbc | aes-192-cbc | aes-256-cbc`. */
  readonly encryptionAlgorithm: string;
  readonly lifetimeSeconds: number;
}

/** One side's IKE policy, gateway addresses and identity. */
export interface IkePeerConfig {
  /** The router's name for messages and logs (`R2`, its host-name). */
  readonly deviceName: string;
  /** `local-gateway`. */
  readonly localAddress: string;
  /** `remote-gateway`. */
  readonly remoteAddress: string;
  readonly version: IkeVersion;
  /** IKEv1 only (IKEv2 has no modes). */
  readonly mode: IkeMode;
  /** In configured order: the initiator offers them in this order, the responder accepts any of them. */
  readonly proposals: readonly IkeProposalConfig[];
  /** The decoded pre-shared key; called only while keys are derived. */
  readonly preSharedKey: () => Buffer;
  /** Identity sent (IPv4 address); defaults to localAddress. */
  readonly localIdentity?: string;
  /** Identity the peer must present; unchecked when absent. */
  readonly remoteIdentity?: string;
}

/** One `services ipsec-vpn ipsec proposal`. */
export interface IpsecProposalConfig {
  readonly name: string;
  /** Only ESP is negotiated by this engine; AH and bundle proposals are reported as not simulated. */
  readonly protocol: 'esp' | 'ah' | 'bundle';
  /** `hmac-md5-96 | hmac-sha1-96 | hmac-sha-256-128 | hmac-sha-256-96`; absent for AES-GCM. */
  readonly authenticationAlgorithm?: string;
  /** `3des-cbc`, `aes-128-cbc`, ..., `aes-256-gcm`. */
  readonly encryptionAlgorithm: string;
  readonly lifetimeSeconds: number;
}

/** One side's IPsec policy and the term's traffic. */
export interface IpsecConfig {
  /** In configured order. */
  readonly proposals: readonly IpsecProposalConfig[];
  /** `perfect-forward-secrecy keys groupN`; absent = no PFS. */
  readonly pfsGroup?: string;
  /** The term's `from source-address` seen from this side (input direction: the local network); 0.0.0.0/0 when absent. */
  readonly localPrefix?: string;
  /** The term's `from destination-address` (the far network); 0.0.0.0/0 when absent. */
  readonly remotePrefix?: string;
  /** Replay window in packets; 0 = `no-anti-replay`. */
  readonly antiReplayWindow: number;
}

/** Both halves of one side of a tunnel. */
export interface TunnelEndConfig {
  readonly ike: IkePeerConfig;
  readonly ipsec: IpsecConfig;
}

export const ANY_IPV4 = '0.0.0.0/0';

/** `3des-cbc/sha1/group2`: how proposals are named in reasons. */
export function describeIkeProposal(proposal: IkeProposalConfig): string {
  return `${proposal.encryptionAlgorithm}/${proposal.authenticationAlgorithm}/${proposal.dhGroup}`;
}

/** `esp/3des-cbc/hmac-sha1-96`. */
export function describeIpsecProposal(proposal: IpsecProposalConfig, pfsGroup?: string): string {
  const parts = [proposal.protocol, proposal.encryptionAlgorithm];
  if (proposal.authenticationAlgorithm !== undefined) parts.push(proposal.authenticationAlgorithm);
  if (pfsGroup !== undefined) parts.push(`pfs ${pfsGroup}`);
  return parts.join('/');
}
