"""The tracker page: one story followed across the articles of a corpus, quantity by quantity.

For each quantity with two or more statements: its statements oldest first, each counted once and named with every
outlet that reported it; how each source's figures changed from date to date, and by how much; which statements of
one date can all be right (never two dates set against each other); and a chart of the dated ones. Every figure
comes from a ledger, with a numbered footnote to its article and quote, or from :mod:`kit.analysis.tracker`, marked
as the kit's arithmetic. A section appears only where the ledgers have what it needs; the page stays bounded however
large the corpus: at most MAX_SECTIONS charts, the other statements in one truncated table."""

from __future__ import annotations

import pandas as pd
from IPython.display import Markdown, display

from kit import analysis, vocab
from kit import ledger as _ledger
from kit.analysis import tracker as track
from kit.paths import DEFAULT_LEDGER
from kit.report import changes, sections, style, tracker_chart, words
from kit.report.markdown import cite, cited, derived, escape_markdown, figure, mentioned, who
from kit.report.params import ParameterError
from kit.report.story_model import Tracked, check_ledgers, dated

__all__ = ["ParameterError", "Tracked", "check_ledgers", "chart", "found_sections", "narrative", "provenance", "show"]

#: At most this many quantities get a section and a chart; the most worth reading first (analysis.tracker).
MAX_SECTIONS = 6
#: At most this many statements are listed per section, and rows in the table of other figures.
MAX_LISTED = 12
#: At most this many same-date pairs are set against each other per quantity.
MAX_PAIRS = 6
#: Most reports of one statement cited with a footnote (a statement reported by many outlets names them all,
#: and cites the earliest this many of their quotes).
MAX_CITED = 5
#: What the page needs, for the "not applicable" line.
NEEDS = "level or share estimates"


def _possessive(name: object) -> str:
    """A name's possessive: Lee\u2019s, but Reports\u2019 (a name ending in s takes the apostrophe alone)."""
    name = str(name)
    return escape_markdown(name) + ("\u2019" if name.endswith("s") else "\u2019s")


def _figure(row: pd.Series) -> str:
    """A statement's figure with its bound, its stage in the ledger's words ("1,850 people on the way": counts of
    two stages are no rival totals), and a footnote for every claim that reports it."""
    staged = row.get("stage_words") if isinstance(row.get("stage"), str) and row.get("stage") else None
    stage = f" {escape_markdown(staged)}" if isinstance(staged, str) and staged else ""
    return figure(row, with_unit=True, cites=()) + stage + "".join(cite(claim) for claim in _cited(row))


def _cited(row: pd.Series) -> tuple:
    """The claims a statement's figure cites: every report of it, up to MAX_CITED (the earliest first)."""
    return tuple(row["claims"])[:MAX_CITED]


def _outlets(row: pd.Series) -> str:
    """Who reported a statement: every outlet named, and how many when more than one; "" when none is named."""
    names = [escape_markdown(outlet) for outlet in row["outlets"]]
    if not names:
        return ""
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"; reported by {listed}" if len(names) == 1 else f"; reported by {len(names)} outlets: {listed}"


def _ahead(row: pd.Series) -> str:
    kind = str(row.get("when_kind"))
    return f" (a {escape_markdown(kind)})" if kind in track.AHEAD else ""


def _listing(statements: pd.DataFrame) -> list[str]:
    """The statements, oldest first, the most recent MAX_LISTED of them, one line each."""
    shown = statements.tail(MAX_LISTED)
    lines = [
        f"- {words.upper_first(words.date_words(row['when']))}{_ahead(row)}: {who(row, mid=True)} "
        f"gave {_figure(row)}{_outlets(row)}."
        for _, row in shown.iterrows()
    ]
    left = statements.head(len(statements) - len(shown))  # oldest first, the undated before them all
    undated = int((left["when"].astype(str) == analysis.UNDATED).sum())
    counts = [(len(left) - undated, "earlier"), (undated, "undated")]  # an undated statement is no earlier one
    said = [f"{n} {what} {'statement' if n == 1 else 'statements'}" for n, what in counts if n]
    if said:
        lines.insert(0, f"- ({' and '.join(said)} not listed here.)")
    return lines


def _moves(statements: pd.DataFrame) -> list[str]:
    """How each source's figures changed from one date to a later one: the most recent MAX_LISTED moves,
    and a count of the earlier ones."""
    by_id = statements.set_index("statement", drop=False)
    found = track.moves(statements).sort_values(["to_when", "from_when", "claimant"], kind="stable")
    shown = found.tail(MAX_LISTED)
    lines = []
    if len(found) > len(shown):
        left = len(found) - len(shown)
        lines.append(f"- ({left} earlier {'move' if left == 1 else 'moves'} not listed here.)")
    for move in shown.itertuples(index=False):
        before, after = by_id.loc[move.from_statement], by_id.loc[move.to_statement]
        then, now = words.date_words(move.from_when), words.date_words(move.to_when)
        said = f"gave {_figure(before)} ({then}), then {_figure(after)} ({now})"  # a series: never "revised"
        who = words.upper_first(escape_markdown(before["claimant_name"]))  # it opens the line
        stated = changes.clause(move)  # a change the article states, in its words, with its check
        if move.periods_differ:
            lines.append(f"- {who} {said}, dated to periods of different lengths: no move to read.{stated}")
        elif move.direction == "unclear":
            lines.append(
                f"- {who} {said}; the values both bounds allow overlap, so the figures do not show a move.{stated}"
            )
        elif pd.isna(move.change):
            lines.append(
                f"- {who} {said}: {move.direction} (the kit does not size a move between these bounds).{stated}"
            )
        else:
            amount = _amount(move, str(after["unit"]))
            lines.append(f"- {who} {said}: {move.direction} by {amount} (the kit's arithmetic).{stated}")
    return lines


def _amount(move, unit: str) -> str:
    """How far a figure moved, in words ("about 1.3" metres); where two roundings far apart in size leave a gap
    wider than "about" reads (1.2 million to 1.9 million: 350,000 to 1,050,000), the gap's two ends."""
    about = analysis.interval(move.change, "about")
    gap = sorted(abs(end) for end in (move.change_low, move.change_high))
    if move.change_bound != "about" or about[0] <= gap[0] <= gap[1] <= about[1]:
        return _difference(move.change, unit, move.change_bound)
    return f"{_difference(gap[0], unit, 'exact')} to {_difference(gap[1], unit, 'exact')}"


def _difference(change: float, unit: str, bound: str) -> str:
    """How far a figure moved, as the kit's arithmetic: in its unit, and between two percents in percentage points
    (8% to 20% is 12 percentage points, not 12%: a rise of 12% would be 8.96%)."""
    if unit != "percent":
        return derived(change, unit, bound)
    return f"{words.BOUND_WORDS[bound]}*{escape_markdown(words.percentage_points(change))}*"


def _allowed(low: float, high: float, unit: str) -> str:
    return words.allowed_words(low, high, lambda end: derived(end, unit))


def _same_date(statements: pd.DataFrame) -> list[str]:
    """Which statements of one date can all be right: reconcile's verdict on each pair, within its date; past
    MAX_PAIRS, the conflicts first, then the latest dates (what a reader checks first), never the ledgers' order."""
    by_id = statements.set_index("statement", drop=False)
    pairs = track.within_dates(statements)
    pairs = pairs.assign(_conflict=pairs["verdict"] != "conflict", _when=pairs["when"].astype(str))
    pairs = pairs.sort_values(["_conflict", "_when"], ascending=[True, False], kind="stable")
    lines = []
    for pair in pairs.head(MAX_PAIRS).itertuples(index=False):
        a, b = by_id.loc[pair.claim_a], by_id.loc[pair.claim_b]
        both = f"{_possessive(a['claimant_name'])} {_figure(a)} and {_possessive(b['claimant_name'])} {_figure(b)}"
        on = "Undated" if pair.when == analysis.UNDATED else words.on_date(pair.when)
        if pair.verdict == "conflict":
            lines.append(f"- {on}, {both} cannot both be right: no value fits both.")
        elif pair.relation == "subset":
            lines.append(
                f"- {on}, {both} can both be right: they count nested stages, and the part fits within the whole."
            )
        else:
            common = _allowed(pair.joint_low, pair.joint_high, str(a["unit"]))
            lines.append(f"- {on}, {both} can both be right: both allow {common} (the kit's arithmetic).")
    if len(pairs) > MAX_PAIRS:
        lines.append(f"- ({len(pairs) - MAX_PAIRS} more pairs of the same date not shown.)")
    return lines


def _footnotes(tracked: Tracked, statements: pd.DataFrame) -> pd.DataFrame:
    """The claims of these statements as note rows: speaker, outlet, date and the article's URL before the quote."""
    pairs = {pair for _, row in statements.iterrows() for pair in _cited(row)}
    frame = tracked.frame[(tracked.frame["article"].astype(str) + "/" + tracked.frame["claim_id"]).isin(pairs)]
    urls = {name: seed.url for name, seed in tracked.articles.items()}
    published = frame["published"].map(lambda stamp: None if pd.isna(stamp) else stamp)
    return pd.DataFrame(
        {
            "claim_id": frame["article"].astype(str) + "/" + frame["claim_id"].astype(str),
            "claimant_name": frame["claimant_name"],
            "outlet": frame["outlet"].astype(str),
            "published": published.astype(object),
            "url": frame["article"].astype(str).map(urls).fillna(""),
            "quote": frame["quote"],
        }
    )


def narrative(tracked: Tracked, quantity: str) -> Markdown:
    """One quantity in words: its statements by date, who moved it, what each date's statements allow."""
    statements = tracked.statements[tracked.statements["quantity"] == quantity]
    label = escape_markdown(tracked.labels.get(quantity, quantity.replace("-", " ")))
    opening = (
        f"Statements of {label}, at the date each figure applies to (not the day it was said), oldest first, each "
        "counted once:"
    )
    lines = [opening, "", *_listing(statements)]
    moved = _moves(statements)
    if moved:
        lines += ["", "How each source's figures changed from date to date:", "", *moved]
    same = _same_date(statements)
    if same:
        lines += ["", "Statements of the same date, set against each other (different dates are a series):", ""]
        lines += same
    body = "\n".join(lines)
    notes = _footnotes(tracked, statements)  # the claims behind what the block says, not every one it left out
    return cited(body, notes[notes["claim_id"].isin(mentioned(body))])


def chart(tracked: Tracked, quantity: str) -> tracker_chart.Chart | None:
    """One quantity's dated statements as a chart; None when none is dated."""
    statements = tracked.statements[tracked.statements["quantity"] == quantity]
    markers = tracker_chart.outlet_markers(list(dict.fromkeys(tracked.frame["outlet"].astype(str))))
    names = style.named(statements["claimant_name"].astype(str))
    outlets = list(dict.fromkeys(outlet for found in statements["outlets"] for outlet in found))
    source = f"Source: {names}" + (f", as reported by {style.named(outlets, last=' and ')}" if outlets else "")
    label = tracked.labels.get(quantity, quantity.replace("-", " "))
    colours = dict(tracked.colours)
    return tracker_chart.chart(statements, label, colours, markers, source, tracked.params.style, counts=tracked.counts)


def _table(tracked: Tracked, statements: pd.DataFrame) -> Markdown:
    """The statements without a section, most recent first, MAX_LISTED rows and a count of the rest."""
    ordered = statements.sort_values(["when_end", "first_reported"], ascending=False, na_position="last")
    named = any(len(outlets) for outlets in ordered["outlets"])  # no column of blanks when no outlet is named
    lines = ["| Quantity | Date | Figure | Source |" + (" Reported by |" if named else ""), "|---|---|---|---|"]
    lines[1] += "---|" if named else ""
    for _, row in ordered.head(MAX_LISTED).iterrows():
        label = escape_markdown(tracked.labels.get(str(row["quantity"]), str(row["quantity"])))
        outlets = ", ".join(escape_markdown(outlet) for outlet in row["outlets"])
        date = words.date_words(row["when"]) + _ahead(row)
        cells = [label, date, _figure(row), escape_markdown(row["claimant_name"])] + ([outlets] if named else [])
        lines.append("| " + " | ".join(cells) + " |")
    if len(ordered) > MAX_LISTED:
        left = len(ordered) - MAX_LISTED
        lines += ["", f"{left} more {'statement' if left == 1 else 'statements'} not shown."]
    return cited("\n".join(lines), _footnotes(tracked, ordered.head(MAX_LISTED)))


def found_sections(tracked: Tracked) -> list[sections.Section]:
    """The page's sections: one per quantity with two or more statements (at most MAX_SECTIONS, the most worth
    reading first), then one table of every other statement; none when the corpus has no level or share."""
    if tracked.statements.empty:
        return []
    ranked = track.quantities(tracked.statements)
    chosen = list(ranked[ranked["statements"] >= 2]["quantity"].head(MAX_SECTIONS))
    found = []
    for quantity in chosen:
        label = tracked.labels.get(quantity, quantity.replace("-", " "))
        blocks = [narrative(tracked, quantity), chart(tracked, quantity)]
        found.append(sections.Section(f"{label[:1].upper()}{label[1:]}", [b for b in blocks if b is not None]))
    rest = tracked.statements[~tracked.statements["quantity"].isin(chosen)]
    if not rest.empty:
        heading = "Other figures in the story" if chosen else "Figures in the story"
        found.append(sections.Section(heading, [_table(tracked, rest)]))
    return found


def left_out_note(tracked: Tracked) -> Markdown | None:
    """The note that names each article of the story the page leaves out, its data not passing the kit's checks;
    None when every article is followed."""
    if not tracked.left_out:
        return None
    count = len(tracked.left_out)
    which = "one article" if count == 1 else f"{count} articles"
    names = "; ".join(tracked.left_out_names)
    return Markdown(
        f"**Note:** this page leaves out {which} of the story, whose data does not pass the kit's checks, so "
        f"none of {'its' if count == 1 else 'their'} figures are counted or compared here: {names}."
    )


def not_followed_note(tracked: Tracked) -> Markdown | None:
    """The line that counts the story's figures the page does not follow, by status and kind (a forecast, a part
    of a whole): each article's own pages show them. None when the page follows every figure."""
    if not tracked.not_followed:
        return None
    followed = " and ".join(row.many for row in vocab.kinds().values() if row.kind in track.TRACKED_KINDS)
    counts = [vocab.counted(count, row) for count, row in tracked.not_followed]
    listed = counts[0] if len(counts) == 1 else f"{', '.join(counts[:-1])} and {counts[-1]}"
    return Markdown(
        f"This page follows {followed} stated as fact. Also in the story's articles, not followed here: "
        f"{escape_markdown(listed)}; each article's own pages show them."
    )


def provenance(tracked: Tracked) -> Markdown:
    """Which articles the page follows: each ledger's outlet, date, headline and version; and which it leaves out."""
    lines = ["Data: the ledgers of these articles:", ""]
    articles = tracked.frame.drop_duplicates("article")
    listed = set(articles["article"])
    for folder in tracked.folders:
        if folder.name not in listed and folder != DEFAULT_LEDGER:
            continue
        seed = tracked.articles[folder.name]
        when = dated(seed)
        lines.append(
            f"- {escape_markdown(seed.outlet or 'outlet not recorded')}, {escape_markdown(when)}: "
            f"\u201c{escape_markdown(seed.title)}\u201d, "
            f"version <code>{escape_markdown(_ledger.ledger_version(folder))}</code>"
        )
    for folder in tracked.left_out:
        lines.append(
            f"- Left out: <code>{escape_markdown(folder.name)}</code>, whose ledger does not validate "
            f"(<code>python -m kit validate</code> lists its problems)"
        )
    return Markdown("\n".join(lines))


def show(tracked: Tracked) -> None:
    """Display the page: the note naming any article left out, then each section, or "not applicable" with the
    reason when no section applies."""
    note = left_out_note(tracked)
    if note is not None:
        display(note)
    sections.show(found_sections(tracked), tracked.params, NEEDS, whose="this story")
    aside = not_followed_note(tracked)
    if aside is not None:
        display(aside)
