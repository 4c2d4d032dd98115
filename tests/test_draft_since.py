"""``kit draft``'s eleventh round, drafted from made-up articles through ``kit new`` and ``kit draft``: a time
counted from the event a report leads with ("since the flood", "in the first week after the flood", "its costs so
far" after "since the flood"), the event's day being the lead's or so many days before it ("on Friday, twelve days
after a flood"); a yearly figure with no date phrase ("cost €6 million a year") follows the data README's steps (the
fourteenth round dropped the rule that gave it the latest year-long period the article named)."""

from __future__ import annotations

from pathlib import Path

from test_draft_grammar import _drafts


def _article(title: str, dateline: str, *paragraphs: str) -> str:
    """A made-up article: headline, byline, dateline, then the paragraphs."""
    lead = f"{dateline} (Test Wire) - A made-up report for the kit's tests."
    return "\n\n".join((title, "By A. Writer", lead, *paragraphs))


RIVER = _article(
    "Merlow Still Short of Water After Flood",
    "MERLOW, Oct. 17, 2031",
    "About 3,000 homes were without water on Friday, twelve days after a flood swamped the pumping station, the"
    " water board said.",
    "A poll of 820 homes found that 41% had boiled their water since the flood, and put their costs so far at"
    " €2 million.",
    "Residents made 900 calls to the board's helpline in the first week after the flood, a spokesman said.",
    "The station now pumps 5,000 litres a minute, the most since the flood.",
    "The board supplied 41 million litres in the year to June, down from 45 million in 2019, its annual report said."
    " It plans to build a second station next year.",
    "Its pumps cost €6 million a year to run, about a third of its spending, the report said, and a new one would"
    " save €1 million a year.",
)


def test_a_time_counted_from_the_event_the_report_leads_with(tmp_path: Path) -> None:
    rows, _ = _drafts(tmp_path, "river", RIVER, "2031-10-17")
    assert rows["3,000"]["when"] == "2031-10-17"  # the lead: Friday, the publication day
    assert rows["41%"]["when"] == "2031-10-05/2031-10-17"  # "since the flood", twelve days before the lead's day
    assert rows["€2 million"]["when"] == rows["41%"]["when"]  # "so far", after "since the flood" in its sentence
    assert rows["900"]["when"] == "2031-10-06/2031-10-12"  # "in the first week after the flood"


def test_only_the_figure_before_the_phrase_and_no_comparison(tmp_path: Path) -> None:
    rows, _ = _drafts(tmp_path, "river", RIVER, "2031-10-17")
    assert rows["820"]["when"] != rows["41%"]["when"]  # the poll's sample: the 41% stands between it and the phrase
    assert rows["5,000"]["when"] == "2031-10-17"  # "the most since the flood" compares; the pumping is now


def test_a_yearly_figure_is_dated_by_the_documented_steps(tmp_path: Path) -> None:
    rows, _ = _drafts(tmp_path, "river", RIVER, "2031-10-17")
    assert rows["41 million"]["when"] == "2030-07/2031-06"
    assert rows["€6 million"]["when"] == "2031-10-17"  # "cost ... a year": the publication day (step 7)
    assert "publication day" in rows["€6 million"]["draft_note"]
    assert rows["a third"]["when"] == "2031-10-17"  # the share set off after the yearly figure: its time
    assert rows["€1 million"]["when"] == ""  # a forecast a year: undated
