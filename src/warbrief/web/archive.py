"""The archive as the web app reads it: days, stories, articles, sections, entities, places, search.

One ``Archive`` reads either store the pipeline writes: a SQLite file or a PostgreSQL database. The queries and
what is made of their rows are shared; what only one database speaks (full-text search, JSON paths, row ids,
connections) sits behind a reader per database (sqlite_reader.py, postgres_reader.py). Both open the store
read-only: the app must never change the store a pipeline is writing. Parsed briefings are cached by (day, row
version): a day rebuilt by ``warbrief brief`` or ``watch`` is picked up on the next request, without re-parsing
unchanged days.
"""

from __future__ import annotations

import json
import threading
from collections import Counter, OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Protocol

from warbrief.publish.jsonfmt import briefing_from_dict, item_from_dict
from warbrief.records import Briefing, BriefingItem
from warbrief.store import is_postgres_url
from warbrief.web.errors import DEFAULT_QUERY_TIMEOUT, ArchiveError, SearchQueryError
from warbrief.web.query import MAX_QUERY_CHARS, fts_query, query_terms

__all__ = ["MAX_QUERY_CHARS", "Archive", "ArchiveError", "SearchQueryError", "fts_query"]

#: Entities too common to tell one story from another when linking a story's days.
_UBIQUITOUS = {"country:ua", "country:ru", "ukraine", "russia", "gov:ua", "gov:ru"}
_BRIEFING_CACHE_SIZE = 64


@dataclass(slots=True)
class ArticleRef:
    id: str
    title: str
    day: date
    outlet: str | None
    url: str | None
    published: date | None
    language: str | None


@dataclass(slots=True)
class ArticlePage:
    ref: ArticleRef
    text: str
    origin: str
    story_ids: list[str]


@dataclass(slots=True)
class StoryRef:
    id: str
    day: date
    title: str
    section: str
    outlets: list[str]
    importance: float
    thread_id: str = ""
    status: str = "new"
    first_seen: date | None = None

    @property
    def corroboration(self) -> int:
        return len(set(self.outlets))


@dataclass(slots=True)
class StoryPage:
    story: StoryRef
    item: BriefingItem | None
    section_title: str
    articles: list[ArticleRef]
    timeline: list[StoryRef]


@dataclass(slots=True)
class SectionEntry:
    day: date
    section_id: str
    item: BriefingItem


@dataclass(slots=True)
class EntityPage:
    entity: str
    label: str
    names: list[str]
    extra: dict[str, Any]
    stories: list[StoryRef]
    mentions: int


@dataclass(slots=True)
class SearchFilters:
    start: date | None = None
    end: date | None = None
    section: str | None = None
    outlet: str | None = None
    place: str | None = None


@dataclass(slots=True)
class SearchHit:
    article: ArticleRef
    snippet: str  # untrusted text with highlights marked by \x02 ... \x03 (the template escapes, then marks)
    story_ids: list[str]


@dataclass(slots=True)
class StoryHit:
    story: StoryRef
    matches: int


@dataclass(slots=True)
class SearchResult:
    query: str
    articles: list[SearchHit]
    stories: list[StoryHit]
    total: int  # counted up to MAX_COUNTED + 1

    @property
    def total_is_lower_bound(self) -> bool:
        return self.total > MAX_COUNTED


@dataclass(slots=True)
class LossPoint:
    day: date
    today: int | None
    total: int | None


@dataclass(slots=True)
class MapPoint:
    place_id: str
    name: str
    lat: float
    lon: float
    section: str
    story_id: str
    story_title: str
    count: int = 1


@dataclass(slots=True)
class DayMap:
    day: date
    points: list[MapPoint] = field(default_factory=list)


@dataclass(slots=True)
class FilterIndex:
    generation: tuple[Any, ...]
    by_section: dict[str, set[int]] = field(default_factory=dict)
    by_place: dict[str, set[int]] = field(default_factory=dict)
    place_names: dict[str, set[str]] = field(default_factory=dict)


#: Counting every match of a common word costs more than the page itself; beyond this the page says "1,000+".
MAX_COUNTED = 1000
#: How many of the most recently stored matches are ranked (see ``Archive.search``).
MAX_RANKED = 2000
_ARTICLE_COLUMNS = "id, title, day, outlet, url, published, language"


class StoreReader(Protocol):
    """What only one database speaks; see sqlite_reader.py and postgres_reader.py."""

    label: str
    row_id: str
    join_in_order: str
    label_of_max_text: str
    timeout_errors: tuple[type[BaseException], ...]

    @property
    def connection(self) -> Any: ...
    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any: ...
    def check_schema(self) -> None: ...
    def is_timeout(self, exc: BaseException) -> bool: ...
    def binary(self, column: str) -> str: ...
    def briefing_version(self, day: date) -> str | None: ...
    def generation(self) -> tuple[Any, ...]: ...
    def story_item(self, day: date, story_id: str) -> tuple[Any, str] | None: ...
    def losses(self, category: str) -> list[Any]: ...
    def place_mentions(self) -> list[Any]: ...
    def count_matches(self, terms: list[str], allowed: set[int] | None, cap: int) -> int: ...
    def scored_matches(self, terms: list[str], allowed: set[int] | None, limit: int) -> list[tuple[int, float]]: ...
    def snippets(self, terms: list[str], rowids: list[int]) -> dict[int, Any]: ...


def open_reader(db: str | Path, query_timeout: float = DEFAULT_QUERY_TIMEOUT) -> StoreReader:
    """The reader for a ``--db`` value: a ``postgresql://`` URL or the path of a SQLite file; each of its queries
    is stopped after ``query_timeout`` seconds (0: no limit)."""
    if query_timeout < 0:
        raise ArchiveError(f"query timeout {query_timeout}: must be 0 (no limit) or a number of seconds")
    if is_postgres_url(db):
        try:
            from warbrief.web.postgres_reader import PostgresReader
        except ImportError as exc:  # pragma: no cover - depends on the installation
            raise ArchiveError('serving a PostgreSQL store needs psycopg: pip install "psycopg[binary]"') from exc
        return PostgresReader(str(db), query_timeout)
    from warbrief.web.sqlite_reader import SqliteReader

    return SqliteReader(db, query_timeout)


def _day(value: str | date | None) -> date | None:
    """A day as either database returns it (SQLite: ISO text; PostgreSQL: a date)."""
    if value is None or value == "":
        return None
    return value if isinstance(value, date) else date.fromisoformat(value)


def _as_day(value: str | date) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


class Archive:
    """Read-only queries over one store (SQLite file or PostgreSQL URL); safe to share between server threads."""

    def __init__(self, db: str | Path, query_timeout: float = DEFAULT_QUERY_TIMEOUT) -> None:
        self._reader = open_reader(db, query_timeout)
        self.query_timeout = query_timeout
        self.label = self._reader.label
        self._cache: OrderedDict[tuple[str, str], Briefing] = OrderedDict()
        self._cache_lock = threading.Lock()
        self._filters: FilterIndex | None = None
        self._series: dict[tuple[Any, ...], list[LossPoint]] = {}
        self._filter_lock = threading.Lock()
        self._reader.check_schema()

    @property
    def timeout_errors(self) -> tuple[type[BaseException], ...]:
        """The exception classes a query stopped at the time limit may raise (``is_timeout`` decides)."""
        return self._reader.timeout_errors

    def is_timeout(self, exc: BaseException) -> bool:
        """Whether ``exc`` is a query the database stopped at ``query_timeout``."""
        return self._reader.is_timeout(exc)

    @property
    def _db(self) -> Any:
        """This thread's read-only connection to the store."""
        return self._reader.connection

    def _sql(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._reader.execute(sql, params)

    # -- days and briefings --------------------------------------------------------------------------------

    def days(self) -> list[date]:
        """Days with a briefing, newest first."""
        return [_as_day(r[0]) for r in self._sql("SELECT day FROM briefings ORDER BY day DESC")]

    def day_count(self) -> int:
        return int(self._sql("SELECT count(*) FROM briefings").fetchone()[0])

    def latest_day(self) -> date | None:
        row = self._sql("SELECT max(day) FROM briefings").fetchone()
        return _day(row[0])

    def briefing_version(self, day: date) -> str | None:
        """Changes whenever the day is rebuilt; None: no briefing."""
        return self._reader.briefing_version(day)

    def briefing(self, day: date) -> Briefing | None:
        version = self.briefing_version(day)
        if version is None:
            return None
        key = (day.isoformat(), version)
        with self._cache_lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        text = self._sql("SELECT json FROM briefings WHERE day = ?", (day.isoformat(),)).fetchone()
        if text is None:
            return None
        briefing = briefing_from_dict(json.loads(text[0]))
        with self._cache_lock:
            self._cache[key] = briefing
            while len(self._cache) > _BRIEFING_CACHE_SIZE:
                self._cache.popitem(last=False)
        return briefing

    def briefing_document(self, day: date) -> dict[str, Any] | None:
        row = self._sql("SELECT json FROM briefings WHERE day = ?", (day.isoformat(),)).fetchone()
        return json.loads(row[0]) if row else None

    # -- stories and articles -------------------------------------------------------------------------------

    def _story_ref(self, row: Any) -> StoryRef:
        return StoryRef(row["id"], _as_day(row["day"]), row["title"], row["section"],
                        json.loads(row["outlets"]), float(row["importance"]), row["thread_id"] or row["id"],
                        row["status"], _day(row["first_seen"]))

    def _article_ref(self, row: Any) -> ArticleRef:
        return ArticleRef(row["id"], row["title"], _as_day(row["day"]), row["outlet"], row["url"],
                          _day(row["published"]), row["language"])

    def story_ref(self, story_id: str) -> StoryRef | None:
        row = self._sql("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
        return self._story_ref(row) if row else None

    def story_item(self, story: StoryRef) -> tuple[BriefingItem | None, str]:
        """The paragraph the day's briefing wrote for the story, and the title of the section it is in.

        The database's JSON reader finds the one item, instead of building the whole day's briefing in Python."""
        found = self._reader.story_item(story.day, story.id)
        if found is None:
            return None, ""
        title, item = found
        return item_from_dict(json.loads(item)), str(title or "")

    def story(self, story_id: str) -> StoryPage | None:
        story = self.story_ref(story_id)
        if story is None:
            return None
        item, section_title = self.story_item(story)
        binary = self._reader.binary
        articles = [self._article_ref(r) for r in self._sql(
            f"SELECT {_columns('a')} FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
            f" WHERE sa.story_id = ? ORDER BY a.published NULLS FIRST, {binary('a.outlet')} NULLS FIRST,"
            f" {binary('a.title')}, {binary('a.id')}", (story_id,))]
        return StoryPage(story, item, section_title, articles, self.timeline(story))

    def timeline(self, story: StoryRef, window_days: int = 10, limit: int = 12) -> list[StoryRef]:
        """The story on other days: its event thread (group/threads.py), else related stories.

        A thread holds the stories the group stage linked across days. A story alone in its thread is shown
        the stories within the window that share its most specific entities (people, places, weapons,
        organisations), weighted by how many it shares.
        """
        thread = [self._story_ref(r) for r in self._sql(
            "SELECT * FROM stories WHERE (thread_id = ? OR id = ?) AND id != ?"
            f" ORDER BY day, importance DESC, {self._reader.binary('id')} LIMIT ?",
            (story.thread_id, story.thread_id, story.id, limit))]
        if thread:
            return thread
        return self._related(story, window_days, limit)

    def _related(self, story: StoryRef, window_days: int, limit: int) -> list[StoryRef]:
        own = Counter(r[0] for r in self._sql(
            "SELECT m.entity FROM story_articles sa JOIN mentions m ON m.article_id = sa.article_id"
            " WHERE sa.story_id = ?", (story.id,)))
        # Equal counts in the order of the entity ids, so that both databases pick the same keys.
        ranked = sorted(own.items(), key=lambda kv: (-kv[1], kv[0]))
        keys = [e for e, _ in ranked[:12] if e.casefold() not in _UBIQUITOUS and not e.startswith("norp:")][:6]
        if not keys:
            return []
        start, end = story.day - timedelta(days=window_days), story.day + timedelta(days=window_days)
        marks = ",".join("?" * len(keys))
        # Story-first (on SQLite, CROSS JOIN fixes the order): the window holds a few thousand stories, while a key
        # entity (a president, NATO) can have tens of thousands of mentions across the archive. Through
        # stories.day, never articles.day: reading an article row reads its text.
        join = self._reader.join_in_order
        rows = self._sql(
            f"SELECT sa.story_id, count(DISTINCT m.entity) AS shared FROM stories s"
            f" {join} story_articles sa ON sa.story_id = s.id {join} mentions m ON m.article_id = sa.article_id"
            f" WHERE s.day BETWEEN ? AND ? AND s.day != ? AND m.entity IN ({marks})"
            " GROUP BY sa.story_id HAVING count(DISTINCT m.entity) >= ?"
            f" ORDER BY shared DESC, {self._reader.binary('sa.story_id')} LIMIT 200",
            (start.isoformat(), end.isoformat(), story.day.isoformat(), *keys, min(2, len(keys))),
        ).fetchall()
        refs = [ref for r in rows if (ref := self.story_ref(r["story_id"])) is not None]
        best: dict[date, StoryRef] = {}
        shared = {r["story_id"]: r["shared"] for r in rows}
        for ref in refs:
            kept = best.get(ref.day)
            if kept is None or (shared[ref.id], ref.importance) > (shared[kept.id], kept.importance):
                best[ref.day] = ref
        return sorted(best.values(), key=lambda s: s.day)[:limit]

    def _story_ids_of(self, article_id: str) -> list[str]:
        return [r[0] for r in self._sql(
            f"SELECT story_id FROM story_articles WHERE article_id = ? ORDER BY {self._reader.row_id}",
            (article_id,))]

    def article(self, article_id: str) -> ArticlePage | None:
        row = self._sql(f"SELECT {_ARTICLE_COLUMNS}, text, origin FROM articles WHERE id = ?",
                        (article_id,)).fetchone()
        if row is None:
            return None
        return ArticlePage(self._article_ref(row), row["text"], row["origin"], self._story_ids_of(article_id))

    def place_entities(self, name: str) -> set[str]:
        """The linked places a name means: as written in an article, its gazetteer name, or its id."""
        return self._filter_index().place_names.get(name.casefold(), {name})

    def place_article_ids(self, name: str) -> set[str]:
        """Articles that link a place by this name (see ``place_entities``)."""
        entities = sorted(self.place_entities(name))
        marks = ",".join("?" * len(entities))
        return {r[0] for r in self._sql(
            f"SELECT article_id FROM mentions WHERE label = 'PLACE' AND entity IN ({marks})", entities)}

    def story_article_ids(self, story_ids: list[str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        binary = self._reader.binary
        for i in range(0, len(story_ids), 500):
            chunk = story_ids[i:i + 500]
            marks = ",".join("?" * len(chunk))
            for r in self._sql(
                    f"SELECT story_id, article_id FROM story_articles WHERE story_id IN ({marks})"
                    f" ORDER BY {binary('story_id')}, {binary('article_id')}", chunk):
                out.setdefault(r[0], []).append(r[1])
        return out

    def stories_of_day(self, day: date) -> list[StoryRef]:
        return [self._story_ref(r) for r in self._sql(
            f"SELECT * FROM stories WHERE day = ? ORDER BY importance DESC, {self._reader.row_id}",
            (day.isoformat(),))]

    # -- sections, entities, places ------------------------------------------------------------------------

    def section_entries(self, section_ids: set[str], days: int = 30, before: date | None = None) -> list[SectionEntry]:
        """The section's paragraphs over the latest ``days`` briefings (up to ``before``), newest first."""
        query = "SELECT day FROM briefings" + (" WHERE day <= ?" if before else "") + " ORDER BY day DESC LIMIT ?"
        params: tuple[Any, ...] = (before.isoformat(), days) if before else (days,)
        entries = []
        for (day_value,) in self._sql(query, params).fetchall():
            briefing = self.briefing(_as_day(day_value))
            if briefing is None:
                continue
            for section in briefing.sections:
                if section.id in section_ids:
                    entries.extend(SectionEntry(briefing.date, section.id, item) for item in section.items)
        return entries

    def entity(self, entity_id: str, limit: int = 200) -> EntityPage | None:
        binary = self._reader.binary
        rows = self._sql("SELECT text, label, extra FROM mentions WHERE entity = ? LIMIT 5000",
                         (entity_id,)).fetchall()
        if not rows:
            return None
        # Ties are broken by value, not by the order the database returns rows in, so both databases agree.
        names = _most_common(r["text"] for r in rows)
        label = _most_common(r["label"] for r in rows)[0]
        extra = json.loads(_most_common(r["extra"] or "{}" for r in rows)[0])
        stories = [self._story_ref(r) for r in self._sql(
            "SELECT s.* FROM stories s WHERE s.id IN (SELECT sa.story_id FROM mentions m"
            " JOIN story_articles sa ON sa.article_id = m.article_id WHERE m.entity = ?)"
            f" ORDER BY s.day DESC, s.importance DESC, {binary('s.id')} LIMIT ?",
            (entity_id, limit))]
        return EntityPage(entity_id, label, names[:5], extra, stories, len(rows))

    def entities(self, label: str | None = None, limit: int = 300) -> list[tuple[str, str, str, int]]:
        """(entity id, most used name, label, mentions), most mentioned first."""
        # Nationality adjectives ("Russian", "Ukrainian") are tagged but name no one; listed only when asked for.
        where, params = ("WHERE label = ?", (label, limit)) if label else ("WHERE label != 'NORP'", (limit,))
        binary = self._reader.binary
        rows = self._sql(
            f"SELECT entity, {self._reader.label_of_max_text} AS label, max({binary('text')}) AS name,"
            f" count(*) AS n FROM mentions {where} GROUP BY entity ORDER BY n DESC, {binary('entity')} LIMIT ?",
            params).fetchall()
        return [(r["entity"], r["name"], r["label"], r["n"]) for r in rows]

    def outlets(self, limit: int = 200) -> list[str]:
        return [r[0] for r in self._sql(
            "SELECT outlet FROM articles WHERE outlet IS NOT NULL AND outlet != '' GROUP BY outlet"
            f" ORDER BY count(*) DESC, {self._reader.binary('outlet')} LIMIT ?", (limit,))]

    def day_map(self, day: date) -> DayMap:
        """The day's linked places (with coordinates) in its stories, each coloured by its story's section."""
        points: dict[tuple[str, str], MapPoint] = {}
        rows = self._sql(
            "SELECT m.entity, m.extra, s.id AS story_id, s.title, s.section FROM stories s"
            " JOIN story_articles sa ON sa.story_id = s.id JOIN mentions m ON m.article_id = sa.article_id"
            " WHERE s.day = ? AND m.label = 'PLACE'", (day.isoformat(),)).fetchall()
        for r in rows:
            extra = json.loads(r["extra"] or "{}")
            lat, lon = extra.get("lat"), extra.get("lon")
            if not isinstance(lat, int | float) or not isinstance(lon, int | float):
                continue
            key = (r["entity"], r["story_id"])
            if key in points:
                points[key].count += 1
                continue
            points[key] = MapPoint(r["entity"], str(extra.get("name") or r["entity"]), float(lat), float(lon),
                                   r["section"], r["story_id"], r["title"])
        return DayMap(day, sorted(points.values(), key=lambda p: (-p.count, p.name, p.place_id, p.story_id)))

    # -- losses --------------------------------------------------------------------------------------------

    def losses_series(self, category: str = "personnel") -> list[LossPoint]:
        """One point per briefing day: the figures the day's briefing printed (its checked losses table).

        Reading every briefing's JSON is the cost, so the series is kept until the store changes."""
        key = (category, self._generation())
        with self._cache_lock:
            cached = self._series.get(key)
        if cached is not None:
            return cached
        series = [LossPoint(_as_day(r["day"]), r["today"], r["total"]) for r in self._reader.losses(category)
                  if r["today"] is not None or r["total"] is not None]
        with self._cache_lock:
            self._series = {k: v for k, v in self._series.items() if k[1] == key[1]}
            self._series[key] = series
        return series

    # -- search --------------------------------------------------------------------------------------------

    def _generation(self) -> tuple[Any, ...]:
        """Changes whenever a pipeline run adds articles or (re)writes a briefing; cheap (index ends only)."""
        return self._reader.generation()

    def _filter_index(self) -> FilterIndex:
        """Section and place filters as in-memory row id sets, rebuilt when the store changes.

        Resolving a section or a place to article row ids through the store's joins costs 50-150 ms on a
        100,000-article archive (thousands of random lookups by text id); read from memory it costs nothing.
        """
        generation = self._generation()
        with self._filter_lock:
            if self._filters is not None and self._filters.generation == generation:
                return self._filters
            index = FilterIndex(generation)
            row_id = self._reader.row_id
            for section, rowid in self._sql(
                    f"SELECT s.section, a.{row_id} FROM stories s JOIN story_articles sa ON sa.story_id = s.id"
                    " JOIN articles a ON a.id = sa.article_id"):
                index.by_section.setdefault(section, set()).add(rowid)
            for entity, written, name, rowid in self._reader.place_mentions():
                index.by_place.setdefault(entity, set()).add(rowid)
                for key in (written, name, entity):
                    if isinstance(key, str):
                        index.place_names.setdefault(key.casefold(), set()).add(entity)
            self._filters = index
            return index

    def _allowed_rowids(self, filters: SearchFilters) -> set[int] | None:
        """The row ids each filter allows, intersected; None when nothing is filtered. Each set comes from a narrow
        index (never from article rows, whose text sits before ``day`` and ``outlet``)."""
        sets: list[set[int]] = []
        row_id = self._reader.row_id
        if filters.start or filters.end:
            sets.append({r[0] for r in self._sql(
                f"SELECT {row_id} FROM articles WHERE day BETWEEN ? AND ?",
                ((filters.start or date.min).isoformat(), (filters.end or date.max).isoformat()))})
        if filters.outlet:
            sets.append({r[0] for r in self._sql(f"SELECT {row_id} FROM articles WHERE outlet = ?",
                                                 (filters.outlet,))})
        if filters.section or filters.place:
            index = self._filter_index()
            if filters.section:
                sets.append(index.by_section.get(filters.section, set()))
            if filters.place:
                entities = self.place_entities(filters.place)
                sets.append(set().union(*(index.by_place.get(e, set()) for e in entities)))
        if not sets:
            return None
        return set.intersection(*sets)

    def search(self, text: str, filters: SearchFilters | None = None, limit: int = 20,
               offset: int = 0) -> SearchResult:
        """Ranked full-text search (titles weighted 5:1) over articles, with the stories they belong to.

        Filters become one set of row ids drawn from narrow indexes, and ranking reads only the text index
        (SQLite: BM25 over FTS5; PostgreSQL: ts_rank over the stored tsvector): reading ``articles`` for every
        match would read each match's text. The ``MAX_RANKED`` most recently stored matches are ranked: a word in
        every sixth article of a 100,000-article archive would otherwise cost more to rank than the page budget,
        and in a news archive the newest matches are the ones asked for. Only the page of hits shown is read
        from its articles.
        """
        terms = query_terms(text)
        allowed = self._allowed_rowids(filters or SearchFilters())
        if allowed is not None and not allowed:
            return SearchResult(text, [], [], 0)
        total = self._reader.count_matches(terms, allowed, MAX_COUNTED + 1)
        scored = self._reader.scored_matches(terms, allowed, MAX_RANKED)
        scored.sort(key=lambda r: (r[1], -r[0]))
        ranked = [r[0] for r in scored[offset:offset + limit]]
        page = self._reader.snippets(terms, ranked)
        rows = [page[rowid] for rowid in ranked if rowid in page]
        hits = []
        story_counts: Counter[str] = Counter()
        for row in rows:
            stories = self._story_ids_of(row["id"])
            story_counts.update(stories)
            hits.append(SearchHit(self._article_ref(row), row["snip"] or "", stories))
        stories = [StoryHit(ref, n) for sid, n in story_counts.most_common(10)
                   if (ref := self.story_ref(sid)) is not None]
        return SearchResult(text, hits, stories, total)


def _most_common(values: Iterable[str]) -> list[str]:
    """The values, most frequent first; equally frequent ones in code-point order."""
    counts = Counter(values)
    return sorted(counts, key=lambda value: (-counts[value], value))


def _columns(alias: str) -> str:
    return ", ".join(f"{alias}.{c.strip()}" for c in _ARTICLE_COLUMNS.split(","))
