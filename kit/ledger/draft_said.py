"""The day a speaker spoke, named in the figure's own sentence ("Measles has infected 143 people, the authority said
on Wednesday"): the data README's step 1, "a speaker's day of speaking dates what they say in that sentence".

The drafter reads a figure's date phrase from its clause; the attribution is a clause of its own, so its day was
missed and a figure in the present tense or the present perfect fell to the publication day (step 4). Step 1 comes
first. A plan or forecast is left to the steps for plans (what a speaker expects names no time), and a reporter's
aside hung on the attribution ("..., the authority said on Wednesday, leaving 3,200 people cut off") is the outlet's
own background, at the publication day (the README's claimant rule; :mod:`kit.ledger.draft_aside`).
"""

from __future__ import annotations

import re
from datetime import date

from kit.ledger import draft_aside, draft_found, draft_when
from kit.ledger.draft_when import When

#: A reporting verb and up to six words before the date phrase: "said on Wednesday", "told reporters in Elsbridge on
#: Monday".
SAID_BEFORE = re.compile(
    r"\b(?:said|says|told|reported|announced|confirmed|added)\s+(?:[\w'’-]+\s+){0,6}?$", re.IGNORECASE
)


def said_on(sentence: str, at: int, published: date | None) -> When | None:
    """The day of saying named in the sentence of the figure at ``at`` (its offset in the sentence), resolved; None
    when the sentence names none, the figure sits in the reporter's aside, or the article is undated."""
    if published is None or draft_aside.aside(sentence, at) is not None:
        return None
    for start, _end, words in draft_when.phrases(sentence):
        if SAID_BEFORE.search(sentence[:start]):
            return When("", draft_when.resolve(words, published).when)
    return None


#: A reporting verb and up to eight words, a time of day among them, before the date phrase: "told a council meeting at
#: 6 p.m. on Monday".
SAID_AT = re.compile(
    r"\b(?:said|says|told|reported|announced|confirmed|added)\s+(?:[\w'’.-]+\s+){0,8}?$", re.IGNORECASE
)
#: A pronoun's attribution ("he said", "she added"): the speaker named before in the paragraph.
PRONOUN_SAID = re.compile(r"\b(?:he|she|it|they)\s+(?:said|says|added|told)\b|\bsaid\s+(?:he|she)\b", re.I)


def spoke_on(text: str, sentence_at: int, sentence: str, published: date | None) -> When | None:
    """The day a speaker spoke, named earlier in the paragraph ("Mayor Tomas Reyl told a council meeting on Monday
    ... . The city has paid ... since 2025, he said."), for a sentence that a pronoun attributes; for a sentence that
    goes on with a document's finding, when it was published (:mod:`kit.ledger.draft_found`); None otherwise."""
    if published is None or not PRONOUN_SAID.search(sentence):
        return draft_found.published(sentence, text[:sentence_at], published)  # "The report found ..."
    paragraph = text[text.rfind("\n", 0, sentence_at) + 1 : sentence_at]
    days = [(start, words) for start, _end, words in draft_when.phrases(paragraph)]
    said = [words for start, words in days if SAID_AT.search(paragraph[:start])]
    return When("", draft_when.resolve(said[-1], published).when) if said else None
