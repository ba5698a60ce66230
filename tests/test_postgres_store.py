"""The PostgreSQL store on a real server started by the tests: same records as SQLite, migrations, full-text
search, embeddings as bytes, idempotent ingest under concurrent writers, and clear errors for a bad URL."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import UTC, date, datetime
from pathlib import Path

import numpy as np
import psycopg
import pytest

import pgserver
from warbrief.records import Article, Fact, Mention, RawDocument, Sentence, Story
from warbrief.store import StoreBackend, StoreError, open_store
from warbrief.store.pg_schema import PG_MIGRATIONS
from warbrief.store.postgres import PostgresStore, redact, websearch_query
from warbrief.store.schema import SCHEMA_VERSION

pg_server = pgserver.pg_server  # the fixtures this module uses
pg_url = pgserver.pg_url
DAY = date(2024, 12, 28)
FETCHED = datetime(2024, 12, 28, 9, 30, tzinfo=UTC)


def raw(text: str = "Air defence shot down twenty drones over Kyiv overnight.") -> RawDocument:
    return RawDocument(content=text.encode("utf-8"), media_type="text/plain", origin="news.txt", fetched_at=FETCHED,
                       day=DAY, metadata={"outlet": "Kyiv Independent"})


def article(raw_doc: RawDocument, index: int, text: str, day: date = DAY) -> Article:
    return Article(raw_id=raw_doc.id, index=index, title=f"Article {index}", text=text, day=day,
                   origin=raw_doc.origin, extractor="test", published=date(2024, 12, 27))


def test_open_store_chooses_the_backend_by_the_db_value(pg_url: str, tmp_path: Path) -> None:
    with open_store(pg_url) as server, open_store(tmp_path / "w.db") as embedded:
        assert isinstance(server, PostgresStore) and isinstance(server, StoreBackend)
        assert isinstance(embedded, StoreBackend) and not isinstance(embedded, PostgresStore)
        assert server.schema_version == embedded.schema_version == SCHEMA_VERSION == len(PG_MIGRATIONS)


def test_reopening_does_not_migrate_again_and_keeps_the_data(pg_url: str) -> None:
    with open_store(pg_url) as store:
        assert store.add_raw(raw())
    with open_store(pg_url) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.counts()["raw_documents"] == 1


def test_a_database_of_a_newer_schema_is_refused(pg_url: str) -> None:
    open_store(pg_url).close()
    with psycopg.connect(pg_url, autocommit=True) as db:
        db.execute("UPDATE warbrief_schema SET version = %s", (SCHEMA_VERSION + 1,))
    with pytest.raises(StoreError, match=f"v{SCHEMA_VERSION + 1} is newer than this warbrief"):
        open_store(pg_url)


def test_records_round_trip_like_the_sqlite_store(pg_url: str) -> None:
    with open_store(pg_url) as store:
        doc = raw()
        assert store.add_raw(doc) and not store.add_raw(doc)
        assert store.raw_document(doc.id) == doc
        first, second = article(doc, 0, "Twenty drones."), article(doc, 1, "Kyiv was quiet.")
        store.save_extraction(doc.id, [first, second])
        assert store.raw_status(doc.id) == ("extracted", None)
        assert store.articles(day=DAY) == [first, second]
        assert store.articles(ids=[second.id, first.id]) == [second, first]
        assert store.days() == [DAY]
        assert [a.id for a in store.articles_to_understand(DAY)] == [first.id, second.id]
        sentence = Sentence(first.id, 0, 0, 14, "Twenty drones.", 0)
        fact = Fact(first.id, "air_defense", 0, 6, {"drones": 20}, DAY, "test", "reported")
        mention = Mention(first.id, 7, 13, "drones", "WEAPON", "drone", {"name": "drone"})
        store.save_understanding(first.id, [sentence], [fact], [mention])
        assert store.sentences([first.id]) == {first.id: [sentence]}
        assert store.facts([first.id]) == [fact]
        assert store.mentions([first.id], label="WEAPON") == [mention]
        assert store.article_ids(understood=False) == [second.id]
        story = Story(day=DAY, article_ids=[second.id, first.id], title="Drones", outlets=["KI"], section="air",
                      section_scores={"b": 0.2, "a": 0.9}, importance=2.5, first_seen=DAY, last_seen=DAY)
        store.save_stories(DAY, [story])
        assert store.stories(day=DAY) == [story]
        store.save_briefing(DAY, {"date": DAY.isoformat(), "sections": []})
        assert store.briefing(DAY) == {"date": DAY.isoformat(), "sections": []} and store.briefing_days() == [DAY]


def test_embeddings_are_stored_as_float32_bytes(pg_url: str) -> None:
    vectors = {f"a{i}": np.random.default_rng(i).random(384).astype(np.float32) for i in range(3)}
    with open_store(pg_url) as store:
        store.save_embeddings(vectors, "minilm")
        got = store.embeddings([*vectors, "missing"], "minilm")
        assert set(got) == set(vectors)
        for owner, vector in vectors.items():
            assert got[owner].dtype == np.float32 and np.array_equal(got[owner], vector)
        kind = store.db.execute("SELECT pg_typeof(vector)::text FROM embeddings LIMIT 1").fetchone()[0]
        assert kind == "bytea"


def test_full_text_search_uses_a_gin_index_and_reads_fts5_style_queries(pg_url: str) -> None:
    with open_store(pg_url) as store:
        doc = raw()
        store.add_raw(doc)
        store.save_extraction(doc.id, [article(doc, 0, "The Eagle S tanker cut the Estlink 2 cable."),
                                       article(doc, 1, "Drones hit Kharkiv and Київ overnight.")])
        hits = store.search('"Eagle S" OR Kharkiv')
        assert len(hits) == 2 and {h["day"] for h in hits} == {"2024-12-28"}
        assert "[Eagle]" in store.search('"Eagle S"')[0]["snippet"]
        assert [h["title"] for h in store.search("Київ")] == ["Article 1"]
        assert store.search("drones NOT Kharkiv") == []
        indexes = store.db.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'articles_fts'").fetchone()[0]
        assert "USING gin (fts)" in indexes
    assert websearch_query('"Eagle S" AND tanker NOT cable') == '"Eagle S"   tanker -cable'


def test_the_place_mention_query_of_topic_pages_runs_on_the_server_store(pg_url: str) -> None:
    """``write/topic.py`` reads ``store.db`` directly; rows answer by name as sqlite3.Row does."""
    with open_store(pg_url) as store:
        doc = raw()
        store.add_raw(doc)
        first = article(doc, 0, "Shelling of Pokrovsk.")
        store.save_extraction(doc.id, [first])
        store.save_understanding(first.id, [], [], [Mention(first.id, 12, 20, "Pokrovsk", "PLACE", "ua:1", {})])
        rows = list(store.db.execute("SELECT article_id, text, extra FROM mentions WHERE label = 'PLACE'"))
        assert rows[0]["text"] == "Pokrovsk" and rows[0][0] == first.id and dict(rows[0])["extra"] == "{}"


def test_an_unreachable_server_is_one_clear_error_without_the_password(tmp_path: Path) -> None:
    url = f"postgresql://analyst:s3cret@/warbrief?host={tmp_path}&port=1"
    with pytest.raises(StoreError) as caught:
        open_store(url)
    message = str(caught.value)
    assert "cannot connect to PostgreSQL" in message and "s3cret" not in message and "analyst:***@" in message
    assert "\n" not in message
    assert redact("postgresql://u:p@h/db") == "postgresql://u:***@h/db"


def test_the_cli_reports_an_unreachable_database_in_one_line(tmp_path: Path) -> None:
    url = f"postgresql://postgres@/warbrief?host={tmp_path}&port=1"
    result = subprocess.run([sys.executable, "-m", "warbrief.cli", "search", "drones", "--db", url],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr.strip().startswith("error:") and "cannot connect to PostgreSQL" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_save_extraction_is_atomic_when_an_insert_fails(pg_url: str) -> None:
    with open_store(pg_url) as store:
        doc = raw()
        store.add_raw(doc)
        good = article(doc, 0, "Kept.")
        store.save_extraction(doc.id, [good])
        broken = article(doc, 1, "Twice.")
        with pytest.raises(psycopg.errors.UniqueViolation):
            store.save_extraction(doc.id, [broken, broken])
        assert store.articles(day=DAY) == [good] and store.raw_status(doc.id)[0] == "extracted"


_INGEST = textwrap.dedent("""
    import sys
    from datetime import date
    from warbrief.config import Settings
    from warbrief.pipeline import Pipeline
    settings = Settings(db=sys.argv[1])
    with Pipeline.open(settings) as pipeline:
        report = pipeline.ingest(sys.argv[2:], day=date(2024, 12, 28))
    print(report.added, report.duplicates)
""")


def _page(i: int) -> str:
    return "\n\n".join([
        f"Air defence shot down {i + 3} drones over the Kyiv region overnight, officials said on report {i}.",
        f"The regional administration said debris damaged {i + 1} houses in two villages south of the city, and "
        "emergency crews worked through the night to put out the fires that followed the attack.",
        "The air force said the drones were launched from Kursk and Bryansk, and that mobile fire groups and "
        "electronic warfare units brought down most of them before they reached their targets in the region.",
    ])


def test_two_processes_ingesting_overlapping_inputs_store_each_document_once(pg_url: str, tmp_path: Path) -> None:
    pages = []
    for i in range(40):
        page = tmp_path / f"page{i:02d}.txt"
        page.write_text(_page(i), encoding="utf-8")
        pages.append(str(page))
    open_store(pg_url).close()  # migrate once; the writers below race on data, not on the schema
    halves = (pages[:30], pages[10:])  # 20 pages in both
    writers = [subprocess.Popen([sys.executable, "-c", _INGEST, pg_url, *half], stdout=subprocess.PIPE, text=True)
               for half in halves]
    results = [w.communicate(timeout=300)[0].split() for w in writers]
    assert all(w.returncode == 0 for w in writers)
    added = sum(int(r[0]) for r in results)
    duplicates = sum(int(r[1]) for r in results)
    assert (added, duplicates) == (40, 20)
    with open_store(pg_url) as store:
        counts = store.counts()
        assert counts["raw_documents"] == 40 and counts["articles"] == 40
        assert not store.raw_ids(status="new")
