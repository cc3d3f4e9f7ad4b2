"""Rendering: every page and file the site gets, from the core's Jinja templates (``templates/``),
with one module per page family and one place for addresses, labels and the Markdown renderer."""
