"""Who states a drafted figure: the readings of :mod:`kit.ledger.draft_who` and the modules after it, in order.

An attribution in the sentence or paragraph (:func:`kit.ledger.draft_who.speaker`), the body behind a document it
names (:mod:`kit.ledger.draft_publisher`), the person a role stands for (:mod:`kit.ledger.draft_role`), a body's own
plan or request (:mod:`kit.ledger.draft_owner`), and the reporter's aside after an attribution, which is the
outlet's own reporting (:mod:`kit.ledger.draft_aside`): the data README's claimant rule 5.
"""

from __future__ import annotations

from kit.ledger import draft_aside, draft_owner, draft_publisher, draft_role, draft_who
from kit.ledger.draft_who import Speaker


def find(
    sentence: str, sentence_at: int, at: int, earlier: tuple, text: str, outlet: str, roles: list[tuple[str, str]]
) -> Speaker:
    """The speaker of the figure at ``at`` (in the article ``text``) in the sentence at ``sentence_at``; ``earlier``:
    the paragraph's sentences before it and the paragraph before's; ``roles``: (name, role) of each speaker so far."""
    known = tuple(name for name, _ in roles)
    who = draft_who.speaker(sentence, earlier[0], outlet, at - sentence_at, earlier[1], known)
    who = draft_publisher.publisher(who, sentence, text[:sentence_at], roles, outlet)
    who = draft_role.person(who, text)  # "its director said": the person it names in that role
    who = draft_owner.owner(who, sentence, at - sentence_at, earlier[0][-1] if earlier[0] else "", known)
    if draft_aside.aside(sentence, at - sentence_at) is not None:
        return Speaker(outlet or "the outlet", "the outlet's own reporting", draft_aside.RULE)
    return who
