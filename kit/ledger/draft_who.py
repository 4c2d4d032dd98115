"""Who states a drafted figure: attribution read from the words around it.

News copy attributes a figure in a few set ways, each read here from the figure's sentence: "X said" and
"said X", "according to X", "X told ...", "X put the number at ...", and "X estimated / reported / announced".
A pronoun ("he said", "it said") takes the speaker named last earlier in the paragraph. A sentence with no
attribution at all is the outlet's own reporting (the headline, the reporter's narration): the data README's
curation rule credits unattributed figures to no nearby speaker. A speaker's role is its apposition ("Ray
Tillman, the incident commander"). These are guesses a curator checks: the draft note says which rule gave the claimant.

Further rules: a bare plural noun is a speaker (", organisers said", ", stallholders said on Monday"); a figure
inside the apposition or relative clause that introduces a speaker ("Jonas Berg, who keeps 60 hives near Tarn,
said"; "The company, which supplies 340,000 households, said") is the reporter's background, the outlet's; a
sentence with no attribution whose subject is a speaker already named ("The association plans to ...") is that
speaker's, and one whose subject is a document ("The survey covered ...") is the speaker named last in its
paragraph or the one before; an unattributed sentence that opens with a period and a figure ("Last year 10,400
started and 9,900 finished") continues the speaker of the sentence before it; a document named with its author
("according to figures from the statistics office") is the author's; '"...," said farmer Ann Kell' is Ann Kell's;
a sentence's "X said" outranks a finding verb ("Inspectors found 12 faults, the agency said": the agency's).

Grammar of attribution read since: the speaker after "said" ends at a comma, the sentence's end or a time phrase,
so "said the union's organiser, Dana Voss" names Dana Voss (the apposition's name, with the role), and a later
"She said" takes her; a relative clause right after a speaker named after "said" ("said Carl Brandt, who heads X,
which represents some 450 landlords") is the reporter's background; a relative or a conjunction never modifies a
bare plural speaker (", which officials said could ..." is not "which officials", and the figure before the
relative is not theirs); an unattributed sentence opening with "Its" or "Their", or with "It" or "They" that acts
("It wants a 9% rise", not "It was"), takes the speaker named last in its paragraph, and one opening "Nineteen of
them" the speaker of the sentence before (a part of its figure); in "The operator, Glide Mobility, caps ... and
says it removed 1,100", what follows "and says" is the subject's; and "the operator said" after a sentence that
opens with a name ("Westsound Ferries cancelled 46 sailings") is that name's (:mod:`kit.ledger.draft_refer`).

Also read: a document a named owner's possessive introduces ("according to Norvale's own outage figures") is the
owner's, while one a pronoun owns ("its annual report") stays the document's, the curator's call; a document in
common nouns that shows a figure (", auction data showed") is its own speaker; "One owner, who asked not to be
named, said" names the unnamed person; a speaker holding a relative pronoun ("the 317 kills that farmers reported")
is a relative clause's verb, not the sentence's speaker; and a headline's trailing attribution ("..., Farmers Say")
names the speaker, whom the body may name in full ("the Varden Farmers' Union said": the drafted source then takes
the full name, :mod:`kit.ledger.draft`). A sentence that opens with a document ("Data from the port authority
showed", "The agency's figures show", "Figures published by the statistics office showed") names its author, as
does a document's apposition ("The figures, released by the ministry on Monday, show"); a time phrase after a
speaker's name ("the statistics office on Monday") is not part of it; a possessive may follow a name of several
words ("according to Halden Council's housing officer, Mira Stone": Mira Stone); and a sentence with no
attribution whose subject is a speaker named before and whose verb commits it ("Norvale has promised to move
1,200 km") is that speaker's, a name preferred to a role that holds it ("A Norvale manager").

Since: "She promised to seal 150 more by 2030" is the pledge of the speaker named last in the paragraph; a pronoun
in a paragraph that names no speaker but opens by introducing a person ("The council's roads chief, Ana Moss, blamed
the frost. ... She said") is that person; "One lock keeper, who ..., said" names an unnamed person of two words; and
a comparison set off after "according to X" ("..., according to the study, up from 22% in 2020") is X's, not an
apposition. Since the twelfth round, a sentence's subject is a speaker named before only when it names that speaker
by its head noun ("The canal" after "the canal trust" is a thing the speaker runs, the sentence the outlet's), and
since the fifteenth only with a verb of plan or expectation. A speaker that only describes ("the report", "the firm")
is resolved by :mod:`kit.ledger.draft_refer`; one the article leaves unnamed ("an official who asked not to be named
said") is read first, by :mod:`kit.ledger.draft_unnamed`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kit.ledger import draft_calendar, draft_nearest, draft_quoted, draft_unnamed
from kit.ledger.draft_headline import HEADLINE, HEADLINE_SAYS

_VERBS = (
    r"(?:said|says|say|told|reported|estimated|announced|warned|added|stated|wrote|put|puts|counted|estimates"
    r"|found|finds|showed|shows|show|estimate|predict|predicts|predicted|forecast|forecasts)"
)
#: Verbs that state a finding rather than attribute it: a sentence's "X said" outranks them ("Inspectors found 12
#: faults, the agency said", "Its drones counted 212 falls, the authority said": the agency's, the authority's).
_FINDING = re.compile(r"\b(?:found|finds|showed|shows|show|counted)$")
_PRONOUN = r"(?:he|she|it|they)"
_ARTICLE = r"(?i:the|a|an|its|their|his|her)"
_NAME = r"(?:[A-Z][\w'’.-]*(?:\s+(?:of|for|de|the|and|[A-Z][\w'’.-]*))*)"
#: "One owner, who did not want to be named, said", "One lock keeper, who ...": one unnamed person.
_ONE = r"One\s+(?:[a-z][\w'’-]*\s+)?[a-z][\w'’-]*(?=,)"
_POSSESSIVE = r"[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2}['’]s(?:\s+[a-z][\w'’-]*){1,3}"  # "Halden Council's mayor"
_NOUN_PHRASE = rf"(?:{_ARTICLE}\s+(?:[\w'’-]+\s+){{0,6}}?[\w'’-]+|{_POSSESSIVE}|{_ONE}|{_NAME})"
_APPOSITION = r"(?:,\s+(?P<role>(?!\d)(?:[^,;\"“”]|,(?=\d{3}))+?),)?"  # a role may hold "340,000", never open with one
_ACCORDING = re.compile(
    r"\baccording to\s+(?P<who>[^,.;:\"“”]+?)"
    r"(?:,\s+(?!(?:and|but|while|which|who|whose|up|down|compared)\b)(?P<role>[^,.;:\"“”]+))?(?=[,.;:\"“”]|$)"
)
#: "According to X, the port lost ...": a sentence that opens with its attribution; what follows is X's, no role.
_ACCORDING_OPENS = re.compile(r"^\s*According to\s+(?P<who>[^,.;:\"“”]+?)(?=,)")
#: The speaker after "said" ends at a comma, the sentence's end or a time or place phrase ("said the union's
#: organiser, Dana Voss" is the organiser, named in the apposition; never "the union's").
_SAID_WHO = re.compile(
    rf"[,\"”]\s*(?:said|says|told\s+\w+)\s+(?P<who>{_NOUN_PHRASE})"
    r"(?=\s*(?:[,.;:!?\"”)—–]|\s-\s|$)|\s+(?:on|in|at|last|this|yesterday|today|earlier|late|after|before|when"
    r"|while|during|and|but|as|who|which|whose|that|adding|citing|because|told)\b)"
    r"(?:,\s+(?P<role>[^,.;]+))?"
)
_WHO_SAID = re.compile(rf"(?<![\w'’])(?P<who>{_NOUN_PHRASE}){_APPOSITION}\s+(?:also\s+|later\s+)?{_VERBS}\b")
#: A bare plural noun as the speaker (", organisers said", ", stallholders said on Monday"), or a collective noun
#: that is plural without an s (", police said", ", state media said Tuesday").
#: The modifier is never a relative or a conjunction ("..., which officials said could ...": not "which officials").
_COLLECTIVE = r"police|media|staff|personnel|militia|military"
_PLURAL_SAID = re.compile(
    r"(?:^|[,\"”]\s*)(?:(?:which|that|who|whom|and|but|as|while|when|where)\s+)?"
    rf"(?P<who>(?:(?!(?:which|that|who|whom|and|but|as|while|when|where)\s)[a-z][a-z'’-]+\s+)?"
    rf"(?:[a-z][a-z'’-]+s|{_COLLECTIVE}))"
    rf"\s+(?:also\s+)?{_VERBS}\b"
)
#: '"We lost 40 sheep," said farmer Ann Kell': a lowercase role before the name.
_SAID_ROLE_NAME = re.compile(
    r"[,\"”]\s*(?:said|says)\s+(?P<role>(?:[a-z][\w'’-]*\s+){1,3})(?P<who>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)+)"
)
_LEAD_SAID = re.compile(rf"^\s*[\"“]?(?P<who>[A-Z][\w'’-]*(?:\s+[a-z][\w'’-]*){{1,3}}?)\s+{_VERBS}\b")
#: "he said", "it adds." (only at the clause's end: "the detour adds 14 miles" is no attribution).
_PRONOUN_SAID = re.compile(rf"\b(?P<who>{_PRONOUN})\s+(?:also\s+)?(?:{_VERBS}\b|adds(?=\s*[.,;]|$))", re.I)
#: "She blamed a flu outbreak ..., and said ...": a pronoun subject whose later "and said" (or "adding") attributes.
_PRONOUN_AND_SAID = re.compile(
    rf"^\s*(?P<who>{_PRONOUN})\s+[a-z]+[^\"“]*?\b(?:and\s+(?:also\s+)?{_VERBS}|adding)\b", re.IGNORECASE
)
_SUBJECT = re.compile(
    r"^\s*(?P<who>(?:The|A|An|Its|Their)\s+(?:[\w'’-]+\s+){0,3}?[\w'’-]+)"
    r"(?=\s+(?:will|would|has|had|have|is|was|are|were|plans|expects|aims|wants|paid|pays|spent|spends)\b)"
)
#: A relative clause right after a speaker's name: what follows it, to the sentence's end, is the reporter's
#: background on the speaker ("said Carl Brandt, who heads the owners' association, which represents 450 landlords").
_RELATIVE = re.compile(r",\s+(?:who|which|whose)\b")
#: "The operator, Glide Mobility, caps ... and says it removed 1,100 ...": what follows "and says" is the subject's.
_AND_SAYS = re.compile(r"\band\s+(?:also\s+)?(?:says|said)\b")
_OPENING_NAMED = re.compile(
    r"^\s*(?P<subject>(?:The|A|An)\s+(?:[\w'’-]+\s+){0,3}?[\w'’-]+)(?:,\s+(?P<name>[A-Z][^,]*),)?\s+[a-z]"
)
#: "The council's roads chief, Ana Moss, blamed ...": a paragraph that opens by introducing a person by role and name.
_INTRODUCES = re.compile(
    r"^\s*(?P<subject>(?:The|A|An|Its|Their)\s+(?:[\w'’-]+\s+){0,4}?[a-z][\w'’-]*),\s+"
    r"(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)+),\s+[a-z]"
)
#: "Nineteen of them were ...": a part of the figure the sentence before gave, so that sentence's speaker's.
_PART_OF_BEFORE = re.compile(r"^\s*(?:[A-Z][a-z-]+|[\d,.]+%?)\s+of\s+(?:them|those|these)\b")
_STOP = re.compile(r"^(?:the|a|an|its|their|his|her)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Speaker:
    """Who states a figure, as the article names them, with the apposition that says their role."""

    name: str
    role: str = ""
    rule: str = ""
    unnamed: bool = False  # the article withholds the name (:mod:`kit.ledger.draft_unnamed`)


def _clean(who: str) -> str:
    who = re.sub(r"[\s,]+$", "", who.strip())
    return who[:-1] if who.endswith(".") and len(who.split()[-1]) > 3 else who  # a sentence's full stop, not "Jr."


def _is_pronoun(who: str) -> bool:
    return re.fullmatch(_PRONOUN, who.strip(), re.IGNORECASE) is not None


def _candidates(sentence: str) -> list[tuple[re.Match[str], str]]:
    patterns = ((draft_quoted.AS_SAYING, "quoted X as saying"), (_DOCUMENT_OPENS, "X showed"))
    patterns += ((_ACCORDING, "according to X"), (_WHO_SAID, "X said"), (_ACCORDING_OPENS, "according to X"))
    patterns += ((_SAID_WHO, "said X"), (_LEAD_SAID, "X said"))
    patterns += ((_PLURAL_SAID, "X said"), (_SAID_ROLE_NAME, "said X"), (_DOCUMENT_SAID, "X showed"))
    patterns += tuple((pattern, HEADLINE) for pattern in HEADLINE_SAYS)
    found = [(match, rule) for pattern, rule in patterns for match in pattern.finditer(sentence)]
    unnamed = (draft_unnamed.SAID_AFTER, draft_unnamed.SAID_BEFORE)  # first: "the plan" of "familiar with the plan"
    found[:0] = [(m, draft_unnamed.RULE) for p in unnamed for m in p.finditer(sentence) if draft_unnamed.withheld(m)]
    found += [(match, "X said") for match in _PRONOUN_SAID.finditer(sentence)]
    found += [(match, "X said") for match in _PRONOUN_AND_SAID.finditer(sentence)]
    found = [(match, rule) for match, rule in found if not draft_calendar.DATE_FIRST.match(match["who"].strip())]
    kept: list[tuple[re.Match[str], str]] = []
    if any(not _FINDING.search(match.group().strip()) for match, _ in found):
        found = [(match, rule) for match, rule in found if not _FINDING.search(match.group().strip())]
    for match, rule in found:  # in order of preference: one overlapping a preferred one is the same attribution
        if not any(match.start() < other.end() and other.start() < match.end() for other, _ in kept):
            kept.append((match, rule))
    return kept


def in_sentence(sentence: str, at: int | None = None) -> Speaker | None:
    """The speaker a sentence names, or None; a pronoun gives a Speaker with an empty name. With two attributions
    ("..., according to the weather office, and the board said ..."), the one nearest the figure at ``at``."""
    found = _candidates(sentence)
    found = found if at is None else draft_nearest.nearest(found, sentence, at)
    for match, rule in found:
        which = sentence.rfind(", which ", 0, match.start("who"))
        if at is not None and which >= 0 and at < which and "," not in sentence[which + 2 : match.start("who")]:
            continue  # "approved a 62-turbine farm, which its developer says ...": the developer's words follow
        if rule == draft_unnamed.RULE:
            return Speaker(_clean(match["who"]), draft_unnamed.role(_clean(match["who"])), rule, unnamed=True)
        who = _TIME_AFTER.sub("", _clean(match["who"]))  # "the statistics office on Monday": the office
        if who.lower() in {"the", "a", "an"} or re.fullmatch(r"(?:that|which|who|there)", who, re.I):
            continue
        if re.search(r"\s(?:and|or|but|to|of|in|on|at|by|for|that|as|a|an|the|was|were|is|are|been|had|has)$", who):
            continue  # "300 a day and put ...", "lost an estimated", "they were found": not a speaker
        if re.search(r"\s(?:that|which|who|whom|whose)\s", who):
            continue  # "the 317 kills that farmers reported": a relative clause's verb, not the sentence's speaker
        if rule == "X said" and re.search(r"\b(?:of|for)$", sentence[: match.start()].strip()):
            continue
        if _is_pronoun(who) or _is_pronoun(who.split()[-1]):
            return Speaker("", "", f"{rule} with a pronoun")
        who = re.sub(r"^(?:And|But|Meanwhile|However|Still)\s+", "", who)
        role = _clean(match.groupdict().get("role") or "")
        if at is not None and role and match.start("role") <= at < match.end("role"):
            return Speaker("", "", "apposition")  # "Jonas Berg, who keeps 60 hives, said": the reporter's words
        after = match.end("who")
        if rule == "said X" and at is not None and at >= after and _RELATIVE.match(sentence, after):
            return Speaker("", "", "apposition")  # "said Carl Brandt, who heads X, which represents 450 ..."
        if (
            role[:1].isupper()
            and not re.match(_ARTICLE + r"\s", role)
            and re.match(rf"{_ARTICLE}\s|{_POSSESSIVE}", who)
        ):
            who, role = role, who  # "according to the agency's commander, Ray Tillman": the name is the speaker
        return Speaker(who, role, rule)
    return None


#: The subject of a sentence with no attribution: its first words after an article, up to the verb.
_OPENING_SUBJECT = re.compile(r"^\s*(?:The|Its|Their)\s+(?P<who>(?:[\w'’-]+\s+){0,3}?[\w'’-]+?)\s+(?=[a-z]+\b)")
#: Nouns for a document or count whose figures are its author's ("The survey covered 3,100 hives").
_DOCUMENT = re.compile(r"^(?:\w+\s+)?(?:survey|report|study|census|count|poll|audit|review|figures|data)$")


#: An unattributed sentence that opens with a period and goes on with the figures of the sentence before ("Last
#: year 10,400 started and 9,900 finished", after "8,650 finished, organisers said"): the same speaker's comparison.
_CONTINUES = re.compile(r"^\s*(?:Last|A|The)\s+(?:year|week|month|season|time)\s*,?\s+[\d$£€]")


DOCUMENTS = r"(?:report|survey|study|figures|data|statistics|estimates|accounts|filing|count|audit|analysis|document)"
#: "figures from the health agency", "a survey by the union": the document's author is named in it.
_FROM_AUTHOR = re.compile(
    rf"^(?:(?:a|an|the|new|latest|official)\s+)*(?:[\w-]+\s+)?{DOCUMENTS}\s+"
    r"(?:from|by|of|published by|compiled by|released by)\s+(?P<author>.+)$",
    re.IGNORECASE,
)


#: ", auction data showed", ", official figures show": a document in common nouns, its finding its own.
_DOCUMENT_SAID = re.compile(rf"[,\"”]\s*(?P<who>(?:[a-z][\w'’-]*\s+){{0,2}}{DOCUMENTS})\s+{_VERBS}\b")
#: A sentence that opens with a document ("Data from the port authority showed", "The port authority's figures
#: show"): the document, and through it its author, is the speaker.
_DOCUMENT_OPENS = re.compile(
    rf"^\s*(?P<who>(?:(?:The|New|Latest|Official)\s+)?(?:[\w'’-]+\s+){{0,2}}?(?i:{DOCUMENTS})"
    r"(?:\s+(?:(?:published|released|compiled|issued)\s+)?(?:from|by|of)\s+[^,.;]+?)?)"
    r"\s+(?:also\s+)?(?:show|shows|showed|found|find|finds|suggest|suggests)\b"
)
#: "Norvale's own outage figures", "the ministry's latest data": a document a named owner's possessive introduces.
_OWNER_OF = re.compile(
    rf"^(?P<author>(?:the\s+)?[\w-]+(?:\s+[\w-]+){{0,3}}?)['’]s?\s+(?:[\w-]+\s+){{0,3}}?{DOCUMENTS}$", re.IGNORECASE
)


#: "released by the ministry": a document's apposition that names its author.
_BY_AUTHOR = re.compile(r"^(?:published|released|compiled|issued|collected|gathered)\s+by\s+(?P<author>.+)$")
#: A time phrase that ends an author's name ("by the statistics office on Monday"): not part of the name.
_TIME_AFTER = re.compile(
    r"\s+(?:on\s+[A-Z][a-z]+(?:\s+\d{1,2})?|in\s+(?:January|February|March|April|May|June|July|August|September"
    r"|October|November|December)|(?:last|this|earlier this)\s+(?:week|month|year|[A-Z][a-z]+))$"
)


def author(found: Speaker) -> Speaker:
    """A document named with its author ("figures from the health agency", "a survey by the union", "Norvale's own
    outage figures") is the author's claim; any other speaker as found (a document named alone, "a city audit", or
    by a pronoun, "its annual report", stays the curator's call)."""
    named = _FROM_AUTHOR.match(found.name) or _OWNER_OF.match(found.name)
    if named is None and _DOCUMENT.match(_STOP.sub("", found.name.lower())):  # "The figures, released by X, show"
        named = _BY_AUTHOR.match(found.role)
    if named is None:
        return found
    return Speaker(_TIME_AFTER.sub("", named["author"]), "", f"{found.rule}: a document's author")


#: A verb by which a subject commits to or states its own plan ("The union expects", "Norvale has promised to move
#: 1,200 km"): the sentence is the subject's; an act the reporter tells ("has set aside") is the outlet's (rule 5).
_COMMITS = re.compile(
    r"(?:has\s+|had\s+|also\s+)?"
    r"(?:promised|pledged|vowed|plans|planned|aims|intends|expects|hopes|wants|promises|pledges|vows)\b"
)
_NAMED_PLEDGE = re.compile(r"^\s*(?P<who>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)\s+" + _COMMITS.pattern)
#: "she added": a person, never the body the sentence opens with ("The bank expects ..., she added").
_PERSON_SAID = re.compile(r"\b(?:[Hh]e|[Ss]he)\s+(?:said|says|added|told)\b|\b(?:said|added)\s+(?:he|she)\b")
#: "She promised to seal 150 more by 2030": a person's pronoun with a verb that commits, the speaker's pledge.
_SHE_PLEDGED = re.compile(
    r"^\s*(?:He|She)\s+(?:has\s+|had\s+|also\s+)?(?:promised|pledged|vowed|promises|pledges|vows)\b"
)
#: "It wants a 9% rise", "They have offered 4.5%": a pronoun subject that acts, not a dummy "It was", "It took".
_IT_DOES = re.compile(r"^\s*(?:It|They)\s+(?!(?:is|was|are|were|took|takes|has been|had been|will be|would be)\b)")


def _short_for(short: str, name: str) -> bool:
    """Whether a name is a speaker's in full or in short: the same proper name, or it and one more capitalised word
    ("Norvale" for "the utility Norvale Power", never "Harlow Rail" for "the Harlow Rail Workers' Union")."""
    proper = re.findall(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*", _STOP.sub("", name.strip()))
    return any(full == short or (full.startswith(short + " ") and len(full.split()) == len(short.split()) + 1)
               for full in proper)  # fmt: skip


def _subject(sentence: str, known: tuple[str, ...], earlier: list[str], before: tuple[str, ...]) -> Speaker | None:
    """The speaker of a sentence with no attribution whose subject is a speaker the article has named ("The
    association plans to hand out 500 ..."), or a document whose author was named just before ("The survey covered
    3,100 hives": the speaker named last in this paragraph or the one before); None otherwise."""
    pledged = _NAMED_PLEDGE.match(sentence)
    names = [name for name in reversed(known) if pledged and _short_for(pledged["who"], name)]
    name = next(iter(sorted(names, key=lambda name: not name.split()[-1][:1].isupper())), None)  # a name, not a role
    if name is not None:
        return Speaker(name, "", "a speaker named before promises or plans it")  # "Norvale has promised to move"
    match = _OPENING_SUBJECT.match(sentence)
    if match is None:
        return None
    who = match["who"]
    name = next((name for name in reversed(known) if same(who, name) and _head(who) == _head(name)), None)
    if name is not None and _COMMITS.match(sentence, match.end()):
        return Speaker(name, "", "the sentence's subject is a speaker named before")
    if _DOCUMENT.match(who):
        for previous in [*reversed(earlier), *reversed(before)]:
            named = in_sentence(previous)
            if named and named.name:
                return Speaker(named.name, named.role, "a document whose author was named just before")
    return None


def _head(name: str) -> str:
    """A name's head noun, its last word: "The fund" names "the fund's board" only in passing, not its head."""
    return name.split()[-1].lower() if name.split() else ""


def _in_paragraph(earlier: list[str]) -> Speaker | None:
    """The speaker named last in the paragraph's earlier sentences, else the person the paragraph introduces by role
    and name with no verb of saying ("The council's roads chief, Ana Moss, blamed the frost. ... She said")."""
    for previous in reversed(earlier):
        named = in_sentence(previous)
        if named and named.name:
            return Speaker(named.name, named.role)
    for previous in reversed(earlier):
        introduced = _INTRODUCES.match(previous)
        if introduced and in_sentence(previous) is None:
            return Speaker(introduced["name"], introduced["subject"], "a person the paragraph introduces")
    return None


def speaker(
    sentence: str,
    earlier: list[str],
    outlet: str,
    at: int | None = None,
    before: tuple[str, ...] = (),
    known: tuple[str, ...] = (),
) -> Speaker:
    """The figure's speaker: named in its sentence, else the last one named earlier in the paragraph (for a
    pronoun in a paragraph that names nobody, as after an opening quotation, in the paragraph ``before``), else
    the outlet (its own reporting)."""
    found = in_sentence(sentence, at)
    if found and found.name:
        return author(found)
    if found and found.rule == "apposition":
        rule = "a figure in the apposition that introduces the speaker: the outlet's own reporting"
        return Speaker(outlet or "the outlet", "the outlet's own reporting", rule)
    subject = _SUBJECT.match(sentence)
    person = _PERSON_SAID.search(sentence)  # "she added": a person, never "The bank" the sentence opens with
    if found is not None and subject and not person and not any(in_sentence(previous) for previous in earlier):
        return Speaker(subject["who"], "", "a pronoun for the sentence's subject")  # "The board will ..., it said"
    if found is None:
        named = draft_quoted.continued(sentence, earlier) or _subject(sentence, known, earlier, before)
        if named is not None:
            return named
        told = in_sentence(earlier[-1]) if earlier else None
        if told and told.name and _CONTINUES.match(sentence):
            return Speaker(told.name, told.role, "a comparison that continues the sentence before's speaker")
        if told and told.name and _PART_OF_BEFORE.match(sentence):
            return author(Speaker(told.name, told.role, "a part of the sentence before's figure, its speaker's"))
        says, opening = _AND_SAYS.search(sentence), _OPENING_NAMED.match(sentence)
        if says and opening and at is not None and at >= says.end():
            return Speaker(opening["name"] or opening["subject"], "", "the subject of the sentence's 'and says'")
        if re.match(r"^\s*(?:Its|Their)\s", sentence) or _IT_DOES.match(sentence) or _SHE_PLEDGED.match(sentence):
            named = _in_paragraph(earlier)
            if named is not None:
                return Speaker(named.name, named.role, "'its' or 'their' for the speaker named just before")
    if found is None:  # no attribution at all: the outlet's own reporting, never a nearby speaker (curation rule 5)
        return Speaker(
            outlet or "the outlet", "the outlet's own reporting", "no attribution: the outlet's own reporting"
        )
    named = _in_paragraph(earlier)
    if named is not None:
        return Speaker(named.name, named.role, named.rule or "a speaker named earlier in the paragraph")
    for previous in reversed(before):
        named = in_sentence(previous)
        if named and named.name:
            return Speaker(named.name, named.role, "a speaker named in the paragraph before")
    return Speaker(outlet or "the outlet", "the outlet's own reporting", "no attribution: the outlet's own reporting")


def same(name: str, other: str, loose: bool = False) -> bool:
    """Two names of one speaker: equal, one inside the other (``loose``: even a bare plural), or a surname."""
    a, b = _STOP.sub("", name.strip().lower()), _STOP.sub("", other.strip().lower())
    if not a or not b:
        return False
    short = min(a, b, key=len)  # "Farmers" is not "the Lenz Farmers' Association": a bare plural of another head
    if a == b or a in b or b in a:
        return loose or not (short.endswith("s") and " " not in short and _head(a) != _head(b))
    last = name.split()[-1]
    return last == other.split()[-1] and last[:1].isupper() and len(last) > 3
