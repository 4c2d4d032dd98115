"""Which of the data README's steps ("A figure with no date words", kit/data/README.md) each dating rule of
:mod:`kit.ledger.draft_context` follows, so that a draft's note names the step a curator checks it against.

A rule the README does not document keeps its note without a number ("a level reached over its sentence's period":
the README's step 1 dates the figure by its sentence, the end of the period is the drafter's reading).
"""

from __future__ import annotations

#: The README step each dating rule follows: 1 its sentence (a "when" clause, the day a speaker spoke, the sentence's
#: dated figure), 2 another figure's, 3 no time, 4 the present tense, 5 its paragraph, 6 the event the article
#: reports (and the past states, undated surveys and owned counts read at publication), 7 otherwise.
STEPS = {
    "reported": 1,
    "said": 1,
    "spoke": 1,
    "sentence": 1,
    "part": 2,
    "timeless": 3,
    "future": 3,
    "requested": 3,
    "planned": 3,
    "present": 4,
    "before": 5,
    "lead": 6,
    "headline": 6,
    "standing": 6,
    "default": 7,
}


def numbered(notes: dict[str, str]) -> dict[str, str]:
    """Each rule's note with the README step it follows ("...: as of the publication day (README step 4)")."""
    return {key: f"{note} (README step {STEPS[key]})" if key in STEPS else note for key, note in notes.items()}
