"""The server store: PostgreSQL, for archives and runs that outgrow one machine (issue #9).

The same records and methods as the SQLite ``Store``, so the pipeline cannot tell them apart. Many cluster
workers write at once, so every write is one transaction that first locks the row it replaces (a raw document, an
article): two workers given the same document serialize instead of failing on a key, and ingest stays idempotent
through ``ON CONFLICT DO NOTHING`` on the content hash. A worker killed mid-batch loses only its open transaction.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

import numpy as np
import psycopg
from psycopg.conninfo import conninfo_to_dict

from warbrief.records import Article, Fact, Mention, RawDocument, Sentence, Story
from warbrief.store.pg_schema import PG_MIGRATIONS, PG_REVISIONS
from warbrief.store.sqlite import COUNTED_TABLES, StoreError

PG_SCHEMA_VERSION = len(PG_MIGRATIONS)
# Any constant works; it only has to be the same in every process that may migrate the database.
_MIGRATION_LOCK = 0x77617262


class Row(tuple):  # type: ignore[type-arg]
    """A result row readable by position and by column name, like ``sqlite3.Row`` (code written against the
    SQLite store's ``db`` keeps working on this one's)."""

    _index: dict[str, int]

    def __new__(cls, values: Sequence[Any], index: dict[str, int]) -> Row:
        row = super().__new__(cls, values)
        row._index = index
        return row

    def __getitem__(self, key: Any) -> Any:  # type: ignore[override]
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._index)


def _row_factory(cursor: Any) -> Callable[[Sequence[Any]], Row]:
    names = [column.name for column in cursor.description or ()]
    index = {name: i for i, name in enumerate(names)}
    return lambda values: Row(values, index)


def redact(url: str) -> str:
    """The URL without its password, for messages and logs."""
    return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", url)


class PostgresStore:
    """A warbrief store in a PostgreSQL database (tables created, and migrated, on first use)."""

    def __init__(self, url: str, connect_timeout: float = 5) -> None:
        self.url = url
        try:
            conninfo_to_dict(url)
        except psycopg.ProgrammingError as exc:
            raise StoreError(f"{redact(url)}: not a PostgreSQL URL ({_first_line(exc)})") from exc
        try:
            self.db: psycopg.Connection[Row] = psycopg.connect(
                url, autocommit=True, connect_timeout=max(1, int(connect_timeout)), row_factory=_row_factory
            )
        except psycopg.Error as exc:
            raise StoreError(f"{redact(url)}: cannot connect to PostgreSQL ({_first_line(exc)})") from exc
        try:
            self._migrate()
        except psycopg.Error as exc:
            self.db.close()
            raise StoreError(f"{redact(url)}: not a usable warbrief store ({_first_line(exc)})") from exc
        except StoreError:
            self.db.close()
            raise

    # -- lifecycle -------------------------------------------------------------------------------

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def location(self) -> str:
        return self.url

    @contextmanager
    def transaction(self) -> Iterator[psycopg.Connection[Row]]:
        """All or nothing: the writes inside are committed together or not at all."""
        with self.db.transaction():
            yield self.db

    def _migrate(self) -> None:
        with self.transaction() as db:
            db.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
            db.execute("CREATE TABLE IF NOT EXISTS warbrief_schema"
                       " (version INTEGER NOT NULL, revision INTEGER NOT NULL DEFAULT 0)")
            row = db.execute("SELECT * FROM warbrief_schema").fetchone()
            if row is None:
                db.execute("INSERT INTO warbrief_schema (version) VALUES (0)")
            elif "revision" not in row.keys():  # a store from before PostgreSQL-only revisions existed
                db.execute("ALTER TABLE warbrief_schema ADD COLUMN revision INTEGER NOT NULL DEFAULT 0")
            version = row["version"] if row else 0
            revision = row["revision"] if row and "revision" in row.keys() else 0
            if version > PG_SCHEMA_VERSION:
                raise StoreError(
                    f"{redact(self.url)}: store schema v{version} is newer than this warbrief "
                    f"(v{PG_SCHEMA_VERSION}); upgrade warbrief"
                )
            if revision > len(PG_REVISIONS):
                raise StoreError(
                    f"{redact(self.url)}: PostgreSQL schema revision {revision} is newer than this warbrief "
                    f"(revision {len(PG_REVISIONS)}); upgrade warbrief"
                )
            for number in range(version, PG_SCHEMA_VERSION):
                with db.transaction():
                    db.execute(PG_MIGRATIONS[number])  # type: ignore[arg-type]
                    db.execute("UPDATE warbrief_schema SET version = %s", (number + 1,))
            for number in range(revision, len(PG_REVISIONS)):
                with db.transaction():
                    db.execute(PG_REVISIONS[number])  # type: ignore[arg-type]
                    db.execute("UPDATE warbrief_schema SET revision = %s", (number + 1,))

    @property
    def schema_version(self) -> int:
        return int(self.db.execute("SELECT version FROM warbrief_schema").fetchone()[0])  # type: ignore[index]

    # -- raw documents ---------------------------------------------------------------------------

    def add_raw(self, raw: RawDocument) -> bool:
        """Store raw bytes once; False when the same bytes were already stored (by this or any other worker)."""
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO raw_documents (id, content_hash, origin, media_type, fetched_at, day, metadata, content)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING",
                (raw.id, raw.content_hash, raw.origin, raw.media_type, raw.fetched_at.isoformat(), raw.day,
                 json.dumps(raw.metadata, ensure_ascii=False, default=str), raw.content),
            )
            return cursor.rowcount == 1

    def has_raw(self, content_hash: str) -> bool:
        return self.db.execute("SELECT 1 FROM raw_documents WHERE content_hash = %s", (content_hash,)).fetchone() \
            is not None

    def raw_documents(self, status: str | None = None) -> Iterator[RawDocument]:
        query, params = "SELECT * FROM raw_documents", ()
        if status:
            query, params = query + " WHERE status = %s", (status,)
        for row in self.db.execute(query + " ORDER BY seq", params).fetchall():  # type: ignore[arg-type]
            yield _raw_from_row(row)

    def raw_document(self, raw_id: str) -> RawDocument | None:
        row = self.db.execute("SELECT * FROM raw_documents WHERE id = %s", (raw_id,)).fetchone()
        return _raw_from_row(row) if row else None

    def raw_status(self, raw_id: str) -> tuple[str, str | None]:
        row = self.db.execute("SELECT status, status_reason FROM raw_documents WHERE id = %s", (raw_id,)).fetchone()
        if row is None:
            raise KeyError(raw_id)
        return row["status"], row["status_reason"]

    def save_extraction(self, raw_id: str, articles: Sequence[Article], reason: str | None = None) -> None:
        """Replace the articles extracted from one raw document and mark it done, in one transaction."""
        status = "extracted" if articles else ("failed" if reason and reason.startswith("error") else "empty")
        with self.transaction() as db:
            row = db.execute("SELECT seq FROM raw_documents WHERE id = %s FOR UPDATE", (raw_id,)).fetchone()
            if row is None:
                raise KeyError(raw_id)
            db.execute("DELETE FROM articles WHERE raw_id = %s", (raw_id,))
            with db.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO articles (raw_seq, id, raw_id, idx, kind, title, text, day, outlet, url, origin,"
                    " published, language, section_hint, label, extractor)"
                    " VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)",
                    [(row["seq"], a.id, a.raw_id, a.index, a.kind, a.title, a.text, a.day, a.outlet, a.url, a.origin,
                      a.published, a.language, a.section_hint, a.label, a.extractor) for a in articles],
                )
            db.execute("UPDATE raw_documents SET status = %s, status_reason = %s WHERE id = %s",
                       (status, reason, raw_id))

    # -- articles --------------------------------------------------------------------------------

    def articles(self, day: date | None = None, ids: Iterable[str] | None = None) -> list[Article]:
        if ids is not None:
            wanted = list(ids)
            rows = self.db.execute("SELECT * FROM articles WHERE id = ANY(%s)", (wanted,)).fetchall()
            by_id = {row["id"]: _article_from_row(row) for row in rows}
            return [by_id[i] for i in wanted if i in by_id]
        if day is None:
            rows = self.db.execute("SELECT * FROM articles ORDER BY raw_seq, idx").fetchall()
        else:
            rows = self.db.execute("SELECT * FROM articles WHERE day = %s ORDER BY raw_seq, idx", (day,)).fetchall()
        return [_article_from_row(r) for r in rows]

    def article(self, article_id: str) -> Article | None:
        found = self.articles(ids=[article_id])
        return found[0] if found else None

    def days(self) -> list[date]:
        return [r["day"] for r in self.db.execute("SELECT DISTINCT day FROM articles ORDER BY day")]

    def articles_to_understand(self, day: date | None = None) -> list[Article]:
        query, params = "SELECT * FROM articles WHERE NOT understood", ()
        if day is not None:
            query, params = query + " AND day = %s", (day,)  # type: ignore[assignment]
        return [_article_from_row(r) for r in self.db.execute(query + " ORDER BY raw_seq, idx", params)]

    def save_understanding(
        self,
        article_id: str,
        sentences: Sequence[Sentence],
        facts: Sequence[Fact],
        mentions: Sequence[Mention] = (),
    ) -> None:
        """Replace what the understand stage found in one article, in one transaction."""
        # The SQLite store's INSERT OR REPLACE keeps the last of two rows with one key; do the same up front.
        last_facts = _last_wins((f.id, f) for f in facts)
        last_mentions = _last_wins(((m.article_id, m.start, m.end, m.label), m) for m in mentions)
        with self.transaction() as db:
            db.execute("SELECT 1 FROM articles WHERE id = %s FOR UPDATE", (article_id,))
            for table in ("sentences", "facts", "mentions"):
                db.execute(f"DELETE FROM {table} WHERE article_id = %s", (article_id,))
            with db.cursor() as cursor:
                cursor.executemany(
                    'INSERT INTO sentences (article_id, idx, start, "end", paragraph) VALUES (%s,%s,%s,%s,%s)',
                    [(s.article_id, s.index, s.start, s.end, s.paragraph) for s in sentences],
                )
                cursor.executemany(
                    'INSERT INTO facts (id, article_id, kind, start, "end", value, about, source, status)'
                    " VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s) ON CONFLICT (id) DO UPDATE SET article_id ="
                    ' excluded.article_id, kind = excluded.kind, start = excluded.start, "end" = excluded."end",'
                    " value = excluded.value, about = excluded.about, source = excluded.source,"
                    " status = excluded.status",
                    [(f.id, f.article_id, f.kind, f.start, f.end, json.dumps(f.values), f.about, f.source, f.status)
                     for f in last_facts],
                )
                cursor.executemany(
                    'INSERT INTO mentions (article_id, start, "end", text, label, entity, extra)'
                    " VALUES (%s,%s,%s,%s,%s,%s,%s)",
                    [(m.article_id, m.start, m.end, m.text, m.label, m.entity, json.dumps(m.extra))
                     for m in last_mentions],
                )
            db.execute("UPDATE articles SET understood = TRUE WHERE id = %s", (article_id,))

    def sentences(self, article_ids: Iterable[str]) -> dict[str, list[Sentence]]:
        ids = list(article_ids)
        texts = {a.id: a.text for a in self.articles(ids=ids)}
        result: dict[str, list[Sentence]] = {i: [] for i in ids}
        rows = self.db.execute(
            "SELECT * FROM sentences WHERE article_id = ANY(%s) ORDER BY article_id, idx", (ids,)
        ).fetchall()
        for row in rows:
            text = texts[row["article_id"]]
            result[row["article_id"]].append(
                Sentence(row["article_id"], row["idx"], row["start"], row["end"], text[row["start"] : row["end"]],
                         row["paragraph"])
            )
        return result

    def facts(self, article_ids: Iterable[str], kind: str | None = None) -> list[Fact]:
        rows = self.db.execute(
            "SELECT f.* FROM facts f JOIN articles a ON a.id = f.article_id WHERE f.article_id = ANY(%s)"
            " ORDER BY a.raw_seq, a.idx, f.seq", (list(article_ids),)
        ).fetchall()
        facts = [
            Fact(r["article_id"], r["kind"], r["start"], r["end"], json.loads(r["value"]), r["about"], r["source"],
                 r["status"], r["id"])
            for r in rows
        ]
        return [f for f in facts if kind is None or f.kind == kind]

    def mentions(self, article_ids: Iterable[str], label: str | None = None) -> list[Mention]:
        rows = self.db.execute(
            'SELECT * FROM mentions WHERE article_id = ANY(%s) ORDER BY article_id, start, "end", label',
            (list(article_ids),),
        ).fetchall()
        found = [
            Mention(r["article_id"], r["start"], r["end"], r["text"], r["label"], r["entity"], json.loads(r["extra"]))
            for r in rows
        ]
        return [m for m in found if label is None or m.label == label]

    # -- embeddings ------------------------------------------------------------------------------

    def embeddings(self, owners: Sequence[str], model: str) -> dict[str, np.ndarray]:
        rows = self.db.execute(
            "SELECT owner, dim, vector FROM embeddings WHERE model = %s AND owner = ANY(%s)", (model, list(owners))
        ).fetchall()
        return {r["owner"]: np.frombuffer(bytes(r["vector"]), dtype=np.float32).reshape(r["dim"]) for r in rows}

    def save_embeddings(self, vectors: dict[str, np.ndarray], model: str) -> None:
        with self.transaction() as db, db.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO embeddings (owner, model, dim, vector) VALUES (%s,%s,%s,%s)"
                " ON CONFLICT (owner, model) DO UPDATE SET dim = excluded.dim, vector = excluded.vector",
                [(o, model, int(v.shape[0]), np.asarray(v, dtype=np.float32).tobytes()) for o, v in vectors.items()],
            )

    # -- stories and briefings ---------------------------------------------------------------------

    def save_stories(self, day: date, stories: Sequence[Story]) -> None:
        """Replace the day's stories (grouping is recomputed per day from stored articles)."""
        with self.transaction() as db:
            db.execute("DELETE FROM stories WHERE day = %s", (day,))
            with db.cursor() as cursor:
                for s in stories:
                    cursor.execute(
                        "INSERT INTO stories (id, day, title, section, secondary, scores, evidence, importance,"
                        " outlets, first_seen, last_seen, thread_id, status)"
                        " VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)",
                        (s.id, s.day, s.title, s.section, json.dumps(s.secondary_sections),
                         json.dumps(s.section_scores), json.dumps(s.section_evidence, ensure_ascii=False),
                         s.importance, json.dumps(s.outlets), s.first_seen, s.last_seen, s.thread_id, s.status),
                    )
                    cursor.executemany(
                        "INSERT INTO story_articles (story_id, article_id) VALUES (%s, %s) ON CONFLICT DO NOTHING",
                        [(s.id, a) for a in s.article_ids],
                    )

    def stories(self, day: date | None = None, ids: Iterable[str] | None = None) -> list[Story]:
        if ids is not None:
            rows = self.db.execute("SELECT * FROM stories WHERE id = ANY(%s) ORDER BY id", (list(ids),)).fetchall()
        elif day is not None:
            rows = self.db.execute("SELECT * FROM stories WHERE day = %s ORDER BY importance DESC, seq",
                                   (day,)).fetchall()
        else:
            rows = self.db.execute("SELECT * FROM stories ORDER BY day, importance DESC, seq").fetchall()
        members: dict[str, list[str]] = {r["id"]: [] for r in rows}
        for link in self.db.execute("SELECT story_id, article_id FROM story_articles WHERE story_id = ANY(%s)"
                                    " ORDER BY seq", (list(members),)):
            members[link["story_id"]].append(link["article_id"])
        return [
            Story(
                day=r["day"], article_ids=members[r["id"]], title=r["title"], outlets=json.loads(r["outlets"]),
                section=r["section"], secondary_sections=json.loads(r["secondary"]),
                section_scores=json.loads(r["scores"]), section_evidence=json.loads(r["evidence"]),
                importance=r["importance"], first_seen=r["first_seen"], last_seen=r["last_seen"], id=r["id"],
                thread_id=r["thread_id"], status=r["status"],
            )
            for r in rows
        ]

    def save_briefing(self, day: date, document: dict[str, Any]) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT INTO briefings (day, json, created_at) VALUES (%s, %s, %s)"
                " ON CONFLICT (day) DO UPDATE SET json = excluded.json, created_at = excluded.created_at",
                (day, json.dumps(document, ensure_ascii=False), datetime.now().astimezone().isoformat()),
            )

    def briefing(self, day: date) -> dict[str, Any] | None:
        row = self.db.execute("SELECT json FROM briefings WHERE day = %s", (day,)).fetchone()
        return json.loads(row["json"]) if row else None

    def briefing_days(self) -> list[date]:
        return [r["day"] for r in self.db.execute("SELECT day FROM briefings ORDER BY day")]

    # -- search and counts -------------------------------------------------------------------------

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search (tsvector + GIN) over article titles and text, best matches first, with a snippet.

        The query is read in the FTS5 syntax the SQLite store takes ("phrases", OR, NOT) and handed to
        ``websearch_to_tsquery``, which never fails on a user's punctuation.
        """
        rows = self.db.execute(
            "SELECT a.id, a.title, a.day, a.outlet, a.url, a.origin, ts_headline('simple', a.text, q,"
            " 'StartSel=[, StopSel=], MaxWords=14, MinWords=6, MaxFragments=1, FragmentDelimiter=\" … \"')"
            " AS snippet FROM articles a, websearch_to_tsquery('simple', %s) q WHERE a.fts @@ q"
            " ORDER BY ts_rank(a.fts, q) DESC, a.raw_seq, a.idx LIMIT %s",
            (websearch_query(query), limit),
        ).fetchall()
        return [{**dict(zip(r.keys(), r, strict=True)), "day": r["day"].isoformat()} for r in rows]

    def counts(self) -> dict[str, int]:
        """Rows per table (the same keys for every store backend)."""
        return {t: int(self.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in COUNTED_TABLES}  # type: ignore[index]

    # -- work lists and jobs -----------------------------------------------------------------------

    def raw_ids(self, status: str | None = None) -> list[str]:
        query, params = "SELECT id FROM raw_documents", ()
        if status:
            query, params = query + " WHERE status = %s", (status,)
        return [r["id"] for r in self.db.execute(query + " ORDER BY seq", params)]  # type: ignore[arg-type]

    def article_ids(
        self, start: date | None = None, end: date | None = None, understood: bool | None = None
    ) -> list[str]:
        clauses, params = [], []
        for clause, value in (("day >= %s", start), ("day <= %s", end), ("understood = %s", understood)):
            if value is not None:
                clauses.append(clause)
                params.append(value)
        where = " WHERE " + " AND ".join(clauses) if clauses else ""
        return [r["id"] for r in self.db.execute(f"SELECT id FROM articles{where} ORDER BY raw_seq, idx", params)]

    def job(self, key: str) -> dict[str, Any] | None:
        row = self.db.execute("SELECT state FROM jobs WHERE key = %s", (key,)).fetchone()
        return json.loads(row["state"]) if row else None

    def save_job(self, key: str, state: dict[str, Any]) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT INTO jobs (key, state, updated_at) VALUES (%s, %s, %s)"
                " ON CONFLICT (key) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at",
                (key, json.dumps(state), datetime.now().astimezone().isoformat()),
            )

    def delete_job(self, key: str) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM jobs WHERE key = %s", (key,))

    def start_job(
        self, key: str, state: dict[str, Any], start: date, end: date, stages: Sequence[str]
    ) -> dict[str, Any]:
        """Mark the days' documents for the given stages and record the job, in one transaction; if the job is
        already recorded, return its state untouched (a stopped reprocess resumes instead of starting over)."""
        with self.transaction() as db:
            db.execute("LOCK TABLE jobs IN SHARE ROW EXCLUSIVE MODE")
            row = db.execute("SELECT state FROM jobs WHERE key = %s", (key,)).fetchone()
            if row is not None:
                return dict(json.loads(row["state"]))
            if "extract" in stages:
                in_range = "SELECT id FROM articles WHERE day BETWEEN %s AND %s"
                db.execute(f"DELETE FROM embeddings WHERE owner IN ({in_range})", (start, end))
                db.execute(
                    "UPDATE raw_documents SET status = 'new', status_reason = NULL WHERE day BETWEEN %s AND %s"
                    " OR id IN (SELECT raw_id FROM articles WHERE day BETWEEN %s AND %s)", (start, end, start, end))
            if "understand" in stages:
                db.execute("UPDATE articles SET understood = FALSE WHERE day BETWEEN %s AND %s", (start, end))
            db.execute("INSERT INTO jobs (key, state, updated_at) VALUES (%s, %s, %s)",
                       (key, json.dumps(state), datetime.now().astimezone().isoformat()))
            return state


def websearch_query(query: str) -> str:
    """An FTS5-style query ("a phrase" OR word NOT other) in ``websearch_to_tsquery`` syntax."""
    query = query.replace('""', " ")
    query = re.sub(r"\bNOT\s+", "-", query)
    return re.sub(r"\bAND\b", " ", query)


def _last_wins(pairs: Iterable[tuple[Any, Any]]) -> list[Any]:
    ordered: dict[Any, Any] = {}
    for key, value in pairs:
        ordered.pop(key, None)
        ordered[key] = value
    return list(ordered.values())


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _raw_from_row(row: Row) -> RawDocument:
    return RawDocument(
        content=bytes(row["content"]),
        media_type=row["media_type"],
        origin=row["origin"],
        fetched_at=datetime.fromisoformat(row["fetched_at"]),
        day=row["day"],
        metadata=json.loads(row["metadata"]),
        content_hash=row["content_hash"],
        id=row["id"],
    )


def _article_from_row(row: Row) -> Article:
    return Article(
        raw_id=row["raw_id"], index=row["idx"], title=row["title"], text=row["text"], day=row["day"],
        kind=row["kind"], outlet=row["outlet"], url=row["url"], origin=row["origin"], published=row["published"],
        language=row["language"], section_hint=row["section_hint"], label=row["label"], extractor=row["extractor"],
        id=row["id"],
    )
