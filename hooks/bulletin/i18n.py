"""Messages in the editors' language: Chinese, in which they are written; English on request.

Every message an editor sees is written in Chinese in the code and wrapped in :func:`_`
(``_("单位 {key} 不存在").format(key=key)``: placeholders are filled after translation, so the
catalog holds one entry per message). The English catalog
``locale/en/LC_MESSAGES/bulletin.po`` translates them; Babel extracts the messages from the code
and compiles the catalogs (``make messages``; ``make`` compiles them when it installs). Click's
own words (Usage, Options, "Missing option" …) are English in Click and translated the other
way, by the Chinese catalog of Click's domain, ``locale/zh/LC_MESSAGES/click.po``.

English is used when asked for: ``bulletin --lang en``, ``BULLETIN_LANG=en``, or a locale
variable (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, in gettext's order) naming English. Anything
else, a C or POSIX locale included, is Chinese: the office's machines and CI runners often have
no Chinese locale installed, and the editors read Chinese.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from bulletin.environment import LANGUAGE_VARIABLE

DOMAIN = "bulletin"
CLICK_DOMAIN = "click"  # Click's messages, translated into Chinese
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("zh", "en")

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "zh"


def choose_language(environ: Mapping[str, str] = os.environ, argv: Sequence[str] = ()) -> str:
    """'en' when English is asked for (``--lang en`` in ``argv``, BULLETIN_LANG, the locale),
    otherwise 'zh'."""
    for index, argument in enumerate(argv):
        if argument.startswith("--lang="):
            return "en" if argument.partition("=")[2].lower().startswith("en") else "zh"
        if argument == "--lang" and index + 1 < len(argv):
            return "en" if argv[index + 1].lower().startswith("en") else "zh"
    explicit = environ.get(LANGUAGE_VARIABLE, "").strip()
    if explicit:
        return "en" if explicit.lower().startswith("en") else "zh"
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "").strip()
        if value:
            return "en" if value.split(":")[0].lower().startswith("en") else "zh"
    return "zh"


def use_language(language: str) -> None:
    """Speak ``language`` ('zh' or 'en') from now on, in this process."""
    global _translation, _language
    _language = language if language in LANGUAGES else "zh"
    if _language == "zh":
        _translation = gettext.NullTranslations()
    else:
        _translation = gettext.translation(DOMAIN, LOCALE_DIR, [_language], fallback=True)


def current_language() -> str:
    return _language


def _(message: str) -> str:
    """``message`` (written in Chinese) in the language in use."""
    return _translation.gettext(message)


def click_translation() -> gettext.NullTranslations:
    """Click's own words in the language in use: its English, or the Chinese of locale/zh/…/click.mo."""
    if _language == "en":
        return gettext.NullTranslations()
    return gettext.translation(CLICK_DOMAIN, LOCALE_DIR, ["zh"], fallback=True)


use_language(choose_language())
