"""An unnamed speaker: "an official who asked not to be named said", "two people familiar with the plan said".

The data README's claimant rule: an unnamed speaker is a source of its own with ``named`` ``no``, never the outlet,
and never a thing their description mentions ("the plan" of "people familiar with the plan"). The article withholds
a speaker's name in two set ways, read here:

- a clause that says so, with or without commas: "who asked not to be named", "speaking on condition of
  anonymity", "who was not authorised to speak publicly" (and its "because ..." reason);
- a description by what they know: "people familiar with", "a person briefed on", "a source close to".

Either is an attribution when a verb of saying follows ("..., said") or "said" or "according to" comes before it.
The drafted source keeps the article's words without the withholding clause ("an official", "two people familiar
with the plan"); its role says it is unnamed. The number that counts such speakers ("Two council officials, who
asked not to be named, said") counts the sources, not a figure of the story: it is not drafted.
"""

from __future__ import annotations

import re

#: A clause that withholds the speaker's name, with the reason it may give ("because talks were continuing").
_WITHHELD = (
    r"(?:who\s+(?:asked|requested|declined|did\s+not\s+want|does\s+not\s+want)\s+(?:not\s+)?to\s+be\s+"
    r"(?:named|identified)|(?:who\s+)?(?:spoke|speaking)\s+on\s+(?:the\s+)?condition\s+of\s+anonymity"
    r"|who\s+(?:was|were|is|are)\s+not\s+authori[sz]ed\s+to\s+(?:speak|talk|comment)"
    r"(?:\s+(?:publicly|to\s+the\s+press|to\s+reporters|on\s+the\s+record))?"
    r"|who\s+(?:requested|asked\s+for)\s+anonymity)(?:\s+because\s+[^,;.\"“”]+?)?"
)
#: "familiar with the plan", "briefed on the talks", "close to the minister": who knows, for one not named.
_KNOWS = (
    r"(?:familiar\s+with|briefed\s+on|close\s+to|with\s+(?:direct\s+)?knowledge\s+of|knowledgeable\s+about)"
    r"\s+(?:(?:the|a|an|its|their|his|her)\s+(?:[\w'’-]+\s+){0,3}?[\w'’-]+|it|them)"
)
_INSIDER = r"(?:people|person|persons|sources?|officials?|someone|aides?|insiders?|executives?|diplomats?)"
_DETERMINER = r"(?i:an?|one|two|three|four|five|several|some|the|another|many)"
_FUNCTION = r"(?:that|which|who|whom|whose|and|but|or|said|says|an?|the|to|of|in|on|at|by|for|with|from)\b"
#: The speaker's description: a determiner (or a capital opening, "City officials"), up to three modifiers, the
#: head noun and a place or body it belongs to ("an official at the agriculture ministry").
_DESCRIBED = (
    rf"(?:{_DETERMINER}\s+|(?<![\w'’-])(?=[A-Z]))(?:(?!{_FUNCTION})[\w'’-]+\s+){{0,3}}(?!{_FUNCTION})[\w'’-]+"
    r"(?:\s+(?:at|in|of|for|from|on)\s+(?:the\s+|a\s+|an\s+)?(?:[\w'’-]+\s+){0,3}?[\w'’-]+)??"
)
_WHO = rf"(?P<who>{_DESCRIBED}(?=,?\s+{_WITHHELD})|(?:{_DETERMINER}\s+)?(?:[\w'’-]+\s+)?{_INSIDER}\s+{_KNOWS})"
_VERB = r"(?:said|says|told|added|estimated|warned|confirmed|put|puts)"
#: "an official who asked not to be named said", "two people familiar with the plan said", "City officials,
#: speaking on condition of anonymity, said": the description, its withholding clause, a verb of saying.
SAID_AFTER = re.compile(rf"{_WHO}(?P<withheld>,?\s+{_WITHHELD},?)?\s+(?:also\s+|later\s+)?{_VERB}\b")
#: "said an official who asked not to be named", "according to two people familiar with the investigation".
SAID_BEFORE = re.compile(
    rf"\b(?:said|says|(?i:according)\s+to|told\s+\w+)\s+{_WHO}(?P<withheld>,?\s+{_WITHHELD})?(?=[\s,.;:\"”]|$)"
)
#: The draft note's words for such a speaker.
RULE = "an unnamed speaker, a source of its own"


def withheld(match: re.Match[str]) -> bool:
    """Whether a match of :data:`SAID_AFTER` or :data:`SAID_BEFORE` names someone the article leaves unnamed: a
    clause withholds the name, or the description says what they know; a bare "the plan said" is not one."""
    return bool(match["withheld"]) or re.search(_KNOWS, match["who"]) is not None


def role(name: str) -> str:
    """The drafted source's role: the article's description, said to be unnamed ("unnamed official")."""
    words = re.sub(rf"^{_DETERMINER}\s+", "", name.strip())
    return f"unnamed {words[:1].lower()}{words[1:]}"


def source_id(name: str) -> str:
    """A source id for an unnamed speaker from its head noun and the words before it ("an official at the ministry":
    unnamed-official; "two people familiar with the plan": unnamed-people)."""
    words = re.sub(rf"^{_DETERMINER}\s+", "", name.strip()).split()
    head = next((n for n, word in enumerate(words) if re.fullmatch(r"at|in|of|for|from|on|familiar|briefed|close|with"
                                                                   r"|knowledgeable", word)), len(words))  # fmt: skip
    return re.sub(r"[^a-z0-9]+", "-", " ".join(["unnamed", *words[:head]]).lower()).strip("-")


def source(name: str, role: str, sides: list[str]) -> dict[str, str]:
    """The drafted source row of an unnamed speaker: named no, side ``unattributed reports`` where the ledger lists
    it, else empty with a ``draft_note`` that leaves it to the curator."""
    side = "unattributed reports" if "unattributed reports" in sides else ""
    note = "an unnamed speaker; check name and role" + (
        "; side 'unattributed reports' for an unnamed speaker, or the side the words name"
        if side
        else "; this ledger has no side 'unattributed reports': pick the side the source speaks for"
    )
    row = {"source_id": source_id(name) or "unnamed-source", "name": name, "role": role, "side": side, "named": "no"}
    return {**row, "draft_note": note}


def counts_speakers(text: str, start: int, end: int) -> bool:
    """Whether the number at ``text[start:end]`` counts unnamed speakers ("Two council officials, who asked not to
    be named, said"; "according to two people familiar with the investigation"), not a figure of the story."""
    line_at = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_at : len(text) if line_end < 0 else line_end]
    for pattern in (SAID_AFTER, SAID_BEFORE):
        for match in pattern.finditer(line):
            if withheld(match) and match.start("who") == start - line_at and end - line_at < match.end("who"):
                return True
    return False
