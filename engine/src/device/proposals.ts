/**
 * device/proposals.ts: compiles `services ipsec-vpn ike` and `services ipsec-vpn ipsec`: proposals and
 *   policies, with Junos's defaults filled in and the policies' proposal names resolved.
 * Owns: proposal field defaults, implicit proposal lists and proposal sets in a policy, pre-shared key
 *   handles, local/remote identities, undefined-proposal problems.
 * Must not know: rules, service sets, the wire encodings of algorithms.
 * Invariants: never throws; an undefined proposal gives an `undefined-reference` problem at the word that
 *   names it and is left out of `proposals` (implicit proposals apply only when no proposal is named);
 *   every default used is logged with its path.
 * Tests: test/src/engine/device.test.ts
 */
import type { ConfigNode } from '../../../server/src/model/index';
import { addProblem, type CompileContext } from './context';
import {
  IKE_DEFAULTS,
  IMPLICIT_IKE_PROPOSALS,
  IMPLICIT_IKE_REASON,
  IMPLICIT_IPSEC_PROPOSALS,
  IMPLICIT_IPSEC_REASON,
  IPSEC_DEFAULTS,
  IPSEC_PROPOSAL_SETS,
  type DefaultValue,
} from './defaults';
import { child, descend, entries, leafInteger, leafWord, spanOf, spanOfWord, valueWords } from './read';
import { secretHandle } from './secret-handle';
import type { IkePolicy, IkeProposal, IpsecPolicy, IpsecProposal, NamedRef, SecretHandle } from './types';

const IKE_PATH = ['services', 'ipsec-vpn', 'ike'];
const IPSEC_PATH = ['services', 'ipsec-vpn', 'ipsec'];

/** A leaf's text, or the default (logged) when it is not written. */
function withDefault(
  ctx: CompileContext,
  node: ConfigNode,
  keyword: string,
  path: readonly string[],
  value: DefaultValue,
  defaulted: string[],
  field: string,
): string {
  const word = leafWord(node, keyword);
  if (word) return word.text;
  defaulted.push(field);
  return ctx.defaults.use([...path, keyword], value);
}

function lifetime(ctx: CompileContext, node: ConfigNode, path: readonly string[], value: DefaultValue, defaulted: string[]): number {
  const written = leafInteger(node, 'lifetime-seconds');
  if (written) return written.value;
  defaulted.push('lifetimeSeconds');
  return Number(ctx.defaults.use([...path, 'lifetime-seconds'], value));
}

/** Secret handle of `pre-shared-key ascii-text|hexadecimal` (or a manual SA `key`) under `node`. */
export function keyHandle(node: ConfigNode | undefined): SecretHandle | undefined {
  for (const form of ['ascii-text', 'hexadecimal'] as const) {
    const word = leafWord(node, form);
    const at = spanOfWord(word);
    if (word && at) return secretHandle(word.text, form, at);
  }
  return undefined;
}

function namedRefs(node: ConfigNode | undefined): NamedRef[] {
  return valueWords(node).map((w) => ({ name: w.text, at: spanOfWord(w) }));
}

export function compileIkeProposals(ctx: CompileContext): IkeProposal[] {
  const ike = descend(ctx.root, 'services', 'ipsec-vpn', 'ike');
  return entries(ike, 'proposal').map(({ name, node }) => {
    const path = [...IKE_PATH, 'proposal', name.text];
    const defaulted: string[] = [];
    return {
      name: name.text,
      at: spanOfWord(name),
      implicit: false,
      authenticationMethod: withDefault(ctx, node, 'authentication-method', path, IKE_DEFAULTS.authenticationMethod, defaulted, 'authenticationMethod'),
      dhGroup: withDefault(ctx, node, 'dh-group', path, IKE_DEFAULTS.dhGroup, defaulted, 'dhGroup'),
      authenticationAlgorithm: withDefault(ctx, node, 'authentication-algorithm', path, IKE_DEFAULTS.authenticationAlgorithm, defaulted, 'authenticationAlgorithm'),
      encryptionAlgorithm: withDefault(ctx, node, 'encryption-algorithm', path, IKE_DEFAULTS.encryptionAlgorithm, defaulted, 'encryptionAlgorithm'),
      lifetimeSeconds: lifetime(ctx, node, path, IKE_DEFAULTS.lifetimeSeconds, defaulted),
      defaulted,
    };
  });
}

function identity(node: ConfigNode | undefined): { type: string; value: string; at: ReturnType<typeof spanOf> }[] {
  const out: { type: string; value: string; at: ReturnType<typeof spanOf> }[] = [];
  for (const c of node?.children ?? []) {
    const words = valueWords(c);
    if (words.length === 0) out.push({ type: c.keyword, value: '', at: spanOf(c) });
    for (const w of words) out.push({ type: c.keyword, value: w.text, at: spanOfWord(w) });
  }
  return out;
}

function resolveNames<T extends { name: string }>(
  ctx: CompileContext,
  names: readonly NamedRef[],
  defined: readonly T[],
  what: { policyKind: string; policy: string; proposalKind: string; where: string },
): T[] {
  const out: T[] = [];
  for (const ref of names) {
    const found = defined.find((p) => p.name === ref.name);
    if (found) out.push(found);
    else {
      const known = defined.map((p) => p.name);
      addProblem(
        ctx,
        'undefined-reference',
        `${what.policyKind} ${what.policy} names ${what.proposalKind} ${ref.name}, which is not defined under ${what.where}` +
          (known.length > 0 ? ` (defined: ${known.join(', ')})` : ' (none is defined)'),
        [ref.at],
      );
    }
  }
  return out;
}

export function compileIkePolicies(ctx: CompileContext, proposals: readonly IkeProposal[]): IkePolicy[] {
  const ike = descend(ctx.root, 'services', 'ipsec-vpn', 'ike');
  return entries(ike, 'policy').map(({ name, node }) => {
    const path = [...IKE_PATH, 'policy', name.text];
    const defaulted: string[] = [];
    const mode = withDefault(ctx, node, 'mode', path, IKE_DEFAULTS.mode, defaulted, 'mode');
    const version = withDefault(ctx, node, 'version', path, IKE_DEFAULTS.version, defaulted, 'version');
    const proposalNames = namedRefs(child(node, 'proposals'));
    let resolved: IkeProposal[];
    if (proposalNames.length === 0) {
      defaulted.push('proposals');
      ctx.defaults.use([...path, 'proposals'], { value: IMPLICIT_IKE_PROPOSALS.map((p) => p.name).join(' '), reason: IMPLICIT_IKE_REASON, source: 'Junos default' });
      resolved = IMPLICIT_IKE_PROPOSALS.map((p) => ({ ...p, at: undefined, implicit: true, defaulted: [] }));
    } else {
      resolved = resolveNames(ctx, proposalNames, proposals, {
        policyKind: 'IKE policy',
        policy: name.text,
        proposalKind: 'IKE proposal',
        where: 'services ipsec-vpn ike proposal',
      });
    }
    const ids = identity(child(node, 'local-id'));
    return {
      name: name.text,
      at: spanOfWord(name),
      mode: mode === 'aggressive' ? 'aggressive' : 'main',
      version: version === '2' ? 2 : 1,
      proposalNames,
      proposals: resolved,
      preSharedKey: keyHandle(child(node, 'pre-shared-key')),
      localId: ids[0],
      remoteIds: identity(child(node, 'remote-id')),
      defaulted,
    };
  });
}

export function compileIpsecProposals(ctx: CompileContext): IpsecProposal[] {
  const ipsec = descend(ctx.root, 'services', 'ipsec-vpn', 'ipsec');
  return entries(ipsec, 'proposal').map(({ name, node }) => {
    const path = [...IPSEC_PATH, 'proposal', name.text];
    const defaulted: string[] = [];
    const protocolText = withDefault(ctx, node, 'protocol', path, IPSEC_DEFAULTS.protocol, defaulted, 'protocol');
    const protocol = protocolText === 'ah' || protocolText === 'bundle' ? protocolText : 'esp';
    const writtenEncryption = leafWord(node, 'encryption-algorithm')?.text;
    const aead = writtenEncryption !== undefined && writtenEncryption.endsWith('-gcm');
    const authenticationAlgorithm =
      leafWord(node, 'authentication-algorithm')?.text ??
      (aead ? undefined : withDefault(ctx, node, 'authentication-algorithm', path, IPSEC_DEFAULTS.authenticationAlgorithm, defaulted, 'authenticationAlgorithm'));
    const encryptionAlgorithm =
      protocol === 'ah'
        ? undefined
        : (writtenEncryption ?? withDefault(ctx, node, 'encryption-algorithm', path, IPSEC_DEFAULTS.encryptionAlgorithm, defaulted, 'encryptionAlgorithm'));
    return {
      name: name.text,
      at: spanOfWord(name),
      implicit: false,
      protocol,
      authenticationAlgorithm,
      encryptionAlgorithm,
      lifetimeSeconds: lifetime(ctx, node, path, IPSEC_DEFAULTS.lifetimeSeconds, defaulted),
      defaulted,
    };
  });
}

export function compileIpsecPolicies(ctx: CompileContext, proposals: readonly IpsecProposal[]): IpsecPolicy[] {
  const ipsec = descend(ctx.root, 'services', 'ipsec-vpn', 'ipsec');
  return entries(ipsec, 'policy').map(({ name, node }) => {
    const path = [...IPSEC_PATH, 'policy', name.text];
    const defaulted: string[] = [];
    const pfsWord = leafWord(child(node, 'perfect-forward-secrecy'), 'keys');
    const proposalNames = namedRefs(child(node, 'proposals'));
    const setWord = leafWord(node, 'proposal-set');
    let resolved: IpsecProposal[] = resolveNames(ctx, proposalNames, proposals, {
      policyKind: 'IPsec policy',
      policy: name.text,
      proposalKind: 'IPsec proposal',
      where: 'services ipsec-vpn ipsec proposal',
    });
    if (setWord) {
      const set = IPSEC_PROPOSAL_SETS[setWord.text];
      if (set) resolved = [...resolved, ...set.map((p) => ({ ...p, at: spanOfWord(setWord), implicit: true, defaulted: [] }))];
      else addProblem(ctx, 'bad-value', `proposal-set ${setWord.text} is not one of basic, compatible, standard`, [spanOfWord(setWord)]);
    }
    if (proposalNames.length === 0 && !setWord) {
      defaulted.push('proposals');
      ctx.defaults.use([...path, 'proposals'], { value: IMPLICIT_IPSEC_PROPOSALS.map((p) => p.name).join(' '), reason: IMPLICIT_IPSEC_REASON, source: 'Junos default' });
      resolved = IMPLICIT_IPSEC_PROPOSALS.map((p) => ({ ...p, at: undefined, implicit: true, defaulted: [] }));
    }
    return {
      name: name.text,
      at: spanOfWord(name),
      pfsGroup: pfsWord ? { group: pfsWord.text, at: spanOfWord(pfsWord) } : undefined,
      proposalNames,
      proposalSet: setWord ? { name: setWord.text, at: spanOfWord(setWord) } : undefined,
      proposals: resolved,
      defaulted,
    };
  });
}
