"""Full-text search: the index text of each report, its records, the index parts and the
Pagefind process that indexes them while MkDocs writes the site."""
