"""A body's own plan, wish or request, told with no attribution: the body's, not the outlet's nor a person's.

The data README's claimant rule 5: "A sentence with no attribution whose subject is a speaker named before, and whose
verb states that speaker's plan, expectation, wish or request ("The union expects ...", "The city plans to ...", "It
has asked the council for ..."), is that speaker's". :func:`kit.ledger.draft_who.speaker` reads the plain cases;
this module reads two more:

- a relative clause between the subject and its verb ("The alliance, which represents 35 promoters and venues,
  wants ... a fine of £1,000"): the figures after the clause are the alliance's; one inside it stays the outlet's
  (a fact the reporter tells);
- "It" for a body an attributed sentence before opens with ("The shelter spends about $38 a day ..., Abernathy said.
  It has asked the council for a further $450,000"): the body (a speaker named before, under its full name), not
  the person who spoke in the sentence before. After a sentence of the outlet's own reporting ("The authority plans
  to spend €14 million. It aims to ..."), "It" goes on with that reporting.
"""

from __future__ import annotations

import re

from kit.ledger.draft_who import Speaker, in_sentence, same

#: A verb that states the subject's own plan, expectation, wish or request.
_OWN = r"(?:has\s+|had\s+|also\s+)?(?:promised|pledged|plans|aims|intends|expects|hopes|wants|asked|asks|seeks)\b"
#: "The alliance, which represents 35 promoters and venues, wants ...".
_PAST_RELATIVE = re.compile(
    rf"^\s*The\s+(?P<who>[\w'’-]+(?:\s+[\w'’-]+){{0,2}}),\s+(?:which|who)\s(?:[^,]|,\d)+,\s+{_OWN}"
)
#: "It has asked the council for ...".
_IT_OWN = re.compile(rf"^\s*It\s+{_OWN}")
#: "The shelter spends ...": a sentence that opens with a body.
_OPENS_BODY = re.compile(r"^\s*The\s+(?P<who>[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*){0,2}?)\s+[a-z]+s\b")
RULE = "a body's own plan, wish or request, with no attribution: the body's"


def owner(found: Speaker, sentence: str, at: int, before: str, known: tuple[str, ...]) -> Speaker:
    """The body whose plan or request the sentence states (see the module's docstring), or the speaker as found.
    ``at``: the figure's place in the sentence; ``before``: the sentence before it in the paragraph, or ""."""
    relative = _PAST_RELATIVE.match(sentence)
    if relative and at >= relative.end() - len(relative.group().split(",")[-1]):
        name = _known(relative["who"], known)
        return Speaker(name, "", RULE) if name else found
    said = in_sentence(before) is not None  # the sentence before is a speaker's: "It" is its subject, no reporting
    opens = _OPENS_BODY.match(before) if said and _IT_OWN.match(sentence) else None
    if opens:
        name = _known(opens["who"], known)
        return Speaker(name, "", f"{RULE} ('It' for the body the sentence before opens with)") if name else found
    return found


def _known(who: str, known: tuple[str, ...]) -> str:
    """The speaker named before that a body's common name stands for ("alliance": "Fair Ticketing Alliance")."""
    head = who.split()[-1].lower()
    names = [name for name in known if same(who, name) and re.sub(r"['’]s?$", "", name.split()[-1].lower()) == head]
    return names[-1] if names else ""
