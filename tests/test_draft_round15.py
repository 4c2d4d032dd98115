"""``kit draft``'s fifteenth round, drafted from made-up articles through ``kit new`` and ``kit draft``: a report,
survey or poll is the statement of the body that published or commissioned it (the data README's claimant rule 5);
"she added" is a person, never the body the sentence opens with; a sentence with no attribution whose subject is a
speaker named before is that speaker's only when its verb states the speaker's plan or expectation."""

from __future__ import annotations

from pathlib import Path

from test_draft_grammar import _drafts, speakers

#: Published on Thursday 3 June 2032.
MILL = "\n\n".join(
    (
        "Dunmore Mill to Cut 80 Jobs",
        "By A. Writer",
        "DUNMORE, June 3, 2032 (Test Wire) - The Dunmore Paper Mill said on Thursday it will cut 80 of its 600 jobs.",
        "The cuts will start in August, manager Kay Doran told reporters.",
        "The mill expects to save 9 million euros a year and plans to spend 2 million euros on new presses, she added.",
        "A survey of 1,200 workers carried out for the Paper Workers' Guild in May found that 58% feared for their"
        " jobs. Output fell 12% last year, according to a report published on Monday by the Regional Trade Office.",
        "The guild expects 150 more jobs to go. The mill has set aside 300,000 euros for retraining.",
    )
)


def _speakers(tmp_path: Path) -> dict[str, str]:
    rows, names = _drafts(tmp_path, "mill", MILL, "2032-06-03")
    return {written: names.get(row["claimant"], row["claimant"]) for written, row in rows.items()}


def test_a_survey_or_report_is_the_statement_of_the_body_behind_it(tmp_path: Path) -> None:
    speaker = _speakers(tmp_path)
    assert speaker["1,200"] == speaker["58%"] == "Paper Workers' Guild"  # "carried out for the ... Guild"
    assert speaker["12%"] == "Regional Trade Office"  # "a report published on Monday by the ..."


def test_she_added_is_a_person_not_the_body_the_sentence_opens_with(tmp_path: Path) -> None:
    speaker = _speakers(tmp_path)
    assert speaker["9 million euros"] == speaker["2 million euros"] == "Kay Doran"  # not "The mill"


def test_an_act_the_reporter_tells_is_the_outlets_a_plan_the_subjects(tmp_path: Path) -> None:
    speaker = _speakers(tmp_path)
    assert speaker["300,000 euros"] == "Test Wire"  # "The mill has set aside": the outlet's reporting
    assert speaker["150"] == "Paper Workers' Guild"  # "The guild expects": the guild's forecast


#: Published on Saturday 2 June 2029.
CLIFFS = "\n\n".join(
    (
        "Cliffs Retreat Faster",
        "By A. Writer",
        "MARSTON, June 2, 2029 (Test Wire) - The dunes lost 3 metres in 2028, the survey office said.",
        "Its staff counted 80 slips, up from 60 the year before, the office said.",
        "The average loss was 1.5 metres a year, against 0.5 metres a year between 2000 and 2010, it said.",
        "The port made a profit of 12 million euros for 2028, up from 9 million euros a year earlier.",
        "The council wants to move 25 families within two years, its leader told reporters.",
    )
)


def test_spans_of_years_a_year_named_after_for_and_a_deadline_within(tmp_path: Path) -> None:
    rows, _ = _drafts(tmp_path, "cliffs", CLIFFS, "2029-06-02")
    assert rows["0.5"]["when"] == "2000/2010"  # "between 2000 and 2010"
    assert rows["1.5"]["when"] == "2029-06-02"  # ", against 0.5 ... between 2000 and 2010": the other's
    assert rows["12 million euros"]["when"] == "2028"  # "for 2028"
    assert rows["9 million euros"]["when"] == "2027"  # "a year earlier" than 2028
    assert (rows["25"]["when"], rows["25"]["when_kind"]) == ("2031-06-02", "deadline")  # "within two years"


def test_the_year_before_is_the_calendar_year_before(tmp_path: Path) -> None:
    rows, _ = _drafts(tmp_path, "cliffs", CLIFFS, "2029-06-02")
    assert rows["80"]["when"] == "2029-06-02"
    assert rows["60"]["when"] == "2028"  # not the month "2028-06": "the year before" is a year


#: Published on Thursday 5 October 2028: "on Tuesday" is 3 October.
DEPOT = "\n\n".join(
    (
        "Bus Depot Fire Destroys 30 Buses",
        "By A. Writer",
        "KELLHAM, Oct 5 (Test Wire) - A fire destroyed 30 buses at the Kellham depot on Tuesday, the operator said.",
        "The board approved the rebuilding plan by seven votes to three, manager Ada Lune told reporters. She said"
        ' drivers had been offered a bonus of 4%, "while fares went up 9% last year." She said the union wanted 6%'
        " over two years. The union plans to ballot its 900 members on a strike.",
        "An engineer, who asked not to be named, said 700 litres of fuel had been spilled on the yard.",
        'Under a rule agreed in 2025, an operator must keep at least 40 spare buses. "We are closing every route'
        ' that carries fewer than 50 riders a day," Lune said. Homes within 200 metres of the depot were evacuated.',
    )
)


def test_a_limit_a_threshold_a_length_over_years_and_a_distance_within_hold_at_no_time(tmp_path: Path) -> None:
    rows, _ = _drafts(tmp_path, "depot", DEPOT, "2028-10-05")
    assert rows["40"]["when"] == ""  # "must keep at least 40": a limit a rule sets
    assert rows["50"]["when"] == ""  # "every route that carries fewer than 50": a threshold
    assert rows["two"]["when"] == ""  # "over two years": a length
    assert rows["200"]["when"] == ""  # "within 200 metres of": a distance


def test_a_plan_noun_a_quotation_after_a_comma_a_request_an_owned_count_and_a_past_perfect_event(
    tmp_path: Path,
) -> None:
    rows, _ = _drafts(tmp_path, "depot", DEPOT, "2028-10-05")
    # "approved the rebuilding plan by seven votes": no plan figure but a one-off event, the lead's day (step 6)
    assert rows["seven"]["when"] == rows["three"]["when"] == "2028-10-03"
    assert rows["4%"]["when"] == "2028-10-03"  # ', "while fares went up 9% last year."' is the quotation's own phrase;
    # "had been offered": a one-off event in the past perfect, the lead's day (step 6)
    assert rows["9%"]["when"] == "2027"
    assert rows["6%"]["when"] == ""  # "the union wanted 6%": a request that names no time
    assert rows["900"]["when"] == "2028-10-05"  # "plans to ballot its 900 members": a count its owner keeps, now
    assert rows["700"]["when"] == "2028-10-03"  # "had been spilled": a one-off event, the lead's day (step 6)


#: Published on Friday 25 February 2028.
TELCO = "\n\n".join(
    (
        "Northcom Loses Customers",
        "By A. Writer",
        "OSTLEY, Feb. 25, 2028 (Test Wire) - Northcom had 6.3 million customers at the end of last year, up from"
        " 5.9 million a year earlier, the company said.",
        "The company had spent €480 million by the end of the third quarter, its accounts show.",
        "The grants, meant to pay for half of a typical installation, had a budget of £40 million for the year to"
        " March 2028, the ministry said.",
    )
)


def test_the_end_of_a_year_or_quarter_is_its_last_day_and_for_the_year_to_is_a_period(tmp_path: Path) -> None:
    rows, _ = _drafts(tmp_path, "telco", TELCO, "2028-02-25")
    assert rows["6.3 million"]["when"] == "2027-12-31"  # "at the end of last year": a day, not the year
    assert rows["5.9 million"]["when"] == "2026-12-31"  # a year earlier than that day
    assert rows["€480 million"]["when"] == "2027-09-30"  # the last third quarter's end before publication
    assert rows["£40 million"]["when"] == "2027-04/2028-03"  # not a typical value: "a typical" is another clause's


#: Published on Wednesday 17 November 2027: "on Monday" is 15 November.
TRAM = "\n\n".join(
    (
        "Tram Line Late Again",
        "By A. Writer",
        "VELMAR, Nov. 17, 2027 (Test Wire) - The tram line will open two years late, the city said.",
        "Mayor Ann Vale told a council meeting at 6 p.m. on Monday that the delay was unacceptable. The city has paid"
        " more than €20 million in penalties since 2025, she said.",
        "The city has spent 9 million euros on buses so far this year, the finance office said on Monday.",
        "Riders have made 3 million trips since 2025, the operator said.",
    )
)


def test_a_span_up_to_now_ends_on_the_day_its_speaker_spoke(tmp_path: Path) -> None:
    rows, _ = _drafts(tmp_path, "tram", TRAM, "2027-11-17")
    assert rows["€20 million"]["when"] == "2025/2027-11-15"  # "since 2025, she said", after "on Monday"
    assert rows["9 million euros"]["when"] == "2027-01-01/2027-11-15"  # "so far this year, ... said on Monday"
    assert rows["3 million"]["when"] == "2025/2027-11-17"  # no day of speaking: up to publication


#: Published on Thursday 3 June 2032.
FERRY = "\n\n".join(
    (
        "Ferry Firm Carries Fewer",
        "By A. Writer",
        "PORT HALLOW, June 3, 2032 (Test Wire) - Westsound Ferries said on Monday it had cut 12 sailings.",
        "Repairs will cost £40,000, the city council said.",
        "The company carried 2.1 million passengers in 2031, according to its annual report.",
        "The city spends £6.2 million a year on the service, a council report shows.",
        "Fares made up about 70% of income, according to figures the company filed with the city in May.",
    )
)


def test_a_document_its_owner_or_author_noun_names_is_that_bodys(tmp_path: Path) -> None:
    rows, names = _drafts(tmp_path, "ferry", FERRY, "2032-06-03")
    speaker = speakers(rows, names)
    assert speaker["2.1 million"] == "Westsound Ferries"  # "The company ..., according to its annual report"
    assert speaker["£6.2 million"] == "the city council"  # "a council report shows"
    assert speaker["70%"] == "Westsound Ferries"  # "figures the company filed with the city in May"


#: Published on Thursday 3 June 2032.
BRANCHES = "\n\n".join(
    (
        "Bank Shuts Branches",
        "By A. Writer",
        "ORLEN, June 3, 2032 (Test Wire) - Volunteers counted 412 queues at the branches, the consumer council said.",
        '"People have moved online," Ruth Amber said. "We are keeping every branch that has 400 visits a week."',
        "Most branches open at 9 a.m. Kestrel has 118 branches.",
    )
)


def test_a_said_outranks_counted_and_a_quotation_goes_on_with_its_speaker(tmp_path: Path) -> None:
    rows, names = _drafts(tmp_path, "branches", BRANCHES, "2032-06-03")
    speaker = speakers(rows, names)
    assert speaker["412"] == "the consumer council"  # "Volunteers counted 412 ..., the consumer council said"
    assert speaker["400"] == "Ruth Amber"  # the quotation goes on after '"...," Ruth Amber said.'
    assert speaker["118"] == "Test Wire"  # a sentence outside quotation marks: the outlet's own


#: Published on Friday 6 November 2026.
STRIKE = "\n\n".join(
    (
        "Teachers Plan Strike",
        "By A. Writer",
        "TORVILLE, Nov. 6, 2026 (Test Wire) - Teachers began a 48-hour strike, the union said.",
        "At least 90 posts would be cut by next September, the union said. Officials were likely to offer no more than"
        " 2% in talks.",
        "Scientists had advised a cut of between 30% and 40%. It takes up to eight months to train a teacher, the"
        " union said.",
        "Between 600 and 700 pupils are absent on any given day, the council said. The chips were up to 5 mm long.",
    )
)


def test_lengths_sizes_typical_days_requests_forecasts_and_next_september(tmp_path: Path) -> None:
    rows, _ = _drafts(tmp_path, "strike", STRIKE, "2026-11-06")
    assert rows["48"]["when"] == ""  # "a 48-hour strike": a length
    assert (rows["90"]["when"], rows["90"]["when_kind"]) == ("2027-09", "deadline")  # "by next September"
    assert rows["2%"]["when"] == ""  # "were likely to offer": a forecast that names no time
    assert rows["30% and 40%"]["when"] == ""  # "had advised a cut of": a request
    assert rows["eight"]["when"] == ""  # "It takes up to eight months": a length
    assert rows["600 and 700"]["when"] == ""  # "on any given day": a typical value
    assert rows["5"]["when"] == ""  # "up to 5 mm long": a size


def test_a_clause_that_opens_with_a_figure_is_no_apposition_of_a_speaker(tmp_path: Path) -> None:
    text = "\n\n".join(
        (
            "Slide Hits Hotels",
            "By A. Writer",
            "KORVAL, Nov. 18, 2027 (Test Wire) - A landslide closed the pass road on Tuesday, police said.",
            "Of the valley's 27 hotels, 19 have had cancellations since then, said Pieter Anstruther, who chairs the"
            " tourism association.",
        )
    )
    rows, names = _drafts(tmp_path, "slide", text, "2027-11-18")
    assert names[rows["19"]["claimant"]] == names[rows["27"]["claimant"]] == "Pieter Anstruther"


def test_the_company_is_the_one_word_name_its_sentence_opens_with_and_it_adds_attributes(tmp_path: Path) -> None:
    text = "\n\n".join(
        (
            "Outage Cuts Off Users",
            "By A. Writer",
            "TALLHAVEN, Feb. 25, 2028 (Test Wire) - Telvia, the largest operator, restored service after a fault left"
            " 6 million customers without calls, the company said.",
            "The grants had a budget of £40 million, a document published by the energy department shows.",
            "Of the 5,200 grants approved, only about 1,900 have been paid, it adds. The detour adds 14 miles.",
        )
    )
    rows, names = _drafts(tmp_path, "telvia", text, "2028-02-25")
    assert names[rows["6 million"]["claimant"]] == "Telvia"  # not "Test Wire" from the dateline
    assert names[rows["1,900"]["claimant"]] == "the energy department"  # "it adds": the document's author
    assert names.get(rows["14"]["claimant"], rows["14"]["claimant"]) != "The detour"


def test_the_reporters_comparison_after_an_attribution_is_the_outlets(tmp_path: Path) -> None:
    text = "\n\n".join(
        (
            "Bank Cuts Branches",
            "By A. Writer",
            "ORLEN, March 14, 2028 (Test Wire) - Kestrel Bank said on Tuesday it will close 42 of its branches, the"
            " deepest cut in the lender's 90-year history.",
            "Measles has infected 143 people, the authority said on Wednesday, in the worst outbreak in 20 years.",
        )
    )
    rows, names = _drafts(tmp_path, "bank", text, "2028-03-14")
    speaker = speakers(rows, names)
    assert speaker["42"] == "Kestrel Bank" and speaker["143"] == "the authority"
    assert speaker["90"] == speaker["20"] == "Test Wire"  # "the deepest cut in ...", "in the worst outbreak in ..."


def test_since_then_runs_from_the_sentence_befores_day_and_has_since_is_a_clause_of_its_own(tmp_path: Path) -> None:
    text = "\n\n".join(
        (
            "Measles Spreads",
            "By A. Writer",
            "ELSBRIDGE, Sept. 23, 2027 (Test Wire) - Measles has infected 143 people, the authority said.",
            "The first case was confirmed on Aug. 2 at a school. Since then, the virus has reached 11 of the valley's"
            " 16 towns.",
            "Ridership fell 7% in 2026 and has since recovered to 6.5 million trips a year, the council said.",
        )
    )
    rows, _ = _drafts(tmp_path, "measles", text, "2027-09-23")
    assert rows["11"]["when"] == "2027-08-02/2027-09-23"  # "Since then": from Aug. 2 to publication
    assert rows["16"]["when"] == "2027-09-23"  # the whole of the part stands at publication
    assert rows["7%"]["when"] == "2026"
    assert rows["6.5 million"]["when"] == "2027-09-23"  # "and has since recovered": present perfect, step 4


def test_a_bare_plural_speaker_is_not_a_longer_name_with_another_head_noun(tmp_path: Path) -> None:
    text = "\n\n".join(
        (
            "Farms Close",
            "By A. Writer",
            "OSTRAVEL, May 5, 2029 (Test Wire) - Farmers say it costs them 41 cents to produce a litre. According to"
            " the Lenz Farmers' Association, 220 of its 1,900 members have quit.",
            "The association expects another 150 farms to close.",
        )
    )
    rows, names = _drafts(tmp_path, "farms", text, "2029-05-05")
    assert names[rows["220"]["claimant"]] == "the Lenz Farmers' Association"  # not "Farmers"
    assert names[rows["150"]["claimant"]] == "the Lenz Farmers' Association"  # "The association expects"
