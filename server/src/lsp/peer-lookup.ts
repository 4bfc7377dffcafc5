/**
 * lsp/peer-lookup.ts: which other configuration of the workspace owns an address, for the inlay hint on
 *   a `remote-gateway` (`ide/inlay-hints` asks through its `peers` callback).
 * Owns: the light lookup: the `local-gateway` values (service sets' `ipsec-vpn-options`, also through
 *   groups: the effective tree is read) of every other known configuration, named by `system host-name`
 *   (else the file name) and the file name, e.g. `R3 (r3.conf)`.
 * Must not know: LSP types, how tunnels are negotiated (the engine's `findTunnels` is the full answer; a
 *   hint only needs the owner of an address).
 * Invariants: the document asking is never its own peer; owners in the asking document's folder (one
 *   network, as the simulator sees it) hide owners elsewhere in the workspace; the configurations are
 *   gathered once per callback, on first use; an address owned by several devices names them all, sorted.
 * Tests: test/src/lsp/language-features.test.ts (inlay hints)
 */
import type { ConfigNode } from '../model/index';
import type { ServerContext } from './context';
import { knownConfigurations } from './workspace-analyses';

export function peerFinder(ctx: ServerContext, askingUri: string): (remoteGateway: string) => string | undefined {
  let owners: { near: Map<string, string[]>; far: Map<string, string[]> } | undefined;
  return (remoteGateway) => {
    owners ??= gatewayOwners(ctx, askingUri);
    const address = bareAddress(remoteGateway);
    const names = owners.near.get(address) ?? owners.far.get(address);
    return names && names.length > 0 ? names.join(', ') : undefined;
  };
}

function gatewayOwners(ctx: ServerContext, askingUri: string): { near: Map<string, string[]>; far: Map<string, string[]> } {
  const near = new Map<string, string[]>();
  const far = new Map<string, string[]>();
  const folder = folderOf(askingUri);
  for (const known of knownConfigurations(ctx)) {
    if (known.docId === askingUri) continue;
    const root = known.analysis.model.effective();
    const file = fileName(known.docId);
    const host = hostName(root);
    const label = host !== undefined && host !== file ? `${host} (${file})` : file;
    const owners = folderOf(known.docId) === folder ? near : far;
    for (const address of localGateways(root)) {
      const list = owners.get(address) ?? [];
      if (!list.includes(label)) list.push(label);
      owners.set(address, list.sort());
    }
  }
  return { near, far };
}

function folderOf(uri: string): string {
  return uri.slice(0, uri.lastIndexOf('/') + 1);
}

function child(node: ConfigNode | undefined, keyword: string): ConfigNode[] {
  return node ? node.children.filter((c) => c.keyword === keyword) : [];
}

/** The one word a statement holds: its value, else its key, else (schema-less `opaque` nodes) its first word. */
function soleWord(node: ConfigNode | undefined): string | undefined {
  if (!node) return undefined;
  return node.values[0]?.text ?? node.keys[0]?.text ?? (node.role === 'opaque' ? node.children[0]?.keyword : undefined);
}

function hostName(root: ConfigNode): string | undefined {
  return soleWord(child(child(root, 'system')[0], 'host-name')[0]);
}

function localGateways(root: ConfigNode): string[] {
  const out: string[] = [];
  for (const serviceSet of child(child(root, 'services')[0], 'service-set')) {
    for (const options of child(serviceSet, 'ipsec-vpn-options')) {
      for (const gateway of child(options, 'local-gateway')) {
        // `local-gateway { address A; routing-instance R; }` in the schema; a bare value where it is unknown
        const value = soleWord(child(gateway, 'address')[0]) ?? soleWord(gateway);
        if (value) out.push(bareAddress(value));
      }
    }
  }
  return out;
}

function bareAddress(address: string): string {
  return address.replace(/\/\d+$/, '').toLowerCase();
}

function fileName(uri: string): string {
  return decodeURIComponent(uri.split('/').pop() ?? uri);
}
