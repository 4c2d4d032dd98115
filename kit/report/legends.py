"""Legend keys: the glyph each kind of mark is drawn with, so a chart's key shows the marks it draws (a whisker,
an arrow from a cap, a thick segment, a grey outline, a hollow glyph), never a plain line for each."""

from __future__ import annotations

from matplotlib.legend_handler import HandlerBase
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Patch

from kit.report import style, words


class _BoundHandler(HandlerBase):
    """Legend key for a floor or ceiling: the same cap and arrow the chart draws, across for a chart whose values run
    across (estimates), up or down for one whose values run up (a chart over time)."""

    def __init__(self, direction: int, vertical: bool = False):
        super().__init__()
        self.direction, self.vertical = direction, vertical

    def create_artists(self, legend, orig_handle, xdescent, ydescent, width, height, fontsize, trans):
        colour = orig_handle.get_color()
        middle = height / 2 - ydescent
        if self.vertical:  # a cap across, the arrow up (a floor) or down (a ceiling) from it
            centre = width / 2 - xdescent
            cap_y = middle - self.direction * height * 0.8
            ends = ((centre - width * 0.18, cap_y), (centre + width * 0.18, cap_y))
            tip = (centre, cap_y + self.direction * height * 1.75)
            start = (centre, cap_y)
        else:
            cap_x = width * (0.25 if self.direction > 0 else 0.75) - xdescent
            ends = ((cap_x, middle - height * 0.55), (cap_x, middle + height * 0.55))
            tip = (cap_x + self.direction * width * 0.55, middle)
            start = (cap_x, middle)
        (x0, y0), (x1, y1) = ends
        cap = Line2D([x0, x1], [y0, y1], color=colour, lw=3, transform=trans)
        head = 9 if self.vertical else 12  # a shorter arrow up the key's height: a smaller head leaves its shaft seen
        arrow = FancyArrowPatch(
            start, tip, arrowstyle="-|>", mutation_scale=head, color=colour, lw=1.8, transform=trans
        )
        return [cap, arrow]


def legend(
    target, kinds: list[str], colour: str = style.INK, hollow: bool = False, inks: dict | None = None, **where: object
) -> None:
    """A key for every kind of mark drawn, below the chart (a figure legend, so layout makes room for it); with
    ``hollow``, the key of an unfilled glyph (a forecast, target or deadline); ``inks``, a colour per kind drawn in
    another colour than ``colour``."""
    handles, handler_map = legend_keys([*kinds, *(["hollow"] if hollow else [])], colour, inks)
    if handles:
        columns = 1 if getattr(target, "kit_style", style.DEFAULT_STYLE) == "large" else style.columns(2)
        options = {"loc": "lower left", "ncol": columns, "handlelength": 2.4} | where  # finalise() places it
        target.legend(handles=handles, handler_map=handler_map, **options)


def legend_keys(
    kinds: list[str], colour: str = style.INK, inks: dict | None = None, vertical: bool = False
) -> tuple[list, dict]:
    """The legend key of each kind of mark, the glyph the chart draws for it (arrows through their own handler, up
    or down where ``vertical``: the chart's values run up), in ``colour`` or the kind's own in ``inks``: the handles
    and the handler map a legend takes."""
    handles, handler_map = [], {}
    default = colour
    for kind in dict.fromkeys(kinds):
        colour = (inks or {}).get(kind, default)
        label, glyph = style.fit(words.LEGEND_TEXT[kind], style.chars(80)), words.GLYPH_OF.get(kind, "line")
        if kind == "hollow":
            handles.append(Line2D([], [], color=colour, marker="o", markerfacecolor="white", ls="", label=label))
        elif kind == "hollow_bar":  # a forecast share's outlined bar
            handles.append(Patch(facecolor="white", edgecolor=colour, linewidth=1.8, label=label))
        elif kind == "implied_bar":  # a share's rest of its whole: a quiet grey outline
            handles.append(Patch(facecolor="white", edgecolor=style.GREY, linewidth=0.8, label=label))
        elif kind == "implied_point":
            handles.append(Line2D([], [], color=style.GREY, marker="o", markerfacecolor="white", ls="", label=label))
        elif kind == "implied_point_whisker":
            handles.append(Line2D([], [], color=style.GREY, marker="o", markerfacecolor="white", label=label))
        elif kind == "bar":  # a share's part of its whole, stacked with the rest
            handles.append(Patch(color=colour, label=label))
        elif glyph == "dot":
            handles.append(Line2D([], [], color=colour, marker="o", markersize=8, ls="", label=label))
        elif glyph == "whisker":
            handles.append(Line2D([], [], color=colour, marker="o", linestyle="-", label=label))
        elif glyph in ("segment", "segment_whisker"):
            handles.append(Line2D([], [], color=colour, linewidth=6, label=label))
        elif glyph == "hatched_segment":
            handles.append(Patch(facecolor="white", edgecolor=colour, hatch="///", label=label))
        elif glyph in ("arrow_up", "arrow_down"):
            handle = Line2D([], [], color=colour, label=label)
            handler_map[handle] = _BoundHandler(1 if glyph == "arrow_up" else -1, vertical)
            handles.append(handle)
    return handles, handler_map
