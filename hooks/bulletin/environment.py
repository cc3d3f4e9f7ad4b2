"""Every environment variable the core and the build read, declared once.

===========================  ==============================================================
``SOURCE_DATE_EPOCH``        the moment the build and the commands speak for (bulletin.times);
                             unset: now. Pinned for a reproducible build, by the tests and by
                             the review of a pull request
``BULLETIN_LANG``            the command line's language (zh, en); default: the locale's
``BULLETIN_PREVIEW_MONTHS``  the editors' preview builds only the last N months (0: all)
``BULLETIN_DOCUMENTS``       0: no PDF or Word files (a quicker build; the benchmark)
``BULLETIN_CACHE_DIR``       where the search index and documents caches go (default .cache/)
``BULLETIN_WORK_DIR``        where the build's child processes work (`bulletin build` sets it)
``BULLETIN_BUILD_LOCK_FD``   the build lock's descriptor, held by every process of a build
``BULLETIN_PREVIOUS_BUILD``  the previous complete build, whose unchanged pages a build takes
                             (`bulletin build` sets it; see bulletin.pages.reuse)
``NOTIFY_URL``               where `bulletin notify` posts its word to the duty room (an
                             intranet address); unset: no message
``NOTIFY_TOKEN``             optional: sent with it as ``Authorization: Bearer``, never printed
===========================  ==============================================================

The CI scripts' own variables (``BULLETIN_DEPLOY_DIR``, ``BULLETIN_BOT_TOKEN`` …) are read by
the shell scripts under ``scripts/ci/`` and documented there.
"""

from __future__ import annotations

EPOCH_VARIABLE = "SOURCE_DATE_EPOCH"
LANGUAGE_VARIABLE = "BULLETIN_LANG"
PREVIEW_VARIABLE = "BULLETIN_PREVIEW_MONTHS"
DOCUMENTS_VARIABLE = "BULLETIN_DOCUMENTS"
CACHE_VARIABLE = "BULLETIN_CACHE_DIR"
WORK_VARIABLE = "BULLETIN_WORK_DIR"
LOCK_FD_VARIABLE = "BULLETIN_BUILD_LOCK_FD"
PREVIOUS_BUILD_VARIABLE = "BULLETIN_PREVIOUS_BUILD"
NOTIFY_URL_VARIABLE = "NOTIFY_URL"
NOTIFY_TOKEN_VARIABLE = "NOTIFY_TOKEN"
