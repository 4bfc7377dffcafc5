// Shared helpers for the topology, routing and services tests (not a test file): the bundled example
// folders as network inputs, text edits that must apply, and a compiled network with its tunnels.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compileNetwork, findTunnels, type Network, type NetworkInput, type Tunnel } from '../../../engine/src/index';

/** Repository root, computed from out/test/src/engine/. */
export const repoRoot = path.resolve(__dirname, '../../../..');

export function exampleFolder(name: string): NetworkInput[] {
  const dir = path.join(repoRoot, 'examples', name);
  return fs
    .readdirSync(dir)
    .filter((f) => /\.(conf|set)$/.test(f))
    .sort()
    .map((f) => ({ id: f, text: fs.readFileSync(path.join(dir, f), 'utf8') }));
}

/** Replaces `from` by `to` in file `id` (the text must be there, so a stale fixture fails loudly). */
export function editFile(inputs: NetworkInput[], id: string, from: string, to: string): NetworkInput[] {
  return inputs.map((f) => {
    if (f.id !== id) return f;
    assert.ok(f.text.includes(from), `${id} contains ${JSON.stringify(from)}`);
    return { id, text: f.text.replace(from, to) };
  });
}

export async function compiled(inputs: NetworkInput[]): Promise<{ network: Network; tunnels: Tunnel[] }> {
  const network = await compileNetwork(inputs);
  return { network, tunnels: findTunnels(network) };
}
