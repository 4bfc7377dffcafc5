// @ts-check
/**
 * @file Schema-free grammar for Juniper Junos configurations: the curly (hierarchical) form
 *   and the `set` (command) form, freely mixed in one file.
 * @license MIT
 *
 * The grammar never names a Junos statement. It knows only the punctuation of the
 * configuration language, the command verbs of the set form, and the shapes of words.
 *
 * Words are lexed by regexes here (see "word shapes" below), so that their leaves are stored
 * inline in the tree; the external scanner (src/scanner.c) keeps what needs context or state:
 *  - a Junos word is "anything up to whitespace or ;{}[]\"", and its node kind (number,
 *    address, prefix, interface name, ...) depends on the WHOLE word: the regexes all match whole
 *    words with equal precedence, so the longest match is the whole word and `10.1.1.1x` stays one
 *    identifier (a higher precedence would stop the lexer after `10.1.1.1`);
 *  - newlines end a set command but are plain whitespace everywhere else;
 *  - `set`, `delete`, ... are verbs only where a command may start (top level), and
 *    `inactive:`-style prefixes are modifiers only where a statement may start; but a verb in
 *    column 0 inside the words of a statement that has no `;` yet is a verb too (the parser then
 *    ends that statement on the line before with a missing `;`), so a half-typed set line does
 *    not turn the rest of the file into the words of one statement. An indented verb stays a word.
 * The scanner decides these from `valid_symbols`, so no conflicts are declared.
 *
 * Node kinds are a contract with server/src/syntax and server/src/model: add kinds or fields
 * freely, rename none. Corpus tests: test/corpus/*.txt (one file per topic).
 */

// ---- word shapes, for the grammar's own lexer ----
// A token the grammar's lexer produces is stored inline in its parent (8 bytes); one the external
// scanner produces is a heap node (~80 bytes). So the words are lexed here, by regexes that give a
// whole word the kind the scanner's `classify_bare` gives it (kept as the reference in
// src/scanner.c): every kind is a regex over the same word characters, the lexer takes the longest
// match (so `10.1.1.1x` is one identifier, never an address and an identifier), and a word that two
// kinds match whole gets the kind declared first below (secret, wildcard, number, addresses,
// prefixes, interface names, then identifier). All kinds have the same (default) precedence: a
// higher one would stop the lexer at the end of a shorter match.
// The scanner keeps what needs state or context: verbs, modifiers, banners, significant newlines,
// unterminated strings and annotations, and words whose leading lowercase run is 38 characters or
// more (the slotted-interface shape is exact here only up to that; the scanner then classifies the
// whole word itself, as it did for every word).

/** The blanks of the scanner's is_space; `\s` would differ (U+0085, U+2000.. are word characters). */
const BLANK = ' \\t\\n\\r\\f\\v\\u00a0\\ufeff\\u2028\\u2029';
/** A character of a bare word. */
const WORD_CHAR = `[^${BLANK};{}\\[\\]"]`;
const OCTET = '(25[0-5]|2[0-4][0-9]|[01][0-9][0-9]|[0-9][0-9]?)';
const IPV4 = `${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}`;
const HEX_GROUP = '[0-9a-fA-F]{1,4}';

/** 1..3 decimal digits whose value is at most `max` (32 or 128), as the scanner's read_decimal reads them. */
function lengthUpTo(max) {
  return max === 32
    ? '([0-9]|[0-2][0-9]|3[0-2]|0[0-2][0-9]|03[0-2])'
    : '([0-9]|[0-9][0-9]|0[0-9][0-9]|1[01][0-9]|12[0-8])';
}

/** `count` groups (an embedded IPv4 address at the end counts two), joined by `:`; count >= 1. */
function ipv6Groups(count) {
  const plain = `(${HEX_GROUP}:){${count - 1}}${HEX_GROUP}`.replace('{0}', '{0,0}');
  if (count < 2) return `(${plain})`;
  const withIpv4 = count === 2 ? IPV4 : `(${HEX_GROUP}:){${count - 2}}${IPV4}`;
  return `(${plain}|${withIpv4})`;
}

/** The scanner's is_ipv6: 8 groups, or fewer around one `::`. */
function ipv6() {
  const full = ipv6Groups(8);
  const compressed = [];
  for (let before = 0; before <= 7; before++) {
    const head = before === 0 ? '' : `(${HEX_GROUP}:){${before - 1}}${HEX_GROUP}`.replace('{0}', '{0,0}');
    const tails = [''];
    for (let after = 1; before + after <= 7; after++) tails.push(ipv6Groups(after));
    compressed.push(`${head}::(${tails.filter((t) => t).join('|')})?`);
  }
  return `(${full}|${compressed.join('|')})`;
}

const NUMBERED_MEDIA = ['ae', 'lo', 'fxp', 'em', 'me', 'st', 'reth', 'fab', 'pp', 'dl', 'ps', 'bme', 'ams', 'swfab', 'rlsq', 'vtep'];
const UNIT_ONLY_MEDIA = ['irb', 'vlan', 'vme', 'dsc', 'tap', 'gre', 'ipip', 'lsi', 'mtun', 'pimd', 'pime', 'jsrv', 'esi', 'cbp', 'pip'];
const BARE_MEDIA = ['irb', 'vme', 'jsrv', 'dsc'];
const INTERFACE = [
  // `ge-0/0/0`, `xe-1/0/0:2.100`: a media name of at most 37 characters (longer runs are the scanner's)
  '[a-z][a-z0-9]{0,36}-[0-9]{1,4}/[0-9]{1,4}/[0-9]{1,4}(:[0-9]{1,4})?(\\.[0-9]{1,5})?',
  `(${NUMBERED_MEDIA.join('|')})[0-9]{1,5}(\\.[0-9]{1,5})?`,
  `(${UNIT_ONLY_MEDIA.join('|')})\\.[0-9]{1,5}`,
  `(${BARE_MEDIA.join('|')})`,
].join('|');

/** What a quoted string holds between its quotes: anything, a backslash escaping any character. */
const QUOTED_CHAR = '([^"\\\\]|\\\\(.|\\n))';

const rx = (source) => new RegExp(source);

/**
 * Zero or more `item`s, the first `k` of them children of the rule itself. Tree-sitter keeps a
 * `repeat` as a balanced tree of hidden nodes (~100 bytes each); items written out in the rule
 * are its own children, so a rule with at most `k` items holds no hidden node at all. The visible
 * tree is the same. `k` stays small: the word kinds are a choice of ten, and `tree-sitter
 * generate` expands the choices of each written-out item (3 takes about a second, 4 fifteen).
 */
function upTo(item, k) {
  let rest = repeat(item);
  for (let i = 0; i < k; i++) rest = optional(seq(item, rest));
  return rest;
}

/** Items of a statement or a command written out before the rest goes into a repeat. */
const LEADING_ITEMS = 3;

/**
 * One to `k` items, then `rest` after the k-th: seq(item, optional(seq(item, ... optional(rest)))).
 * A set command's words beyond its first LEADING_ITEMS go into hidden nodes of up to three words
 * each (`_command_words`, then `_command_words_more`, then a repeat), not into a repeat: a repeat of
 * n items is n - 1 hidden nodes (~100 bytes each, every word but one), a block of three words is one
 * (a generated 100k-line set file, ~7 words a command, held 359k repeat nodes, 35.6 MB in a native
 * build, now 164k blocks, 17.8 MB; scripts/bench/wasm-memory-bench.js has the wasm numbers). The
 * levels are named rules, not a recursion, so a long (or broken) run of words still ends in a
 * balanced repeat, never in a chain as deep as it is long. Like `upTo`, `k` stays small.
 */
function itemsThen(item, k, rest) {
  let items = rest;
  for (let i = 0; i < k; i++) items = i === 0 ? seq(item, items) : seq(item, optional(items));
  return items;
}

export default grammar({
  name: 'junos',

  externals: $ => [
    // ends a set-form command; produced only while a command is open
    $._newline,
    // `inactive:`, `protect:`, `replace:` ... before the words of a statement
    $.modifier,
    // set, delete, activate, ... at the start of a top-level command
    $.verb,
    // `[edit` opening a pasted banner line at the top level
    $._banner_open,
    // the word kinds, also rules below: the scanner returns one only for a word with a leading
    // lowercase run of 38 characters or more; the grammar's lexer lexes every other word
    $.identifier,
    $.number,
    $.ipv4_address,
    $.ipv4_prefix,
    $.ipv6_address,
    $.ipv6_prefix,
    $.interface_name,
    $.string,
    $.secret,
    $.wildcard,
    // mistakes the scanner recognises: valid nowhere, so the parser wraps them in an ERROR;
    // each ends at its first line break so the lines after it still parse
    $.unterminated_string, // a `"` never closed
    $.unterminated_annotation, // a `/*` never closed
    $.unterminated_banner, // `[edit ...` without `]` on its line
    // blanks while recovering from an error (see scan_recovery_space in the scanner)
    $._recovery_space,
    // zero-width mark opening a hidden top-level chunk (see `configuration`)
    $._chunk_start,
    // never produced; valid only while the parser recovers from an error
    $._error_sentinel,
    // zero-width, before a `}` that starts a line after the words of a statement that has no `;`
    // yet: valid only right before a block's `}`, so the parser ends the unended statement with a
    // missing `;` on its own line instead of skipping the `}` (see `block`)
    $.unended_close,
  ],

  extras: $ => [rx(`[${BLANK}]`), $.comment, $.annotation, $._recovery_space],


  // None: every place where two readings of a word compete (verb or word, modifier or word,
  // banner or value list, significant newline or blank) is settled by the scanner from the
  // parse state's valid symbols, so the LR table has no conflicts to declare.
  conflicts: _ => [],

  // `_word` is inlined rather than a supertype: a supertype is a hidden node wrapping every word,
  // one more heap node per word in the tree (a set-form file is mostly words: 100k lines held
  // ~760k of them, 73 MB of wasm heap). The visible tree is the same.
  inline: $ => [$._item, $._word],

  rules: {
    // The top level is cut into hidden chunks. Tree-sitter keeps a repetition as a balanced tree
    // of hidden nodes, but each such node reduced while the next item was already in sight is
    // "fragile": an incremental reparse never reuses it, so a flat list of N items is rebuilt (N
    // shifts, N new nodes) after every edit, and a set-form file is exactly that (100k commands
    // side by side). A `_chunk` is reduced only when the next `_chunk_start` or the end of input
    // is in sight, so it is not fragile and a reparse reuses it whole: it rebuilds the list of
    // chunks and the edited chunk, not every item. The scanner opens a chunk at the first item and
    // after a set command whose next line hashes to a boundary (about one line in 256; the hash
    // reads that line only, so an edit moves no other boundary), never before a quote or `[` nor
    // while recovering from an error, so error recovery gives the trees it gave without chunks. Chunks are hidden: the visible tree (kinds, fields,
    // ranges) is the one a flat `repeat(_item)` gives.
    configuration: $ => repeat(choice($._item, $._chunk)),

    // right-associative: an item after a chunk's items belongs to the chunk, so a chunk ends only
    // at the next `_chunk_start` or at the end of input
    _chunk: $ => prec.right(seq($._chunk_start, repeat1($._item))),

    _item: $ => choice($.statement, $.command, $.banner),

    // ---- hierarchical form ----

    statement: $ => seq(
      optional(field('modifier', $.modifier)),
      choice($._word, $.value_list),
      upTo(choice($._word, $.value_list), LEADING_ITEMS - 1),
      choice(';', field('body', $.block)),
    ),

    // `unended_close` (zero-width) is lexed only where the parser cannot take it: in the words of
    // a statement, before a line whose first non-blank is `}`. The parser can take it after a
    // missing `;`, which makes that the cheapest recovery (a recovery plus one missing tree, 610),
    // so a half-typed line (`d`) inside a block stays one problem on its line. Without it, skipping
    // the `}` (a recovery plus one skipped one-character tree, 601) won on large files and nested
    // the rest of the file one level deeper (a missing `}` at its end). It is visible because a
    // hidden token costs nothing to skip. After the missing `;` the parser lexes the `}` again, so
    // no tree of valid or half-typed input holds it; it could only show inside an ERROR.
    block: $ => seq('{', repeat($.statement), optional($.unended_close), '}'),

    value_list: $ => seq('[', repeat($._word), ']'),

    // ---- set form ----

    command: $ => seq(
      field('verb', $.verb),
      optional(itemsThen(choice($._word, $.value_list), LEADING_ITEMS, optional($._command_words))),
      $._newline,
    ),

    // hidden: the words of a command after its third, three at a time (see `itemsThen`)
    _command_words: $ => itemsThen(choice($._word, $.value_list), 3, optional($._command_words_more)),

    _command_words_more: $ => itemsThen(choice($._word, $.value_list), 3, repeat(choice($._word, $.value_list))),

    banner: $ => seq(alias($._banner_open, '[edit'), repeat($._word), ']'),

    // ---- words ----

    _word: $ => choice(
      $.identifier,
      $.number,
      $.ipv4_address,
      $.ipv4_prefix,
      $.ipv6_address,
      $.ipv6_prefix,
      $.interface_name,
      $.string,
      $.secret,
      $.wildcard,
    ),

    // The word kinds, in the order that settles a word two of them match whole (see the top).
    secret: _ => token(choice(
      rx(`\\$[1569]\\$${WORD_CHAR}*`),
      rx(`"\\$[1569]\\$${QUOTED_CHAR}*"`),
    )),

    wildcard: _ => token(choice(
      rx(`<${WORD_CHAR}*>`),
      rx(`"<${QUOTED_CHAR}*>"`),
      rx(`"<${QUOTED_CHAR}*\\\\>"`),
    )),

    number: _ => token(rx('[0-9]{1,63}')),

    ipv4_address: _ => token(rx(IPV4)),

    ipv4_prefix: _ => token(rx(`${IPV4}/${lengthUpTo(32)}`)),

    ipv6_address: _ => token(rx(ipv6())),

    ipv6_prefix: _ => token(rx(`${ipv6()}/${lengthUpTo(128)}`)),

    interface_name: _ => token(rx(INTERFACE)),

    string: _ => token(rx(`"${QUOTED_CHAR}*"`)),

    // `#` starts a comment and `/*` an annotation only at the start of a word
    identifier: _ => token(choice(
      rx(`[^${BLANK};{}\\[\\]"#/]${WORD_CHAR}*`),
      rx(`/([^${BLANK};{}\\[\\]"*]${WORD_CHAR}*)?`),
    )),

    // ---- comments ----

    comment: _ => token(seq('#', /[^\r\n]*/)),

    annotation: _ => token(seq('/*', /[^*]*\*+([^/*][^*]*\*+)*/, '/')),
  },
});
