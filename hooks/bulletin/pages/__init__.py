"""The site's pages: every page and file the site gets, from the core's Jinja templates
(``templates/``), one module per page family, and the search index (``search/``)."""
