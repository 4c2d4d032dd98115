"""House style for every chart the kit draws, in one place.

Every chart gets the same frame, after BBC bbplot's ``finalise_plot``: a
title that states the finding, an optional subtitle, axis labels with units,
and under the chart a rule and a left-aligned line naming who gave the
figures and the article that quotes them. Colours come from the Okabe-Ito
palette, which stays distinct for the common forms of colour blindness.

Output is deterministic so committed notebooks diff cleanly: a fixed
``svg.hashsalt``, no dates or software versions in file metadata, and
``SOURCE_DATE_EPOCH`` set to 0.
"""

from __future__ import annotations

import io
import os
import textwrap
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import matplotlib

matplotlib.use("Agg")  # charts are rendered to bytes, never to a window

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402

os.environ.setdefault("SOURCE_DATE_EPOCH", "0")

#: Okabe & Ito (2008) colour-blind-safe palette, in their order (black last).
OKABE_ITO = {
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
    "black": "#000000",
}
#: Colours for sides and series, most distinct first; yellow last because it is faint on white.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]
#: Grey for derived (implied) values and reference lines: not a claimant's colour.
GREY = "#6E6E6E"
#: WCAG AA: the least contrast of text and small markers against their background.
TEXT_CONTRAST = 4.5
INK = "#222222"

#: Width of every chart: 800 px at the display resolution.
WIDTH_PX = 800
DISPLAY_DPI = 100
#: PNGs are rendered at 1.5x so they stay sharp on high-density screens, shown at WIDTH_PX.
PNG_DPI = 150
#: A phone's rendering of every chart: NARROW_PX wide, in the same type, laid out again (labels wrapped to the
#: width), so on a phone's column (about 360 px at a 390 px viewport) it is shown at nearly its own size and its
#: smallest text (8 pt, 11 px) stays above 9 px; the page picks it below NARROW_VIEWPORT px (kit.report.html).
#: Scaling the 800 px chart down to that column would make its text 4 to 6 px.
NARROW_PX = 400
NARROW_VIEWPORT = 640
_WIDTH_PX: ContextVar[int] = ContextVar("chart_width_px", default=WIDTH_PX)
FIGURE_FORMATS = ("png", "svg")

_BASE = {
    "svg.hashsalt": "kit-house-style",
    "svg.fonttype": "path",
    "font.family": "DejaVu Sans",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": INK,
    "axes.labelcolor": INK,
    "axes.titlelocation": "left",
    "axes.titleweight": "bold",
    "axes.grid": False,
    "grid.color": "#DDDDDD",
    "grid.linewidth": 0.8,
    "xtick.color": INK,
    "ytick.color": INK,
    "legend.frameon": False,
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "figure.dpi": DISPLAY_DPI,
    "path.simplify": False,
    "text.parse_math": False,  # ledger text such as "$2 billion" must never become mathtext
}

#: Named styles a notebook may ask for; "house" is the default, "large" is for small screens.
STYLES: dict[str, dict] = {
    "house": {
        **_BASE,
        "font.size": 11,
        "axes.titlesize": 12,
        "axes.labelsize": 11,
        "xtick.labelsize": 10,
        "ytick.labelsize": 10,
        "legend.fontsize": 10,
    },
    "large": {
        **_BASE,
        "font.size": 13,
        "axes.titlesize": 14,
        "axes.labelsize": 13,
        "xtick.labelsize": 12,
        "ytick.labelsize": 12,
        "legend.fontsize": 12,
    },
}
DEFAULT_STYLE = "house"

#: Text sizes of the frame, in points, per style.
_FRAME = {
    "house": {
        "title": 16,
        "subtitle": 11.5,
        "source": 9.5,
        "wrap_title": 54,
        "wrap_sub": 90,
        "wrap_source": 104,
        "scale": 1.0,
    },
    "large": {
        "title": 19,
        "subtitle": 13.5,
        "source": 11,
        "wrap_title": 44,
        "wrap_sub": 74,
        "wrap_source": 88,
        "scale": 1.2,
    },
}


def rc(style: str = DEFAULT_STYLE) -> dict:
    """The rcParams of a style; a copy, so callers cannot change the house style by accident."""
    if style not in STYLES:
        raise ValueError(f"style {style!r} is not one of: {', '.join(STYLES)}")
    return dict(STYLES[style])


@contextmanager
def using(style: str = DEFAULT_STYLE) -> Iterator[None]:
    """Draw inside this block to get the house style without touching global settings."""
    with plt.rc_context(rc(style)):
        yield


@contextmanager
def narrow() -> Iterator[None]:
    """Draw inside this block to get a chart's phone rendering (NARROW_PX wide)."""
    token = _WIDTH_PX.set(NARROW_PX)
    try:
        yield
    finally:
        _WIDTH_PX.reset(token)


def width_px() -> int:
    """The width of the chart being drawn, in display pixels: WIDTH_PX, or NARROW_PX inside :func:`narrow`."""
    return _WIDTH_PX.get()


def scale() -> float:
    """The chart being drawn's width as a share of WIDTH_PX: 1, or 0.5 for a phone's rendering."""
    return width_px() / WIDTH_PX


def chars(wide: int, narrow: int | None = None) -> int:
    """A label's width in characters, given as it is on the WIDTH_PX chart, for the chart being drawn: labels wrap
    to the width they have, so a phone's rendering wraps them sooner rather than running off the figure (at
    ``narrow`` characters where given: a label beside row labels has less than its share of the width)."""
    if narrow is not None and scale() < 1:
        return narrow
    return max(8, round(wide * scale()))


def ticks(wide: int) -> int:
    """An axis's most ticks, given as on the WIDTH_PX chart, for the chart being drawn (at least three), so tick
    labels keep apart on a phone's rendering."""
    return max(3, round(wide * scale()))


def columns(wide: int) -> int:
    """A legend's columns, given as on the WIDTH_PX chart, for the chart being drawn (at least one)."""
    return max(1, round(wide * scale()))


def side_colours(sides: Iterable[str]) -> dict[str, str]:
    """One side colour per side, in the order given, so a side keeps its colour in every chart (the order is
    the story's: kit.report.story_palette)."""
    return {side: SIDE_COLOURS[index % len(SIDE_COLOURS)] for index, side in enumerate(sides)}


def _channel(value: float) -> float:
    value /= 255
    return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """WCAG relative luminance of a #RRGGBB colour."""
    red, green, blue = (_channel(int(colour[index : index + 2], 16)) for index in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(colour: str, background: str = "#FFFFFF") -> float:
    """WCAG contrast ratio of two #RRGGBB colours (1 to 21; text needs 4.5)."""
    lighter, darker = sorted((luminance(colour), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def for_text(colour: str, background: str = "#FFFFFF", ratio: float = TEXT_CONTRAST) -> str:
    """The colour, darkened in steps of its own hue until it reaches ``ratio`` against the background: the
    light Okabe-Ito tints (orange, sky blue) become inks a side's name and small marks can use."""
    red, green, blue = (int(colour[index : index + 2], 16) for index in (1, 3, 5))
    scale = 1.0
    shade = colour.upper()
    while contrast(shade, background) < ratio and scale > 0:
        scale = round(scale - 0.02, 2)
        shade = "#" + "".join(f"{round(channel * scale):02X}" for channel in (red, green, blue))
    return shade


#: Side colours: the Okabe-Ito hues in their order, each darkened to TEXT_CONTRAST on white, since a side's
#: colour draws its name and small markers. Yellow is left out (darkened, it reads as the orange), and so is
#: black, the ink of every label that is not a side's.
#: Past the six, Paul Tol's indigo and wine (already dark enough for text), then the colours repeat: a story of more
#: sides names each side beside its marks.
SIDE_COLOURS = [for_text(colour) for colour in PALETTE if colour not in (OKABE_ITO["yellow"], OKABE_ITO["black"])] + [
    "#332288",
    "#882255",
]
#: Verdicts (does an estimate fit the others?) in a scheme of their own, apart from every side colour: ink for a
#: conflict, the reader's eye goes there first; grey for an estimate that fits or stands alone (told apart by the
#: legend's words and, for a lone estimate, a dotted line). Both reach TEXT_CONTRAST on white.
VERDICT_COLOURS = {"conflict": INK, "agree": "#767676", "single claim": "#767676"}


def new_figure(height_in: float, style: str = DEFAULT_STYLE, **subplots: object) -> tuple[Figure, object]:
    """A figure WIDTH_PX wide, ``height_in`` for the plot (finalise() adds the frame), in constrained layout."""
    with using(style):
        figure, axes = plt.subplots(
            figsize=(width_px() / DISPLAY_DPI, height_in * _FRAME[style]["scale"]),
            layout="constrained",
            squeeze=False,
            **subplots,
        )
    figure.kit_style = style  # remembered so finalise() uses the same sizes
    return figure, axes


#: At most this many speakers are named in a chart's source line; the rest are counted (the chart's notes and
#: data name every one), so ten long names never push the chart off its figure.
SOURCE_NAMES = 6
#: A speaker's name in a source line is cut to this many characters, with an ellipsis.
SOURCE_NAME_CHARS = 70


def fit(text: str, width: int, lines: int = 3) -> str:
    """A chart label wrapped to ``width`` characters a line and at most ``lines`` lines, the last ending in an
    ellipsis when the text is longer: a label never grows into its neighbours or off the figure (the full
    text is in the page's notes and the chart's data)."""
    wrapped = []
    for paragraph in str(text).split("\n"):
        wrapped += textwrap.wrap(paragraph, width, break_long_words=True) or [""]
    if len(wrapped) <= lines:
        return "\n".join(wrapped)
    kept = wrapped[:lines]
    kept[-1] = textwrap.shorten(kept[-1] + " " + wrapped[lines], width - 1, placeholder="") + "\u2026"
    return "\n".join(kept)


def source_line(claimant_names: Iterable[str], article_title: str) -> str:
    """'Source: A, B, as quoted in "Title"': who gave the figures, in the order the chart shows them; beyond
    SOURCE_NAMES speakers, "and N more"."""
    names = list(dict.fromkeys(str(name) for name in claimant_names))
    if not names:
        return f"Source: \u201c{article_title}\u201d (no claimant gives a figure shown here)"
    return f"Source: {named(names)}, as quoted in \u201c{article_title}\u201d"


def named(names: Iterable[str], last: str = ", ") -> str:
    """Names for a source line, each once (cut to SOURCE_NAME_CHARS); past SOURCE_NAMES, the first few and "and
    N more" (never "and 1 more": a name fits where its count would)."""
    names = list(dict.fromkeys(str(name) for name in names))
    cut = len(names) > SOURCE_NAMES
    shown = [
        textwrap.shorten(name, SOURCE_NAME_CHARS, placeholder="\u2026")
        for name in names[: SOURCE_NAMES - 1 if cut else None]
    ]
    if cut:
        return f"{', '.join(shown)} and {len(names) - len(shown)} more"
    return last.join([", ".join(shown[:-1]), shown[-1]]) if len(shown) > 1 else "".join(shown)


def finalise(figure: Figure, title: str, source: str, subtitle: str | None = None, style: str | None = None) -> Figure:
    """Frame a chart: title and subtitle on top, a rule and the source line below, all left-aligned.

    The axes area shrinks to make room (constrained layout's rect), so nothing overlaps at any height.
    """
    style = style or getattr(figure, "kit_style", DEFAULT_STYLE)
    sizes = _FRAME[style]
    width_in, plot_in = figure.get_size_inches()
    left = 0.12 / width_in  # a small inset from the left edge, as in print
    wide = width_in * DISPLAY_DPI / WIDTH_PX  # the frame's lines wrap to the figure's width
    title_text = textwrap.fill(title, round(sizes["wrap_title"] * wide))
    sub_text = textwrap.fill(subtitle, round(sizes["wrap_sub"] * wide)) if subtitle else ""
    source_text = textwrap.fill(source, round(sizes["wrap_source"] * wide))
    line_in = 1 / 72 * 1.3  # one line of text, in inches per point
    top_in = 0.15 + title_text.count("\n") * sizes["title"] * line_in + sizes["title"] * line_in
    if sub_text:
        top_in += 0.06 + (sub_text.count("\n") + 1) * sizes["subtitle"] * line_in
    bottom_in = 0.18 + (source_text.count("\n") + 1) * sizes["source"] * line_in
    legend_in = 0.0
    if figure.legends:  # a key of the marks sits between the chart and the rule
        # measured on its own: its height does not depend on the chart's layout, and laying the chart out to read it
        # cost a fifth of rendering a page
        legend_in = max(legend.get_window_extent().height for legend in figure.legends) / figure.dpi + 0.12
    height_in = plot_in + top_in + bottom_in + legend_in + 0.15  # the frame adds to the plot, never eats it
    figure.set_figheight(height_in)
    y = 1 - 0.12 / height_in
    figure.text(left, y, title_text, ha="left", va="top", fontsize=sizes["title"], weight="bold", color=INK)
    if sub_text:
        y_sub = 1 - (0.18 + (title_text.count("\n") + 1) * sizes["title"] * line_in) / height_in
        figure.text(left, y_sub, sub_text, ha="left", va="top", fontsize=sizes["subtitle"], color="#444444")
    rule_y = (bottom_in - 0.04) / height_in
    figure.add_artist(Line2D([left, 1 - left], [rule_y, rule_y], transform=figure.transFigure, color=INK, lw=0.8))
    figure.text(left, rule_y - 0.06 / height_in, source_text, ha="left", va="top", fontsize=sizes["source"])
    for legend in figure.legends:
        legend.set_bbox_to_anchor((left, rule_y + 0.06 / height_in), transform=figure.transFigure)
        legend.set_loc("lower left")
    engine = figure.get_layout_engine()
    if engine is not None:
        bottom = (bottom_in + legend_in + 0.05) / height_in
        engine.set(rect=(0, bottom, 1, 1 - bottom - (top_in + 0.05) / height_in))
    figure.kit_frame = {"title": title, "subtitle": subtitle, "source": source}
    return figure


def to_bytes(figure: Figure, figure_format: str = "png") -> bytes:
    """The figure as PNG or SVG bytes, identical on every run: no dates, no software versions."""
    if figure_format not in FIGURE_FORMATS:
        raise ValueError(f"figure format {figure_format!r} is not one of: {', '.join(FIGURE_FORMATS)}")
    style = getattr(figure, "kit_style", DEFAULT_STYLE)
    buffer = io.BytesIO()
    with using(style):
        if figure_format == "png":  # raw pixels, encoded once, with a palette (palette_png)
            figure.savefig(buffer, format="rgba", dpi=PNG_DPI)
            return palette_png(buffer.getvalue(), int(figure.get_size_inches()[0] * PNG_DPI))
        figure.savefig(buffer, format=figure_format, dpi=DISPLAY_DPI, metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


#: Colours in a chart PNG's palette. A chart is a few flat colours and their anti-aliased edges (about 300 to
#: 1,600 distinct colours), so an 8-bit palette stores it in about 40% of the bytes of matplotlib's full RGBA.
PNG_COLOURS = 256
#: zlib level of chart PNGs: 9, the smallest; about 0.1 s for a chart at its tallest, and pages are capped in charts.
PNG_COMPRESSION = 9


def palette_png(rgba: bytes, width: int) -> bytes:
    """Raw RGBA pixels (``width`` wide, as matplotlib's "rgba" format writes them) as a PNG with an 8-bit
    palette, so a page of charts stays small.

    Why this quantizer: Pillow's "maximum coverage" keeps the frequent colours (white, ink, the Okabe-Ito
    fills) within about 3 of 255 levels and anti-aliased edges within a few more, so colours stay right and
    text and thin lines stay crisp (median cut moved some edge pixels by 60 levels; the fast octree moved
    white itself); no dithering, which would add noise to flat fills and cost bytes. Pillow writes no date or software
    version (only the resolution), and quantizing is deterministic, so the bytes are the same on every run.
    Pillow ships with matplotlib: no new dependency.
    """
    from PIL import Image

    height, rest = divmod(len(rgba), 4 * width)
    if rest:
        raise ValueError(f"{len(rgba)} bytes are not rows of {width} RGBA pixels")
    image = Image.frombuffer("RGBA", (width, height), rgba, "raw", "RGBA", 0, 1)
    if image.getchannel("A").getextrema() != (255, 255):  # a see-through figure: flatten onto the page's white
        image = Image.alpha_composite(Image.new("RGBA", image.size, "white"), image)
    quantized = image.convert("RGB").quantize(PNG_COLOURS, method=Image.Quantize.MAXCOVERAGE, dither=Image.Dither.NONE)
    out = io.BytesIO()
    quantized.save(out, format="PNG", compress_level=PNG_COMPRESSION, dpi=(PNG_DPI, PNG_DPI))
    return out.getvalue()
