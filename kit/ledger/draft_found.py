"""A document's finding told in a later sentence ("The report found that ...") is dated by when it was published.

The data README's step 1: "A survey's or report's finding dated only by when it was published ('a survey published
in March') takes that date", and a speaker's day "dates what they say in that sentence and the next ones that go on
with their words". "One in five dog owners ..., according to a report published by the Orland Veterinary Association
in May. The report found that the average cost ... had risen by 25% since 2023, to about 1,100 dollars a year": the
1,100 dollars is of May, and the span since 2023 ends in May.
"""

from __future__ import annotations

import re
from datetime import date

from kit.ledger import draft_rows, draft_when
from kit.ledger.draft_when import When

_DOCUMENT = r"(?:report|survey|study|poll|audit|review|census)"
#: "The report found", "The survey also shows": a sentence that goes on with a document's words.
_FINDS = re.compile(rf"^\s*The\s+(?:[a-z]+\s+)?(?P<noun>{_DOCUMENT})\s+(?:also\s+)?(?:found|finds|shows|showed)\b")
#: "a report published by X in May", "a survey released on Friday": the document and when it came out.
_PUBLISHED = r"\s+(?:published|released|issued)\b"


def published(sentence: str, before: str, published_day: date | None) -> When | None:
    """The date a document was published, named in the sentence before that names it (``before``: the article's
    text before ``sentence``), for a sentence that goes on with its finding; None otherwise."""
    finds = _FINDS.match(sentence)
    if finds is None or published_day is None:
        return None
    sentences = draft_rows.sentences(before)
    if not sentences:
        return None
    start, end, _ = sentences[-1]
    previous = before[start:end]
    named = re.search(rf"\b{finds['noun']}{_PUBLISHED}", previous, re.IGNORECASE)
    if named is None:
        return None
    found = [words for at, _, words in draft_when.phrases(previous) if at > named.start()]
    return When("", draft_when.resolve(found[0], published_day).when) if found else None
