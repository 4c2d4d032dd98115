"""The article's identity in ``datapackage.json``: outlet, headline, publication date, address, byline, language.

A report's provenance line names the outlet and the date, and the validator resolves a figure's date against
the publication date, so each key is checked, not merely stored: a date that is not ISO 8601 or not on the
calendar, an address that is not http(s), a language that is not a BCP 47 tag are errors naming the key.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit

from kit.ledger import dates

#: Every key of "article" besides "path", and what to write when it is missing.
KEYS = {
    "title": "give the headline as the article prints it",
    "outlet": 'give the outlet\'s name, or "" when it is not known',
    "published": "give the publication date (ISO 8601), or null for an undated article",
    "url": 'give the article\'s http(s) address, or "" when it has none',
    "byline": 'give the byline as printed, or "" when there is none',
    "language": 'give the article\'s language as a BCP 47 tag ("en")',
}
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z]{4})?(-(?:[A-Za-z]{2}|\d{3}))?(-[A-Za-z0-9]{5,8}|-\d[A-Za-z0-9]{3})*")


def url_problem(url: str) -> str | None:
    """Why a text is not an article's address ("" is allowed: a printed article has none); None when it is."""
    if url == "":
        return None
    parts = urlsplit(url) if url.isprintable() and not any(char.isspace() for char in url) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
        return f'{url!r} is not an http or https address; write the article\'s URL, or "" when it has none'
    return None


def language_problem(language: str) -> str | None:
    """Why a text is not a BCP 47 language tag; None when it is one."""
    if _LANGUAGE.fullmatch(language):
        return None
    return f"{language!r} is not a BCP 47 language tag; write one such as 'en', 'fr' or 'en-GB'"


def published_problem(published: str) -> str | None:
    """Why a text is not a publication date; None when it is one."""
    try:
        dates.published(published)
    except ValueError as error:
        return f"{error}; write null for an undated article"
    return None


def check_article(article: dict, fail: Callable[[str, str, str], None]) -> None:
    """Report, through fail(column, message, key), every key of the article's identity that is missing or wrong."""
    for key, missing in KEYS.items():
        column = f"article.{key}"
        if key not in article:
            fail(column, f"the key is missing; {missing}", key)
            continue
        value = article[key]
        if key == "published" and value is None:
            continue
        if not isinstance(value, str):
            fail(column, f"{value!r} is not text; {missing}", key)
            continue
        if key == "title" and not value.strip():
            problem: str | None = f"the headline is empty; {missing}"
        elif key == "published":
            problem = published_problem(value)
        elif key == "url":
            problem = url_problem(value)
        elif key == "language":
            problem = language_problem(value)
        else:
            problem = None
        if problem:
            fail(column, problem, key)
