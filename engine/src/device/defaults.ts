/**
 * device/defaults.ts: the Junos defaults the device compiler fills in, as data, each with its reason.
 * Owns: default values (lifetimes, IKE mode/version, proposal fields, implicit proposal lists, proposal sets,
 *   anti-replay window per services card, tunnel MTU, DPD), and the `DefaultsLog` that records each use.
 * Must not know: the config tree, the model, where a default is needed (the compile modules ask).
 * Invariants: every value here has a reason naming its source (the seed page, Juniper documentation or the
 *   24.4R1 YANG, as listed in shared/JUNOS-FACTS.md); a default is recorded once per path.
 * Tests: test/src/engine/device.test.ts
 */
import type { AppliedDefault, DefaultSource, ServicePic } from './types';

export interface DefaultValue {
  readonly value: string;
  readonly reason: string;
  readonly source: DefaultSource;
}

const junos = (value: string, reason: string): DefaultValue => ({ value, reason, source: 'Junos default' });

export const IKE_DEFAULTS = {
  lifetimeSeconds: junos('3600', 'IKE proposal lifetime-seconds defaults to 3600 s (Juniper "lifetime-seconds", edit services)'),
  mode: junos('main', 'IKE policy mode defaults to main (Juniper "Configuring an IKE policy")'),
  version: junos('1', 'Junos uses IKE version 1 unless the IKE policy says version 2 (seed page note)'),
  authenticationMethod: junos('pre-shared-keys', 'the IKE proposal names no authentication-method; pre-shared keys is what the implicit proposals use'),
  dhGroup: junos('group2', 'the IKE proposal names no dh-group; group2 is the stronger of the implicit proposals\' groups'),
  authenticationAlgorithm: junos('sha1', 'the IKE proposal names no authentication-algorithm; sha1 is the highest of the implicit proposals\' hashes (seed: highest level on a MultiServices PIC)'),
  encryptionAlgorithm: junos('3des-cbc', 'the IKE proposal names no encryption-algorithm; 3des-cbc is the highest of the implicit proposals\' ciphers (seed: highest level on a MultiServices PIC)'),
} as const;

export const IPSEC_DEFAULTS = {
  lifetimeSeconds: junos('28800', 'IPsec proposal lifetime-seconds defaults to 28800 s (Juniper "lifetime-seconds", edit services)'),
  protocol: junos('esp', 'no protocol configured: the default protocol is ESP (seed: highest level on a MultiServices PIC)'),
  authenticationAlgorithm: junos('hmac-sha1-96', 'no authentication-algorithm configured: the default is HMAC-SHA1-96 (seed: highest level on a MultiServices PIC)'),
  encryptionAlgorithm: junos('3des-cbc', 'no encryption-algorithm configured: the default is 3DES-CBC (seed: highest level on a MultiServices PIC)'),
} as const;

export const TUNNEL_DEFAULTS = {
  tunnelMtu: junos('1500', 'IPsec tunnels use an MTU of 1500 unless tunnel-mtu is set, whatever the interface MTU (seed; YANG)'),
  dpdInterval: junos('10', 'dead-peer-detection interval defaults to 10 s (YANG)'),
  dpdThreshold: junos('3', 'dead-peer-detection threshold defaults to 3 (YANG)'),
  fromAddress: junos('0.0.0.0/0', 'a term without source/destination-address matches IPv4 any, 0.0.0.0/0 (seed: "Configuring Match Conditions in IPsec Rules")'),
} as const;

/** The anti-replay window a services card uses when none is configured. */
export function antiReplayWindowDefault(pic: ServicePic, serviceInterface: string): DefaultValue {
  return pic === 'ms-pic'
    ? {
        value: '128',
        reason: `${serviceInterface} is a MultiServices PIC/DPC: its anti-replay window defaults to 128 packets (Juniper "anti-replay-window-size")`,
        source: 'platform default',
      }
    : {
        value: '64',
        reason: `${serviceInterface} is an AS PIC: its anti-replay window defaults to 64 packets (Juniper "anti-replay-window-size")`,
        source: 'platform default',
      };
}

/** An implicit proposal: used when a policy names no proposal. */
export interface ImplicitIkeProposal {
  readonly name: string;
  readonly authenticationMethod: string;
  readonly dhGroup: string;
  readonly authenticationAlgorithm: string;
  readonly encryptionAlgorithm: string;
  readonly lifetimeSeconds: number;
}

export interface ImplicitIpsecProposal {
  readonly name: string;
  readonly protocol: 'ah' | 'esp' | 'bundle';
  readonly authenticationAlgorithm: string | undefined;
  readonly encryptionAlgorithm: string | undefined;
  readonly lifetimeSeconds: number;
}

/**
 * IKE proposals Junos offers when an IKE policy names none: pre-shared keys, group2 or group1, sha1 or md5,
 * 3des-cbc or des-cbc, 3600 s (Juniper "IPsec dynamic endpoints authentication solutions"); strongest first,
 * as the seed says a MultiServices PIC defaults to its highest level.
 */
export const IMPLICIT_IKE_PROPOSALS: readonly ImplicitIkeProposal[] = (() => {
  const out: ImplicitIkeProposal[] = [];
  for (const dhGroup of ['group2', 'group1'])
    for (const encryptionAlgorithm of ['3des-cbc', 'des-cbc'])
      for (const authenticationAlgorithm of ['sha1', 'md5'])
        out.push({
          name: `(implicit) pre-shared-keys-${dhGroup}-${encryptionAlgorithm}-${authenticationAlgorithm}`,
          authenticationMethod: 'pre-shared-keys',
          dhGroup,
          authenticationAlgorithm,
          encryptionAlgorithm,
          lifetimeSeconds: 3600,
        });
  return out;
})();

export const IMPLICIT_IKE_REASON =
  'the IKE policy names no proposals: Junos offers its implicit proposals (pre-shared keys, group2/group1, sha1/md5, 3des-cbc/des-cbc, 3600 s)';

/**
 * IPsec proposals Junos offers when an IPsec policy names none: ESP, AH or bundle; hmac-sha1-96 or hmac-md5-96;
 * 3des-cbc or des-cbc; 28800 s. The seed's MultiServices PIC default (ESP, hmac-sha1-96, 3des-cbc) comes first.
 */
export const IMPLICIT_IPSEC_PROPOSALS: readonly ImplicitIpsecProposal[] = (() => {
  const out: ImplicitIpsecProposal[] = [];
  for (const protocol of ['esp', 'bundle'] as const)
    for (const encryptionAlgorithm of ['3des-cbc', 'des-cbc'])
      for (const authenticationAlgorithm of ['hmac-sha1-96', 'hmac-md5-96'])
        out.push({ name: `(implicit) ${protocol}-${authenticationAlgorithm}-${encryptionAlgorithm}`, protocol, authenticationAlgorithm, encryptionAlgorithm, lifetimeSeconds: 28800 });
  for (const authenticationAlgorithm of ['hmac-sha1-96', 'hmac-md5-96'])
    out.push({ name: `(implicit) ah-${authenticationAlgorithm}`, protocol: 'ah', authenticationAlgorithm, encryptionAlgorithm: undefined, lifetimeSeconds: 28800 });
  return out;
})();

export const IMPLICIT_IPSEC_REASON =
  'the IPsec policy names no proposals: Junos offers its implicit proposals, ESP with hmac-sha1-96 and 3des-cbc first (seed: highest level on a MultiServices PIC)';

/**
 * The proposal sets of `ipsec policy NAME proposal-set` (as Junos defines them for `security ipsec`; assumed
 * identical for `services ipsec-vpn`). PFS groups of the `g2-` proposals are not modelled here.
 */
export const IPSEC_PROPOSAL_SETS: Readonly<Record<string, readonly ImplicitIpsecProposal[]>> = {
  basic: [
    { name: 'nopfs-esp-des-sha', protocol: 'esp', authenticationAlgorithm: 'hmac-sha1-96', encryptionAlgorithm: 'des-cbc', lifetimeSeconds: 28800 },
    { name: 'nopfs-esp-des-md5', protocol: 'esp', authenticationAlgorithm: 'hmac-md5-96', encryptionAlgorithm: 'des-cbc', lifetimeSeconds: 28800 },
  ],
  compatible: [
    { name: 'nopfs-esp-3des-sha', protocol: 'esp', authenticationAlgorithm: 'hmac-sha1-96', encryptionAlgorithm: '3des-cbc', lifetimeSeconds: 28800 },
    { name: 'nopfs-esp-3des-md5', protocol: 'esp', authenticationAlgorithm: 'hmac-md5-96', encryptionAlgorithm: '3des-cbc', lifetimeSeconds: 28800 },
    { name: 'nopfs-esp-des-sha', protocol: 'esp', authenticationAlgorithm: 'hmac-sha1-96', encryptionAlgorithm: 'des-cbc', lifetimeSeconds: 28800 },
    { name: 'nopfs-esp-des-md5', protocol: 'esp', authenticationAlgorithm: 'hmac-md5-96', encryptionAlgorithm: 'des-cbc', lifetimeSeconds: 28800 },
  ],
  standard: [
    { name: 'g2-esp-3des-sha', protocol: 'esp', authenticationAlgorithm: 'hmac-sha1-96', encryptionAlgorithm: '3des-cbc', lifetimeSeconds: 28800 },
    { name: 'g2-esp-aes128-sha', protocol: 'esp', authenticationAlgorithm: 'hmac-sha1-96', encryptionAlgorithm: 'aes-128-cbc', lifetimeSeconds: 28800 },
  ],
};

/** Collects the defaults applied while compiling one device (one entry per path). */
export class DefaultsLog {
  private readonly seen = new Set<string>();
  readonly applied: AppliedDefault[] = [];

  /** Records that `value` was used at `path`; returns the value for convenience. */
  use(path: readonly string[], value: DefaultValue): string {
    const id = path.join('\u0000');
    if (!this.seen.has(id)) {
      this.seen.add(id);
      this.applied.push({ path: [...path], value: value.value, reason: value.reason, source: value.source });
    }
    return value.value;
  }
}
