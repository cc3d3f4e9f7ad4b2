"""An issue's PDF: its print page (bulletin.documents.printhtml) laid out by WeasyPrint.

Byte-stable: the PDF's dates are the issue's (the print page's ``dcterms`` meta), its /ID is
made from the document's cache key, and WeasyPrint names font subsets by their content. The
only files WeasyPrint may open are the office's font files; nothing is fetched from outside
(a report's image, were there one, is left out).
"""

from __future__ import annotations

import logging
import warnings
from typing import Any

from bulletin.documents.fonts import SETTING, FontSet
from bulletin.errors import BulletinError, Problem
from bulletin.i18n import _

_LOG = logging.getLogger("weasyprint")

# The Debian packages WeasyPrint loads: without the subset library it still works, but
# subsets every CJK face with fontTools, minutes an issue (scripts/system_packages.sh lists them).
PDF_LIBRARIES = {"pango": "libpango-1.0-0 libpangoft2-1.0-0", "harfbuzz-subset": "libharfbuzz-subset0"}


def check_pdf_libraries() -> None:
    """Stop at once when WeasyPrint lacks a library the PDFs need, with the line that installs it.

    HarfBuzz's subset library is optional to WeasyPrint (it falls back to fontTools with a
    warning nobody sees) but not to us: with fontTools a cold build of the sample takes half an
    hour instead of a minute."""
    missing = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # WeasyPrint's own note about the subset library
            from weasyprint.text.ffi import harfbuzz_subset
    except OSError:  # pango (or another library WeasyPrint cannot do without) is missing
        missing = [PDF_LIBRARIES["pango"], PDF_LIBRARIES["harfbuzz-subset"]]
    else:
        if harfbuzz_subset is None:
            missing = [PDF_LIBRARIES["harfbuzz-subset"]]
    if missing:
        line = "apt-get install -y --no-install-recommends " + " ".join(missing)
        raise BulletinError(
            [
                Problem(
                    "scripts/system_packages.sh",
                    0,
                    SETTING.rsplit(".", 1)[0],
                    _(
                        "生成 PDF 所需的系统库没有装全（缺 {packages}）：请用管理员权限运行 {line}（或 make site，"
                        "它以管理员身份运行时会自动安装）；不生成 PDF 和 Word 文件时可设 BULLETIN_DOCUMENTS=0"
                    ).format(packages=" ".join(missing), line=line),
                )
            ]
        )


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
