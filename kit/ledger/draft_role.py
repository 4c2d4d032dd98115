"""A speaker the article names by role alone ("its director said"), drafted as the person it names in that role.

The data README's claimant rule 5: "A speaker the article refers to by role or pronoun ('its director', 'she') is
the one it named before". A lead often gives the role first and the name a sentence later ("..., its director said
on Wednesday. ... director Ruth Abernathy told reporters"): the role is then the one person the article names with
it, wherever in the article. A role the article gives two names, or none, stays as written.
"""

from __future__ import annotations

import re

from kit.ledger.draft_who import Speaker

#: "its director", "the company's chief executive": a role a body's pronoun or possessive owns.
_ROLE = re.compile(
    r"^(?:its|their|the\s+[\w'’-]+['’]s)\s+(?P<role>director|chief executive|chair(?:man|woman)?|president|head"
    r"|manager|secretary|leader|founder|mayor|governor)$",
    re.IGNORECASE,
)
_NAME = r"(?-i:(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)+))"


def person(found: Speaker, text: str) -> Speaker:
    """The one person the article names in the role the speaker is given by ("director Ruth Abernathy", "its chair,
    Ines Varga", "Ruth Abernathy, its director"), or the speaker as found."""
    role = _ROLE.match(found.name.strip())
    if role is None:
        return found
    words = re.escape(role["role"]).replace(r"\ ", r"\s+")
    after = re.finditer(rf"\b{words},?\s+{_NAME}", text, re.IGNORECASE)
    before = re.finditer(rf"{_NAME},\s+(?:its|their|the\s+[\w'’-]+['’]s)\s+{words}\b", text, re.IGNORECASE)
    names = {match["name"] for match in (*after, *before) if match["name"][:1].isupper()}
    if len(names) != 1:
        return found
    return Speaker(names.pop(), found.name, f"{found.rule}: '{found.name}' for the person named in that role")
