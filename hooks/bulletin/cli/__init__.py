"""The `bulletin` command's definitions, all in one place: options, arguments, help and output.

``main.py`` is the group and every plain command; ``event.py`` and ``submission.py`` the two
command groups of the duty room and the ledger. Each command only reads its options and calls
:mod:`bulletin.commands`, where the work is done.
"""

from bulletin.cli.main import main

__all__ = ["main"]
