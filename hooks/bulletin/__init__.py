"""Bulletin publisher core: load, validate, assemble and render numbered bulletins.

Nothing in this package imports MkDocs; ``hooks/mkdocs_hooks.py`` is the thin adapter.
"""

__version__ = "0.1.0"
