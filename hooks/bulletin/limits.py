"""The size limits of what the publisher reads, declared once.

Report files and registries are untrusted input (every pull request is). Each limit sits far
above anything an office writes (the sample archive's largest report is 7 KB, its longest
paragraph 327 characters, its longest title 28) and low enough that every check and the
Markdown renderer finish in a fraction of a second on any input that passes. Input over a
limit is refused with a ``path:line: field: message`` problem before anything expensive runs:
the readers check sizes first (:mod:`bulletin.read.reportfile`, :mod:`bulletin.read.yamlreader`),
the body's shape is checked before it is rendered (:mod:`bulletin.check.bodysize`).

The README's report-format section lists them for editors; a test keeps the two in step.
"""

from __future__ import annotations

# --- files -----------------------------------------------------------------------------
MAX_REPORT_BYTES = 200 * 1024  # a report file (front matter and text), in bytes of UTF-8
MAX_YAML_BYTES = 1024 * 1024  # units.yml, commissions.yml, a ledger, mkdocs.yml
MAX_LEDGER_ITEMS = 2_000  # items of one ledger file (one unit, one month)

# --- names and keys -----------------------------------------------------------------------
MAX_ID_CHARS = 80  # a report's id: its file name without .md, the last part of its URL
MAX_KEY_CHARS = 64  # a unit, series or 约稿 key (part of URLs as well)
MAX_TITLE_CHARS = 100  # a report's title
MAX_NAME_CHARS = 200  # any other one-line text: unit and series names, authors, tags, 批示人 …
MAX_TEXT_CHARS = 5_000  # text of several lines in front matter: a 批示, a 更正说明

# --- the body -------------------------------------------------------------------------------
# Python-Markdown is quadratic in the length of a paragraph for some inputs (runs of `---`
# lines, backslashes, emphasis marks) and recursive in the depth of nested lists.
MAX_PARAGRAPH_CHARS = 5_000  # characters of one paragraph (lines between two blank lines)
MAX_PARAGRAPH_LINES = 150  # lines of one paragraph, list or table without a blank line
MAX_PARAGRAPHS = 1_000  # paragraphs of one report (Markdown spends about 0.06 ms on each)
# Markdown reads a paragraph again for every piece of markup in it (emphasis, code, escapes):
# the marks of each paragraph times its length, summed over the report.
MARKUP_CHARACTERS = "`\\*_[]!<&"
MAX_MARKUP_READING = 20_000_000
MAX_NESTING = 10  # levels of lists and quotes inside each other
# Markdown looks for the `]` of every `[` (and the `)` of every `](`) to the end of the
# paragraph: the characters it reads for that, over the whole report.
MAX_BRACKET_READING = 100_000
MAX_TAG_OPENINGS = 100  # `<` followed by a letter, `/`, `!` or `?` (read by the HTML parser)
MAX_FENCE_LINES = 100  # lines starting a fenced code block (``` or ~~~)

# --- Word documents (`bulletin import`) -------------------------------------------------------
# A .docx is a zip of XML parts; a unit's report without pictures is some tens of KB. The file
# is refused over MAX_WORD_BYTES before it is opened, and over MAX_WORD_UNPACKED_BYTES of
# unpacked parts or MAX_WORD_PARTS parts before any part is read (a zip bomb unpacks a few KB
# into gigabytes; Python's zipfile never unpacks a part beyond the size its directory declares).
MAX_WORD_BYTES = 10 * 1024 * 1024
MAX_WORD_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_WORD_PARTS = 1_000
