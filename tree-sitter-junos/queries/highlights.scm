; Highlights for tree-sitter-junos. Schema-free: statement names are not known here, so the
; first word of a statement or of a set command's path is a `@property`, later words are values.
; Later patterns win over earlier ones for the same node.

(identifier) @variable

; the first word of every statement is the statement's keyword
(statement
  .
  (identifier) @property)

(statement
  .
  (modifier)
  .
  (identifier) @property)

; the first word after a command verb starts the configuration path
(command
  verb: (verb)
  .
  (identifier) @property)

(banner
  (identifier) @namespace)

(number) @number

[
  (ipv4_address)
  (ipv4_prefix)
  (ipv6_address)
  (ipv6_prefix)
] @constant

(interface_name) @type

(string) @string

(secret) @string.special

(wildcard) @constant.builtin

(verb) @keyword

(modifier) @keyword.modifier

"[edit" @keyword

[
  (comment)
  (annotation)
] @comment

[
  "{"
  "}"
  "["
  "]"
] @punctuation.bracket

";" @punctuation.delimiter

(ERROR) @error
