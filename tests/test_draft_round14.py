"""``kit draft``'s fourteenth round, drafted from a made-up article through ``kit new`` and ``kit draft``: the
dateline's date is no date phrase of the lead; a speaker's day of speaking named in the sentence dates what they say
there, before the present tense (the data README's step 1 before step 4), but not the reporter's aside after it nor
a plan; a rate ("900,000 litres a day") is no one-off event to take the lead's date; a past state ("were still on
their roofs") goes on from the dated sentence before it in its paragraph (step 5)."""

from __future__ import annotations

from pathlib import Path

from test_draft_grammar import _drafts

#: Published on Wednesday 14 May 2031: "on Tuesday" is 13 May, "on Sunday" 11 May.
FLOOD = "\n\n".join(
    (
        "Brenford Flood Leaves Town Short of Water",
        "By A. Writer",
        "BRENFORD, May 14, 2031 (Test Wire) - Some 640 homes in the lower town and along the river road have been"
        " flooded, the town's council said on Tuesday, leaving 2,100 homes under a boil-water notice.",
        "The river burst its banks on Sunday and closed 12 schools. Rescuers used 30 boats.",
        "The council's pumping station treated about 900,000 litres a day, the operator said.",
        "Boats reached the lower town on Monday with 45 volunteers. About 200 people were still on their roofs.",
        "The shelter, which has 80 beds, is full, its manager, Ida Holm, said in a statement on Tuesday.",
        "The depot, which would need 40 more pumps, is shut, its manager, Tom Reed, said in a statement on Tuesday.",
    )
)


def _flood(tmp_path: Path) -> dict[str, dict[str, str]]:
    rows, _ = _drafts(tmp_path, "flood", FLOOD, "2031-05-14")
    return rows


def test_the_dateline_is_no_date_phrase_and_the_day_of_saying_dates_the_sentence(tmp_path: Path) -> None:
    rows = _flood(tmp_path)
    assert rows["640"]["when_written"] == ""  # not "May 14, 2031": where and when the report was filed
    assert rows["640"]["when"] == "2031-05-13"  # nearer the figure than "on Tuesday", the dateline dated it
    assert rows["80"]["when"] == "2031-05-13"  # "which has 80 beds, ..., its manager ... said ... on Tuesday": step 1
    assert "named in its sentence" in rows["80"]["draft_note"]


def test_the_day_of_saying_leaves_the_aside_and_plans_alone(tmp_path: Path) -> None:
    rows = _flood(tmp_path)
    assert rows["2,100"]["when"] == "2031-05-14"  # the reporter's aside after "said on Tuesday": the publication day
    assert rows["40"]["when"] == ""  # "which would need 40 more": a plan that names no time


def test_a_rate_is_no_one_off_event_of_the_lead(tmp_path: Path) -> None:
    rows = _flood(tmp_path)
    assert rows["12"]["when"] == "2031-05-11"  # the lead's event, "on Sunday"
    assert rows["30"]["when"] == "2031-05-11"  # an event with no date of its own: the paragraph's (step 5)
    assert rows["900,000"]["when"] == "2031-05-14"  # "treated ... a day": a rate, as of publication


def test_a_past_state_goes_on_from_the_dated_sentence_before(tmp_path: Path) -> None:
    rows = _flood(tmp_path)
    assert rows["45"]["when"] == "2031-05-12"
    assert rows["200"]["when"] == "2031-05-12"  # "were still on their roofs", after "reached ... on Monday"


#: Made-up figures whose nouns the unit rule used to miss: an added count, an irregular plural, a noun before the
#: head, a length of time before a part, a price per litre.
CLINIC = "\n\n".join(
    (
        "Fever Clinics Open in Marrow",
        "By A. Writer",
        "MARROW, June 3, 2031 (Test Wire) - The county has given 5,100 extra flu shots since May, its board said.",
        "It will open two more drop-in clinics, the board said. One woman died last week.",
        "The ward is the busiest it has been in three decades. Of those admitted, 27 were elderly.",
        "Nurses were seeing between 20 and 30 mumps patients a day.",
        "Growers are paid 52 cents a kilo for apples, down from 61 cents last year, the growers' union said.",
    )
)


def test_units_past_an_added_count_an_irregular_plural_and_a_noun_before_the_head(tmp_path: Path) -> None:
    rows, _ = _drafts(tmp_path, "clinic", CLINIC, "2031-06-03")
    assert rows["5,100"]["unit"] == "shots"  # "extra flu shots": not "extra"
    assert rows["two"]["unit"] == "clinics"  # "two more drop-in clinics": not the unit of the figure before
    assert rows["One"]["unit"] == "people"  # "One woman": women are people, not "womans"
    assert rows["20 and 30"]["unit"] == "people"  # "mumps patients": the head is the last plural


def test_a_length_of_time_is_no_count_and_a_price_is_per_what_it_buys(tmp_path: Path) -> None:
    rows, _ = _drafts(tmp_path, "clinic", CLINIC, "2031-06-03")
    assert rows["27"]["unit"] == "people"  # "in three decades. Of those admitted, 27": a length counts nothing
    assert rows["52 cents"]["unit"] == "cents-per-kilo"
    assert rows["61 cents"]["unit"] == "cents-per-kilo"  # "down from 61 cents last year": the price before's unit


STORM = "\n\n".join(
    (
        "Storm Cuts Power in Hale",
        "By A. Writer",
        "HALE, May 14, 2031 (Test Wire) - A storm cut power to 4,000 homes on Sunday, the grid operator said.",
        "Schools sent 900 pupils home.",
        "So far this year the town has spent £2.4 million on flood defences. Volunteers have filled 8,000 sandbags"
        " since the start of April.",
    )
)


def test_a_past_event_in_an_irregular_verb_takes_the_leads_date(tmp_path: Path) -> None:
    rows, _ = _drafts(tmp_path, "storm", STORM, "2031-05-14")
    assert rows["4,000"]["when"] == "2031-05-11"
    assert rows["900"]["when"] == "2031-05-11"  # "sent 900 pupils home": a one-off event of the storm (step 6)


def test_so_far_this_year_opening_a_sentence_and_since_the_start_of_a_month(tmp_path: Path) -> None:
    rows, _ = _drafts(tmp_path, "storm", STORM, "2031-05-14")
    assert rows["£2.4 million"]["when"] == "2031-01-01/2031-05-14"  # "So far this year", capitalised: not "this year"
    assert rows["8,000"]["when"] == "2031-04-01/2031-05-14"  # "since the start of April": its first day on


def test_a_short_length_holds_at_no_time_unless_a_phrase_dates_it() -> None:
    from kit.ledger import draft_timeless

    assert draft_timeless.length("the network was down for up to ", " hours")  # no time of its own (step 3)
    assert draft_timeless.length("intruders stayed for ", " days before they were found")
    assert not draft_timeless.length("rose by ", " days")  # no "for": not a length something lasted
    assert draft_timeless.length("the bridge will open ", " years late")  # a delay
    assert draft_timeless.length("digging took ", " months longer than planned")
    assert draft_timeless.timeless("Road Shut for Up to ", " Months")  # a headline's capitals


def test_a_length_with_a_date_phrase_of_its_own_keeps_it(tmp_path: Path) -> None:
    text = "\n\n".join(
        (
            "Island Ferry Stops",
            "By A. Writer",
            "SKARA, May 14, 2031 (Test Wire) - Islanders had been without a ferry for nine days by Tuesday, the"
            " council said. The mainland pier was shut for 36 hours.",
        )
    )
    rows, _ = _drafts(tmp_path, "ferry", text, "2031-05-14")
    assert rows["nine"]["when"] == "2031-05-13"  # "by Tuesday" dates it
    assert rows["36"]["when"] == ""  # "for 36 hours": a length with no phrase, at no time


def test_each_dating_note_names_the_readme_step_it_follows(tmp_path: Path) -> None:
    rows = _flood(tmp_path)
    assert "named in its sentence (README step 1)" in rows["80"]["draft_note"]
    assert "left empty (README step 3)" in rows["40"]["draft_note"]
    assert "publication day (README step 7)" in rows["900,000"]["draft_note"]
    assert "the sentence before, in the same paragraph (README step 5)" in rows["30"]["draft_note"]
