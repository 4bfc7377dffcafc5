/*
 * External scanner for tree-sitter-junos: the tokens that need context or state (the word kinds
 * are the grammar's regexes, see grammar.js "word shapes"; classify_bare here is their reference).
 *
 * Owns: when a newline is significant, when a word is a command verb or a statement modifier,
 *   `[edit` banners, where an unterminated string or annotation stops, where a hidden top-level
 *   chunk starts, the `unended_close` before a `}` line, and the kind of a word whose leading
 *   lowercase run is LONG_RUN characters or more (beyond what the interface regex covers).
 * Must not know: any Junos statement name (the grammar is schema-free).
 * Invariants: the only state is one flag, "a chunk starts at the next item", set at the start
 *   of input and by a command-ending newline whose next line hashes to a chunk boundary (the
 *   hash reads that line only), cleared by every other token of this scanner (the grammar's
 *   tokens leave it: tree-sitter restores the state of the last external token); never reads past
 *   the word it returns, nor past a word or closed string it leaves to the grammar's lexer (so those
 *   leaves stay inline), except that such a newline reads the next line and an unclosed-annotation
 *   check reads to the `*` `/`; never returns a zero-width token except the newline at end of input,
 *   `_chunk_start` (never while recovering) and `unended_close`; a verb (or `[edit` banner) in
 *   column 0 inside the words of an unended statement or value list is lexed as a verb (banner)
 *   although the parser cannot take it there, so a half-typed line ends at its own line; likewise a
 *   zero-width `unended_close` before a `}` that is the first non-blank of its line inside such
 *   words (nowhere else is a token returned that the parse state does not expect, except the
 *   unterminated_* mistakes).
 * Tests: test/corpus/words.txt, test/corpus/set.txt, test/corpus/errors.txt,
 *   test/src/syntax/typing.test.ts.
 */

#include "tree_sitter/parser.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum TokenType {
  NEWLINE,
  MODIFIER,
  VERB,
  BANNER_OPEN,
  IDENTIFIER,
  NUMBER,
  IPV4_ADDRESS,
  IPV4_PREFIX,
  IPV6_ADDRESS,
  IPV6_PREFIX,
  INTERFACE_NAME,
  STRING,
  SECRET,
  WILDCARD,
  UNTERMINATED_STRING,
  UNTERMINATED_ANNOTATION,
  UNTERMINATED_BANNER,
  RECOVERY_SPACE,
  CHUNK_START,
  ERROR_SENTINEL,
  UNENDED_CLOSE,
};

/* Words longer than this are never addresses, numbers or interface names. */
#define WORD_BUFFER_SIZE 64

typedef struct {
  char text[WORD_BUFFER_SIZE];
  uint32_t length;   /* characters seen (may exceed the buffer) */
  bool ascii_only;   /* every character seen was ASCII */
  int32_t last;      /* last character seen */
} WordText;

static void word_text_push(WordText *word, int32_t c) {
  if (c < 0 || c > 0x7f) word->ascii_only = false;
  if (word->length < WORD_BUFFER_SIZE) word->text[word->length] = (char)c;
  word->length++;
  word->last = c;
}

static bool word_text_fits(const WordText *word) {
  return word->ascii_only && word->length < WORD_BUFFER_SIZE;
}

static bool is_space(int32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0xa0 ||
         c == 0xfeff || c == 0x2028 || c == 0x2029;
}

/* Characters that end a bare word. `#` and `/` are word characters except at word start. */
static bool ends_bare_word(int32_t c) {
  return is_space(c) || c == ';' || c == '{' || c == '}' || c == '[' || c == ']' || c == '"';
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
static bool is_hex(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Reads 1..max_digits decimal digits at s[*i]; stores the value. */
static bool read_decimal(const char *s, uint32_t n, uint32_t *i, uint32_t max_digits, uint32_t *value) {
  uint32_t start = *i;
  uint32_t v = 0;
  while (*i < n && is_digit(s[*i]) && *i - start < max_digits + 1) {
    v = v * 10 + (uint32_t)(s[*i] - '0');
    (*i)++;
  }
  uint32_t count = *i - start;
  if (count == 0 || count > max_digits) return false;
  *value = v;
  return true;
}

static bool all_digits(const char *s, uint32_t n) {
  if (n == 0) return false;
  for (uint32_t i = 0; i < n; i++) if (!is_digit(s[i])) return false;
  return true;
}

static bool is_ipv4(const char *s, uint32_t n) {
  uint32_t i = 0;
  for (int part = 0; part < 4; part++) {
    uint32_t octet;
    if (part > 0) {
      if (i >= n || s[i] != '.') return false;
      i++;
    }
    if (!read_decimal(s, n, &i, 3, &octet) || octet > 255) return false;
  }
  return i == n;
}

static bool is_ipv6(const char *s, uint32_t n) {
  uint32_t i = 0;
  uint32_t groups = 0;
  bool compressed = false;
  if (n < 2) return false;
  if (s[0] == ':') {
    if (s[1] != ':') return false;
    compressed = true;
    i = 2;
    if (i == n) return true;
  }
  while (i < n) {
    uint32_t start = i;
    while (i < n && is_hex(s[i])) i++;
    if (i < n && s[i] == '.') {
      if (!is_ipv4(s + start, n - start)) return false;
      groups += 2;
      i = n;
      break;
    }
    if (i == start || i - start > 4) return false;
    groups++;
    if (i == n) break;
    if (s[i] != ':') return false;
    i++;
    if (i < n && s[i] == ':') {
      if (compressed) return false;
      compressed = true;
      i++;
    } else if (i == n) {
      return false;
    }
  }
  return compressed ? groups <= 7 : groups == 8;
}

/* Splits `address/length`; returns false when there is no `/`. */
static bool split_prefix(const char *s, uint32_t n, uint32_t max_length, uint32_t *address_length) {
  for (uint32_t i = 0; i < n; i++) {
    if (s[i] != '/') continue;
    uint32_t j = i + 1;
    uint32_t value;
    if (!read_decimal(s, n, &j, 3, &value) || j != n || value > max_length) return false;
    *address_length = i;
    return true;
  }
  return false;
}

static bool has_prefix(const char *s, uint32_t n, const char *prefix) {
  uint32_t k = (uint32_t)strlen(prefix);
  return n >= k && memcmp(s, prefix, k) == 0;
}

static bool equals(const char *s, uint32_t n, const char *word) {
  return strlen(word) == n && memcmp(s, word, n) == 0;
}

/* Interface media with FPC/PIC/port numbering: `ge-0/0/0`, `xe-1/0/0:2.100`, `ms-1/2/0.1`. */
static bool is_slotted_interface(const char *s, uint32_t n) {
  uint32_t i = 0;
  uint32_t value;
  if (n == 0 || !is_lower(s[0])) return false;
  while (i < n && (is_lower(s[i]) || is_digit(s[i]))) i++;
  if (i >= n || s[i] != '-') return false;
  i++;
  for (int part = 0; part < 3; part++) {
    if (part > 0) {
      if (i >= n || s[i] != '/') return false;
      i++;
    }
    if (!read_decimal(s, n, &i, 4, &value)) return false;
  }
  if (i < n && s[i] == ':') {
    i++;
    if (!read_decimal(s, n, &i, 4, &value)) return false;
  }
  if (i < n && s[i] == '.') {
    i++;
    if (!read_decimal(s, n, &i, 5, &value)) return false;
  }
  return i == n;
}

/* Interfaces named by a device-number suffix: `lo0`, `ae0.10`, `fxp0`, `st0.1`. */
static const char *const NUMBERED_MEDIA[] = {
  "ae", "lo", "fxp", "em", "me", "st", "reth", "fab", "pp", "dl", "ps", "bme", "ams", "swfab", "rlsq", "vtep", NULL,
};
/* Interfaces without a device number, only with a unit: `irb.100`, `vlan.10`. */
static const char *const UNIT_ONLY_MEDIA[] = {
  "irb", "vlan", "vme", "dsc", "tap", "gre", "ipip", "lsi", "mtun", "pimd", "pime", "jsrv", "esi", "cbp", "pip", NULL,
};
/* Of those, the ones also written bare where an interface is expected. */
static const char *const BARE_MEDIA[] = {"irb", "vme", "jsrv", "dsc", NULL};

static bool is_unit_suffix(const char *s, uint32_t n) {
  if (n == 0) return true;
  uint32_t i = 1;
  uint32_t value;
  return s[0] == '.' && read_decimal(s, n, &i, 5, &value) && i == n;
}

static bool is_named_interface(const char *s, uint32_t n) {
  for (int k = 0; NUMBERED_MEDIA[k]; k++) {
    if (!has_prefix(s, n, NUMBERED_MEDIA[k])) continue;
    uint32_t i = (uint32_t)strlen(NUMBERED_MEDIA[k]);
    uint32_t value;
    if (read_decimal(s, n, &i, 5, &value) && is_unit_suffix(s + i, n - i)) return true;
  }
  for (int k = 0; UNIT_ONLY_MEDIA[k]; k++) {
    uint32_t len = (uint32_t)strlen(UNIT_ONLY_MEDIA[k]);
    if (has_prefix(s, n, UNIT_ONLY_MEDIA[k]) && n > len && is_unit_suffix(s + len, n - len)) return true;
  }
  for (int k = 0; BARE_MEDIA[k]; k++) {
    if (equals(s, n, BARE_MEDIA[k])) return true;
  }
  return false;
}

static const char *const VERBS[] = {
  "set", "delete", "activate", "deactivate", "protect", "unprotect", "annotate", "insert", "rename",
  "copy", "edit", "top", "up", "exit", "quit", "run", "show", "commit", "rollback", "load", "save", NULL,
};

static bool is_verb(const char *s, uint32_t n) {
  for (int k = 0; VERBS[k]; k++) if (equals(s, n, VERBS[k])) return true;
  return false;
}

/* `inactive:`, `protect:`, `replace:` ...: lowercase letters and one final colon. */
static bool is_modifier(const char *s, uint32_t n) {
  if (n < 2 || s[n - 1] != ':') return false;
  for (uint32_t i = 0; i + 1 < n; i++) if (!is_lower(s[i])) return false;
  return true;
}

static bool is_secret_text(const WordText *word) {
  uint32_t n = word->length < WORD_BUFFER_SIZE ? word->length : WORD_BUFFER_SIZE;
  const char *s = word->text;
  return n >= 3 && s[0] == '$' && s[2] == '$' && (s[1] == '9' || s[1] == '1' || s[1] == '5' || s[1] == '6');
}

static bool is_wildcard_text(const WordText *word) {
  return word->length >= 2 && word->text[0] == '<' && word->last == '>';
}

/* Words whose leading run of lowercase letters and digits (starting with a letter) is this long
 * are classified here; the grammar's interface_name regex allows a media name of LONG_RUN - 1
 * characters at most, so that with the longest suffix a slotted interface stays under
 * WORD_BUFFER_SIZE characters, where classify_bare stops recognising shapes. */
#define LONG_RUN 38

static bool leading_run_char(int32_t c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

static uint32_t leading_run(const WordText *word) {
  uint32_t n = word->length < WORD_BUFFER_SIZE ? word->length : WORD_BUFFER_SIZE;
  if (n == 0 || !is_lower(word->text[0])) return 0;
  uint32_t i = 0;
  while (i < n && leading_run_char((unsigned char)word->text[i])) i++;
  return i;
}

/* The node kind of a bare word from its whole text: the reference for the grammar's word regexes,
 * used here for words with a long leading run. */
static enum TokenType classify_bare(const WordText *word) {
  if (is_secret_text(word)) return SECRET;
  if (is_wildcard_text(word)) return WILDCARD;
  if (!word_text_fits(word)) return IDENTIFIER;
  const char *s = word->text;
  uint32_t n = word->length;
  uint32_t address_length;
  if (all_digits(s, n)) return NUMBER;
  if (is_ipv4(s, n)) return IPV4_ADDRESS;
  if (split_prefix(s, n, 32, &address_length) && is_ipv4(s, address_length)) return IPV4_PREFIX;
  if (is_ipv6(s, n)) return IPV6_ADDRESS;
  if (split_prefix(s, n, 128, &address_length) && is_ipv6(s, address_length)) return IPV6_PREFIX;
  if (is_slotted_interface(s, n) || is_named_interface(s, n)) return INTERFACE_NAME;
  return IDENTIFIER;
}

/* After the opening quote: reads to the closing quote and stops before it (a closed string is
 * left to the grammar's lexer: returns false, having read no further than the string). A string
 * that is never closed is an unterminated_string ending at its first line break, or at the end
 * of input (returns true). */
static bool scan_unterminated_string(TSLexer *lexer) {
  bool end_marked = false;
  for (;;) {
    if (lexer->eof(lexer)) {
      if (!end_marked) lexer->mark_end(lexer);
      lexer->result_symbol = UNTERMINATED_STRING;
      return true;
    }
    int32_t c = lexer->lookahead;
    if (c == '"') return false;
    if ((c == '\n' || c == '\r') && !end_marked) {
      lexer->mark_end(lexer);
      end_marked = true;
    }
    lexer->advance(lexer, false);
    if (c == '\\' && !lexer->eof(lexer)) {
      if ((lexer->lookahead == '\n' || lexer->lookahead == '\r') && !end_marked) {
        lexer->mark_end(lexer);
        end_marked = true;
      }
      lexer->advance(lexer, false);
    }
  }
}

/* After `[`: optional blanks then the word `edit` ending at a blank or `]`. The banner is
 * well formed when its line has a `]`; otherwise the whole line is an unterminated_banner.
 * Returns false (nothing lexed) when this is not a banner. */
static bool scan_banner(TSLexer *lexer) {
  while (lexer->lookahead == ' ' || lexer->lookahead == '\t') lexer->advance(lexer, false);
  const char *keyword = "edit";
  for (int k = 0; keyword[k]; k++) {
    if (lexer->lookahead != keyword[k]) return false;
    lexer->advance(lexer, false);
  }
  int32_t c = lexer->lookahead;
  if (!(is_space(c) || c == ']' || lexer->eof(lexer))) return false;
  lexer->mark_end(lexer);
  while (!lexer->eof(lexer) && lexer->lookahead != '\n' && lexer->lookahead != '\r') {
    if (lexer->lookahead == ']') {
      lexer->result_symbol = BANNER_OPEN;
      return true;
    }
    lexer->advance(lexer, false);
  }
  lexer->mark_end(lexer);
  lexer->result_symbol = UNTERMINATED_BANNER;
  return true;
}

/* After `/`: at the start of an annotation, decides whether the annotation is closed. A closed one is left to the
 * grammar's regex (returns false); an unclosed one becomes an unterminated_annotation that
 * ends at its first line break, so the lines after it still parse. */
static bool scan_unclosed_annotation(TSLexer *lexer) {
  lexer->advance(lexer, false); /* the `*` */
  bool end_marked = false;
  bool star = false;
  while (!lexer->eof(lexer)) {
    int32_t c = lexer->lookahead;
    if (star && c == '/') return false;
    if ((c == '\n' || c == '\r') && !end_marked) {
      lexer->mark_end(lexer);
      end_marked = true;
    }
    star = c == '*';
    lexer->advance(lexer, false);
  }
  if (!end_marked) lexer->mark_end(lexer);
  lexer->result_symbol = UNTERMINATED_ANNOTATION;
  return true;
}

/* True when the text at the lexer is a command verb followed by a blank or the end of input. */
static bool at_verb(TSLexer *lexer) {
  WordText word = {.length = 0, .ascii_only = true, .last = 0};
  while (!lexer->eof(lexer) && !ends_bare_word(lexer->lookahead) && word.length <= 12) {
    word_text_push(&word, lexer->lookahead);
    lexer->advance(lexer, false);
  }
  if (!(lexer->eof(lexer) || is_space(lexer->lookahead))) return false;
  return word_text_fits(&word) && is_verb(word.text, word.length);
}

/* While recovering: a run of blanks is one token. It is a command-ending newline when it
 * holds a line break and the next line starts (in column 0) with a verb, a banner or the
 * end of input; otherwise it is a hidden extra. This lets a broken command end at its line. */
static bool scan_recovery_space(TSLexer *lexer) {
  bool line_break = false;
  uint32_t column = 1;
  while (is_space(lexer->lookahead)) {
    if (lexer->lookahead == '\n') {
      line_break = true;
      column = 0;
    } else {
      column++;
    }
    lexer->advance(lexer, false);
  }
  lexer->mark_end(lexer);
  bool next_line_is_command = line_break && column == 0 &&
                              (lexer->eof(lexer) || lexer->lookahead == '[' || at_verb(lexer));
  lexer->result_symbol = next_line_is_command ? NEWLINE : RECOVERY_SPACE;
  return true;
}

/* One line in about this many starts a chunk (a power of two). */
#define CHUNK_LINES 256u

/* After a command-ending newline: reads (without consuming) the next line and says whether a
 * chunk starts there. Depends on that line's text only. */
static bool next_line_starts_chunk(TSLexer *lexer) {
  uint32_t hash = 2166136261u; /* FNV-1a, then a final mix */
  while (!lexer->eof(lexer) && lexer->lookahead != '\n' && lexer->lookahead != '\r') {
    hash = (hash ^ (uint32_t)lexer->lookahead) * 16777619u;
    lexer->advance(lexer, false);
  }
  hash ^= hash >> 16;
  hash *= 0x85ebca6bu;
  hash ^= hash >> 13;
  return (hash & (CHUNK_LINES - 1)) == 0;
}

/* Where a chunk is due, at the next item. */
typedef enum {
  CHUNK_OPENED,   /* a zero-width `_chunk_start` (or an unclosed annotation) was lexed */
  CHUNK_DEFERRED, /* a comment, an annotation or stray punctuation first: left to the grammar's
                     lexer, the chunk stays due */
  CHUNK_DROPPED,  /* the item starts with a quote or `[` (a string, a banner, or a mistake the
                     parser recovers from as it does without chunks): no chunk here */
} ChunkStart;

static ChunkStart scan_chunk_start(TSLexer *lexer) {
  while (is_space(lexer->lookahead)) lexer->advance(lexer, true);
  if (lexer->eof(lexer)) return CHUNK_DEFERRED;
  int32_t c = lexer->lookahead;
  if (c == '#' || c == ';' || c == '{' || c == '}' || c == ']') return CHUNK_DEFERRED;
  if (c == '"' || c == '[') return CHUNK_DROPPED;
  lexer->mark_end(lexer);
  if (c == '/') {
    lexer->advance(lexer, false);
    if (lexer->lookahead == '*') return scan_unclosed_annotation(lexer) ? CHUNK_OPENED : CHUNK_DEFERRED;
  }
  lexer->result_symbol = CHUNK_START;
  return CHUNK_OPENED;
}

typedef struct {
  bool chunk_due; /* the last token was a newline after which a chunk starts */
} Scanner;

void *tree_sitter_junos_external_scanner_create(void) {
  Scanner *scanner = calloc(1, sizeof(Scanner));
  return scanner;
}

void tree_sitter_junos_external_scanner_destroy(void *payload) { free(payload); }

/* One byte per token. No state at all means no external token yet: the start of the input, where
 * the first item opens a chunk (so no item sits outside a chunk, where it would be rebuilt). */
unsigned tree_sitter_junos_external_scanner_serialize(void *payload, char *buffer) {
  Scanner *scanner = payload;
  buffer[0] = scanner->chunk_due ? 1 : 0;
  return 1;
}

void tree_sitter_junos_external_scanner_deserialize(void *payload, const char *buffer, unsigned length) {
  Scanner *scanner = payload;
  scanner->chunk_due = length == 0 || buffer[0] == 1;
}

bool tree_sitter_junos_external_scanner_scan(void *payload, TSLexer *lexer, const bool *valid_symbols) {
  Scanner *scanner = payload;
  bool chunk_due = scanner->chunk_due;
  scanner->chunk_due = false;
  /* While recovering from an error every symbol is "valid": blanks are then lexed by
   * scan_recovery_space, and verbs/banners are recognised only in column 0. */
  bool recovering = valid_symbols[ERROR_SENTINEL];
  bool newline_ends_command = valid_symbols[NEWLINE] && !recovering;

  if (chunk_due && !recovering && valid_symbols[CHUNK_START]) {
    ChunkStart chunk = scan_chunk_start(lexer);
    if (chunk == CHUNK_OPENED) return true;
    if (chunk == CHUNK_DEFERRED) {
      scanner->chunk_due = true;
      return false;
    }
  }
  if (recovering && is_space(lexer->lookahead)) return scan_recovery_space(lexer);
  bool at_line_start = false; /* the blanks skipped end with a line break: the token starts a line */
  bool first_on_line = false;  /* the blanks skipped hold a line break: the token is first on its line */
  while (is_space(lexer->lookahead)) {
    at_line_start = lexer->lookahead == '\n' || (at_line_start && lexer->lookahead == '\r');
    if (lexer->lookahead == '\n') first_on_line = true;
    if (lexer->lookahead == '\n' && newline_ends_command) {
      lexer->advance(lexer, false);
      lexer->mark_end(lexer);
      lexer->result_symbol = NEWLINE;
      scanner->chunk_due = next_line_starts_chunk(lexer);
      return true;
    }
    lexer->advance(lexer, true);
  }
  if (lexer->eof(lexer)) {
    if (!newline_ends_command) return false;
    lexer->mark_end(lexer);
    lexer->result_symbol = NEWLINE;
    return true;
  }

  bool line_start = recovering && lexer->get_column(lexer) == 0;
  bool verb_allowed = recovering ? line_start : valid_symbols[VERB];
  bool banner_allowed = recovering ? line_start : valid_symbols[BANNER_OPEN];
  /* Inside the words of a statement (or of a value list) that has no `;` yet, a line that starts
   * in column 0 with a verb or a banner is the next command, not more words: the verb or banner is
   * lexed although the parser cannot take it here, so the parser ends the statement with a missing
   * `;` (or recovers) on the line before, instead of reading the rest of a set-form file as words
   * of one statement (which is what typing the first letters of a new command would do). */
  if (at_line_start && !recovering && !valid_symbols[VERB] && !valid_symbols[MODIFIER] && !valid_symbols[NEWLINE]) {
    verb_allowed = true;
    banner_allowed = true;
  }

  int32_t c = lexer->lookahead;
  /* The same inside the words of an unended statement before a line whose first non-blank is `}`:
   * a zero-width `_unended_close` that the parser can take only after a `;`, so it inserts the
   * missing `;` there rather than skipping the `}` (which would close one block too few). */
  if (c == '}' && first_on_line && !recovering && !valid_symbols[VERB] && !valid_symbols[MODIFIER] &&
      !valid_symbols[NEWLINE] && !valid_symbols[UNENDED_CLOSE]) {
    lexer->mark_end(lexer);
    lexer->result_symbol = UNENDED_CLOSE;
    return true;
  }
  if (c == '[') {
    if (!banner_allowed) return false;
    lexer->advance(lexer, false);
    return scan_banner(lexer);
  }
  if (c == '#' || c == ';' || c == '{' || c == '}' || c == ']') return false;
  if (c == '"') {
    lexer->advance(lexer, false);
    return scan_unterminated_string(lexer);
  }

  WordText word = {.length = 0, .ascii_only = true, .last = 0};
  if (c == '/') {
    word_text_push(&word, c);
    lexer->advance(lexer, false);
    if (lexer->lookahead == '*') return scan_unclosed_annotation(lexer);
  }
  /* Where no verb or modifier may start, the grammar's lexer lexes the word, unless it starts with
   * a lowercase run of LONG_RUN characters: only the leading run is read (never past the word). */
  bool whole_word = verb_allowed || (!recovering && valid_symbols[MODIFIER]);
  if (!whole_word) {
    if (!is_lower((char)c)) return false;
    while (!lexer->eof(lexer) && leading_run_char(lexer->lookahead) && word.length < LONG_RUN) {
      word_text_push(&word, lexer->lookahead);
      lexer->advance(lexer, false);
    }
    if (word.length < LONG_RUN || !is_lower(word.text[0])) return false;
  }
  while (!lexer->eof(lexer) && !ends_bare_word(lexer->lookahead)) {
    word_text_push(&word, lexer->lookahead);
    lexer->advance(lexer, false);
  }
  lexer->mark_end(lexer);

  if (word_text_fits(&word)) {
    if (verb_allowed && is_verb(word.text, word.length)) {
      lexer->result_symbol = VERB;
      return true;
    }
    if (!recovering && valid_symbols[MODIFIER] && is_modifier(word.text, word.length)) {
      lexer->result_symbol = MODIFIER;
      return true;
    }
  }
  if (leading_run(&word) < LONG_RUN) return false;
  lexer->result_symbol = classify_bare(&word);
  return true;
}
