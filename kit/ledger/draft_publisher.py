"""Who stands behind a report, a set of figures, a survey or a poll: the body that published or commissioned it.

The data README's claimant rule 5: "a report, a set of figures, a survey or a poll is the statement of the body
that published or commissioned it" ("according to the bank's annual report" is the bank's, "a survey carried out
for the union" the union's). :func:`kit.ledger.draft_who.speaker` and :mod:`kit.ledger.draft_refer` find the words
that point at a document; this module reads, after them, the body those words name:

- a document commissioned for a body ("a poll of 1,050 adults carried out for the patients' forum found that ...",
  "according to a report written for the association by a valuer") is that body's, whoever carried it out, also in
  a sentence that opens with the document and has no other attribution;
- a document published by a body with a time between ("a survey published on Friday by the coastal authority") is
  that body's;
- a document a pronoun owns ("according to its annual report") is the body the sentence opens with ("The company
  carried ...") when that body is a speaker the article has named or is a proper name ("SeatSwap handled ...");
- a document named by its author's common noun ("a council report shows", "according to shelter records") is the
  speaker named before whose name ends with that noun ("the city council"), else the last proper name the article
  gives before that ends with it ("The Tamsworth municipal animal shelter").

A body named by its common noun ("the association") is the speaker named before whose name ends with that noun.
"""

from __future__ import annotations

import re

from kit.ledger import draft_refer
from kit.ledger.draft_who import Speaker, same

_DOCUMENT = (
    r"(?:report|survey|study|poll|figures|data|statistics|analysis|audit|review|census|filing|accounts"
    r"|document|records)"
)
_TIME = r"(?:\s+(?:on|in|last|this|earlier)\s+[\w.]+(?:\s+\d{1,2})?)?"
#: "a survey carried out for the council (last month)", "a report written for the association by Tideway Valuers".
_FOR = re.compile(
    rf"\b{_DOCUMENT}\b(?:[^,;]|,\d)*?\b(?:carried out|conducted|done|written|prepared|commissioned|taken|run)"
    rf"{_TIME}(?:\s+by\s+(?:[^,;]|,\d)+?)?\s+for\s+(?P<body>(?:the\s+)?[^,;]+?)"
    r"(?=\s+(?:by|in|on|last|this|earlier|found|finds|showed|shows|said|says|suggests|suggested)\b|\s*[,;.]|$)",
    re.IGNORECASE,
)
#: "a survey published on Friday by the Eastshore Coastal Authority": a time between the document and its author.
_PUBLISHED_BY = re.compile(
    rf"^(?:(?:a|an|the|new|latest)\s+)*(?:[\w-]+\s+)?{_DOCUMENT}\s+"
    rf"(?:published|released|compiled|issued){_TIME}\s+by\s+(?P<body>.+)$",
    re.IGNORECASE,
)
#: "its annual report", "their latest figures": a document a pronoun owns.
_ITS = re.compile(rf"^(?:its|their)\s+(?:[\w-]+\s+){{0,2}}?{_DOCUMENT}$", re.IGNORECASE)
#: "a council report": a document named by its author's common noun.
_NOUN_DOCUMENT = re.compile(rf"^(?:(?:a|an|the)\s+)?(?P<noun>[a-z]+)\s+{_DOCUMENT}$", re.IGNORECASE)
#: A sentence that opens with a body ("The company carried 2.1 million passengers ...").
_OPENS = re.compile(r"^\s*(?P<body>The\s+[a-z]+|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)\s+[a-z]")
#: A sentence that opens with a document ("A survey of ...", "In a poll ...").
_OPENS_DOCUMENT = re.compile(rf"^\s*(?:In\s+)?(?:A|An|The|a|an|the)\s+(?:[\w'’-]+\s+){{0,2}}?{_DOCUMENT}\b", re.I)
#: "the consumer group Fair Basket": a proper name after the noun that describes it.
_PROPER_TAIL = re.compile(r"^(?:the\s+)?(?:[a-z][\w'’-]*\s+)+(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)$")
#: A body's proper name ("SeatSwap"), not a description ("The company") or a pronoun ("It").
_PROPER = re.compile(r"^(?!(?:The|It|They|He|She|We|This|That|These|Those)\b)[A-Z]")
RULE = "a report, survey or poll is the statement of the body that published or commissioned it"


def _body(words: str, known: tuple[str, ...]) -> str:
    """The body's name: the speaker named before it stands for ("the association"), else its proper name."""
    words = words.strip()
    if words.lower().startswith("the ") and len(words.split()) == 2:
        head = words.split()[-1].lower()
        named = [name for name in known if name.split() and name.split()[-1].lower().strip("'’s") == head]
        if named:
            return named[-1]
    tail = _PROPER_TAIL.match(words)
    return tail["name"] if tail else words


#: Words that end a name rather than stand inside one ("Owen Hale said the shelter" is no name).
_NOT_NAME = r"(?:said|says|told|the|a|an|of|and|or|to|in|at|on|for|with|that|which|who|was|is|has|had)"


def _named_in(before: str, noun: str) -> str:
    """The last proper name in the text before that ends with a common noun ("The Tamsworth municipal animal
    shelter" for "shelter records", with no article before the noun), or "" when the article names none."""
    names = re.findall(
        rf"(?<![\w'’])((?:[A-Z][\w'’-]*\s+)(?:(?!{_NOT_NAME}\b)[\w'’-]+\s+){{0,3}}?{re.escape(noun)})\b", before
    )
    names = [re.sub(r"^The\s+", "", name) for name in names if not re.match(r"(?:A|An|It|Its|This)\s", name)]
    return names[-1] if names else ""


def publisher(found: Speaker, sentence: str, before: str, roles: list[tuple[str, str]], outlet: str) -> Speaker:
    """The body behind a document the speaker's words name (see the module's docstring), or the speaker as found,
    each resolved by :func:`kit.ledger.draft_refer.resolve` (``before``: the article's text before the sentence;
    ``roles``: the (name, role) of each speaker named so far)."""
    resolved = draft_refer.resolve(found, sentence, before, roles)  # "figures the company filed": the company's
    found = resolved if resolved is found else draft_refer.resolve(resolved, sentence, before, roles)
    known = tuple(name for name, _ in roles)
    if found.name and not same(found.name, outlet or "the outlet"):
        commissioned = _FOR.search(found.name) or _PUBLISHED_BY.match(found.name)
        if commissioned:
            return Speaker(_body(commissioned["body"], known), found.name, f"{found.rule}: {RULE}")
        opens, noun = _OPENS.match(sentence), _NOUN_DOCUMENT.match(found.name)
        if _ITS.match(found.name) and opens:  # "The company carried ..., according to its annual report"
            body = draft_refer.resolve(Speaker(opens["body"], "", found.rule), sentence, before, roles)
            if any(same(body.name, name) for name in known) or _PROPER.match(body.name):
                return Speaker(body.name, found.name, f"{found.rule}: {RULE}")
        body = _body(f"the {noun['noun']}", known) if noun else ""
        if noun and body == f"the {noun['noun']}":  # "shelter records", no article: the name the article gave
            body = "" if re.match(r"(?i:a|an|the)\s", found.name) else _named_in(before, noun["noun"])
        if body:  # "a council report shows", "according to shelter records"
            return Speaker(body, found.name, f"{found.rule}: {RULE}")
        return found
    opening = _FOR.search(sentence)  # "A poll ... carried out for the forum found that": no other attribution
    if opening and _OPENS_DOCUMENT.match(sentence) and opening.start() < 40:
        return Speaker(_body(opening["body"], known), "", RULE)
    return found
