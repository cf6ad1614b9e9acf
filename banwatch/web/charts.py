"""Counts by verdict drawn as SVG bars, with the numbers written beside them."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

ORDER = ("prohibited", "review", "suspended", "clear")
COLOURS = {"prohibited": "#b42318", "review": "#d08c00", "suspended": "#5b7db1", "clear": "#8c8c8c"}


def verdict_chart(counts: Mapping[str, int]) -> str:
    """A bar per verdict (longest bar: the largest count), labelled with its count."""
    verdicts = [v for v in ORDER if v in counts] + sorted(set(counts) - set(ORDER))
    most = max((counts[v] for v in verdicts), default=0) or 1
    said = ", ".join(f"{counts[v]} {v}" for v in verdicts)
    rows = []
    for k, v in enumerate(verdicts):
        width = round(counts[v] / most * 300, 1)
        y = 10 + k * 30
        colour = COLOURS.get(v, "#4a4a4a")
        rows.append(
            f'<text x="0" y="{y + 16}">{escape(v)}</text>'
            f'<rect x="110" y="{y}" width="{max(width, 1)}" height="20" fill="{colour}"/>'
            f'<text x="{116 + width}" y="{y + 16}">{counts[v]}</text>'
        )
    height = 20 + 30 * len(verdicts)
    return (
        f'<svg class="chart" viewBox="0 0 520 {height}" role="img" '
        f'aria-label="Findings by verdict: {escape(said)}"><title>Findings by verdict</title>'
        + "".join(rows)
        + "</svg>"
    )
