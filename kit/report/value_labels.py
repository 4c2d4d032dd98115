"""Where a mark's value label goes: just past the mark, or before it, or on two lines, so no label runs off its axis
or into its mark, on the wide chart and on a phone's rendering (kit.report.narrow) alike."""

from __future__ import annotations

import textwrap

from kit import analysis
from kit.report import style, words

#: Length of the arrow on a floor or ceiling, as a share of the axis span.
ARROW_SHARE = 0.07


def label_x(value: float, drawn_as: str, span: float, high: float | None = None) -> float:
    """Where a mark's label starts: just past the mark's right end."""
    glyph = words.GLYPH_OF.get(drawn_as.removeprefix("implied_"), "bar")
    if glyph == "dot":
        return value + span * 0.035  # past the dot's radius, on a narrow panel too
    if glyph.endswith("segment") and high is not None:
        return high + span * 0.015
    if glyph == "segment_whisker" and high is not None:
        return high * (1 + analysis.ABOUT_TOLERANCE) + span * 0.015
    if glyph == "arrow_up":
        return value + span * (ARROW_SHARE + 0.015)
    if glyph == "whisker":
        right = analysis.interval(value, "about")[1] if drawn_as.endswith("point_whisker") else value
        return right + span * 0.015
    return value + span * 0.012


#: A label's character as a share of a value axis's width (10.5 pt type on a plot about 500 px wide, as the
#: house style draws it beside row labels), and on a phone's rendering (a plot about 210 px wide).
LABEL_CHAR_SHARE = 0.0145
LABEL_CHAR_SHARE_NARROW = 0.034


def label_place(value: float, drawn_as: str, span: float, high: float | None, text: str) -> tuple[float, str, str]:
    """Where a mark's label goes, how it is aligned and its text: past the mark's right end, or, when it would run
    off the axis there, before the mark's left end (right-aligned), so no label is cut at the chart's edge; on two
    lines, past the mark or else before it, when it fits neither way on one (a phone's narrow axis)."""
    right = label_x(value, drawn_as, span, high)
    glyph = words.GLYPH_OF.get(drawn_as.removeprefix("implied_"), "bar")
    share = LABEL_CHAR_SHARE if style.scale() == 1 else LABEL_CHAR_SHARE_NARROW
    if right / span + len(text) * share <= 0.97 or glyph == "bar":  # a bar from zero has no room before it
        return right, "left", text
    low = value - (span * 0.006 if glyph == "dot" else 0.0)  # clear of the dot's radius
    if glyph in ("whisker", "segment_whisker"):
        low = analysis.interval(value, "about")[0]
    elif glyph == "arrow_down":
        low = value - span * ARROW_SHARE
    before = low - span * 0.015
    halved = textwrap.fill(text, (len(text) + 1) // 2 + 1)
    widest = max(map(len, halved.split("\n")))
    if before / span - len(text) * share < 0:  # no room before it on one line
        if right / span + widest * share <= 0.97:
            return right, "left", halved
        if before / span - widest * share >= 0:
            return before, "right", halved
    return before, "right", text
