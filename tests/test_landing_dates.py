"""The landing page's story line over articles whose publication dates mix plain dates and time zones."""

from __future__ import annotations


def test_a_story_of_dated_and_zoned_articles_has_a_date_line():
    """A corpus mixing a plain publication date and one with a time zone gives its span, not a TypeError."""
    from datetime import UTC, datetime, timedelta, timezone

    from kit.report import landing

    plain = landing.Entry("a", "A", "Wire", datetime(2025, 4, 7))
    zoned = landing.Entry("b", "B", "Courier", datetime(2025, 8, 14, 23, 30, tzinfo=timezone(timedelta(hours=-7))))
    assert landing.story_line([zoned, plain]) == "2 articles from 2 outlets, 7 April 2025 to 14 August 2025"
    same = landing.Entry("c", "C", "Wire", datetime(2025, 4, 7, 9, tzinfo=UTC))
    assert landing.story_line([plain, same]) == "2 articles from 1 outlet, 7 April 2025"
