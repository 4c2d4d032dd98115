"""``kit draft``'s sixteenth round, drafted from made-up articles through ``kit new`` and ``kit draft``: a share written
as a fraction or a ratio in words is drafted in percent with the percent it means (the data README's curation rule
3)."""

from __future__ import annotations

from pathlib import Path

from test_draft_grammar import _drafts, speakers

#: Published on Tuesday 4 March 2031.
FERRIES = "\n\n".join(
    (
        "Ferry Delays Hit a Quarter of Crossings",
        "By A. Writer",
        "PORTLOW, March 4, 2031 (Test Wire) - About a quarter of crossings ran late in February, the port said.",
        "Nearly half of the crews had worked overtime, and one in eight sailings was cancelled, it said.",
        "One in five passengers asked for a refund, the operator said. Delays cost 6.8 per 100,000 fares.",
    )
)


def test_a_share_in_words_is_drafted_in_percent(tmp_path: Path) -> None:
    rows, _ = _drafts(tmp_path, "ferries", FERRIES, "2031-03-04")
    shares = {written: (row["value"], row["unit"], row["kind"]) for written, row in rows.items()}
    assert shares["a quarter"] == ("25", "percent", "share")
    assert shares["half"] == ("50", "percent", "share")
    assert shares["one in eight"] == ("12.5", "percent", "share")  # a ratio is drafted at all
    assert shares["One in five"] == ("20", "percent", "share")
    assert float(rows["a Quarter"]["value"]) == 25 and rows["a Quarter"]["unit"] == "percent"  # the headline's
    assert not any("100,000" in written for written in rows)  # a rate written as a ratio is no share


def test_an_age_given_with_a_name_at_a_sentence_end_is_not_drafted(tmp_path: Path) -> None:
    text = FERRIES + '\n\n"We lost 40 bookings in a week," said skipper Mara Olsen, 61.'
    rows, _ = _drafts(tmp_path, "ferries", text, "2031-03-04")
    assert "40" in rows and "61" not in rows  # "Mara Olsen, 61." is her age


#: Published on Friday 9 May 2031.
CARRIER = "\n\n".join(
    (
        "Airline Carries Fewer Passengers",
        "By A. Writer",
        "KESTON, May 9, 2031 (Test Wire) - Skyrail said it would cut routes.",
        "Skyrail carried 4.2 million passengers last year, about a fifth of them on domestic routes, according to its"
        " annual report. Its profit fell by 3 million euros to 21 million euros, the report said.",
    )
)


def test_a_document_a_pronoun_owns_is_the_proper_name_the_sentence_opens_with(tmp_path: Path) -> None:
    rows, names = _drafts(tmp_path, "carrier", CARRIER, "2031-05-09")
    speaker = speakers(rows, names)
    assert speaker["4.2 million"] == speaker["a fifth"] == "Skyrail"  # "according to its annual report"
    assert speaker["3 million euros"] == speaker["21 million euros"] == "Skyrail"  # "the report said": the same


#: Published on Monday 2 June 2031.
LIBRARY = "\n\n".join(
    (
        "Library Loans Fall",
        "By A. Writer",
        "ORVEN (Test Wire) - The Orven public lending library lost 300 members in May, its chair said on Monday.",
        "Loans fell by 2,000 to 41,000 in the first quarter, according to library records.",
    )
)


def test_records_named_by_their_owners_noun_are_the_body_the_article_named(tmp_path: Path) -> None:
    rows, names = _drafts(tmp_path, "library", LIBRARY, "2031-06-02")
    speaker = speakers(rows, names)
    assert speaker["2,000"] == speaker["41,000"] == "Orven public lending library"  # "library records"


def test_a_role_is_the_person_the_article_names_in_it(tmp_path: Path) -> None:
    rows, names = _drafts(tmp_path, "library", LIBRARY, "2031-06-02")
    speaker = speakers(rows, names)
    assert speaker["300"] == "its chair"  # no person is named as the chair: the role stays as written
    text = LIBRARY + "\n\nThe library's chair, Ines Varga, said 12 branches would stay open."
    rows, names = _drafts(tmp_path, "library-named", text, "2031-06-02")
    assert names[rows["300"]["claimant"]] == "Ines Varga"  # "its chair said": the chair the article names


def test_a_semicolon_ends_an_attributions_clause(tmp_path: Path) -> None:
    text = (
        LIBRARY
        + "\n\nIts treasurer, Olga Brun, said repairs could cost 90,000 euros; the council put them at 70,000 euros."
    )
    rows, names = _drafts(tmp_path, "library", text, "2031-06-02")
    speaker = speakers(rows, names)
    assert speaker["90,000 euros"] == "Olga Brun"  # not "the council", nearer but across the semicolon


#: Published on Wednesday 9 July 2031.
CLINIC = "\n\n".join(
    (
        "Clinic Waits Grow",
        "By A. Writer",
        "HOLM (Test Wire) - The Holm Patients' Guild said on Tuesday that 40% of patients had waited a month.",
        "The guild, which has 2,600 members, wants a limit of 14 days on waits.",
        "Waits rose by 20% last year, according to figures published by the Holm Community Clinic. The clinic treats"
        " 300 patients a day, director Per Lund said. It has asked the county for 12 more nurses.",
        "The county plans to spend 5 million euros on clinics. It aims to open 3 clinics by 2033.",
    )
)


def test_a_bodys_own_wish_or_request_is_the_bodys(tmp_path: Path) -> None:
    rows, names = _drafts(tmp_path, "clinic", CLINIC, "2031-07-09")
    speaker = speakers(rows, names)
    assert speaker["14"] == speaker["40%"]  # "The guild, which has ..., wants": past the relative clause
    assert speaker["40%"].endswith("Holm Patients' Guild")
    assert speaker["2,600"] == "Test Wire"  # the relative clause is the reporter's fact
    assert speaker["300"] == "Per Lund"
    assert (
        speaker["12"] == speaker["20%"] == "the Holm Community Clinic"
    )  # "It has asked": the clinic the sentence before opens with
    assert speaker["3"] == "Test Wire"  # "It" after the outlet's own reporting goes on with it


def test_a_capacity_holds_at_no_time(tmp_path: Path) -> None:
    text = LIBRARY + "\n\nThe reading room, built for 120, held 180 people on Saturday, its chair said."
    rows, _ = _drafts(tmp_path, "library", text, "2031-06-02")
    assert rows["120"]["when"] == ""  # "built for 120": a capacity, step 3
    assert rows["180"]["when"] == "2031-05-31"


def test_the_expected_harvest_is_no_forecast(tmp_path: Path) -> None:
    text = LIBRARY + "\n\nThe growers' union said about a quarter of the valley's expected harvest had been lost."
    rows, _ = _drafts(tmp_path, "library", text, "2031-06-02")
    assert rows["a quarter"]["when"] != ""  # "the valley's expected harvest": an adjective, not a forecast


def test_that_period_is_the_span_named_before(tmp_path: Path) -> None:
    text = LIBRARY + (
        "\n\nThe library lent 9,000 e-books between March 2030 and May 2031, its chair said."
        "\n\nThe city council said in a statement that readers had paid 4,000 euros in fines during that period."
    )
    rows, _ = _drafts(tmp_path, "library", text, "2031-06-02")
    assert rows["4,000 euros"]["when"] == rows["9,000"]["when"] == "2030-03/2031-05"


def test_the_same_evening_is_the_day_named_last(tmp_path: Path) -> None:
    text = LIBRARY + "\n\nAt a council meeting the same evening, councillor Jo Hart said the library had 250 members."
    rows, _ = _drafts(tmp_path, "library", text, "2031-06-02")
    assert rows["250"]["when"] == "2031-06-02"  # "said on Monday" (2 June) in the lead: the same evening
    text = text.replace("said on Monday", "said on Sunday")
    rows, _ = _drafts(tmp_path, "library-sunday", text, "2031-06-02")
    assert rows["250"]["when"] == "2031-06-01"


def test_a_request_past_a_figure_with_a_thousands_comma(tmp_path: Path) -> None:
    text = LIBRARY + "\n\nIt has asked the council for a further 250,000 euros to hire six more librarians."
    rows, _ = _drafts(tmp_path, "library", text, "2031-06-02")
    assert rows["250,000 euros"]["when"] == rows["six"]["when"] == ""  # both asked for: step 3, a request


def test_a_reports_finding_is_dated_by_its_publication(tmp_path: Path) -> None:
    text = LIBRARY + (
        "\n\nOne in four readers borrows e-books, according to a report published by the Reading Trust in March. The"
        " report found that loans had risen by 30% since 2028, to about 52,000 a year."
    )
    rows, names = _drafts(tmp_path, "library", text, "2031-06-02")
    assert rows["One in four"]["when"] == rows["52,000"]["when"] == "2031-03"  # "published ... in March"
    assert names[rows["One in four"]["claimant"]] == "the Reading Trust"  # not "the Reading Trust in March"
    assert rows["30%"]["when"] == "2028/2031-03"  # a span up to now ends when the report spoke


def test_a_target_set_for_a_month_is_a_deadline_ahead(tmp_path: Path) -> None:
    """A made-up stadium budget published in March: "set a target of cutting the remaining gap to $100 million by
    December" was drafted as the December before publication."""
    text = "\n\n".join(
        (
            "Stadium Overrun Grows",
            "HARBOR CITY, March 12, 2031 (Test Wire) - The mayor set a target of cutting the remaining gap to "
            "$100 million by December, the city said.",
        )
    )
    rows, _ = _drafts(tmp_path, "stadium", text, "2031-03-12")
    assert (rows["$100 million"]["when"], rows["$100 million"]["when_kind"]) == ("2031-12", "deadline")
