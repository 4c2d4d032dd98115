"""House style: frame texts, palette, determinism."""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import pytest

from kit.report import style


def test_palette_is_okabe_ito_and_side_colours_are_stable():
    assert set(style.PALETTE) == set(style.OKABE_ITO.values())
    first = style.side_colours(["Ukraine", "Russia", "South Korea"])
    again = style.side_colours(["Ukraine", "Russia", "South Korea"])
    assert first == again
    assert len(set(first.values())) == 3
    assert style.side_colours([str(n) for n in range(20)])["9"] in style.SIDE_COLOURS  # wraps, never fails
    assert all(style.contrast(colour) >= style.TEXT_CONTRAST for colour in style.SIDE_COLOURS)  # inks, not tints


def test_rc_rejects_unknown_style_naming_choices():
    with pytest.raises(ValueError, match="house"):
        style.rc("comic")


@pytest.mark.parametrize("name", style.STYLES)
def test_dollar_figures_render_literally_not_as_math(name):
    """'$2 billion and $400 million' has two dollar signs: with mathtext on, the words between would set as math."""
    label = "$2 billion and $400 million"
    with style.using(name):
        figure, axes = style.new_figure(2.0, name)
        text = axes[0][0].set_title(label)
        figure.draw_without_rendering()
        literal_width = text.get_window_extent().width
        text.set_text(label.replace("$", "S"))  # same glyph count, no math possible
        assert text.get_window_extent().width == pytest.approx(literal_width, rel=0.05)
    plt.close(figure)


def _framed():
    figure, axes = style.new_figure(4.0)
    axes[0][0].plot([0, 1], [0, 1])
    axes[0][0].set_xlabel("Soldiers (count)")
    source = style.source_line(["A", "B", "A"], "An article")
    style.finalise(figure, "The finding", source, "A subtitle")
    return figure, source


def test_source_line_names_each_claimant_once_and_the_article():
    assert style.source_line(["A", "B", "A"], "Title") == "Source: A, B, as quoted in \u201cTitle\u201d"


def test_source_line_without_claimants_says_so_in_words():
    line = style.source_line([], "Title")
    assert "Source: ," not in line and "no claimant" in line and "\u201cTitle\u201d" in line


def test_finalise_puts_title_top_left_and_source_under_a_rule_bottom_left():
    figure, source = _framed()
    texts = {text.get_text(): text for text in figure.texts}
    title, footer = texts["The finding"], texts[source]
    assert title.get_position()[1] > 0.9 and title.get_ha() == "left"
    assert footer.get_position()[1] < 0.15 and footer.get_ha() == "left"
    assert abs(title.get_position()[0] - footer.get_position()[0]) < 1e-9
    rules = [artist for artist in figure.artists if artist.__class__.__name__ == "Line2D"]
    assert len(rules) == 1
    assert footer.get_position()[1] < rules[0].get_ydata()[0] < figure.axes[0].get_position().y0
    plt.close(figure)


def test_png_is_rendered_sharp_and_shown_800_px_wide():
    """A chart's PNG has 1.5x the pixels of its display width, so it stays sharp on high-density screens."""
    figure, _ = _framed()
    data = style.to_bytes(figure, "png")
    width = int.from_bytes(data[16:20], "big")  # the PNG header's IHDR width
    assert width == 1200
    plt.close(figure)


@pytest.mark.parametrize("figure_format", ["png", "svg"])
def test_output_is_byte_identical_between_renders_and_undated(figure_format):
    first, _ = _framed()
    second, _ = _framed()
    data = style.to_bytes(first, figure_format)
    assert data == style.to_bytes(second, figure_format)
    if figure_format == "svg":
        assert b"<dc:date>" not in data
        assert not re.search(rb"\d{4}-\d\d-\d\dT\d\d:\d\d", data)
    else:
        assert b"matplotlib version" not in data.lower()
    plt.close("all")


def test_png_has_an_8_bit_palette_and_keeps_the_colours():
    """A chart PNG is stored with a palette (a fraction of matplotlib's RGBA bytes), still 1,200 px wide, and
    its flat colours (white, ink, a palette fill) come out as drawn, within a few levels."""
    import io

    import numpy as np
    from PIL import Image

    figure, _ = _framed()
    figure.axes[0].barh([0, 1], [3, 4], color=style.PALETTE[0])
    data = style.to_bytes(figure, "png")
    rgba = io.BytesIO()
    with style.using():
        figure.savefig(rgba, format="png", dpi=style.PNG_DPI)  # matplotlib's own PNG: full RGBA
    plt.close(figure)
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG" and image.mode == "P" and image.width == 1200
    assert len(data) < 0.6 * len(rgba.getvalue())
    pixels = np.asarray(image.convert("RGB")).astype(int)
    full = np.asarray(Image.open(io.BytesIO(rgba.getvalue())).convert("RGB")).astype(int)
    assert pixels.shape == full.shape
    assert np.abs(pixels - full).max() <= 16  # anti-aliased edges move a little, never a colour
    for colour in ("#FFFFFF", style.INK, style.PALETTE[0]):
        rgb = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)])
        drawn = (full == rgb).all(axis=2)
        assert drawn.any() and np.abs(pixels[drawn] - rgb).max() <= 3, colour


def test_to_bytes_rejects_other_formats():
    figure, _ = _framed()
    with pytest.raises(ValueError, match="png, svg"):
        style.to_bytes(figure, "jpg")
    plt.close(figure)
