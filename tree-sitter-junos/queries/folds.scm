; Folding: curly blocks, multi-line annotations and value lists.
(block) @fold

(annotation) @fold

(value_list) @fold
