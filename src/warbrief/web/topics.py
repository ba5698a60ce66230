"""Topic pages for the web app: every story about one thing across days, in the shape of seed 004.

The same rules as ``warbrief topic`` (``write/topic.py``): a query names a section, a linked place or words
found in the articles; each matching story contributes the cited paragraph its day's briefing wrote. This
version reads through the read-only ``Archive`` so that the server never opens the store for writing.
"""

from __future__ import annotations

from datetime import date

from warbrief.taxonomy import Taxonomy
from warbrief.web.archive import Archive, SearchFilters, SearchQueryError
from warbrief.write.topic import TopicPage, TopicQueryError, check_topic_query, day_entries, topic_sections

MAX_TOPIC_HITS = 5000

__all__ = ["TopicQueryError", "topic_page"]


def _matching_articles(archive: Archive, query: str, start: date, end: date) -> set[str]:
    ids = archive.place_article_ids(query)
    try:
        # Within the page's days: search ranks a bounded number of the newest matches.
        hits = archive.search(query, SearchFilters(start=start, end=end), limit=MAX_TOPIC_HITS)
    except SearchQueryError as exc:
        raise TopicQueryError(str(exc)) from exc
    ids.update(h.article.id for h in hits.articles)
    return ids


def topic_page(archive: Archive, taxonomy: Taxonomy, query: str, start: date, end: date) -> TopicPage:
    query = check_topic_query(query, start, end, names=("'from'", "'to'"))
    wanted, ways, only_section = topic_sections(taxonomy, query)
    articles = set() if only_section else _matching_articles(archive, query, start, end)
    page = TopicPage(query, start, end, matched_by=" or ".join(ways))
    for day in archive.days():
        if not start <= day <= end:
            continue
        briefing = archive.briefing(day)
        if briefing is None:
            continue
        story_articles = archive.story_article_ids([s.id for s in archive.stories_of_day(day)]) if articles else {}
        page.entries += day_entries(day, briefing, story_articles, wanted, articles)
    return page
