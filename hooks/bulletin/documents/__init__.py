"""Each issue's PDF and Word file, one print vocabulary: the print page and fonts (printhtml,
fonts), the writers (issuepdf, issueword with wordbody), the cache keys derived from the code
(keys), the cache and the parallel build (cache, builder)."""
