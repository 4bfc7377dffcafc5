/**
 * cli/version.ts: the package version, read from the root package.json.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export function readVersion(): string {
  // compiled to out/cli/src/version.js: the package root is three folders up
  for (const candidate of [path.join(__dirname, '..', '..', '..', 'package.json'), path.join(__dirname, '..', 'package.json')]) {
    try {
      const pkg = JSON.parse(fs.readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'junos-ipsec' && pkg.version) return pkg.version;
    } catch {
      // try the next place
    }
  }
  return '0.0.0';
}
