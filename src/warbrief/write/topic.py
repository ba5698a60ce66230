"""Topic pages: every story about one thing across days, newest first, in the shape of seed 004.

A topic page reuses what the daily briefings already wrote (each story's cited paragraph), so it says
nothing a briefing did not, and it is as verifiable. A query names a section ("Russia's Allies",
"russia_allies"), a place linked in the articles ("Pokrovsk"), or free text searched in the articles
("Eagle S", "North Korean"); for a place or free text, both the place links and full-text search count.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from warbrief.publish.jsonfmt import briefing_from_dict
from warbrief.records import Briefing, BriefingItem, SourceRef
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


def topic_sections(taxonomy: Taxonomy, query: str) -> tuple[set[str], list[str], bool]:
    """The sections a query names (with a front's directions), how it matches, and whether it is only a section.

    A section id is only a section; any other query is also a place or a phrase in the articles."""
    section_id = query if query in taxonomy else taxonomy.match_heading(query)
    wanted: set[str] = set()
    ways = []
    if section_id is not None:
        wanted = {section_id, *(c.id for c in taxonomy.children(section_id))}
        ways.append(f"section {taxonomy[section_id].title}")
    only_section = query in taxonomy
    if not only_section:
        ways.append("places and full-text search")
    return wanted, ways, only_section


def day_entries(day: date, briefing: Briefing, story_articles: Mapping[str, Iterable[str]], wanted: set[str],
                articles: set[str]) -> list[TopicEntry]:
    """The day's paragraphs in a wanted section or about a matching article, each with its cited sources."""
    sources = {s.article_id: s for s in briefing.sources}
    entries = []
    for section in briefing.sections:
        if section.id == "summary":
            continue
        for item in section.items:
            mentioned = bool(articles.intersection(story_articles.get(item.story_id or "", ())))
            if not (section.id in wanted or mentioned):
                continue
            cited = dict.fromkeys(c.article_id for s in item.sentences for c in s.citations)
            cited_sources = [sources[a] for a in cited if a in sources]
            entries.append(TopicEntry(day, section.id, section.title, item, cited_sources))
    return entries


def check_topic_query(query: str, start: date, end: date, names: tuple[str, str] = ("--from", "--to")) -> str:
    """The query with its spaces folded; TopicQueryError, naming the options as the caller calls them
    (``names``), when there is nothing to look for."""
    query = re.sub(r"\s+", " ", query).strip()
    if not query:
        raise TopicQueryError("the topic is empty: give a section, a place or words to search for")
    if end < start:
        raise TopicQueryError(f"{names[1]} {end.isoformat()} is before {names[0]} {start.isoformat()}")
    return query


def build_topic(store: Store, taxonomy: Taxonomy, query: str, start: date, end: date) -> TopicPage:
    """The topic page for ``query`` over the stored briefings of days start..end (inclusive)."""
    query = check_topic_query(query, start, end)
    wanted, ways, only_section = topic_sections(taxonomy, query)
    articles = set() if only_section else _matching_articles(store, query)
    page = TopicPage(query, start, end, matched_by=" or ".join(ways))
    for day in sorted((d for d in store.briefing_days() if start <= d <= end), reverse=True):
        document = store.briefing(day)
        if document is None:
            continue
        story_articles = {s.id: s.article_ids for s in store.stories(day=day)}
        page.entries += day_entries(day, briefing_from_dict(document), story_articles, wanted, articles)
    return page
