"""``kit draft``'s eleventh round: a time counted from the event a report leads with ("since the flood", "in the first
week after the flood", "its costs so far" after "since the flood"), the event's day being the lead's or so many
days before it ("on Friday, twelve days after a flood"), drafted from a made-up article through ``kit new`` and
``kit draft``."""

from __future__ import annotations

from pathlib import Path

from test_draft_grammar import _drafts

RIVER = "\n\n".join(
    (
        "Merlow Still Short of Water After Flood",
        "By A. Writer",
        "MERLOW, Oct. 17, 2031 (Test Wire) - A made-up report for the kit's tests.",
        "About 3,000 homes were without water on Friday, twelve days after a flood swamped the pumping station, the"
        " water board said.",
        "A poll of 820 homes found that 41% had boiled their water since the flood, and put their costs so far at"
        " €2 million.",
        "Residents made 900 calls to the board's helpline in the first week after the flood, a spokesman said.",
        "The station now pumps 5,000 litres a minute, the most since the flood.",
    )
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
