"""Topic pages: every story about one thing across days, newest first, in the shape of seed 004.

A topic page reuses what the daily briefings already wrote (each story's cited paragraph), so it says
nothing a briefing did not, and it is as verifiable. A query names a section ("Russia's Allies",
"russia_allies"), a place linked in the articles ("Pokrovsk"), or free text searched in the articles
("Eagle S", "North Korean"); for a place or free text, both the place links and full-text search count.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from datetime import date

from warbrief.publish.jsonfmt import briefing_from_dict
from warbrief.records import BriefingItem, SourceRef
from warbrief.store import Store
from warbrief.taxonomy import Taxonomy

MAX_FTS_HITS = 5000


class TopicQueryError(ValueError):
    """The query is empty or cannot be searched; the message says how to fix it."""


@dataclass(slots=True)
class TopicEntry:
    day: date
    section_id: str
    section_title: str
    item: BriefingItem
    sources: list[SourceRef]


@dataclass(slots=True)
class TopicPage:
    query: str
    start: date
    end: date
    matched_by: str
    entries: list[TopicEntry] = field(default_factory=list)


def _fts_query(query: str) -> str:
    """Free text as an FTS5 phrase, so that punctuation in a user's words is never FTS syntax."""
    return '"' + query.replace('"', '""') + '"'


def _matching_articles(store: Store, query: str) -> set[str]:
    ids = set()
    needle = query.casefold()
    for mention in store.db.execute("SELECT article_id, text, extra FROM mentions WHERE label = 'PLACE'"):
        if mention["text"].casefold() == needle or f'"name": "{query}"' in mention["extra"]:
            ids.add(mention["article_id"])
    try:
        ids.update(hit["id"] for hit in store.search(_fts_query(query), limit=MAX_FTS_HITS))
    except sqlite3.OperationalError as exc:  # pragma: no cover - a quoted phrase is always valid FTS5
        raise TopicQueryError(f"cannot search for {query!r}: {exc}") from exc
    return ids


def build_topic(store: Store, taxonomy: Taxonomy, query: str, start: date, end: date) -> TopicPage:
    """The topic page for ``query`` over the stored briefings of days start..end (inclusive)."""
    query = re.sub(r"\s+", " ", query).strip()
    if not query:
        raise TopicQueryError("the topic is empty: give a section, a place or words to search for")
    if end < start:
        raise TopicQueryError(f"--to {end.isoformat()} is before --from {start.isoformat()}")
    section_id = query if query in taxonomy else taxonomy.match_heading(query)
    wanted_sections = set()
    ways = []
    if section_id is not None:
        wanted_sections = {section_id, *(c.id for c in taxonomy.children(section_id))}
        ways.append(f"section {taxonomy[section_id].title}")
    # A section id is only a section; any other query is also a place or a phrase in the articles.
    articles = set() if query in taxonomy else _matching_articles(store, query)
    if query not in taxonomy:
        ways.append("places and full-text search")
    page = TopicPage(query, start, end, matched_by=" or ".join(ways))

    for day in sorted((d for d in store.briefing_days() if start <= d <= end), reverse=True):
        document = store.briefing(day)
        if document is None:
            continue
        briefing = briefing_from_dict(document)
        stories = {s.id: s for s in store.stories(day=day)}
        sources = {s.article_id: s for s in briefing.sources}
        for section in briefing.sections:
            if section.id == "summary":
                continue
            for item in section.items:
                story = stories.get(item.story_id or "")
                in_section = section.id in wanted_sections
                mentioned = story is not None and bool(articles.intersection(story.article_ids))
                if not (in_section or mentioned):
                    continue
                cited = dict.fromkeys(c.article_id for s in item.sentences for c in s.citations)
                page.entries.append(
                    TopicEntry(day, section.id, section.title, item, [sources[a] for a in cited if a in sources])
                )
    return page
