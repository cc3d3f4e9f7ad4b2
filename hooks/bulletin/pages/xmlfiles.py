"""The site's XML files (the Atom feeds, the sitemap), written with the standard library.

ElementTree escapes what it writes (``&``, ``<``, ``>``, quotes), so a title such as
``<script>`` or ``]]>`` is text in the file; what it does not do is leave out the characters
XML 1.0 has no place for (most C0 controls, surrogates, U+FFFE/U+FFFF): a reader refuses the
whole file over one. The archive's readers already refuse controls in every title (see
bulletin.read.yamlreader); ``clean_xml_text`` keeps a file well-formed whatever reaches it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

# Characters XML 1.0 does not allow (https://www.w3.org/TR/xml/#charsets).
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean_xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot carry (each becomes U+FFFD, so that
    something still shows where one was)."""
    return _NOT_XML.sub("\ufffd", text)


def add_element(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    """A child element of ``parent``, with its text and attributes cleaned."""
    element = ET.SubElement(parent, tag, {key: clean_xml_text(value) for key, value in attributes.items()})
    if text is not None:
        element.text = clean_xml_text(text)
    return element


def make_root(tag: str, namespace: str, **attributes: str) -> ET.Element:
    """A document's root element, ``namespace`` its default one (its children's plain names are
    in it; ElementTree's own ``default_namespace`` refuses attributes without a namespace)."""
    return ET.Element(tag, {"xmlns": namespace, **attributes})


def write_xml_file(root: ET.Element) -> bytes:
    """The document of ``root`` as UTF-8 bytes, with its declaration and one element a line
    (the same tree gives the same bytes)."""
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
