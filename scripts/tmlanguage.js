// Generates syntaxes/junos.tmLanguage.json (the committed artifact) from readable word shapes.
// Usage: node scripts/tmlanguage.js syntaxes/junos.tmLanguage.json
'use strict';
const fs = require('fs');

// ---- word shapes (mirror tree-sitter-junos/src/scanner.c) ----
const DELIM = `\\s;{}\\[\\]"`;                 // a bare word ends at these
const START = `(?<![^${DELIM}])`;               // at the start of a word
const END = `(?=[${DELIM}]|$)`;                 // at the end of a word
const WORD_CHAR = `[^${DELIM}]`;
const OCTET = `(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])`;
const IPV4 = `(?:${OCTET}\\.){3}${OCTET}`;
const H = `[0-9A-Fa-f]{1,4}`;
const IPV6 = `(?:(?:${H}:){7}${H}|(?:${H}(?::${H})*)?::(?:(?:${H}:)*(?:${IPV4}|${H}))?)`;
const IPV4_PREFIX = `${IPV4}/(?:3[0-2]|[12]?[0-9])`;
const IPV6_PREFIX = `${IPV6}/(?:12[0-8]|1[01][0-9]|[1-9]?[0-9])`;
const SLOTTED_IFACE = `[a-z][a-z0-9]*-[0-9]{1,4}/[0-9]{1,4}/[0-9]{1,4}(?::[0-9]{1,4})?(?:\\.[0-9]{1,5})?`;
const NUMBERED_IFACE = `(?:ae|lo|fxp|em|me|st|reth|fab|pp|dl|ps|bme|ams|swfab|rlsq|vtep)[0-9]{1,5}(?:\\.[0-9]{1,5})?`;
const UNIT_ONLY_IFACE = `(?:irb|vlan|vme|dsc|tap|gre|ipip|lsi|mtun|pimd|pime|jsrv|esi|cbp|pip)\\.[0-9]{1,5}|irb|vme|jsrv|dsc`;
const IFACE = `(?:${SLOTTED_IFACE}|${NUMBERED_IFACE}|${UNIT_ONLY_IFACE})`;
const SECRET = `\\$[1569]\\$${WORD_CHAR}*`;
const WILDCARD = `<${WORD_CHAR}*>`;
const VERSION = `[0-9]+\\.[0-9]+[A-Z][0-9]+(?:[.-][0-9A-Za-z.-]*)?`;
const NUMBER = `-?[0-9]+(?:\\.[0-9]+)?`;
const TYPED = `(?:${SECRET}|${WILDCARD}|${IPV4_PREFIX}|${IPV4}|${IPV6_PREFIX}|${IPV6}|${IFACE}|${VERSION}|${NUMBER})${END}`;
const MODIFIER = `[a-z]+:`;
// a word that is a plain name: not a comment, an annotation, a modifier, or a typed shape
const NAME = `(?![#])(?!/\\*)(?!${MODIFIER}(?:\\s|$))(?!${TYPED})${WORD_CHAR}+`;
// any other word; typed words win over it because their patterns come first and match at the same start
const VALUE = `(?![#])(?!/\\*)${WORD_CHAR}+`;

const VERBS = ['set', 'delete', 'activate', 'deactivate', 'protect', 'unprotect', 'annotate', 'edit', 'top', 'up', 'exit', 'quit', 'run', 'show'];

/**
 * One rule for every bare word: the alternatives are tried in order at the word's start, so a typed shape
 * (secret, wildcard, address, prefix, interface, version, number) wins over the plain word, which gets
 * `plainScope`. One regex instead of ten keeps the scanner fast on long set-form lines.
 */
function wordsRule(plainScope) {
  const shapes = [
    [SECRET, 'constant.other.secret.junos'],
    [WILDCARD, 'constant.other.wildcard.junos'],
    [IPV4_PREFIX, 'constant.numeric.ipv4-prefix.junos'],
    [IPV4, 'constant.numeric.ipv4-address.junos'],
    [IPV6_PREFIX, 'constant.numeric.ipv6-prefix.junos'],
    [IPV6, 'constant.numeric.ipv6-address.junos'],
    [IFACE, 'entity.name.type.interface.junos'],
    [VERSION, 'constant.other.version.junos'],
    [NUMBER, 'constant.numeric.integer.junos'],
    [VALUE, plainScope],
  ];
  const captures = {};
  shapes.forEach(([, scope], i) => { captures[i + 1] = { name: scope }; });
  const alternatives = shapes.map(([re]) => `(${re})${END}`);
  return { match: `${START}(?:${alternatives.join('|')})`, captures };
}

const grammar = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'Junos',
  scopeName: 'source.junos',
  comment: [
    'Schema-free TextMate grammar for Junos configurations, curly and set forms (scope source.junos).',
    'It names no statement: only the set-form verbs, `inactive:`-style modifiers and the shapes of words',
    '(these mirror tree-sitter-junos/src/scanner.c). The language server\'s semantic tokens refine it.',
    'Scopes: keyword.other.statement (first word of a statement, or of a set command after its verb),',
    'variable.other.value (other plain words), keyword.control.verb / .preposition / .edit (set form),',
    'storage.modifier, string.quoted.double, constant.other.secret (dim it with a *.secret.junos rule),',
    'constant.other.wildcard, constant.numeric.{ipv4,ipv6}-{address,prefix}, entity.name.type.interface,',
    'constant.other.version, constant.numeric.integer, comment.line.number-sign(.secret-data),',
    'comment.block.annotation, meta.banner, meta.command. Tests: test/src/client/tmlanguage.test.ts',
  ].join(' '),
  fileTypes: ['junos', 'jcfg', 'set'],
  patterns: [
    { include: '#comments' },
    { include: '#banner' },
    { include: '#command' },
    { include: '#statement-head' },
    { include: '#modifier' },
    { include: '#words' },
    { include: '#punctuation' },
  ],
  repository: {
    comments: {
      patterns: [
        {
          comment: 'the `## SECRET-DATA` marker Junos prints after a secret',
          match: `${START}(##)\\s*(SECRET-DATA)\\b.*$`,
          name: 'comment.line.number-sign.secret-data.junos',
          captures: { 1: { name: 'punctuation.definition.comment.junos' }, 2: { name: 'keyword.other.secret-data.junos' } },
        },
        {
          match: `${START}(#).*$`,
          name: 'comment.line.number-sign.junos',
          captures: { 1: { name: 'punctuation.definition.comment.junos' } },
        },
        {
          comment: '/* annotation */ (may span lines)',
          begin: `${START}/\\*`,
          end: '\\*/',
          name: 'comment.block.annotation.junos',
          beginCaptures: { 0: { name: 'punctuation.definition.comment.begin.junos' } },
          endCaptures: { 0: { name: 'punctuation.definition.comment.end.junos' } },
        },
      ],
    },
    banner: {
      comment: '[edit a b c] pasted from a CLI prompt; ends at `]` or at the end of its line',
      begin: '^\\s*(\\[)(edit)(?=[\\s\\]])',
      beginCaptures: { 1: { name: 'punctuation.definition.banner.begin.junos' }, 2: { name: 'keyword.control.edit.junos' } },
      end: '(\\])|$',
      endCaptures: { 1: { name: 'punctuation.definition.banner.end.junos' } },
      name: 'meta.banner.junos',
      patterns: [{ include: '#strings' }, wordsRule('entity.name.section.path.junos')],
    },
    command: {
      comment: 'a set-form command: a verb at the start of a line, then words to the end of the line',
      patterns: [
        {
          begin: '^(insert)(?=\\s|$)',
          beginCaptures: { 1: { name: 'keyword.control.verb.junos' } },
          end: '$',
          name: 'meta.command.insert.junos',
          patterns: [
            { include: '#command-head' },
            { match: `${START}(before|after)${END}`, name: 'keyword.control.preposition.junos' },
            { include: '#command-words' },
          ],
        },
        {
          begin: '^(rename|copy)(?=\\s|$)',
          beginCaptures: { 1: { name: 'keyword.control.verb.junos' } },
          end: '$',
          name: 'meta.command.rename.junos',
          patterns: [
            { include: '#command-head' },
            { match: `${START}(to)${END}`, name: 'keyword.control.preposition.junos' },
            { include: '#command-words' },
          ],
        },
        {
          begin: `^(${VERBS.join('|')})(?=\\s|$)`,
          beginCaptures: { 1: { name: 'keyword.control.verb.junos' } },
          end: '$',
          name: 'meta.command.junos',
          patterns: [{ include: '#command-head' }, { include: '#command-words' }],
        },
      ],
    },
    'command-head': {
      comment: 'the first word after the verb names a top-level statement',
      match: `\\G\\s+(${NAME})`,
      captures: { 1: { name: 'keyword.other.statement.junos' } },
    },
    'command-words': {
      patterns: [{ include: '#comments' }, { include: '#words' }, { include: '#punctuation' }],
    },
    'statement-head': {
      comment: 'curly form: the first word of a statement (after indentation, `{`, `}` or `;`), optionally after a modifier',
      match: `(?:^|(?<=[{};]))\\s*+(?:(${MODIFIER})\\s+)?(${NAME})`,
      captures: { 1: { name: 'storage.modifier.junos' }, 2: { name: 'keyword.other.statement.junos' } },
    },
    modifier: {
      comment: '`inactive:`, `protect:`, `replace:` ... before a statement whose first word is typed (`inactive: ge-0/0/4 {`)',
      match: `(?:^|(?<=[{};]))\\s*+(${MODIFIER})(?=\\s)`,
      captures: { 1: { name: 'storage.modifier.junos' } },
    },
    words: {
      patterns: [{ include: '#strings' }, wordsRule('variable.other.value.junos')],
    },
    strings: {
      patterns: [
        {
          comment: 'a quote never closed on its line: marked, and ended there so the next lines are unaffected',
          match: '(")((?:[^"\\\\]|\\\\.)*\\\\?)$',
          name: 'string.quoted.double.junos',
          captures: { 1: { name: 'punctuation.definition.string.begin.junos' }, 2: { name: 'invalid.illegal.unterminated-string.junos' } },
        },
        {
          begin: '"',
          beginCaptures: { 0: { name: 'punctuation.definition.string.begin.junos' } },
          end: '"',
          endCaptures: { 0: { name: 'punctuation.definition.string.end.junos' } },
          name: 'string.quoted.double.junos',
          patterns: [
            { match: '\\G\\$[1569]\\$(?:[^"\\\\]|\\\\.)*(?=")', name: 'constant.other.secret.junos' },
            { match: '\\G<[^"\\\\]*>(?=")', name: 'constant.other.wildcard.junos' },
            { match: '\\\\.', name: 'constant.character.escape.junos' },
          ],
        },
      ],
    },
    punctuation: {
      comment: 'one regex for all punctuation (one scanner entry instead of five)',
      match: '(\\{)|(\\})|(\\[)|(\\])|(;)',
      captures: {
        1: { name: 'punctuation.section.block.begin.junos' },
        2: { name: 'punctuation.section.block.end.junos' },
        3: { name: 'punctuation.section.brackets.begin.junos' },
        4: { name: 'punctuation.section.brackets.end.junos' },
        5: { name: 'punctuation.terminator.statement.junos' },
      },
    },
  },
};

fs.writeFileSync(process.argv[2], JSON.stringify(grammar, null, 2) + '\n');
