"""The archive as the web app reads it: days, stories, articles, sections, entities, places, search.

The app must never change the store a pipeline is writing, so it opens the SQLite file read-only (``mode=ro``)
with one connection per serving thread. Parsed briefings are cached by (day, row id): a day rebuilt by
``warbrief brief`` or ``watch`` is picked up on the next request, without re-parsing unchanged days.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from warbrief.publish.jsonfmt import briefing_from_dict, item_from_dict
from warbrief.records import Briefing, BriefingItem
from warbrief.store.schema import SCHEMA_VERSION

#: Entities too common to tell one story from another when linking a story's days.
_UBIQUITOUS = {"country:ua", "country:ru", "ukraine", "russia", "gov:ua", "gov:ru"}
_BRIEFING_CACHE_SIZE = 64


class ArchiveError(RuntimeError):
    """The store cannot be served (missing, not a warbrief store, or from a newer warbrief)."""


class SearchQueryError(ValueError):
    """A search query that cannot be run; the message tells the user what to type instead."""


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


_HIGHLIGHT_OPEN, _HIGHLIGHT_CLOSE = "\x02", "\x03"
_PHRASE = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)
MAX_QUERY_CHARS = 300
#: Counting every match of a common word costs more than the page itself; beyond this the page says "1,000+".
MAX_COUNTED = 1000
#: How many of the most recently stored matches BM25 ranks (see ``Archive.search``).
MAX_RANKED = 2000


def fts_query(text: str) -> str:
    """A user's words as a safe FTS5 query: every word or "quoted phrase" must match (AND), with no FTS syntax.

    FTS5 treats ``-``, ``:``, ``*``, ``^``, ``NEAR`` and parentheses as operators, so raw input raises syntax
    errors (or worse, means something else); quoting each term keeps the user's meaning and never errors.
    """
    text = text.strip()
    if not text:
        raise SearchQueryError("type a word to search for, e.g. Pokrovsk or \"Eagle S\"")
    if len(text) > MAX_QUERY_CHARS:
        raise SearchQueryError(f"the query is {len(text)} characters long; keep it under {MAX_QUERY_CHARS}")
    terms = []
    for phrase, word in _PHRASE.findall(text):
        words = _WORD.findall(phrase if phrase else word)
        if words:
            terms.append('"' + " ".join(words) + '"')
    if not terms:
        raise SearchQueryError(f"{text!r} has no letters or digits to search for; try a place, a name or a word")
    return " ".join(terms[:20])


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


class Archive:
    """Read-only queries over one SQLite store; safe to share between the server's threads."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise ArchiveError(f"{self.path}: no store there; run `warbrief ingest` and `warbrief brief` first")
        self._local = threading.local()
        self._cache: OrderedDict[tuple[str, str], Briefing] = OrderedDict()
        self._cache_lock = threading.Lock()
        self._filters: FilterIndex | None = None
        self._series: dict[tuple[Any, ...], list[LossPoint]] = {}
        self._filter_lock = threading.Lock()
        try:
            version = int(self._db.execute("PRAGMA user_version").fetchone()[0])
            self._db.execute("SELECT 1 FROM briefings LIMIT 1").fetchall()
        except sqlite3.DatabaseError as exc:
            raise ArchiveError(f"{self.path}: not a warbrief store ({exc})") from exc
        if version > SCHEMA_VERSION:
            raise ArchiveError(f"{self.path}: store schema v{version} is newer than this warbrief (v{SCHEMA_VERSION})")
        if version < SCHEMA_VERSION:
            raise ArchiveError(
                f"{self.path}: store schema v{version} is older than v{SCHEMA_VERSION}; run any `warbrief` command "
                "that writes (e.g. `warbrief brief`) once to upgrade it"
            )

    @property
    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA query_only=ON")
            self._local.db = db
        return db

    # -- days and briefings --------------------------------------------------------------------------------

    def days(self) -> list[date]:
        """Days with a briefing, newest first."""
        return [date.fromisoformat(r[0]) for r in self._db.execute("SELECT day FROM briefings ORDER BY day DESC")]

    def day_count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM briefings").fetchone()[0])

    def latest_day(self) -> date | None:
        row = self._db.execute("SELECT max(day) FROM briefings").fetchone()
        return _day(row[0])

    def briefing_version(self, day: date) -> str | None:
        """Changes whenever the day is rebuilt (INSERT OR REPLACE gives the row a new rowid); None: no briefing.

        Read from the primary-key index only: created_at sits after the JSON in the row."""
        row = self._db.execute("SELECT rowid FROM briefings WHERE day = ?", (day.isoformat(),)).fetchone()
        return f"{day.isoformat()}.{row[0]}" if row else None

    def briefing(self, day: date) -> Briefing | None:
        version = self.briefing_version(day)
        if version is None:
            return None
        key = (day.isoformat(), version)
        with self._cache_lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        text = self._db.execute("SELECT json FROM briefings WHERE day = ?", (day.isoformat(),)).fetchone()
        if text is None:
            return None
        briefing = briefing_from_dict(json.loads(text[0]))
        with self._cache_lock:
            self._cache[key] = briefing
            while len(self._cache) > _BRIEFING_CACHE_SIZE:
                self._cache.popitem(last=False)
        return briefing

    def briefing_document(self, day: date) -> dict[str, Any] | None:
        row = self._db.execute("SELECT json FROM briefings WHERE day = ?", (day.isoformat(),)).fetchone()
        return json.loads(row[0]) if row else None

    # -- stories and articles -------------------------------------------------------------------------------

    def _story_ref(self, row: sqlite3.Row) -> StoryRef:
        return StoryRef(row["id"], date.fromisoformat(row["day"]), row["title"], row["section"],
                        json.loads(row["outlets"]), float(row["importance"]), row["thread_id"] or row["id"],
                        row["status"], _day(row["first_seen"]))

    def _article_ref(self, row: sqlite3.Row) -> ArticleRef:
        return ArticleRef(row["id"], row["title"], date.fromisoformat(row["day"]), row["outlet"], row["url"],
                          _day(row["published"]), row["language"])

    def story_ref(self, story_id: str) -> StoryRef | None:
        row = self._db.execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
        return self._story_ref(row) if row else None

    def story_item(self, story: StoryRef) -> tuple[BriefingItem | None, str]:
        """The paragraph the day's briefing wrote for the story, and the title of the section it is in.

        SQLite's JSON reader finds the one item in C, instead of building the whole day's briefing in Python."""
        row = self._db.execute(
            "SELECT json_extract(s.value, '$.title'), i.value FROM briefings b, json_each(b.json, '$.sections') s,"
            " json_each(s.value, '$.items') i WHERE b.day = ? AND json_extract(s.value, '$.id') != 'summary'"
            " AND json_extract(i.value, '$.story_id') = ? LIMIT 1", (story.day.isoformat(), story.id)).fetchone()
        if row is None:
            return None, ""
        return item_from_dict(json.loads(row[1])), str(row[0] or "")

    def story(self, story_id: str) -> StoryPage | None:
        story = self.story_ref(story_id)
        if story is None:
            return None
        item, section_title = self.story_item(story)
        articles = [self._article_ref(r) for r in self._db.execute(
            "SELECT a.* FROM story_articles sa JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = ?"
            " ORDER BY a.published, a.outlet, a.title", (story_id,))]
        return StoryPage(story, item, section_title, articles, self.timeline(story))

    def timeline(self, story: StoryRef, window_days: int = 10, limit: int = 12) -> list[StoryRef]:
        """The story on other days: its event thread (group/threads.py), else related stories.

        A thread holds the stories the group stage linked across days. A story alone in its thread is shown
        the stories within the window that share its most specific entities (people, places, weapons,
        organisations), weighted by how many it shares.
        """
        thread = [self._story_ref(r) for r in self._db.execute(
            "SELECT * FROM stories WHERE (thread_id = ? OR id = ?) AND id != ? ORDER BY day LIMIT ?",
            (story.thread_id, story.thread_id, story.id, limit))]
        if thread:
            return thread
        return self._related(story, window_days, limit)

    def _related(self, story: StoryRef, window_days: int, limit: int) -> list[StoryRef]:
        own = Counter(r[0] for r in self._db.execute(
            "SELECT m.entity FROM story_articles sa JOIN mentions m ON m.article_id = sa.article_id"
            " WHERE sa.story_id = ?", (story.id,)))
        keys = [e for e, _ in own.most_common(12) if e.casefold() not in _UBIQUITOUS and not e.startswith("norp:")][:6]
        if not keys:
            return []
        start, end = story.day - timedelta(days=window_days), story.day + timedelta(days=window_days)
        marks = ",".join("?" * len(keys))
        # Story-first (CROSS JOIN fixes the order): the window holds a few thousand stories, while a key entity
        # (a president, NATO) can have tens of thousands of mentions across the archive. Through stories.day,
        # never articles.day: reading an article row reads its text.
        rows = self._db.execute(
            "SELECT sa.story_id, count(DISTINCT m.entity) AS shared FROM stories s"
            " CROSS JOIN story_articles sa ON sa.story_id = s.id CROSS JOIN mentions m ON m.article_id = sa.article_id"
            f" WHERE s.day BETWEEN ? AND ? AND s.day != ? AND m.entity IN ({marks})"
            " GROUP BY sa.story_id HAVING shared >= ? ORDER BY shared DESC LIMIT 200",
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

    def article(self, article_id: str) -> ArticlePage | None:
        row = self._db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            return None
        stories = [r[0] for r in self._db.execute(
            "SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,))]
        return ArticlePage(self._article_ref(row), row["text"], row["origin"], stories)

    def place_entities(self, name: str) -> set[str]:
        """The linked places a name means: as written in an article, its gazetteer name, or its id."""
        return self._filter_index().place_names.get(name.casefold(), {name})

    def place_article_ids(self, name: str) -> set[str]:
        """Articles that link a place by this name (see ``place_entities``)."""
        entities = sorted(self.place_entities(name))
        marks = ",".join("?" * len(entities))
        return {r[0] for r in self._db.execute(
            f"SELECT article_id FROM mentions WHERE label = 'PLACE' AND entity IN ({marks})", entities)}

    def story_article_ids(self, story_ids: list[str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for i in range(0, len(story_ids), 500):
            chunk = story_ids[i:i + 500]
            marks = ",".join("?" * len(chunk))
            for r in self._db.execute(
                    f"SELECT story_id, article_id FROM story_articles WHERE story_id IN ({marks})", chunk):
                out.setdefault(r[0], []).append(r[1])
        return out

    def stories_of_day(self, day: date) -> list[StoryRef]:
        return [self._story_ref(r) for r in self._db.execute(
            "SELECT * FROM stories WHERE day = ? ORDER BY importance DESC", (day.isoformat(),))]

    # -- sections, entities, places ------------------------------------------------------------------------

    def section_entries(self, section_ids: set[str], days: int = 30, before: date | None = None) -> list[SectionEntry]:
        """The section's paragraphs over the latest ``days`` briefings (up to ``before``), newest first."""
        query = "SELECT day FROM briefings" + (" WHERE day <= ?" if before else "") + " ORDER BY day DESC LIMIT ?"
        params: tuple[Any, ...] = (before.isoformat(), days) if before else (days,)
        entries = []
        for (day_text,) in self._db.execute(query, params).fetchall():
            briefing = self.briefing(date.fromisoformat(day_text))
            if briefing is None:
                continue
            for section in briefing.sections:
                if section.id in section_ids:
                    entries.extend(SectionEntry(briefing.date, section.id, item) for item in section.items)
        return entries

    def entity(self, entity_id: str, limit: int = 200) -> EntityPage | None:
        rows = self._db.execute(
            "SELECT text, label, extra, article_id FROM mentions WHERE entity = ? LIMIT 5000", (entity_id,)
        ).fetchall()
        if not rows:
            return None
        names = Counter(r["text"] for r in rows)
        label = Counter(r["label"] for r in rows).most_common(1)[0][0]
        extra = json.loads(rows[0]["extra"] or "{}")
        stories = [self._story_ref(r) for r in self._db.execute(
            "SELECT DISTINCT s.* FROM mentions m JOIN story_articles sa ON sa.article_id = m.article_id"
            " JOIN stories s ON s.id = sa.story_id WHERE m.entity = ? ORDER BY s.day DESC, s.importance DESC LIMIT ?",
            (entity_id, limit))]
        return EntityPage(entity_id, label, [n for n, _ in names.most_common(5)], extra, stories, len(rows))

    def entities(self, label: str | None = None, limit: int = 300) -> list[tuple[str, str, str, int]]:
        """(entity id, most used name, label, mentions), most mentioned first."""
        # Nationality adjectives ("Russian", "Ukrainian") are tagged but name no one; listed only when asked for.
        where, params = ("WHERE label = ?", (label, limit)) if label else ("WHERE label != 'NORP'", (limit,))
        rows = self._db.execute(
            f"SELECT entity, label, max(text) AS name, count(*) AS n FROM mentions {where}"
            " GROUP BY entity ORDER BY n DESC LIMIT ?", params).fetchall()
        return [(r["entity"], r["name"], r["label"], r["n"]) for r in rows]

    def outlets(self, limit: int = 200) -> list[str]:
        return [r[0] for r in self._db.execute(
            "SELECT outlet FROM articles WHERE outlet IS NOT NULL AND outlet != '' GROUP BY outlet"
            " ORDER BY count(*) DESC LIMIT ?", (limit,))]

    def day_map(self, day: date) -> DayMap:
        """The day's linked places (with coordinates) in its stories, each coloured by its story's section."""
        points: dict[tuple[str, str], MapPoint] = {}
        rows = self._db.execute(
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
        return DayMap(day, sorted(points.values(), key=lambda p: (-p.count, p.name)))

    # -- losses --------------------------------------------------------------------------------------------

    def losses_series(self, category: str = "personnel") -> list[LossPoint]:
        """One point per briefing day: the figures the day's briefing printed (its checked losses table).

        Reading every briefing's JSON is the cost, so the series is kept until the store changes."""
        key = (category, self._generation())
        with self._cache_lock:
            cached = self._series.get(key)
        if cached is not None:
            return cached
        series = self._read_losses_series(category)
        with self._cache_lock:
            self._series = {k: v for k, v in self._series.items() if k[1] == key[1]}
            self._series[key] = series
        return series

    def _read_losses_series(self, category: str) -> list[LossPoint]:
        rows = self._db.execute(
            "SELECT day, json_extract(json, '$.losses.' || ? || '.today') AS today,"
            " json_extract(json, '$.losses.' || ? || '.total') AS total FROM briefings ORDER BY day",
            (category, category)).fetchall()
        return [LossPoint(date.fromisoformat(r["day"]), r["today"], r["total"]) for r in rows
                if r["today"] is not None or r["total"] is not None]

    # -- search --------------------------------------------------------------------------------------------

    def _generation(self) -> tuple[Any, ...]:
        """Changes whenever a pipeline run adds articles or (re)writes a briefing; cheap (index ends only)."""
        # max(rowid) only: a briefing rewritten by INSERT OR REPLACE gets a new rowid, and reading any other
        # column of ``briefings`` would read its JSON.
        row = self._db.execute(
            "SELECT (SELECT max(rowid) FROM articles), (SELECT max(rowid) FROM briefings),"
            " (SELECT count(*) FROM briefings), (SELECT max(rowid) FROM stories)").fetchone()
        return tuple(row)

    def _filter_index(self) -> FilterIndex:
        """Section and place filters as in-memory rowid sets, rebuilt when the store changes.

        Resolving a section or a place to article rowids through the store's joins costs 50-150 ms on a
        100,000-article archive (thousands of random lookups by text id); read from memory it costs nothing.
        """
        generation = self._generation()
        with self._filter_lock:
            if self._filters is not None and self._filters.generation == generation:
                return self._filters
            index = FilterIndex(generation)
            for section, rowid in self._db.execute(
                    "SELECT s.section, a.rowid FROM stories s JOIN story_articles sa ON sa.story_id = s.id"
                    " JOIN articles a ON a.id = sa.article_id"):
                index.by_section.setdefault(section, set()).add(rowid)
            for entity, written, name, rowid in self._db.execute(
                    "SELECT m.entity, m.text, json_extract(m.extra, '$.name'), a.rowid FROM mentions m"
                    " JOIN articles a ON a.id = m.article_id WHERE m.label = 'PLACE'"):
                index.by_place.setdefault(entity, set()).add(rowid)
                for key in (written, name, entity):
                    if isinstance(key, str):
                        index.place_names.setdefault(key.casefold(), set()).add(entity)
            self._filters = index
            return index

    def _allowed_rowids(self, filters: SearchFilters) -> set[int] | None:
        """The rowids each filter allows, intersected; None when nothing is filtered. Each set comes from a narrow
        index (never from article rows, whose text sits before ``day`` and ``outlet``)."""
        sets: list[set[int]] = []
        if filters.start or filters.end:
            sets.append({r[0] for r in self._db.execute(
                "SELECT rowid FROM articles WHERE day BETWEEN ? AND ?",
                ((filters.start or date.min).isoformat(), (filters.end or date.max).isoformat()))})
        if filters.outlet:
            sets.append({r[0] for r in self._db.execute("SELECT rowid FROM articles WHERE outlet = ?",
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
        """Ranked full-text search (BM25, titles weighted up) over articles, with the stories they belong to.

        Filters become one set of rowids drawn from narrow indexes (``rowid + 0`` keeps SQLite from probing the
        FTS index once per allowed rowid), and ranking reads only the FTS index: joining ``articles`` for every match
        would read each match's text (stored inline, before ``day``). BM25 ranks the ``MAX_RANKED`` most
        recently stored matches: a word in every sixth article of a 100,000-article archive would otherwise cost
        more to rank than the page budget, and in a news archive the newest matches are the ones asked for.
        Only the page of hits shown is joined to its articles.
        """
        match = fts_query(text)
        allowed = self._allowed_rowids(filters or SearchFilters())
        where = ["articles_fts MATCH ?"]
        params: list[Any] = [match]
        if allowed is not None:
            if not allowed:
                return SearchResult(text, [], [], 0)
            where.append("articles_fts.rowid + 0 IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(sorted(allowed)))
        condition = " AND ".join(where)
        try:
            total = int(self._db.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM articles_fts WHERE {condition} LIMIT ?)",
                [*params, MAX_COUNTED + 1]).fetchone()[0])
            scored = self._db.execute(
                f"SELECT rowid, bm25(articles_fts, 5.0, 1.0) FROM articles_fts WHERE {condition}"
                " ORDER BY rowid DESC LIMIT ?", [*params, MAX_RANKED]).fetchall()
            scored.sort(key=lambda r: (r[1], -r[0]))
            ranked = [r[0] for r in scored[offset:offset + limit]]
            page = {r["rowid"]: r for r in self._db.execute(
                "SELECT a.rowid AS rowid, a.*, snippet(articles_fts, 1, ?, ?, ' … ', 16) AS snip"
                " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
                f" WHERE articles_fts MATCH ? AND articles_fts.rowid IN ({','.join('?' * len(ranked))})",
                [_HIGHLIGHT_OPEN, _HIGHLIGHT_CLOSE, match, *ranked])} if ranked else {}
        except sqlite3.OperationalError as exc:  # pragma: no cover - fts_query only emits quoted terms
            raise SearchQueryError(f"cannot search for {text!r}: {exc}") from exc
        rows = [page[rowid] for rowid in ranked if rowid in page]
        hits = []
        story_counts: Counter[str] = Counter()
        for row in rows:
            stories = [r[0] for r in self._db.execute(
                "SELECT story_id FROM story_articles WHERE article_id = ?", (row["id"],))]
            story_counts.update(stories)
            hits.append(SearchHit(self._article_ref(row), row["snip"] or "", stories))
        stories = [StoryHit(ref, n) for sid, n in story_counts.most_common(10)
                   if (ref := self.story_ref(sid)) is not None]
        return SearchResult(text, hits, stories, total)
