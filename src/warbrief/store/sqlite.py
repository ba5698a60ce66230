"""The embedded store: one SQLite file between every stage of the pipeline.

Why SQLite: a user never has to set it up, WAL mode lets a reader (the web app, ``search``) work while a
run writes, and every write below happens in one transaction so that a crash loses nothing committed and
never leaves half a document behind. Ingest is idempotent because raw documents are keyed by the hash of
their bytes.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np

from warbrief.records import Article, Fact, Mention, RawDocument, Sentence, Story
from warbrief.store.schema import MIGRATIONS, SCHEMA_VERSION

COUNTED_TABLES = ("raw_documents", "articles", "sentences", "facts", "mentions", "embeddings", "stories", "briefings")


class StoreError(RuntimeError):
    """The store cannot be opened or is not a warbrief store."""


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


class Store:
    """A warbrief store in one SQLite file (created, and migrated, on first use)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if self.path.exists() and self.path.is_dir():
            raise StoreError(f"{self.path}: is a folder; give a file path for the store (e.g. warbrief.db)")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot create the store's folder ({exc.strerror or exc})") from exc
        try:
            self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open the store ({exc})") from exc
        try:
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            self.db.close()
            raise StoreError(f"{self.path}: not a usable warbrief store ({exc})") from exc
        except StoreError:
            self.db.close()
            raise

    # -- lifecycle -------------------------------------------------------------------------------

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All or nothing: the writes inside are committed together or not at all."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: store schema v{version} is newer than this warbrief (v{SCHEMA_VERSION}); "
                "upgrade warbrief"
            )
        for number in range(version, SCHEMA_VERSION):
            with self.transaction() as db:
                for statement in _statements(MIGRATIONS[number]):
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {number + 1}")

    @property
    def schema_version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    # -- raw documents ---------------------------------------------------------------------------

    def add_raw(self, raw: RawDocument) -> bool:
        """Store raw bytes once; False when the same bytes were already stored."""
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT OR IGNORE INTO raw_documents "
                "(id, content_hash, origin, media_type, fetched_at, day, metadata, content) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    raw.id,
                    raw.content_hash,
                    raw.origin,
                    raw.media_type,
                    raw.fetched_at.isoformat(),
                    _iso(raw.day),
                    json.dumps(raw.metadata, ensure_ascii=False, default=str),
                    raw.content,
                ),
            )
            return cursor.rowcount == 1

    def has_raw(self, content_hash: str) -> bool:
        row = self.db.execute("SELECT 1 FROM raw_documents WHERE content_hash = ?", (content_hash,)).fetchone()
        return row is not None

    def raw_documents(self, status: str | None = None) -> Iterator[RawDocument]:
        query = "SELECT * FROM raw_documents"
        params: tuple[Any, ...] = ()
        if status:
            query += " WHERE status = ?"
            params = (status,)
        for row in self.db.execute(query + " ORDER BY rowid", params).fetchall():
            yield _raw_from_row(row)

    def raw_document(self, raw_id: str) -> RawDocument | None:
        row = self.db.execute("SELECT * FROM raw_documents WHERE id = ?", (raw_id,)).fetchone()
        return _raw_from_row(row) if row else None

    def raw_status(self, raw_id: str) -> tuple[str, str | None]:
        row = self.db.execute("SELECT status, status_reason FROM raw_documents WHERE id = ?", (raw_id,)).fetchone()
        if row is None:
            raise KeyError(raw_id)
        return row["status"], row["status_reason"]

    def save_extraction(self, raw_id: str, articles: Sequence[Article], reason: str | None = None) -> None:
        """Replace the articles extracted from one raw document and mark it done, in one transaction."""
        status = "extracted" if articles else ("failed" if reason and reason.startswith("error") else "empty")
        with self.transaction() as db:
            db.execute("DELETE FROM articles WHERE raw_id = ?", (raw_id,))
            db.executemany(
                "INSERT INTO articles (id, raw_id, idx, kind, title, text, day, outlet, url, origin, published,"
                " language, section_hint, label, extractor) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [
                    (
                        a.id,
                        a.raw_id,
                        a.index,
                        a.kind,
                        a.title,
                        a.text,
                        a.day.isoformat(),
                        a.outlet,
                        a.url,
                        a.origin,
                        _iso(a.published),
                        a.language,
                        a.section_hint,
                        a.label,
                        a.extractor,
                    )
                    for a in articles
                ],
            )
            db.execute(
                "UPDATE raw_documents SET status = ?, status_reason = ? WHERE id = ?", (status, reason, raw_id)
            )

    # -- articles --------------------------------------------------------------------------------

    def articles(self, day: date | None = None, ids: Iterable[str] | None = None) -> list[Article]:
        if ids is not None:
            wanted = list(ids)
            rows = self._select_in("SELECT * FROM articles WHERE id IN ({})", wanted)
            by_id = {row["id"]: _article_from_row(row) for row in rows}
            return [by_id[i] for i in wanted if i in by_id]
        if day is None:
            rows = self.db.execute("SELECT * FROM articles ORDER BY rowid").fetchall()
        else:
            rows = self.db.execute("SELECT * FROM articles WHERE day = ? ORDER BY rowid", (day.isoformat(),))
        return [_article_from_row(r) for r in rows]

    def article(self, article_id: str) -> Article | None:
        found = self.articles(ids=[article_id])
        return found[0] if found else None

    def days(self) -> list[date]:
        rows = self.db.execute("SELECT DISTINCT day FROM articles ORDER BY day").fetchall()
        return [date.fromisoformat(r["day"]) for r in rows]

    def articles_to_understand(self, day: date | None = None) -> list[Article]:
        query = "SELECT * FROM articles WHERE understood = 0"
        params: tuple[Any, ...] = ()
        if day is not None:
            query += " AND day = ?"
            params = (day.isoformat(),)
        return [_article_from_row(r) for r in self.db.execute(query + " ORDER BY rowid", params)]

    def save_understanding(
        self,
        article_id: str,
        sentences: Sequence[Sentence],
        facts: Sequence[Fact],
        mentions: Sequence[Mention] = (),
    ) -> None:
        """Replace what the understand stage found in one article, in one transaction."""
        with self.transaction() as db:
            for table in ("sentences", "facts", "mentions"):
                db.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
            db.executemany(
                "INSERT INTO sentences (article_id, idx, start, end, paragraph) VALUES (?,?,?,?,?)",
                [(s.article_id, s.index, s.start, s.end, s.paragraph) for s in sentences],
            )
            db.executemany(
                "INSERT OR REPLACE INTO facts (id, article_id, kind, start, end, value, about, source, status)"
                " VALUES (?,?,?,?,?,?,?,?,?)",
                [
                    (f.id, f.article_id, f.kind, f.start, f.end, json.dumps(f.values), _iso(f.about), f.source,
                     f.status)
                    for f in facts
                ],
            )
            db.executemany(
                "INSERT OR REPLACE INTO mentions (article_id, start, end, text, label, entity, extra)"
                " VALUES (?,?,?,?,?,?,?)",
                [(m.article_id, m.start, m.end, m.text, m.label, m.entity, json.dumps(m.extra)) for m in mentions],
            )
            db.execute("UPDATE articles SET understood = 1 WHERE id = ?", (article_id,))

    def sentences(self, article_ids: Iterable[str]) -> dict[str, list[Sentence]]:
        ids = list(article_ids)
        texts = {a.id: a.text for a in self.articles(ids=ids)}
        result: dict[str, list[Sentence]] = {i: [] for i in ids}
        rows = self._select_in("SELECT * FROM sentences WHERE article_id IN ({}) ORDER BY article_id, idx", ids)
        for row in rows:
            text = texts[row["article_id"]]
            result[row["article_id"]].append(
                Sentence(row["article_id"], row["idx"], row["start"], row["end"], text[row["start"] : row["end"]],
                         row["paragraph"])
            )
        return result

    def facts(self, article_ids: Iterable[str], kind: str | None = None) -> list[Fact]:
        rows = self._select_in("SELECT * FROM facts WHERE article_id IN ({}) ORDER BY rowid", list(article_ids))
        facts = [
            Fact(r["article_id"], r["kind"], r["start"], r["end"], json.loads(r["value"]), _day(r["about"]),
                 r["source"], r["status"], r["id"])
            for r in rows
        ]
        return [f for f in facts if kind is None or f.kind == kind]

    def mentions(self, article_ids: Iterable[str], label: str | None = None) -> list[Mention]:
        rows = self._select_in(
            "SELECT * FROM mentions WHERE article_id IN ({}) ORDER BY article_id, start", list(article_ids)
        )
        found = [
            Mention(r["article_id"], r["start"], r["end"], r["text"], r["label"], r["entity"], json.loads(r["extra"]))
            for r in rows
        ]
        return [m for m in found if label is None or m.label == label]

    # -- embeddings ------------------------------------------------------------------------------

    def embeddings(self, owners: Sequence[str], model: str) -> dict[str, np.ndarray]:
        rows = self._select_in(
            "SELECT owner, dim, vector FROM embeddings WHERE model = ? AND owner IN ({})", list(owners), (model,)
        )
        return {r["owner"]: np.frombuffer(r["vector"], dtype=np.float32).reshape(r["dim"]) for r in rows}

    def save_embeddings(self, vectors: dict[str, np.ndarray], model: str) -> None:
        with self.transaction() as db:
            db.executemany(
                "INSERT OR REPLACE INTO embeddings (owner, model, dim, vector) VALUES (?,?,?,?)",
                [(o, model, int(v.shape[0]), np.asarray(v, dtype=np.float32).tobytes()) for o, v in vectors.items()],
            )

    # -- stories and briefings ---------------------------------------------------------------------

    def save_stories(self, day: date, stories: Sequence[Story]) -> None:
        """Replace the day's stories (grouping is recomputed per day from stored articles)."""
        with self.transaction() as db:
            db.execute("DELETE FROM stories WHERE day = ?", (day.isoformat(),))
            for s in stories:
                db.execute(
                    "INSERT INTO stories (id, day, title, section, secondary, scores, evidence, importance, outlets,"
                    " first_seen, last_seen, thread_id, status) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (s.id, s.day.isoformat(), s.title, s.section, json.dumps(s.secondary_sections),
                     json.dumps(s.section_scores), json.dumps(s.section_evidence, ensure_ascii=False), s.importance,
                     json.dumps(s.outlets), _iso(s.first_seen), _iso(s.last_seen), s.thread_id, s.status),
                )
                db.executemany(
                    "INSERT OR IGNORE INTO story_articles (story_id, article_id) VALUES (?, ?)",
                    [(s.id, a) for a in s.article_ids],
                )

    def stories(self, day: date | None = None, ids: Iterable[str] | None = None) -> list[Story]:
        if ids is not None:
            rows = self._select_in("SELECT * FROM stories WHERE id IN ({})", list(ids))
        elif day is not None:
            rows = self.db.execute("SELECT * FROM stories WHERE day = ? ORDER BY importance DESC",
                                   (day.isoformat(),)).fetchall()
        else:
            rows = self.db.execute("SELECT * FROM stories ORDER BY day, importance DESC").fetchall()
        stories = []
        for r in rows:
            members = [m["article_id"] for m in self.db.execute(
                "SELECT article_id FROM story_articles WHERE story_id = ? ORDER BY rowid", (r["id"],))]
            stories.append(Story(
                day=date.fromisoformat(r["day"]), article_ids=members, title=r["title"],
                outlets=json.loads(r["outlets"]), section=r["section"], secondary_sections=json.loads(r["secondary"]),
                section_scores=json.loads(r["scores"]), section_evidence=json.loads(r["evidence"]),
                importance=r["importance"], first_seen=_day(r["first_seen"]),
                last_seen=_day(r["last_seen"]), id=r["id"], thread_id=r["thread_id"], status=r["status"],
            ))
        return stories

    def save_briefing(self, day: date, document: dict[str, Any]) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO briefings (day, json, created_at) VALUES (?, ?, ?)",
                (day.isoformat(), json.dumps(document, ensure_ascii=False), datetime.now().astimezone().isoformat()),
            )

    def briefing(self, day: date) -> dict[str, Any] | None:
        row = self.db.execute("SELECT json FROM briefings WHERE day = ?", (day.isoformat(),)).fetchone()
        return json.loads(row["json"]) if row else None

    def briefing_days(self) -> list[date]:
        return [date.fromisoformat(r["day"]) for r in self.db.execute("SELECT day FROM briefings ORDER BY day")]

    # -- work lists and jobs (runners and ``reprocess``, issue #9) --------------------------------------

    @property
    def location(self) -> str:
        """What ``open_store`` needs to open this store again (in a worker process, say)."""
        return str(self.path.resolve())

    def raw_ids(self, status: str | None = None) -> list[str]:
        """Raw document ids in ingest order, without their bytes (a runner ships ids, workers read the bytes)."""
        query, params = "SELECT id FROM raw_documents", ()
        if status:
            query, params = query + " WHERE status = ?", (status,)
        return [r["id"] for r in self.db.execute(query + " ORDER BY rowid", params)]

    def article_ids(
        self, start: date | None = None, end: date | None = None, understood: bool | None = None
    ) -> list[str]:
        """Article ids in store order, optionally of the days start..end and by understand status."""
        clauses, params = _article_filter(start, end, understood)
        rows = self.db.execute(f"SELECT id FROM articles{clauses} ORDER BY rowid", params)
        return [r["id"] for r in rows]

    def job(self, key: str) -> dict[str, Any] | None:
        row = self.db.execute("SELECT state FROM jobs WHERE key = ?", (key,)).fetchone()
        return json.loads(row["state"]) if row else None

    def save_job(self, key: str, state: dict[str, Any]) -> None:
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO jobs (key, state, updated_at) VALUES (?, ?, ?)",
                       (key, json.dumps(state), datetime.now().astimezone().isoformat()))

    def delete_job(self, key: str) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM jobs WHERE key = ?", (key,))

    def start_job(
        self, key: str, state: dict[str, Any], start: date, end: date, stages: Sequence[str]
    ) -> dict[str, Any]:
        """Mark the days' documents for the given stages and record the job, in one transaction; if the job is
        already recorded, return its state untouched (a stopped reprocess resumes instead of starting over)."""
        with self.transaction() as db:
            row = db.execute("SELECT state FROM jobs WHERE key = ?", (key,)).fetchone()
            if row is not None:
                return dict(json.loads(row["state"]))
            days = (start.isoformat(), end.isoformat())
            if "extract" in stages:
                in_range = "SELECT id FROM articles WHERE day BETWEEN ? AND ?"
                db.execute(f"DELETE FROM embeddings WHERE owner IN ({in_range})", days)
                db.execute(
                    "UPDATE raw_documents SET status = 'new', status_reason = NULL WHERE day BETWEEN ? AND ?"
                    " OR id IN (SELECT raw_id FROM articles WHERE day BETWEEN ? AND ?)", days + days)
            if "understand" in stages:
                db.execute("UPDATE articles SET understood = 0 WHERE day BETWEEN ? AND ?", days)
            db.execute("INSERT INTO jobs (key, state, updated_at) VALUES (?, ?, ?)",
                       (key, json.dumps(state), datetime.now().astimezone().isoformat()))
            return state

    # -- search and counts -------------------------------------------------------------------------

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search over article titles and text, best matches first, with a snippet."""
        rows = self.db.execute(
            "SELECT a.id, a.title, a.day, a.outlet, a.url, a.origin,"
            " snippet(articles_fts, 1, '[', ']', ' … ', 12) AS snippet"
            " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
            " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
            (query, limit),
        ).fetchall()
        return [dict(r) for r in rows]

    def counts(self) -> dict[str, int]:
        """Rows per table (the same keys for every store backend)."""
        return {t: int(self.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in COUNTED_TABLES}

    def _select_in(self, template: str, values: list[Any], before: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        """Run an ``IN ({})`` query in chunks that stay under SQLite's parameter limit."""
        rows: list[sqlite3.Row] = []
        for i in range(0, len(values), 500):
            chunk = values[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows.extend(self.db.execute(template.format(marks), (*before, *chunk)).fetchall())
        return rows


def _article_filter(start: date | None, end: date | None, understood: bool | None) -> tuple[str, tuple[Any, ...]]:
    clauses, params = [], []
    if start is not None:
        clauses.append("day >= ?")
        params.append(start.isoformat())
    if end is not None:
        clauses.append("day <= ?")
        params.append(end.isoformat())
    if understood is not None:
        clauses.append("understood = ?")
        params.append(int(understood))
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), tuple(params)


def _statements(script: str) -> list[str]:
    """Split a migration into statements (sqlite3.complete_statement knows about trigger bodies)."""
    statements, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            if current.strip():
                statements.append(current.strip())
            current = ""
    if current.strip():
        statements.append(current.strip())
    return statements


def _raw_from_row(row: sqlite3.Row) -> RawDocument:
    return RawDocument(
        content=bytes(row["content"]),
        media_type=row["media_type"],
        origin=row["origin"],
        fetched_at=datetime.fromisoformat(row["fetched_at"]),
        day=_day(row["day"]),
        metadata=json.loads(row["metadata"]),
        content_hash=row["content_hash"],
        id=row["id"],
    )


def _article_from_row(row: sqlite3.Row) -> Article:
    return Article(
        raw_id=row["raw_id"],
        index=row["idx"],
        title=row["title"],
        text=row["text"],
        day=date.fromisoformat(row["day"]),
        kind=row["kind"],
        outlet=row["outlet"],
        url=row["url"],
        origin=row["origin"],
        published=_day(row["published"]),
        language=row["language"],
        section_hint=row["section_hint"],
        label=row["label"],
        extractor=row["extractor"],
        id=row["id"],
    )
