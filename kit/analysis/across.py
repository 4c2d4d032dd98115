"""Statements across the articles of a story: a claim left to the rule joins the statement of the same figure in
another article, even where that article's curator named the statement.

Why: one article's curator gives a headline and its body sentence one ``statement`` id; another article quotes the
same speaker's same figure with no id. Joined only by identical keys, the two were two statements, and the tracker
set the ministry's 1.46 million against the ministry's 1.46 million. The rule (same claimant, quantity, kind, date,
figure and bound) joins them; a statement never absorbs a second statement of an article it already holds, and a
claim a curator set apart (an id no other claim has) joins nothing (kit/data/README.md, "An optional column:
statement").
"""

from __future__ import annotations

from collections.abc import Collection, Sequence


def joined(
    labels: Sequence[int], rule: Sequence[int], articles: Sequence[str], alone: Collection[int] = ()
) -> list[int]:
    """Each claim's statement after joining across articles: ``labels`` are the statements as each article's own
    rule and ids give them, ``rule`` the groups the rule alone reads (ids ignored), ``articles`` each claim's
    article, ``alone`` the statements a curator set apart (an id no other claim has): they join nothing. Two
    statements join where a claim of one and a claim of the other, in different articles, fall in one rule group,
    unless an article would then hold two statements of the joined one. The label kept is the smallest of those
    joined, so the result follows the input's order, never a hash."""
    parent = {label: label for label in labels}
    holds: dict[int, set[str]] = {}
    for label, article in zip(labels, articles, strict=True):
        holds.setdefault(label, set()).add(article)

    def root(label: int) -> int:
        while parent[label] != label:
            parent[label] = parent[parent[label]]
            label = parent[label]
        return label

    firsts: dict[int, int] = {}
    for label, group in zip(labels, rule, strict=True):
        if label in alone:
            continue
        a, b = root(firsts.setdefault(group, label)), root(label)
        if a == b or holds[a] & holds[b]:  # already one, or an article would hold two of its statements
            continue
        keep, gone = min(a, b), max(a, b)
        parent[gone] = keep
        holds[keep] |= holds.pop(gone)
    return [root(label) for label in labels]
