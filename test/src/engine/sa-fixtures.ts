// Shared fixtures for the SA tests (not a test file): the seed's IKE peers R2 (10.1.15.1) and R3
// (10.1.15.2) with the seed's tunnel settings (IKEv1 main mode, pre-shared keys, 3des-cbc / sha1 /
// group2, ESP 3des-cbc / hmac-sha1-96, PFS group2, proxy identities 10.1.12.0/24 <-> 10.1.56.0/24),
// and a builder that changes one thing on one side.
import type { IkePeerConfig, IpsecConfig, TunnelEndConfig } from '../../../engine/src/sa/config';

export const R2_ADDRESS = '10.1.15.1';
export const R3_ADDRESS = '10.1.15.2';
export const SEED_PSK = 'keyfordemo';

export interface EndChanges {
  readonly ike?: Partial<IkePeerConfig>;
  readonly ipsec?: Partial<IpsecConfig>;
  readonly psk?: string;
}

function end(name: string, local: string, remote: string, localNet: string, remoteNet: string, changes: EndChanges): TunnelEndConfig {
  const psk = changes.psk ?? SEED_PSK;
  const ike: IkePeerConfig = {
    deviceName: name, localAddress: local, remoteAddress: remote, version: 1, mode: 'main',
    proposals: [{ name: 'ike-demo-proposal', authenticationMethod: 'pre-shared-keys', dhGroup: 'group2', authenticationAlgorithm: 'sha1', encryptionAlgorithm: '3des-cbc', lifetimeSeconds: 3600 }],
    preSharedKey: () => Buffer.from(psk, 'ascii'),
    ...changes.ike,
  };
  const ipsec: IpsecConfig = {
    proposals: [{ name: 'ipsec-demo-proposal', protocol: 'esp', authenticationAlgorithm: 'hmac-sha1-96', encryptionAlgorithm: '3des-cbc', lifetimeSeconds: 28800 }],
    pfsGroup: 'group2', localPrefix: localNet, remotePrefix: remoteNet, antiReplayWindow: 64,
    ...changes.ipsec,
  };
  return { ike, ipsec };
}

/** The seed's R2 and R3 tunnel ends, each optionally changed. */
export function seedTunnel(r2: EndChanges = {}, r3: EndChanges = {}): { r2: TunnelEndConfig; r3: TunnelEndConfig } {
  return {
    r2: end('R2', R2_ADDRESS, R3_ADDRESS, '10.1.12.0/24', '10.1.56.0/24', r2),
    r3: end('R3', R3_ADDRESS, R2_ADDRESS, '10.1.56.0/24', '10.1.12.0/24', r3),
  };
}

/** IKEv2 settings from the brief: aes-256-cbc / sha-256 / group14 IKE SA, aes-256-gcm child. */
export const IKEV2_CHANGES: EndChanges = {
  ike: { version: 2, proposals: [{ name: 'ike-v2', authenticationMethod: 'pre-shared-keys', dhGroup: 'group14', authenticationAlgorithm: 'sha-256', encryptionAlgorithm: 'aes-256-cbc', lifetimeSeconds: 3600 }] },
  ipsec: { proposals: [{ name: 'esp-gcm', protocol: 'esp', encryptionAlgorithm: 'aes-256-gcm', lifetimeSeconds: 28800 }], pfsGroup: 'group14' },
};
