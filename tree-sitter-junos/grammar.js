// @ts-check
/**
 * @file Schema-free grammar for Juniper Junos configurations: the curly (hierarchical) form
 *   and the `set` (command) form, freely mixed in one file.
 * @license MIT
 *
 * The grammar never names a Junos statement. It knows only the punctuation of the
 * configuration language, the command verbs of the set form, and the shapes of words.
 *
 * Words are lexed by the external scanner (src/scanner.c), not by regexes here, because
 *  - a Junos word is "anything up to whitespace or ;{}[]\"", and its node kind (number,
 *    address, prefix, interface name, ...) depends on the WHOLE word: a regex lexer
 *    with precedences would split `10.1.1.1x` into an address and an identifier;
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
    // the word kinds, classified by the shape of the whole word
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

  extras: $ => [/\s/, $.comment, $.annotation, $._recovery_space],


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
      repeat1(choice($._word, $.value_list)),
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
      repeat(choice($._word, $.value_list)),
      $._newline,
    ),

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

    // ---- comments ----

    comment: _ => token(seq('#', /[^\r\n]*/)),

    annotation: _ => token(seq('/*', /[^*]*\*+([^/*][^*]*\*+)*/, '/')),
  },
});
