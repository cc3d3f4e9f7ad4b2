"""An issue's PDF: its print page (bulletin.documents.printhtml) laid out by WeasyPrint.

Byte-stable: the PDF's dates are the issue's (the print page's ``dcterms`` meta), its /ID is
made from the document's cache key, and WeasyPrint names font subsets by their content. The
only files WeasyPrint may open are the office's font files; nothing is fetched from outside
(a report's image, were there one, is left out).
"""

from __future__ import annotations

import logging
from typing import Any

from bulletin.documents.fonts import FontSet

_LOG = logging.getLogger("weasyprint")


def library_versions() -> str:
    """What the PDF depends on besides its print page and fonts: WeasyPrint, pydyf and pango."""
    import pydyf
    import weasyprint
    from weasyprint.text.ffi import pango

    return f"weasyprint {weasyprint.__version__}; pydyf {pydyf.__version__}; pango {pango.pango_version()}"


def write_issue_pdf(html: str, fonts: FontSet, *, identifier: str) -> bytes:
    """The PDF of a print page; ``identifier`` (the cache key) makes the PDF's /ID."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    allowed = {face.path.as_uri() for face in fonts.faces}

    class LocalFonts(weasyprint.urls.URLFetcher):
        """Opens the office's font files and nothing else (no network, no other file)."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.split("#", 1)[0] not in allowed:
                raise ValueError(f"not fetched: {url[:200]}")
            return super().fetch(url.split("#", 1)[0], headers)

    _LOG.setLevel(logging.ERROR)  # an unknown CSS property is not the editors' business
    document = weasyprint.HTML(string=html, url_fetcher=LocalFonts(allowed_protocols=("file",)))
    pdf = document.write_pdf(font_config=FontConfiguration(), pdf_identifier=identifier.encode("ascii"))
    assert pdf is not None
    return bytes(pdf)
