"""Reading: the repository's files into model objects, strictly (text files, the YAML reader, the
fields of every structure, front matter, settings, units, registers). Problems are collected, never raised
one by one."""
