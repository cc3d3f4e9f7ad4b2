"""Charts drawn at build time as inline SVG: no script, no outside library, readable in print.

Every chart carries its figures as text (a <title>, a <desc> listing every value, and
the value printed at the end of each bar), so it reads without colour and without sight.
The geometry is worked out here, as data; the markup is the ``bar_chart`` macro of
``templates/_chart.html``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

ROW = 22  # height of one bar's row
LABEL_WIDTH = 250  # the labels, right-aligned, end just before the bars start
BAR_WIDTH = 330  # the longest bar
VALUE_ROOM = 70  # after the longest bar, for its value
WIDTH = LABEL_WIDTH + BAR_WIDTH + VALUE_ROOM
TOP = 4  # room above the first row (and below the last)
LABEL_GAP = 8  # between a label's end and the bars
VALUE_GAP = 6  # between a bar's end and its value
BAR_HEIGHT = 15
BAR_INSET = 3  # from the top of a bar's row to the bar
BASELINE = 15  # from the top of a bar's row to its texts' baseline (12px text, level with the bar)


@dataclass(frozen=True)
class Bar:
    label: str
    shown: str  # the value as printed
    length: float  # the bar's length, 0 for nothing
    bar_top: int
    baseline: int  # of the label and the value, level with the bar
    value_x: float  # where the value starts, just after the bar's end


@dataclass(frozen=True)
class BarChart:
    key: str  # makes the ids of its <title> and <desc> unique on the page
    title: str
    description: str  # every label with its value, for readers who cannot see the bars
    width: int
    height: int
    label_end: int
    bar_start: int
    bar_height: int
    bars: tuple[Bar, ...]

    @property
    def title_id(self) -> str:
        return f"chart-{self.key}-title"

    @property
    def desc_id(self) -> str:
        return f"chart-{self.key}-desc"


def lay_out_bar_chart(title: str, rows: Sequence[tuple[str, float, str]], key: str) -> BarChart:
    """Horizontal bars, longest for the largest value: ``rows`` are (label, value, value as shown)."""
    top = max((value for _, value, _ in rows), default=0) or 1
    bars = []
    for index, (label, value, shown) in enumerate(rows):
        y = TOP + index * ROW
        length = round(BAR_WIDTH * value / top, 1) if value > 0 else 0
        bars.append(Bar(label, shown, length, y + BAR_INSET, y + BASELINE, LABEL_WIDTH + length + VALUE_GAP))
    return BarChart(
        key=key,
        title=title,
        description="；".join(f"{label}：{shown}" for label, _, shown in rows),
        width=WIDTH,
        height=ROW * len(rows) + 2 * TOP,
        label_end=LABEL_WIDTH - LABEL_GAP,
        bar_start=LABEL_WIDTH,
        bar_height=BAR_HEIGHT,
        bars=tuple(bars),
    )
