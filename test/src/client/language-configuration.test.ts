/**
 * client/language-configuration.test.ts: `language-configuration.json` and the `junos` language
 *   contribution in the root `package.json` (extensions, `firstLine`, grammar entry).
 * Owns: checking these the way VS Code reads them: `wordPattern` as `new RegExp(pattern, flags)` then made
 *   global (VS Code's `ensureValidWordDefinition`), `firstLine` as `new RegExp(firstLine)` on the first line.
 * Must not know: the language server, the TextMate grammar's rules (tested in tmlanguage.test.ts).
 * Invariants checked: Junos words (interfaces, prefixes, names, secrets, wildcards) are one word each;
 *   every bundled config's first line is recognised and nginx/INI/YAML/shell/Tcl first lines are not;
 *   brackets, comments, auto-closing, indentation rules are present and behave on real lines.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '../../../..');

interface RegExpSetting {
  readonly pattern: string;
  readonly flags?: string;
}

interface LanguageConfiguration {
  readonly comments?: { readonly lineComment?: string; readonly blockComment?: readonly [string, string] };
  readonly brackets?: readonly (readonly [string, string])[];
  readonly autoClosingPairs?: readonly { readonly open: string; readonly close: string; readonly notIn?: readonly string[] }[];
  readonly surroundingPairs?: readonly (readonly [string, string])[];
  readonly folding?: { readonly markers?: { readonly start: string; readonly end: string } };
  readonly indentationRules?: { readonly increaseIndentPattern: string; readonly decreaseIndentPattern: string };
  readonly onEnterRules?: readonly { readonly beforeText: string; readonly afterText?: string }[];
  readonly wordPattern?: string | RegExpSetting;
}

interface LanguageContribution {
  readonly id: string;
  readonly aliases?: readonly string[];
  readonly extensions?: readonly string[];
  readonly firstLine?: string;
  readonly configuration?: string;
}

interface PackageManifest {
  readonly contributes?: {
    readonly languages?: readonly LanguageContribution[];
    readonly grammars?: readonly { readonly language?: string; readonly scopeName: string; readonly path: string }[];
  };
}

function readJson<T>(relative: string): T {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, relative), 'utf8')) as T;
}

const configuration = readJson<LanguageConfiguration>('language-configuration.json');
const manifest = readJson<PackageManifest>('package.json');
const junosLanguage = manifest.contributes?.languages?.find((l) => l.id === 'junos');

/** The word regex as VS Code builds it from the configuration. */
function wordRegExp(): RegExp {
  const setting = configuration.wordPattern;
  assert.ok(setting !== undefined, 'wordPattern is missing');
  const parsed = typeof setting === 'string' ? new RegExp(setting, '') : new RegExp(setting.pattern, setting.flags ?? '');
  let flags = 'g';
  if (parsed.ignoreCase) flags += 'i';
  if (parsed.multiline) flags += 'm';
  if (parsed.unicode) flags += 'u';
  return new RegExp(parsed.source, flags);
}

/** The word VS Code would select at `column` of `line` (as getWordAtText does for short lines). */
function wordAt(line: string, column: number): string | undefined {
  const regex = wordRegExp();
  for (const match of line.matchAll(regex)) {
    const start = match.index ?? 0;
    if (start <= column && column <= start + match[0].length) return match[0];
  }
  return undefined;
}

const WHOLE_WORDS: readonly { readonly line: string; readonly word: string }[] = [
  { line: '            interface ge-0/0/0.0;', word: 'ge-0/0/0.0' },
  { line: 'set interfaces ge-0/0/0 unit 0 family inet address 10.1.12.0/30', word: '10.1.12.0/30' },
  { line: '                address 2001:db8::1/64;', word: '2001:db8::1/64' },
  { line: '                ike-policy ike-demo-policy;', word: 'ike-demo-policy' },
  { line: '    pre-shared-key ascii-text "$9$A4bF0RSLX-sgJSreM87dVGDik.5CtOhSrtpvWXxdVP5T"; ## SECRET-DATA', word: '$9$A4bF0RSLX-sgJSreM87dVGDik.5CtOhSrtpvWXxdVP5T' },
  { line: '            "<ge-*>" {', word: '<ge-*>' },
  { line: '            interface ms-1/2/0.1;', word: 'ms-1/2/0.1' },
  { line: '        area 0.0.0.0 {', word: '0.0.0.0' },
  { line: 'set interfaces xe-1/0/0:2 unit 0', word: 'xe-1/0/0:2' },
  { line: '        vrf-target target:64500:120;', word: 'target:64500:120' },
  { line: '    encrypted-password "$6$Zq7dK1aB$uV0hXv5bq7hR7Dqz3m3Xw0PZ4aQH2k8cB4nP0m1wT6yF9"; ## SECRET-DATA', word: '$6$Zq7dK1aB$uV0hXv5bq7hR7Dqz3m3Xw0PZ4aQH2k8cB4nP0m1wT6yF9' },
];

test('language-configuration.json is valid JSON with comments and brackets', () => {
  assert.equal(configuration.comments?.lineComment, '#');
  assert.deepEqual(configuration.comments?.blockComment, ['/*', '*/']);
  assert.deepEqual(configuration.brackets, [['{', '}'], ['[', ']']]);
  assert.ok(configuration.surroundingPairs?.some(([open, close]) => open === '"' && close === '"'));
});

test('auto-closing pairs: braces, brackets, quotes and annotations, not inside strings', () => {
  const pairs = configuration.autoClosingPairs ?? [];
  for (const open of ['{', '[', '"', '/*']) {
    const pair = pairs.find((p) => p.open === open);
    assert.ok(pair, `no auto-closing pair for ${open}`);
    assert.ok(pair.notIn?.includes('string'), `${open} must not auto-close inside a string`);
  }
  assert.equal(pairs.find((p) => p.open === '/*')?.close.trim(), '*/');
});

for (const { line, word } of WHOLE_WORDS) {
  test(`wordPattern keeps ${word} one word`, () => {
    const start = line.indexOf(word);
    assert.ok(start >= 0);
    for (const column of [start, start + Math.floor(word.length / 2), start + word.length - 1]) {
      assert.equal(wordAt(line, column), word, `at column ${column} of ${JSON.stringify(line)}`);
    }
  });
}

test('wordPattern stops at Junos punctuation and quotes', () => {
  assert.equal(wordAt('        description "to R2 ge-0/0/0";', 29), 'ge-0/0/0');
  assert.equal(wordAt('        description "to R2 ge-0/0/0";', 24), 'R2');
  assert.equal(wordAt('apply-groups [ re-common ge-defaults ];', 16), 're-common');
  assert.equal(wordAt('    unit 0 { family inet; }', 22), 'inet');
  assert.equal(wordAt('pre-shared-key ascii-text "$ABC123"; ## SECRET-DATA', 30), '$ABC123');
});

test('indentation rules: indent after a line ending with `{`, outdent on `}`', () => {
  const rules = configuration.indentationRules;
  assert.ok(rules);
  const increase = new RegExp(rules.increaseIndentPattern);
  const decrease = new RegExp(rules.decreaseIndentPattern);
  for (const line of ['interfaces {', '    inactive: ge-0/0/4 {', '            "<ge-*>" {', '        unit 0 { # spare']) {
    assert.match(line, increase);
  }
  for (const line of ['        description "ends with {";', '    family inet;', '    /* { */', '# a {']) {
    assert.doesNotMatch(line, increase);
  }
  assert.match('    }', decrease);
  assert.match('}', decrease);
  assert.doesNotMatch('    unit 0 {', decrease);
  const between = configuration.onEnterRules?.find((r) => r.afterText !== undefined);
  assert.ok(between && new RegExp(between.beforeText).test('    ipsec {') && new RegExp(between.afterText!).test('}'));
});

test('folding markers are valid regular expressions', () => {
  const markers = configuration.folding?.markers;
  assert.ok(markers);
  assert.match('    # region VPN peers', new RegExp(markers.start));
  assert.match('    # endregion', new RegExp(markers.end));
  assert.doesNotMatch('    # regional office', new RegExp(markers.start));
});

test('package.json contributes the junos language and its grammar', () => {
  assert.ok(junosLanguage, 'no junos language');
  assert.deepEqual([...(junosLanguage.extensions ?? [])].sort(), ['.jcfg', '.junos', '.set']);
  assert.equal(junosLanguage.aliases?.[0], 'Junos');
  assert.equal(path.resolve(repoRoot, junosLanguage.configuration ?? ''), path.join(repoRoot, 'language-configuration.json'));
  const grammar = manifest.contributes?.grammars?.find((g) => g.scopeName === 'source.junos');
  assert.ok(grammar);
  assert.equal(grammar.language, 'junos');
  assert.ok(fs.existsSync(path.resolve(repoRoot, grammar.path)), `${grammar.path} is missing`);
});

function firstLineRegExp(): RegExp {
  assert.ok(junosLanguage?.firstLine, 'no firstLine');
  return new RegExp(junosLanguage.firstLine);
}

function bundledConfigs(): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(conf|set)$/.test(entry.name)) found.push(full);
    }
  };
  walk(path.join(repoRoot, 'examples'));
  walk(path.join(repoRoot, 'test', 'fixtures', 'realworld'));
  return found.sort();
}

test('firstLine recognises the first line of every bundled config', () => {
  const files = bundledConfigs();
  assert.ok(files.length >= 20, `only ${files.length} configs found`);
  const regex = firstLineRegExp();
  for (const file of files) {
    const first = fs.readFileSync(file, 'utf8').split(/\r?\n/, 1)[0] ?? '';
    assert.match(first, regex, path.relative(repoRoot, file));
  }
});

test('firstLine recognises other ways a Junos config starts', () => {
  const regex = firstLineRegExp();
  for (const first of ['## Last changed: 2025-01-01 10:00:00 UTC', 'version 21.2R3-S4.8;', '[edit]',
    '[edit security ike]', 'inactive: system {', 'security {', 'policy-options {', 'delete protocols ospf',
    'set system host-name R1']) {
    assert.match(first, regex, first);
  }
});

test('firstLine rejects nginx, INI, YAML, shell and Tcl files', () => {
  const regex = firstLineRegExp();
  for (const first of ['user  nginx;', 'worker_processes auto;', 'events {', 'http {', 'server {',
    '[general]', '; settings for the backup job', 'name = value',
    '---', 'version: "3.8"', 'services:', 'system: {}',
    '#!/bin/sh', 'set -e', 'set x 5', '# interfaces {', '']) {
    assert.doesNotMatch(first, regex, JSON.stringify(first));
  }
});
