"""A report's body as HTML: the one Markdown renderer (reportbody), the HTML a report may
publish (allowlist) and the sanitiser of every page with report text (sanitize)."""
