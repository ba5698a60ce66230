"""The SQLite store, on real files: creation, reopening, refusal of foreign files, atomic writes, search."""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import numpy as np
import pytest

from warbrief.records import Article, RawDocument, Story
from warbrief.store import Store, StoreError
from warbrief.store.schema import MIGRATIONS, SCHEMA_VERSION

DAY = date(2024, 12, 28)
FETCHED = datetime(2024, 12, 28, 9, 30, tzinfo=UTC)


def assert_consistent(path: Path) -> None:
    """The store file is sound: integrity check passes and no article outlives its raw document."""
    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        orphans = db.execute(
            "SELECT count(*) FROM articles WHERE raw_id NOT IN (SELECT id FROM raw_documents)"
        ).fetchone()[0]
        assert orphans == 0
    finally:
        db.close()


def raw(text: str = "Air defence shot down twenty drones over Kyiv overnight.", **kw: object) -> RawDocument:
    return RawDocument(content=text.encode("utf-8"), media_type="text/plain", origin="news.txt",
                       fetched_at=FETCHED, day=DAY, **kw)  # type: ignore[arg-type]


def article(raw_doc: RawDocument, index: int, text: str, title: str = "", day: date = DAY) -> Article:
    return Article(raw_id=raw_doc.id, index=index, title=title or f"Article {index}", text=text, day=day,
                   origin=raw_doc.origin, extractor="test")


@pytest.fixture
def db_path(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "store" / "warbrief.db"
    yield path
    if path.exists() and path.is_file() and path.stat().st_size:
        assert_consistent(path)


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    with Store(db_path) as opened:
        yield opened


# --- creation and opening -----------------------------------------------------------------------------


def test_new_store_is_created_with_wal_foreign_keys_and_current_schema(db_path: Path) -> None:
    assert not db_path.parent.exists()
    with Store(db_path) as store:
        assert db_path.is_file()
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.schema_version == SCHEMA_VERSION == len(MIGRATIONS)
        tables = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"raw_documents", "articles", "articles_fts", "embeddings", "stories", "briefings"} <= tables
        assert set(store.counts().values()) == {0}
    # The version is persisted in the file, not only in the connection.
    check = sqlite3.connect(db_path)
    assert check.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert check.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    check.close()


def test_foreign_keys_are_enforced(store: Store) -> None:
    orphan = Article(raw_id="raw_missing", index=0, title="t", text="x", day=DAY)
    with pytest.raises(sqlite3.IntegrityError):
        store.save_extraction("raw_missing", [orphan])
    assert store.counts()["articles"] == 0


def test_reopening_a_store_keeps_its_data(db_path: Path) -> None:
    doc = raw()
    with Store(db_path) as store:
        assert store.add_raw(doc)
        store.save_extraction(doc.id, [article(doc, 0, "Twenty drones were shot down over Kyiv.")])
        store.save_briefing(DAY, {"date": DAY.isoformat(), "sections": []})
    with Store(db_path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.counts()["raw_documents"] == 1
        assert [a.text for a in store.articles(day=DAY)] == ["Twenty drones were shot down over Kyiv."]
        assert store.raw_status(doc.id) == ("extracted", None)
        assert store.raw_document(doc.id).content == doc.content  # type: ignore[union-attr]
        assert store.briefing(DAY) == {"date": DAY.isoformat(), "sections": []}
        assert store.days() == [DAY]
        # Reopening must not re-run migrations (that would fail on existing tables).
        assert not store.add_raw(doc)


def test_store_newer_than_the_code_is_refused_with_a_clear_message(db_path: Path) -> None:
    Store(db_path).close()
    db = sqlite3.connect(db_path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    with pytest.raises(StoreError) as info:
        Store(db_path)
    message = str(info.value)
    assert str(db_path) in message
    assert f"v{SCHEMA_VERSION + 1}" in message
    assert "newer" in message
    assert "upgrade warbrief" in message
    # Refusing must not have touched the file.
    db = sqlite3.connect(db_path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
    db.close()


def test_a_folder_is_not_a_store(tmp_path: Path) -> None:
    folder = tmp_path / "a_folder"
    folder.mkdir()
    with pytest.raises(StoreError, match="is a folder"):
        Store(folder)
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(random.Random(7).randbytes(8192), id="random-bytes"),
        pytest.param(b"just some notes, not a database at all\n" * 50, id="text"),
        pytest.param(b"\x89PNG\r\n\x1a\n" + random.Random(8).randbytes(4096), id="png"),
    ],
)
def test_a_file_that_is_not_sqlite_is_refused_naming_the_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    with pytest.raises(StoreError) as info:
        Store(path)
    assert str(path) in str(info.value)
    assert "not a usable warbrief store" in str(info.value)
    assert path.read_bytes() == content  # left as it was


def test_an_empty_file_becomes_a_new_store(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    with Store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
    assert_consistent(path)


def test_a_store_path_under_a_regular_file_raises_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="not_a_folder"):
        Store(blocker / "warbrief.db")


# --- raw documents and extraction -----------------------------------------------------------------------


def test_add_raw_is_idempotent(store: Store) -> None:
    doc = raw()
    assert store.add_raw(doc) is True
    same_bytes = RawDocument(content=doc.content, media_type="text/plain", origin="elsewhere/copy.txt",
                             fetched_at=datetime.now(UTC))
    assert store.add_raw(same_bytes) is False
    assert store.add_raw(doc) is False
    assert store.counts()["raw_documents"] == 1
    assert store.has_raw(doc.content_hash)
    stored = list(store.raw_documents())
    assert [d.origin for d in stored] == ["news.txt"]  # the first one wins
    assert stored[0].fetched_at == FETCHED
    assert stored[0].day == DAY
    assert [d.id for d in store.raw_documents(status="new")] == [doc.id]


def test_raw_document_metadata_round_trips(store: Store) -> None:
    doc = raw(metadata={"url": "https://example.org/a", "title": "Дрони над Києвом"})
    store.add_raw(doc)
    back = store.raw_document(doc.id)
    assert back is not None
    assert back.metadata == {"url": "https://example.org/a", "title": "Дрони над Києвом"}
    assert back.content_hash == doc.content_hash
    assert store.raw_document("raw_nope") is None
    with pytest.raises(KeyError):
        store.raw_status("raw_nope")


def test_save_extraction_replaces_the_articles_of_a_document(store: Store) -> None:
    doc = raw()
    store.add_raw(doc)
    store.save_extraction(doc.id, [article(doc, 0, "First version one."), article(doc, 1, "First version two.")])
    assert [a.text for a in store.articles()] == ["First version one.", "First version two."]
    assert store.raw_status(doc.id) == ("extracted", None)

    store.save_extraction(doc.id, [article(doc, 0, "Second version only.")])
    assert [a.text for a in store.articles()] == ["Second version only."]
    assert store.search("First") == []
    assert [h["id"] for h in store.search("Second")] == [article(doc, 0, "").id]

    store.save_extraction(doc.id, [], "no article text found")
    assert store.articles() == []
    assert store.raw_status(doc.id) == ("empty", "no article text found")
    assert list(store.raw_documents(status="new")) == []

    store.save_extraction(doc.id, [], "error during extraction: ValueError: boom")
    assert store.raw_status(doc.id)[0] == "failed"


def test_save_extraction_is_atomic_when_an_insert_fails(store: Store) -> None:
    doc = raw()
    store.add_raw(doc)
    store.save_extraction(doc.id, [article(doc, 0, "The original article text.")])
    # Two articles with the same (raw_id, idx) violate the UNIQUE constraint half-way through the batch.
    clash = [article(doc, 0, "Replacement text."), Article(raw_id=doc.id, index=0, title="t", text="dup", day=DAY,
                                                            id="art_other")]
    with pytest.raises(sqlite3.IntegrityError):
        store.save_extraction(doc.id, clash)
    # The DELETE of the old articles was rolled back together with the failed inserts.
    assert [a.text for a in store.articles()] == ["The original article text."]
    assert store.raw_status(doc.id) == ("extracted", None)
    assert [h["title"] for h in store.search("original")] == ["Article 0"]
    assert store.search("Replacement") == []
    assert not store.db.in_transaction


def test_an_exception_inside_a_transaction_writes_nothing(store: Store) -> None:
    doc = raw()
    before = store.counts()
    with pytest.raises(RuntimeError, match="crash"), store.transaction() as db:
        db.execute(
            "INSERT INTO raw_documents (id, content_hash, origin, media_type, fetched_at, content)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (doc.id, doc.content_hash, doc.origin, doc.media_type, FETCHED.isoformat(), doc.content),
        )
        db.execute(
            "INSERT INTO articles (id, raw_id, idx, kind, title, text, day) VALUES (?,?,?,?,?,?,?)",
            ("art_x", doc.id, 0, "article", "Partial", "Half written article", DAY.isoformat()),
        )
        assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
        raise RuntimeError("crash")
    assert store.counts() == before
    assert store.search("Partial") == []
    assert not store.db.in_transaction
    # The store is still usable afterwards.
    assert store.add_raw(doc)
    assert store.counts()["raw_documents"] == 1


def test_a_process_killed_mid_transaction_leaves_nothing_behind(db_path: Path) -> None:
    doc = raw()
    with Store(db_path) as store:
        store.add_raw(doc)
        store.save_extraction(doc.id, [article(doc, 0, "Committed article about Kharkiv.")])
    # Another process starts rewriting the articles and dies without COMMIT, like a killed process.
    script = textwrap.dedent(
        f"""
        import os
        from warbrief.store import Store
        store = Store({str(db_path)!r})
        with store.transaction() as db:
            db.execute("DELETE FROM articles")
            db.execute(
                "INSERT INTO articles (id, raw_id, idx, kind, title, text, day) VALUES (?,?,?,?,?,?,?)",
                ("art_half", {doc.id!r}, 5, "article", "Half", "Uncommitted article about Odesa", "2024-12-28"),
            )
            os._exit(9)
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 9, done.stderr
    with Store(db_path) as store:
        assert [a.text for a in store.articles()] == ["Committed article about Kharkiv."]
        assert store.search("Odesa") == []
        assert len(store.search("Kharkiv")) == 1
    assert_consistent(db_path)


def test_articles_by_day_and_ids(store: Store) -> None:
    doc = raw()
    store.add_raw(doc)
    a0 = article(doc, 0, "Day one text.")
    a1 = article(doc, 1, "Day two text.", day=date(2024, 12, 29))
    store.save_extraction(doc.id, [a0, a1])
    assert [a.id for a in store.articles(day=DAY)] == [a0.id]
    assert [a.id for a in store.articles(ids=[a1.id, "art_none", a0.id])] == [a1.id, a0.id]
    assert store.article(a1.id) == a1
    assert store.article("art_none") is None
    assert store.days() == [DAY, date(2024, 12, 29)]
    assert [a.id for a in store.articles_to_understand(DAY)] == [a0.id]


# --- search, embeddings, stories --------------------------------------------------------------------------


def test_full_text_search_finds_a_word_and_returns_a_snippet(store: Store) -> None:
    doc = raw()
    store.add_raw(doc)
    text = (
        "Ukrainian air defence shot down twenty drones overnight. Debris damaged a substation near Zhytomyr, "
        "the regional governor said, and repair crews restored power by the morning."
    )
    other = "European ministers discussed sanctions and artillery ammunition in Brussels."
    store.save_extraction(doc.id, [article(doc, 0, text, title="Drones downed"), article(doc, 1, other)])
    hits = store.search("Zhytomyr")
    assert len(hits) == 1
    hit = hits[0]
    assert hit["id"] == article(doc, 0, "").id
    assert hit["title"] == "Drones downed"
    assert hit["day"] == DAY.isoformat()
    assert hit["origin"] == "news.txt"
    assert "[Zhytomyr]" in hit["snippet"]
    # Diacritics and case are folded; phrases and OR work.
    assert len(store.search("zhytomyr")) == 1
    assert len(store.search('"repair crews"')) == 1
    assert {h["id"] for h in store.search("Zhytomyr OR Brussels")} == {a.id for a in store.articles()}
    assert store.search("Mariupol") == []
    assert len(store.search("Brussels", limit=1)) == 1


def test_full_text_search_over_cyrillic(store: Store) -> None:
    doc = raw("Дрони над Києвом")
    store.add_raw(doc)
    store.save_extraction(doc.id, [article(doc, 0, "Сили ППО збили двадцять дронів над Києвом уночі.")])
    hits = store.search("Києвом")
    assert len(hits) == 1
    assert "[Києвом]" in hits[0]["snippet"]


def test_a_malformed_search_query_raises_operational_error(store: Store) -> None:
    with pytest.raises(sqlite3.OperationalError):
        store.search('"unbalanced')


def test_embeddings_round_trip_as_float32(store: Store) -> None:
    rng = np.random.default_rng(3)
    v32 = rng.standard_normal(384).astype(np.float32)
    v64 = rng.standard_normal(384)  # float64 in, float32 out
    store.save_embeddings({"art_a": v32, "art_b": v64}, "model-x")
    back = store.embeddings(["art_a", "art_b", "art_missing"], "model-x")
    assert set(back) == {"art_a", "art_b"}
    assert back["art_a"].dtype == np.float32 and back["art_a"].shape == (384,)
    np.testing.assert_array_equal(back["art_a"], v32)
    np.testing.assert_array_equal(back["art_b"], v64.astype(np.float32))
    assert store.embeddings(["art_a"], "model-y") == {}
    # Saving again replaces, per (owner, model).
    store.save_embeddings({"art_a": np.zeros(384, dtype=np.float32)}, "model-x")
    np.testing.assert_array_equal(store.embeddings(["art_a"], "model-x")["art_a"], np.zeros(384, dtype=np.float32))
    assert store.counts()["embeddings"] == 2


def test_many_embeddings_are_read_in_chunks(store: Store) -> None:
    vectors = {f"art_{i}": np.full(4, i, dtype=np.float32) for i in range(1200)}
    store.save_embeddings(vectors, "m")
    back = store.embeddings(list(vectors), "m")
    assert len(back) == 1200
    assert back["art_1199"][0] == 1199


def test_save_stories_replaces_the_days_stories(store: Store) -> None:
    doc = raw()
    store.add_raw(doc)
    a0, a1, a2 = (article(doc, i, f"Text {i}.") for i in range(3))
    later = article(doc, 3, "Later text.", day=date(2024, 12, 29))
    store.save_extraction(doc.id, [a0, a1, a2, later])
    first = [
        Story(day=DAY, article_ids=[a0.id, a1.id], title="Drone attack", outlets=["a.org", "b.org"],
              section="air", section_scores={"air": 0.9}, importance=2.0, first_seen=DAY, last_seen=DAY),
        Story(day=DAY, article_ids=[a2.id], title="Sanctions", section="diplomacy", importance=1.0),
    ]
    other_day = Story(day=date(2024, 12, 29), article_ids=[later.id], title="Next day", section="air")
    store.save_stories(DAY, first)
    store.save_stories(date(2024, 12, 29), [other_day])
    got = store.stories(day=DAY)
    assert [s.title for s in got] == ["Drone attack", "Sanctions"]  # by importance
    assert got[0] == first[0]
    assert store.stories(ids=[first[1].id])[0].article_ids == [a2.id]

    replacement = Story(day=DAY, article_ids=[a0.id, a1.id, a2.id], title="Everything", section="air")
    store.save_stories(DAY, [replacement])
    assert [s.title for s in store.stories(day=DAY)] == ["Everything"]
    assert store.stories(day=DAY)[0].article_ids == [a0.id, a1.id, a2.id]
    assert [s.title for s in store.stories(day=date(2024, 12, 29))] == ["Next day"]
    # The memberships of the replaced stories went with them.
    links = store.db.execute("SELECT count(*) FROM story_articles").fetchone()[0]
    assert links == 4
    assert store.counts()["stories"] == 2


def test_deleting_articles_cascades_to_story_membership(store: Store) -> None:
    doc = raw()
    store.add_raw(doc)
    a0 = article(doc, 0, "Text.")
    store.save_extraction(doc.id, [a0])
    store.save_stories(DAY, [Story(day=DAY, article_ids=[a0.id], title="S", section="air")])
    store.save_extraction(doc.id, [], "no article text found")
    assert store.stories(day=DAY)[0].article_ids == []


def test_briefings_round_trip(store: Store) -> None:
    document = {"date": DAY.isoformat(), "sections": [{"title": "Повітря"}]}
    store.save_briefing(DAY, document)
    store.save_briefing(DAY, {**document, "v": 2})
    assert store.briefing(DAY) == {**document, "v": 2}
    assert store.briefing_days() == [DAY]
    assert store.briefing(date(2030, 1, 1)) is None


def test_a_store_of_an_older_schema_is_migrated_in_place_and_keeps_its_data(tmp_path: Path) -> None:
    from warbrief.store.schema import MIGRATIONS, SCHEMA_VERSION
    from warbrief.store.sqlite import _statements

    path = tmp_path / "old.db"
    old = sqlite3.connect(path, isolation_level=None)
    for statement in _statements(MIGRATIONS[0]):
        old.execute(statement)
    old.execute("PRAGMA user_version = 1")
    old.execute(
        "INSERT INTO stories (id, day, title, section)"
        " VALUES ('story_old', '2024-12-28', 'An old story', 'russia_news')"
    )
    old.close()
    with Store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        (story,) = store.stories(ids=["story_old"])
        assert story.title == "An old story" and story.section_evidence == {}
        # Stories grouped before threads existed read as new, each the start of its own thread.
        assert (story.status, story.thread_id) == ("new", "")
