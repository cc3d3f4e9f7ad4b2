"""Charts drawn at build time as inline SVG: no script, no outside library, readable in print.

Every chart carries its figures as text (a <title>, a <desc> listing every value, and
the value printed at the end of each bar), so it reads without colour and without sight.
"""

from __future__ import annotations

import html

ROW = 22
LABEL_WIDTH = 250
BAR_WIDTH = 330
WIDTH = LABEL_WIDTH + BAR_WIDTH + 70


def render_bar_chart(title: str, rows: list[tuple[str, float, str]], key: str) -> str:
    """Horizontal bars: ``rows`` are (label, value, value as shown); ``key`` makes ids unique."""
    top = max((value for _, value, _ in rows), default=0) or 1
    height = ROW * len(rows) + 8
    title_id, desc_id = f"chart-{key}-title", f"chart-{key}-desc"
    description = "；".join(f"{label}：{shown}" for label, _, shown in rows)
    parts = [
        f'<figure class="bl-chart"><svg class="bl-chart-svg" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-labelledby="{title_id} {desc_id}">',
        f'<title id="{title_id}">{html.escape(title)}</title><desc id="{desc_id}">{html.escape(description)}</desc>',
    ]
    for index, (label, value, shown) in enumerate(rows):
        y = 4 + index * ROW
        width = round(BAR_WIDTH * value / top, 1) if value > 0 else 0
        parts.append(
            f'<text class="bl-chart-label" x="{LABEL_WIDTH - 8}" y="{y + 15}" text-anchor="end">{html.escape(label)}</text>'
            f'<rect class="bl-chart-bar" x="{LABEL_WIDTH}" y="{y + 3}" width="{width}" height="{ROW - 7}"></rect>'
            f'<text class="bl-chart-value" x="{LABEL_WIDTH + width + 6}" y="{y + 15}">{html.escape(shown)}</text>'
        )
    parts.append(f"</svg><figcaption>{html.escape(title)}</figcaption></figure>")
    return "".join(parts)
