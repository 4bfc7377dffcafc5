/**
 * test/model/support/schema-literal.ts: builds `Schema` objects from a compact literal, for model tests that
 *   must not depend on the generated schema, plus `testSchema`, a hand-built slice of Junos 24.4 shaped
 *   like Juniper's YANG (the facts the seed and the fixtures use).
 * Owns: the literal notation:
 *   'string' | 'number' | 'ipv4' | 'prefix' | 'empty' | 'enum:a|b' -> leaf;  'string[]' -> leaf-list;
 *   a leading '~' ('~number') -> a nokeyword leaf (only its value is written);
 *   '*' -> opaque container;  { ... } -> container;  { $list: 'name', ... } -> list keyed by name;
 *   { $list: 'name', $nokeyword: true } -> list written without its keyword;  $presence: true;
 *   $oneliner / $homogeneous: YANG `junos:cli-feature` display hints (see model/print.ts).
 *   Every container and list also gets `apply-groups`/`apply-groups-except` leaf-lists (YANG apply-advanced).
 * Must not know: the model.
 * Tests: used by test/src/model/*.test.ts
 */
import type { Schema, SchemaNode, StatementKind, ValueType } from '../../../../server/src/schema/types';

export type Literal = string | { readonly [name: string]: Literal | boolean | string };

class LiteralNode implements SchemaNode {
  readonly presence: boolean;
  readonly keys: { readonly name: string; readonly type: ValueType }[];
  readonly mandatory = false;
  readonly orderedByUser: boolean;
  readonly opaque: boolean;
  readonly references = [];
  readonly constraints = [];
  readonly nokeyword: boolean;
  readonly oneliner: boolean;
  readonly homogeneous: boolean;
  private readonly byName = new Map<string, SchemaNode>();
  constructor(
    readonly name: string,
    readonly kind: StatementKind,
    opts: {
      type?: ValueType;
      presence?: boolean;
      keys?: string[];
      opaque?: boolean;
      nokeyword?: boolean;
      ordered?: boolean;
      oneliner?: boolean;
      homogeneous?: boolean;
    },
  ) {
    if (opts.type) this.type = opts.type;
    this.presence = opts.presence ?? false;
    this.keys = (opts.keys ?? []).map((k) => ({ name: k, type: { kind: 'string' } as const }));
    this.opaque = opts.opaque ?? false;
    this.nokeyword = opts.nokeyword ?? false;
    this.orderedByUser = opts.ordered ?? false;
    this.oneliner = opts.oneliner ?? false;
    this.homogeneous = opts.homogeneous ?? false;
  }
  readonly type?: ValueType;
  add(child: SchemaNode): void {
    this.byName.set(child.name, child);
  }
  child(name: string): SchemaNode | undefined {
    return this.byName.get(name);
  }
  children(): readonly SchemaNode[] {
    return [...this.byName.values()];
  }
}

function leafType(spec: string): ValueType {
  if (spec === 'empty') return { kind: 'empty' };
  if (spec === 'number') return { kind: 'integer', ranges: [[0, 4294967295]], signed: false, bits: 32 };
  if (spec === 'ipv4') return { kind: 'named', name: 'ipv4address' };
  if (spec === 'prefix') return { kind: 'named', name: 'ipv4prefix' };
  if (spec.startsWith('enum:')) return { kind: 'enumeration', values: spec.slice(5).split('|') };
  return { kind: 'string' };
}

function withApplyGroups(node: LiteralNode): LiteralNode {
  for (const n of ['apply-groups', 'apply-groups-except']) {
    if (!node.child(n)) node.add(new LiteralNode(n, 'leaf-list', { type: { kind: 'string' }, ordered: true }));
  }
  return node;
}

export function schemaNode(name: string, lit: Literal): SchemaNode {
  if (typeof lit === 'string') {
    if (lit === '*') return new LiteralNode(name, 'container', { opaque: true });
    const nokeyword = lit.startsWith('~');
    const spec = nokeyword ? lit.slice(1) : lit;
    if (spec.endsWith('[]')) return new LiteralNode(name, 'leaf-list', { type: leafType(spec.slice(0, -2)), nokeyword });
    return new LiteralNode(name, 'leaf', { type: leafType(spec), nokeyword });
  }
  const listKey = typeof lit['$list'] === 'string' ? (lit['$list'] as string) : undefined;
  const node = new LiteralNode(name, listKey ? 'list' : 'container', {
    presence: lit['$presence'] === true,
    ...(listKey ? { keys: listKey.split(',') } : {}),
    nokeyword: lit['$nokeyword'] === true,
    ordered: lit['$ordered'] === true,
    oneliner: lit['$oneliner'] === true,
    homogeneous: lit['$homogeneous'] === true,
  });
  for (const [k, v] of Object.entries(lit)) {
    if (k.startsWith('$') || typeof v === 'boolean') continue;
    node.add(schemaNode(k, v));
  }
  return withApplyGroups(node);
}

export function schemaOf(rootLit: Literal): Schema {
  const root = schemaNode('configuration', rootLit);
  return { root, release: 'test', stats: { nodes: 0, sharedSubtrees: 0, statements: 0 } };
}

const FAMILY_INET = {
  $presence: true,
  address: { $list: 'name', primary: 'empty', preferred: 'empty' },
  mtu: 'number',
  filter: { input: 'string', output: 'string' },
};

const UNIT = {
  $list: 'name',
  description: 'string',
  'vlan-id': 'number',
  'service-domain': 'enum:inside|outside',
  family: { $homogeneous: true, inet: FAMILY_INET, inet6: { $presence: true, address: { $list: 'name' } }, iso: { $presence: true } },
};

/** A hand-built slice of the Junos schema (names, nesting and kinds as in Juniper's 24.4 YANG). */
export const testSchema: Schema = schemaOf({
  version: 'string',
  system: '*',
  groups: { $list: 'name', $ordered: true, $homogeneous: true },
  interfaces: {
    interface: {
      $list: 'name',
      $nokeyword: true,
      description: 'string',
      mtu: 'number',
      'vlan-tagging': 'empty',
      'services-options': {
        syslog: {
          host: {
            $list: 'name',
            contents: { $list: 'name', $nokeyword: true, $oneliner: true, any: 'empty', info: 'empty', warning: 'empty', error: 'empty' },
          },
        },
      },
      unit: UNIT,
    },
  },
  protocols: {
    ospf: {
      $presence: true,
      area: { $list: 'name', interface: { $list: 'name', passive: { $presence: true }, metric: 'number', 'interface-type': 'enum:p2p|nbma' } },
    },
    bgp: { $presence: true, group: { $list: 'name', type: 'enum:internal|external', 'peer-as': 'string', neighbor: { $list: 'name' }, export: 'string[]' } },
  },
  'routing-options': {
    'router-id': 'ipv4',
    'autonomous-system': { 'as-number': '~string', loops: 'number' },
    static: { route: { $list: 'name', $oneliner: true, 'next-hop': 'string[]', discard: 'empty', preference: 'number' } },
  },
  'policy-options': {
    'prefix-list': { $list: 'name', 'prefix-list-item': { $list: 'name', $nokeyword: true, $oneliner: true } },
    'policy-statement': {
      $list: 'name',
      term: { $list: 'name', $ordered: true, from: { protocol: 'string[]', 'prefix-list': { $list: 'name' } }, then: { accept: 'empty', reject: 'empty' } },
    },
  },
  firewall: {
    family: {
      inet: {
        filter: {
          $list: 'name',
          term: {
            $list: 'name',
            $ordered: true,
            from: {
              'source-address': { $list: 'name', $homogeneous: true, $oneliner: true, except: 'empty' },
              'destination-address': { $list: 'name', $homogeneous: true, $oneliner: true, except: 'empty' },
              protocol: 'string[]',
              'destination-port': 'string[]',
            },
            then: { accept: 'empty', discard: 'empty', count: 'string', log: 'empty' },
          },
        },
      },
    },
  },
  services: {
    'ipsec-vpn': {
      rule: {
        $list: 'name',
        term: {
          $list: 'name',
          from: { 'source-address': { $list: 'name' }, 'destination-address': { $list: 'name' } },
          then: {
            'remote-gateway': 'ipv4',
            dynamic: { 'ike-policy': 'string', 'ipsec-policy': 'string' },
            manual: '*',
            'anti-replay-window-size': 'number',
            'no-anti-replay': 'empty',
          },
        },
        'match-direction': 'enum:input|output|input-output',
      },
      'rule-set': { $list: 'name', rule: { $list: 'name' } },
      ike: {
        proposal: {
          $list: 'name',
          'authentication-method': 'enum:pre-shared-keys|rsa-signatures',
          'dh-group': 'enum:group1|group2|group5|group14',
          'authentication-algorithm': 'string',
          'encryption-algorithm': 'string',
          'lifetime-seconds': 'number',
        },
        policy: {
          $list: 'name',
          version: 'enum:1|2',
          mode: 'enum:main|aggressive',
          proposals: 'string[]',
          'pre-shared-key': { $oneliner: true, 'ascii-text': 'string', hexadecimal: 'string' },
          'local-id': '*',
        },
      },
      ipsec: {
        proposal: {
          $list: 'name',
          protocol: 'enum:ah|esp|bundle',
          'authentication-algorithm': 'string',
          'encryption-algorithm': 'string',
          'lifetime-seconds': 'number',
        },
        policy: { $list: 'name', 'perfect-forward-secrecy': { keys: 'enum:group1|group2|group5|group14' }, proposals: 'string[]' },
      },
      traceoptions: '*',
    },
    'service-set': {
      $list: 'name',
      'interface-service': { 'service-interface': 'string' },
      'next-hop-service': { 'inside-service-interface': 'string', 'outside-service-interface': 'string' },
      'ipsec-vpn-options': { 'local-gateway': 'ipv4' },
      'ipsec-vpn-rules': { $list: 'name' },
    },
  },
  snmp: '*',
});
