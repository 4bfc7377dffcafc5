#!/usr/bin/env node
// scripts/e2e/package-manifest.js: writes the extension's keys of the root package.json (main,
// activationEvents, contributes.commands/menus/keybindings/configuration/semanticTokenScopes and the
// package/bundle/test:e2e scripts) and leaves every other key exactly as it is (order kept).
// Usage: node scripts/e2e/package-manifest.js [--check]   (--check exits 1 when package.json differs)
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const FILE = path.resolve(__dirname, '../../package.json');
const onJunos = "editorLangId == junos && resourceScheme != junos-effective";

const COMMANDS = [
  { command: 'junos.simulateTunnel', title: 'Simulate Tunnel', category: 'Junos', icon: '$(debug-start)' },
  { command: 'junos.convertToSet', title: 'Convert to set Format', category: 'Junos' },
  { command: 'junos.convertToCurly', title: 'Convert to Curly Format', category: 'Junos' },
  { command: 'junos.showEffectiveConfiguration', title: 'Show Effective Configuration', category: 'Junos', icon: '$(layers)' },
  { command: 'junos.restartServer', title: 'Restart Language Server', category: 'Junos' },
  { command: 'junos.showOutput', title: 'Show Output', category: 'Junos' },
  { command: 'junos.showReferences', title: 'Show References', category: 'Junos' },
];

const KEYS = {
  main: './dist/extension.js',
  // `properties`: VS Code gives `.conf`/`.cfg` files that built-in language by their extension and never
  // reads our `firstLine` for them; the extension activates for them so that client/src/language-switch.ts
  // can hand Junos ones to `junos` (the server starts only then). Not plaintext or '*'.
  activationEvents: ['onLanguage:junos', 'onLanguage:properties', 'workspaceContains:**/*.{junos,jcfg,set}', ...COMMANDS.map((c) => `onCommand:${c.command}`)],
  contributes: {
    commands: COMMANDS,
    menus: {
      commandPalette: [
        { command: 'junos.simulateTunnel', when: onJunos },
        { command: 'junos.convertToSet', when: onJunos },
        { command: 'junos.convertToCurly', when: onJunos },
        { command: 'junos.showEffectiveConfiguration', when: onJunos },
        { command: 'junos.showReferences', when: 'false' },
      ],
      'editor/title': [
        { command: 'junos.simulateTunnel', when: onJunos, group: 'navigation@1' },
        { command: 'junos.showEffectiveConfiguration', when: onJunos, group: 'navigation@2' },
      ],
      'editor/context': [
        { command: 'junos.simulateTunnel', when: onJunos, group: 'junos@1' },
        { command: 'junos.convertToSet', when: onJunos, group: 'junos@2' },
        { command: 'junos.convertToCurly', when: onJunos, group: 'junos@3' },
        { command: 'junos.showEffectiveConfiguration', when: onJunos, group: 'junos@4' },
      ],
    },
    keybindings: [
      { command: 'junos.simulateTunnel', key: 'ctrl+alt+s', mac: 'cmd+alt+s', when: `editorTextFocus && ${onJunos}` },
      { command: 'junos.showEffectiveConfiguration', key: 'ctrl+alt+e', mac: 'cmd+alt+e', when: `editorTextFocus && ${onJunos}` },
    ],
    configuration: {
      title: 'Junos',
      properties: {
        'junos.platform': {
          type: 'string',
          enum: ['ms-pic', 'as-pic', 'acx', 'srx'],
          enumDescriptions: [
            'MX with an MS-PIC/MS-MPC services card (`services ipsec-vpn`)',
            'M/T series with an AS-PIC',
            'ACX routers',
            'SRX firewalls (`security ike`/`security ipsec`)',
          ],
          default: 'ms-pic',
          markdownDescription: 'Which Junos platform the configurations are checked, completed and simulated for.',
        },
        'junos.files': {
          type: 'array',
          items: { type: 'string' },
          default: ['**/*.{conf,set,junos,jcfg,cfg}'],
          markdownDescription: 'Glob patterns of workspace files the server reads as Junos configurations (for cross-file references and the simulator). Files are also checked by their first lines.',
        },
        'junos.trace': {
          type: 'string',
          enum: ['off', 'messages', 'verbose'],
          default: 'messages',
          markdownDescription: 'How much the language server writes to the **Junos** output channel.',
        },
      },
    },
    semanticTokenScopes: [
      {
        language: 'junos',
        scopes: {
          keyword: ['keyword.other.junos'],
          string: ['string.quoted.junos'],
          number: ['constant.numeric.junos'],
          comment: ['comment.junos'],
          variable: ['variable.other.junos'],
          property: ['variable.other.property.junos'],
          operator: ['keyword.operator.junos'],
          enumMember: ['constant.language.junos'],
          type: ['entity.name.type.junos'],
          function: ['entity.name.function.junos'],
          namespace: ['entity.name.namespace.junos'],
          parameter: ['variable.parameter.junos'],
          decorator: ['storage.modifier.junos'],
          macro: ['constant.other.secret.junos'],
          // modifiers the server sends (server/src/ide/token-legend.ts): secrets, definitions, wildcards, inactive:/protect:
          'string.readonly': ['constant.other.secret.junos'],
          'variable.declaration': ['entity.name.variable.definition.junos'],
          'type.declaration': ['entity.name.type.interface.definition.junos'],
          'enumMember.defaultLibrary': ['constant.other.wildcard.junos'],
          'keyword.modification': ['storage.modifier.junos'],
        },
      },
    ],
  },
  scripts: {
    bundle: 'node scripts/bundle.js --check',
    package: 'node scripts/bundle.js --minify && vsce package --allow-missing-repository --no-rewrite-relative-links --no-dependencies --out junos-ipsec-$npm_package_version.vsix',
    'test:e2e': 'bash scripts/e2e/run.sh',
  },
};

const pkg = JSON.parse(fs.readFileSync(FILE, 'utf8'));
pkg.main = KEYS.main;
pkg.activationEvents = KEYS.activationEvents;
pkg.contributes = pkg.contributes || {};
for (const key of ['commands', 'menus', 'keybindings', 'configuration', 'semanticTokenScopes']) pkg.contributes[key] = KEYS.contributes[key];
pkg.scripts = pkg.scripts || {};
Object.assign(pkg.scripts, KEYS.scripts);
const text = `${JSON.stringify(pkg, null, 2)}\n`;
if (process.argv.includes('--check')) {
  if (fs.readFileSync(FILE, 'utf8') !== text) {
    console.error('package.json: the extension keys differ from scripts/e2e/package-manifest.js');
    process.exit(1);
  }
} else {
  fs.writeFileSync(FILE, text);
}
