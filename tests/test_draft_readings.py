"""``kit draft``'s ninth round of rules, drafted from made-up articles through ``kit new`` and ``kit draft`` or read
from made-up sentences: a document a named owner's possessive introduces ("Fenwick's own outage figures"), a
document that opens or closes a sentence ("Data from the port authority showed", "ticket data showed"), an author
in a document's apposition, "One driver, who ..., said", a relative clause's verb that is not the sentence's
speaker, a headline's trailing "..., Drivers Say", a named speaker's pledge; a compound unit with a slash ("km/h"),
a kind word the article uses ("ewes" where it speaks of sheep), the count before a share; a change against a base
period ("25% fewer than this year"), a headline dated by the body figure it restates, the whole of a forecast part,
a share set off after a dated count, "It takes" in the present, a season the article names in months, two days or
months joined into one span, "in the past 24 hours", "a day ago" and "by the end of March"."""

from __future__ import annotations

import csv
from pathlib import Path

from test_draft_grammar import _drafts

from kit.cli import main as cli
from kit.ledger import draft_when, draft_who

FLEET = "\n\n".join(
    [
        "Tarn Bus Fleet to Shrink by a Quarter, Drivers Say",
        "By A. Writer",
        "TARN, April 12, 2028 (Test Wire) - A made-up report for the kit's tests.",
        "Tarn Buses will run 300 buses on its routes next year, 25% fewer than this year, the Tarn Drivers' Guild"
        " said on Tuesday.",
        "As many as 60 of the company's 400 buses could be sold for part of next year, the guild's secretary, Ola"
        " Brenn, said.",
        "Ticket sales fell 6% last month, ticket data showed.",
        "One driver, who asked not to be named, said the company had offered no more than €5,000 a head.",
        "Of the 90 complaints that riders reported this winter, the regulator upheld 40, its director, Mia Sand, told"
        " councillors last week.",
    ]
)

GALE = "\n\n".join(
    [
        "Gale Cuts Power to 20,000 Homes in Brenmoor",
        "By A. Writer",
        "BRENMOOR, Jan. 19, 2028 (Test Wire) - A made-up report for the kit's tests.",
        "About 20,000 homes were still without power on Tuesday, two days after a gale hit the coast, the utility"
        " Fenwick Energy said.",
        "At the peak on Sunday night more than 50,000 customers had lost power, roughly a fifth of the 250,000 the"
        " company serves, according to Fenwick's own outage figures.",
        "Gusts reached 130 km/h at Brenmoor Point late on Sunday, the weather office said.",
        "Farmers lost 300 sheep in the floods. Ann Kell, who keeps 420 ewes near Tarn, said she lost 23 of them.",
        "The county housed 150 families in hotels, officials said.",
        "It takes up to eight weeks for claims to be paid, the company said.",
        "Some 3,000 homes and businesses in Tarn were still cut off. Fenwick employs about 900 people in the region and"
        " some 200 at its depots.",
        "A lineman, Piet Lund, 41, was hurt when a pole fell.",
    ]
)


def _speakers(rows: dict[str, dict[str, str]], names: dict[str, str]) -> dict[str, str]:
    return {written: names.get(row["claimant"], row["claimant"]) for written, row in rows.items()}


def test_documents_owners_headline_attributions_and_unnamed_speakers(tmp_path: Path) -> None:
    rows, names = _drafts(tmp_path, "fleet", FLEET, "2028-04-12")
    speaker = _speakers(rows, names)
    assert speaker["a Quarter"] == "the Tarn Drivers' Guild"  # "..., Drivers Say": the body's speaker in full
    assert "Drivers" not in names.values()  # the short name drafts no source of its own
    assert speaker["6%"] == "ticket data"  # ", ticket data showed"
    assert speaker["€5,000"] == "One driver"  # "One driver, who asked not to be named, said"
    assert "One" not in rows  # one person introduced, not a count
    assert speaker["90"] == speaker["40"] == "Mia Sand"  # not "the 90 complaints that riders" (a relative's verb)
    gale, gale_names = _drafts(tmp_path, "gale", GALE, "2028-01-19")
    speaker = _speakers(gale, gale_names)
    assert speaker["50,000"] == speaker["a fifth"] == speaker["250,000"] == "the utility Fenwick Energy"
    assert speaker["420"] == "Test Wire"  # inside the apposition that introduces the speaker


def test_rates_kind_words_and_the_count_before_a_share(tmp_path: Path) -> None:
    rows, _ = _drafts(tmp_path, "gale", GALE, "2028-01-19")
    assert rows["130"]["unit"] == "km_h"  # "130 km/h", never "km" (a distance)
    assert rows["420"]["unit"] == rows["23"]["unit"] == "sheep"  # ewes, in an article that speaks of sheep
    assert rows["150"]["unit"] == "families"  # the list's "households" is not a word of this article
    assert rows["50,000"]["unit"] == rows["250,000"]["unit"] == "customers"  # the count before "a fifth of the"
    assert rows["3,000"]["unit"] == "customers"  # "homes and businesses": a utility's customers, one list entry
    assert rows["900"]["unit"] == rows["200"]["unit"] == "workers"  # the people a firm employs; "and 200 at ..."
    assert "41" not in rows  # "Piet Lund, 41,": an age


def test_base_periods_restated_headlines_wholes_and_shares(tmp_path: Path) -> None:
    rows, _ = _drafts(tmp_path, "fleet", FLEET, "2028-04-12")
    assert rows["300"]["when"] == "2029"
    assert rows["25%"]["when"] == "2028/2029"  # from this year, the base after "than", to next year
    assert rows["a Quarter"]["when"] == "2028/2029"  # the headline restates the body's 25%
    assert rows["60"]["when"] == "2029" and rows["400"]["when"] == "2028-04-12"  # the whole of a forecast part
    gale, _ = _drafts(tmp_path, "gale", GALE, "2028-01-19")
    assert gale["130"]["when"] == "2028-01-16"  # a gust's day, not timeless as a distance in km
    assert gale["a fifth"]["when"] == gale["50,000"]["when"] == "2028-01-16"  # set off after the dated count
    assert gale["eight"]["when"] == ""  # "It takes up to eight weeks": a length, which holds at no time (step 3)


def test_documents_that_open_or_close_a_sentence_and_a_named_subject_s_pledge() -> None:
    cases = {
        "About 4,000 homes stood empty, the council's figures show.": "the council",
        "About 4,000 homes stood empty, census data show.": "census data",
        "Data from the port authority showed 40 ships were delayed.": "the port authority",
        "The port authority's figures show 40 ships were delayed.": "The port authority",
        "The figures, released by the ministry on Monday, show 40 homes were lost.": "the ministry",
        "Figures published by the statistics office on Monday showed 40 homes were lost.": "the statistics office",
        "Some 40 homes were lost, according to Halden Council's housing officer, Mira Stone.": "Mira Stone",
    }
    for sentence, name in cases.items():
        at = next(n for n, char in enumerate(sentence) if char.isdigit())
        assert draft_who.speaker(sentence, [], "Wire", at).name == name, sentence
    pledge = "Fenwick has promised to bury 1,200 km of line by 2030."
    known = ("the utility Fenwick Energy", "A Fenwick manager")
    found = draft_who.speaker(pledge, [], "Wire", pledge.index("1,200"), (), known)
    assert found.name == "the utility Fenwick Energy"  # the name, not the manager's role that holds it
    assert draft_who.speaker("Fenwick bought 1,200 km of line.", [], "Wire", 14, (), known).name == "Wire"
    union = ("the Harlow Rail Workers' Union",)  # a name that holds the subject is not the subject's
    pledge = "Harlow Rail has pledged to refund 100% of season tickets."
    assert draft_who.speaker(pledge, [], "Wire", pledge.index("100"), (), union).name == "Wire"


HILLS = "\n\n".join(
    [
        "Lynx Took 90 Lambs in Oskar Hills",
        "By A. Writer",
        "VARDEN, Sept. 20, 2028 (Test Wire) - A made-up report for the kit's tests.",
        "Lynx killed 90 lambs in the Oskar hills between May and August, the herders' guild said on Tuesday.",
        "Of the 120 attacks that herders reported this summer, the agency confirmed 70, its director said.",
        "Herders in the Tarn valley, which the guild does not cover, lost 40 lambs last winter, it said.",
    ]
)


def test_a_season_the_article_names_in_months(tmp_path: Path) -> None:
    rows, _ = _drafts(tmp_path, "hills", HILLS, "2028-09-20")
    assert rows["120"]["when"] == "2028-05/2028-08"  # "this summer" is the lead's "between May and August"
    assert rows["40"]["when"] == "2027-12/2028-02"  # a season no span of the article names, as read


def test_joined_days_hours_a_day_ago_and_a_month_s_end() -> None:
    published = draft_when.date(2027, 3, 9)  # a Tuesday
    spans = {
        "closed on Saturday and Sunday": "2027-03-06/2027-03-07",
        "ran from Sunday to Tuesday": "2027-03-07/2027-03-09",
        "fell in January and February": "2027-01/2027-02",
        "fell in March and April 2026": "2026-03/2026-04",
        "fell in the past 24 hours": "2027-03-08/2027-03-09",
        "fell a day ago": "2027-03-08",
        "must close by the end of March": "2027-03-31",
        "a strike on March 2 and March 3": "2027-03-02/2027-03-03",
    }
    for text, span in spans.items():
        (_start, _end, words), *rest = draft_when.phrases(text)
        assert not rest and draft_when.resolve(words, published).when == span, text
    assert draft_when.resolve("in May and June", published, future=True).kind == "forecast"
    assert [words for *_, words in draft_when.phrases("40 on Monday and 12 on Tuesday")] == ["on Monday", "on Tuesday"]


HEAT = "\n\n".join(
    [
        "Heatwave Sends 900 to Hospital in Calder",
        "By A. Writer",
        "CALDER, July 20, 2027 (Test Wire) - A made-up report for the kit's tests.",
        "Hospitals in Calder treated about 900 people for heat illness over the weekend, the health board said.",
        "The board's own figures show 1,400 beds were in use on Sunday, roughly 95% of the 1,480 it has.",
    ]
)


def test_a_headline_figure_with_no_noun_and_a_pronoun_after_a_figure(tmp_path: Path) -> None:
    rows, names = _drafts(tmp_path, "heat", HEAT, "2027-07-20")
    with (tmp_path / "heat" / "drafts" / "claims.csv").open(encoding="utf-8", newline="") as handle:
        headline = next(row for row in csv.DictReader(handle) if row["quote"].startswith("Heatwave"))
    assert headline["unit"] == "people"  # the body's "about 900 people"
    assert rows["1,480"]["unit"] == "beds"  # "the 1,480 it has": no noun "it"; the count before the share
    assert names[rows["1,400"]["claimant"]] == "the health board"  # "The board's own figures show"


def test_a_pronoun_subject_that_acts_continues_the_paragraph_s_speaker() -> None:
    earlier = ["The crane drivers' union, Dockers United, said 310 of its 340 members had walked out."]
    acts = "It wants a 9% pay rise."
    assert draft_who.speaker(acts, earlier, "Wire", acts.index("9%")).name == "Dockers United"
    dummy = "It was the 12th strike at the port since 2019."
    assert draft_who.speaker(dummy, earlier, "Wire", dummy.index("12")).name == "Wire"  # a dummy "It": the outlet's


def test_a_count_after_a_share_in_its_sentence_is_never_drafted_in_percent(tmp_path: Path) -> None:
    """Found when the ninth held-out set's drafts were accepted: "rose 62% in the year to March, to 2,340" drafted
    2,340 in percent, and the accepted row could not validate (a percent above 100)."""
    text = "\n\n".join(
        [
            "Tyre Claims Rise in Brenmoor",
            "By A. Writer",
            "BRENMOOR, April 15, 2028 (Test Wire) - A made-up report for the kit's tests.",
            "Claims for damaged tyres rose 62% in the year to March, to 2,340, a spokeswoman, Ada Penn, said.",
        ]
    )
    rows, _ = _drafts(tmp_path, "tyres", text, "2028-04-15")
    assert rows["62%"]["unit"] == "percent"
    assert rows["2,340"]["unit"] != "percent"
    accepted = [row["claim_id"] for row in rows.values()]
    assert cli(["draft", str(tmp_path / "tyres"), "--accept", *accepted]) in (0, 1)
    with (tmp_path / "tyres" / "claims.csv").open(encoding="utf-8", newline="") as handle:
        assert not [row for row in csv.DictReader(handle) if row["unit"] == "percent" and float(row["value"]) > 100]
