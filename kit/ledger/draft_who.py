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

_VERBS = r"(?:said|says|told|reported|estimated|announced|warned|added|stated|wrote|put|puts|counted|estimates)"
_PRONOUN = r"(?:he|she|it|they)"
_ARTICLE = r"(?i:the|a|an|its|their|his|her)"
_NAME = r"(?:[A-Z][\w'’.-]*(?:\s+(?:of|for|de|the|and|[A-Z][\w'’.-]*))*)"
_NOUN_PHRASE = rf"(?:{_ARTICLE}\s+(?:[\w'’-]+\s+){{0,6}}?[\w'’-]+|{_NAME})"
_APPOSITION = r"(?:,\s+(?P<role>[^,;\"“”]+?),)?"
_ACCORDING = re.compile(r"\baccording to\s+(?P<who>[^,.;:\"“”]+?)(?:,\s+(?P<role>[^,.;:\"“”]+))?(?=[,.;:\"“”]|$)")
_SAID_WHO = re.compile(rf"[,\"”]\s*(?:said|says|told\s+\w+)\s+(?P<who>{_NOUN_PHRASE})(?:,\s+(?P<role>[^,.;]+))?")
_WHO_SAID = re.compile(rf"(?P<who>{_NOUN_PHRASE}){_APPOSITION}\s+(?:also\s+|later\s+)?{_VERBS}\b")
_LEAD_SAID = re.compile(rf"^\s*[\"“]?(?P<who>[A-Z][\w'’-]*(?:\s+[a-z][\w'’-]*){{1,3}}?)\s+{_VERBS}\b")
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


def in_sentence(sentence: str) -> Speaker | None:
    """The speaker a sentence names, or None; a pronoun gives a Speaker with an empty name."""
    patterns = ((_ACCORDING, "according to X"), (_WHO_SAID, "X said"), (_SAID_WHO, "said X"), (_LEAD_SAID, "X said"))
    for pattern, rule in patterns:
        for match in pattern.finditer(sentence):
            who = _clean(match["who"])
            if who.lower() in {"the", "a", "an"} or re.fullmatch(r"(?:that|which|who|there)", who, re.I):
                continue
            if rule == "X said" and re.search(r"\b(?:of|for)$", sentence[: match.start()].strip()):
                continue
            if _is_pronoun(who) or _is_pronoun(who.split()[-1]):
                return Speaker("", "", f"{rule} with a pronoun")
            who = re.sub(r"^(?:And|But|Meanwhile|However|Still)\s+", "", who)
            role = _clean(match.groupdict().get("role") or "")
            if role[:1].isupper() and not re.match(_ARTICLE + r"\s", role) and re.match(_ARTICLE + r"\s", who):
                who, role = role, who  # "according to the agency's commander, Ray Tillman": the name is the speaker
            return Speaker(who, role, rule)
    return None


def speaker(sentence: str, earlier: list[str], outlet: str) -> Speaker:
    """The figure's speaker: named in its sentence, else the last one named earlier in the paragraph, else the
    outlet (its own reporting)."""
    found = in_sentence(sentence)
    if found and found.name:
        return found
    if found is None:  # no attribution at all: the outlet's own reporting, never a nearby speaker (curation rule 5)
        return Speaker(
            outlet or "the outlet", "the outlet's own reporting", "no attribution: the outlet's own reporting"
        )
    for previous in reversed(earlier):
        before = in_sentence(previous)
        if before and before.name:
            return Speaker(before.name, before.role, "a speaker named earlier in the paragraph")
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
