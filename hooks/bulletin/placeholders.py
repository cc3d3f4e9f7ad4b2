"""Marker texts, declared once: what ``bulletin new`` writes where the editor must write their
own, and where the home page's generated blocks go.

``bulletin new`` puts :data:`BODY_PLACEHOLDER` where the report's text goes;
:mod:`bulletin.check.unfinished` refuses a report whose title or body still holds it (or a
recognisable piece of it), so a report nobody finished is never composed or published.
"""

from __future__ import annotations

BODY_PLACEHOLDER = "（正文：第一段开门见山写清主要事实和成效；其后分条写做法、问题或建议，如“一是……二是……”。）"

# What ``bulletin new --series <紧急信息类刊物>`` writes as ``emergency.event`` when no ``--event``
# is given: not an event id, so the reader refuses it (bulletin.read.fields.explain_event_key)
# with a message saying it is still to be filled in.
EVENT_PLACEHOLDER = "（请填写事件编号）"

# Pieces of the placeholder an editor may leave behind after editing around it (the brackets
# or the 正文： taken away, the line broken in two): any one of them still marks a draft.
PLACEHOLDER_PIECES = (
    "第一段开门见山写清主要事实和成效",
    "其后分条写做法、问题或建议",
)

# Where the generated blocks of the home page go in the hand-written content/index.md
# (bulletin.pages.home); the body check lets this one comment through.
HOME_MARKER = "<!-- bulletin:home -->"
