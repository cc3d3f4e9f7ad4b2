"""Each issue's PDF and Word file: the print page and fonts (printhtml, fonts), the writers
(issuepdf; bulletin.render.issueword), the cache and the parallel build (cache, builder)."""
