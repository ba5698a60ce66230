"""Topic pages for the web app: every story about one thing across days, in the shape of seed 004.

The same rules as ``warbrief topic`` (``write/topic.py``): a query names a section, a linked place or words
found in the articles; each matching story contributes the cited paragraph its day's briefing wrote. This
version reads through the read-only ``Archive`` so that the server never opens the store for writing.
"""

from __future__ import annotations

import re
from datetime import date

from warbrief.taxonomy import Taxonomy
from warbrief.web.archive import Archive, SearchFilters, SearchQueryError
from warbrief.write.topic import TopicEntry, TopicPage, TopicQueryError

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
    query = re.sub(r"\s+", " ", query).strip()
    if not query:
        raise TopicQueryError("the topic is empty: give a section, a place or words to search for")
    if end < start:
        raise TopicQueryError(f"'to' {end.isoformat()} is before 'from' {start.isoformat()}")
    section_id = query if query in taxonomy else taxonomy.match_heading(query)
    wanted: set[str] = set()
    ways = []
    if section_id is not None:
        wanted = {section_id, *(c.id for c in taxonomy.children(section_id))}
        ways.append(f"section {taxonomy[section_id].title}")
    articles = set() if query in taxonomy else _matching_articles(archive, query, start, end)
    if query not in taxonomy:
        ways.append("places and full-text search")
    page = TopicPage(query, start, end, matched_by=" or ".join(ways))
    for day in archive.days():
        if not start <= day <= end:
            continue
        briefing = archive.briefing(day)
        if briefing is None:
            continue
        members = {s.id: s for s in archive.stories_of_day(day)}
        story_articles = archive.story_article_ids(list(members)) if articles else {}
        sources = {s.article_id: s for s in briefing.sources}
        for section in briefing.sections:
            if section.id == "summary":
                continue
            for item in section.items:
                sid = item.story_id or ""
                mentioned = bool(articles.intersection(story_articles.get(sid, ())))
                if not (section.id in wanted or mentioned):
                    continue
                cited = dict.fromkeys(c.article_id for s in item.sentences for c in s.citations)
                page.entries.append(
                    TopicEntry(day, section.id, section.title, item, [sources[a] for a in cited if a in sources]))
    return page
