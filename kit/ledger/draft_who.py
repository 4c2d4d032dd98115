"""Who states a drafted figure: attribution read from the words around it.

News copy attributes a figure in a few set ways, each read here from the figure's sentence: "X said" and
"said X", "according to X", "X told ...", "X put the number at ...", and "X estimated / reported / announced".
A pronoun ("he said", "it said") takes the speaker named last earlier in the paragraph. A sentence with no
attribution at all is the outlet's own reporting (the headline, the reporter's narration): the data README's
curation rule credits unattributed figures to no nearby speaker. A speaker's role is its apposition ("Ray
Tillman, the incident commander"). These are guesses a curator checks: the draft note says which rule gave the claimant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_VERBS = (
    r"(?:said|says|say|told|reported|estimated|announced|warned|added|stated|wrote|put|puts|counted|estimates"
    r"|found|finds|showed|shows)"
)
_PRONOUN = r"(?:he|she|it|they)"
_ARTICLE = r"(?i:the|a|an|its|their|his|her)"
_NAME = r"(?:[A-Z][\w'’.-]*(?:\s+(?:of|for|de|the|and|[A-Z][\w'’.-]*))*)"
_POSSESSIVE = r"[A-Z][\w-]*['’]s(?:\s+[a-z][\w'’-]*){1,3}"  # "Rendsburg's mayor"
_NOUN_PHRASE = rf"(?:{_ARTICLE}\s+(?:[\w'’-]+\s+){{0,6}}?[\w'’-]+|{_POSSESSIVE}|{_NAME})"
_APPOSITION = r"(?:,\s+(?P<role>[^,;\"“”]+?),)?"
_ACCORDING = re.compile(
    r"\baccording to\s+(?P<who>[^,.;:\"“”]+?)"
    r"(?:,\s+(?!(?:and|but|while|which|who|whose)\b)(?P<role>[^,.;:\"“”]+))?(?=[,.;:\"“”]|$)"
)
_SAID_WHO = re.compile(rf"[,\"”]\s*(?:said|says|told\s+\w+)\s+(?P<who>{_NOUN_PHRASE})(?:,\s+(?P<role>[^,.;]+))?")
_WHO_SAID = re.compile(rf"(?P<who>{_NOUN_PHRASE}){_APPOSITION}\s+(?:also\s+|later\s+)?{_VERBS}\b")
_LEAD_SAID = re.compile(rf"^\s*[\"“]?(?P<who>[A-Z][\w'’-]*(?:\s+[a-z][\w'’-]*){{1,3}}?)\s+{_VERBS}\b")
_PRONOUN_SAID = re.compile(rf"\b(?P<who>{_PRONOUN})\s+(?:also\s+)?{_VERBS}\b", re.IGNORECASE)
#: "She blamed a flu outbreak ..., and said ...": a pronoun subject whose later "and said" (or "adding") attributes.
_PRONOUN_AND_SAID = re.compile(
    rf"^\s*(?P<who>{_PRONOUN})\s+[a-z]+[^\"“]*?\b(?:and\s+(?:also\s+)?{_VERBS}|adding)\b", re.IGNORECASE
)
_SUBJECT = re.compile(
    r"^\s*(?P<who>(?:The|A|An|Its|Their)\s+(?:[\w'’-]+\s+){0,3}?[\w'’-]+)"
    r"(?=\s+(?:will|would|has|had|have|is|was|are|were|plans|expects|aims|wants|paid|pays|spent|spends)\b)"
)
_STOP = re.compile(r"^(?:the|a|an|its|their|his|her)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Speaker:
    """Who states a figure, as the article names them, with the apposition that says their role."""

    name: str
    role: str = ""
    rule: str = ""


def _clean(who: str) -> str:
    return re.sub(r"[\s,]+$", "", who.strip())


def _is_pronoun(who: str) -> bool:
    return re.fullmatch(_PRONOUN, who.strip(), re.IGNORECASE) is not None


def _candidates(sentence: str) -> list[tuple[re.Match[str], str]]:
    patterns = ((_ACCORDING, "according to X"), (_WHO_SAID, "X said"), (_SAID_WHO, "said X"), (_LEAD_SAID, "X said"))
    found = [(match, rule) for pattern, rule in patterns for match in pattern.finditer(sentence)]
    found += [(match, "X said") for match in _PRONOUN_SAID.finditer(sentence)]
    found += [(match, "X said") for match in _PRONOUN_AND_SAID.finditer(sentence)]
    kept: list[tuple[re.Match[str], str]] = []
    for match, rule in found:  # in order of preference: one overlapping a preferred one is the same attribution
        if not any(match.start() < other.end() and other.start() < match.end() for other, _ in kept):
            kept.append((match, rule))
    return kept


def in_sentence(sentence: str, at: int | None = None) -> Speaker | None:
    """The speaker a sentence names, or None; a pronoun gives a Speaker with an empty name. With two attributions
    ("..., according to the weather office, and the board said ..."), the one nearest the figure at ``at``."""
    found = _candidates(sentence)
    if at is not None:
        found.sort(key=lambda item: min(abs(item[0].start() - at), abs(item[0].end() - at)))
    for match, rule in found:
        which = sentence.rfind(", which ", 0, match.start())
        if at is not None and which >= 0 and at < which and "," not in sentence[which + 2 : match.start()]:
            continue  # "approved a 62-turbine farm, which its developer says ...": the developer's words follow
        who = _clean(match["who"])
        if who.lower() in {"the", "a", "an"} or re.fullmatch(r"(?:that|which|who|there)", who, re.I):
            continue
        if re.search(r"\s(?:and|or|but|to|of|in|on|at|by|for|that|as)$", who):
            continue  # "300 a day and put ...": not a speaker
        if rule == "X said" and re.search(r"\b(?:of|for)$", sentence[: match.start()].strip()):
            continue
        if _is_pronoun(who) or _is_pronoun(who.split()[-1]):
            return Speaker("", "", f"{rule} with a pronoun")
        who = re.sub(r"^(?:And|But|Meanwhile|However|Still)\s+", "", who)
        role = _clean(match.groupdict().get("role") or "")
        if (
            role[:1].isupper()
            and not re.match(_ARTICLE + r"\s", role)
            and re.match(rf"{_ARTICLE}\s|{_POSSESSIVE}", who)
        ):
            who, role = role, who  # "according to the agency's commander, Ray Tillman": the name is the speaker
        return Speaker(who, role, rule)
    return None


def speaker(
    sentence: str, earlier: list[str], outlet: str, at: int | None = None, before: tuple[str, ...] = ()
) -> Speaker:
    """The figure's speaker: named in its sentence, else the last one named earlier in the paragraph (for a
    pronoun in a paragraph that names nobody, as after an opening quotation, in the paragraph ``before``), else
    the outlet (its own reporting)."""
    found = in_sentence(sentence, at)
    if found and found.name:
        return found
    subject = _SUBJECT.match(sentence)
    if found is not None and subject and not any(in_sentence(previous) for previous in earlier):
        return Speaker(subject["who"], "", "a pronoun for the sentence's subject")  # "The board will ..., it said"
    if found is None:  # no attribution at all: the outlet's own reporting, never a nearby speaker (curation rule 5)
        return Speaker(
            outlet or "the outlet", "the outlet's own reporting", "no attribution: the outlet's own reporting"
        )
    for previous in reversed(earlier):
        named = in_sentence(previous)
        if named and named.name:
            return Speaker(named.name, named.role, "a speaker named earlier in the paragraph")
    for previous in reversed(before):
        named = in_sentence(previous)
        if named and named.name:
            return Speaker(named.name, named.role, "a speaker named in the paragraph before")
    return Speaker(outlet or "the outlet", "the outlet's own reporting", "no attribution: the outlet's own reporting")


def same(name: str, other: str) -> bool:
    """Two names of one speaker: equal once articles and case are set aside, or one a surname of the other."""
    a, b = _STOP.sub("", name.strip().lower()), _STOP.sub("", other.strip().lower())
    if not a or not b:
        return False
    if a == b or a in b or b in a:
        return True
    last, other_last = name.split()[-1], other.split()[-1]
    return last == other_last and last[:1].isupper() and len(last) > 3
