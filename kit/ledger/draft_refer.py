"""Who a speaker that only describes refers to: a document or a common noun for an organisation, resolved to its
author or to the organisation the article has named.

The curators credit a figure to who stands behind it, not to the words that point at them (the data README's
claimant rule: who the article says states the figure). Three readings, applied after
:func:`kit.ledger.draft_who.speaker` found a speaker:

- a document with its author in a reduced relative ("a report the city council published", "a traffic survey the
  roads office carried out in 2024") is the author's;
- a document named by its noun alone ("the report said", "according to the survey") is the document the article
  named before: its author if that mention had one ("the museum trust said in its annual report"; "a report the
  city council published"), else it stays as found;
- a common noun for an organisation ("the firm said", "the operator said") is the organisation the article named:
  a speaker named before with that noun in its role ("port operator Kelda Docks said"), else a proper name earlier
  in the sentence, one it opens with or one that owns something, never a place ("Lakeway Freight cancelled 40
  trips, the operator said"; "boats stuck in Lakeway Freight's yard, the firm said"), else the last
  organisation (a speaker with no person's role) named before.
"""

from __future__ import annotations

import re

from kit.ledger import draft_dateline, draft_rows, draft_who
from kit.ledger.draft_who import Speaker

_DOCUMENTS = draft_who.DOCUMENTS
#: "a report the city council published (on Monday)": the author between the document and its verb.
_REDUCED_RELATIVE = re.compile(
    rf"^(?:(?:a|an|the)\s+)?(?:[\w'’-]+\s+){{0,2}}?{_DOCUMENTS}\s+(?:that\s+|which\s+)?"
    r"(?P<author>(?:the\s+)?(?:[\w'’-]+\s+){0,4}?[\w'’-]+)\s+"
    r"(?:published|released|compiled|issued|carried out|conducted|commissioned|produced|prepared|filed|submitted)"
    r"(?:\s+(?:on|in|last|this|earlier|with|to)\b.*)?$",  # "figures the zoo filed with the city in December"
    re.IGNORECASE,
)
#: "the report", "the annual report", "the survey": a document named by its noun alone.
_BARE_DOCUMENT = re.compile(rf"^the\s+(?:[a-z]+\s+)?(?P<noun>{_DOCUMENTS})$", re.IGNORECASE)
#: "the firm", "the company", "the operator": a common noun for an organisation.
_ORGANISATION = re.compile(
    r"^(?:the|its)\s+(?P<noun>company|firm|operator|carrier|developer|utility|airline|insurer|retailer|supplier)$",
    re.IGNORECASE,
)
#: Words of a role that make its holder a person, not an organisation.
_PERSON_ROLE = re.compile(
    r"\b(?:chief|executive|director|spokes\w*|secretary|leader|chair\w*|minister|mayor|officer|manager|head"
    r"|president|commander|engineer|official|member|analyst|professor|founder|owner|resident|worker)\b",
    re.IGNORECASE,
)
#: A proper name of two or more capitalised words, a possessive set aside ("Lakeway Freight's").
_PROPER = re.compile(r"(?<![\w'’])(?P<name>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)+)(?P<owns>['’]s?)?(?![\w-])")
#: A sentence that opens with a one-word name set off by a comma ("Telvia, Estmark's largest mobile operator, ...").
_OPENS_ONE = re.compile(r"^\s*(?!(?:The|A|An|It|Its|This|That|In|On|At|By|For|Of|But|And)\b)(?P<name>[A-Z][\w-]+),")
#: A sentence that opens with a body's proper name and its verb ("SeatSwap handled ..."), not a pronoun or "The".
_OPENS_NAME = re.compile(
    r"^\s*(?!(?:The|It|They|He|She|We|This|That|In|On|At|By)\b)(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)\s+[a-z]"
)
#: A place's preposition before a name that owns nothing ("a wind farm off Carrow Head"): a place, not the firm.
_AT_PLACE = re.compile(r"\b(?:in|at|off|near|from|to|into|across|outside|around|of)\s+$")


def _reduced_relative(found: Speaker) -> Speaker | None:
    match = _REDUCED_RELATIVE.match(found.name)
    if match is None:
        return None
    return Speaker(match["author"], "", f"{found.rule}: a document's author, named in its relative clause")


def _named_document(found: Speaker, before: str) -> Speaker | None:
    """The author of the document a bare "the report" points back to, from the article's text before it."""
    noun = _BARE_DOCUMENT.match(found.name)
    if noun is None:
        return None
    mention = re.compile(rf"\b{re.escape(noun['noun'])}\b", re.IGNORECASE)
    for start, end, _ in draft_rows.sentences(before)[::-1]:
        sentence = before[start:end]
        if not mention.search(sentence):
            continue
        named = draft_who.in_sentence(sentence)
        if named is None or not named.name or _BARE_DOCUMENT.match(named.name):
            continue
        opens = _OPENS_NAME.match(sentence) if re.match(r"(?i:its|their)\s", named.name) else None
        author = Speaker(opens["name"], named.name, "") if opens else None  # "SeatSwap ..., according to its report"
        author = author or _reduced_relative(named) or draft_who.author(named)
        return Speaker(author.name, author.role, "a document the article named before: its author")
    return None


def _organisation(found: Speaker, sentence: str, at: int, known: list[tuple[str, str]]) -> Speaker | None:
    """The organisation "the firm" or "the operator" stands for, or None where the article names none."""
    match = _ORGANISATION.match(found.name)
    if match is None or any(draft_who.same(found.name, name) for name, _ in known):
        return None
    noun = re.compile(rf"\b{match['noun']}\b", re.IGNORECASE)
    rule = f"{found.rule}: '{found.name}' for the organisation named before"
    for name, role in reversed(known):
        if name[:1].isupper() and noun.search(role) and not _PERSON_ROLE.search(role):
            return Speaker(name, role, rule)
    head = draft_dateline.blank(sentence[: max(at, 0)])  # the outlet in the dateline is not the firm
    names = [m["name"] for m in _PROPER.finditer(head) if (m["owns"] or not _AT_PLACE.search(head[: m.start()]))]
    names = names or [m["name"] for m in [_OPENS_ONE.match(head)] if m]  # "Telvia, the operator, restored ..."
    if names:
        return Speaker(names[-1], found.name, rule)
    for name, role in reversed(known):
        if _PROPER.fullmatch(name) and (role.lower() in {"", name.lower()} or _ORGANISATION.match(role)):
            return Speaker(name, found.name, rule)
    return None


def resolve(found: Speaker, sentence: str, before: str, known: list[tuple[str, str]]) -> Speaker:
    """The speaker a description refers to (see the module's docstring), or the speaker as found. ``before`` is the
    article's text before the sentence; ``known`` the (name, role) of each speaker named so far, in order."""
    at = sentence.find(found.name) if found.name else -1
    return (
        _reduced_relative(found) or _named_document(found, before) or _organisation(found, sentence, at, known) or found
    )
