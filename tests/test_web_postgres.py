"""The web app over a PostgreSQL store: the same store content as tests/test_web.py's SQLite store, built by the
real pipeline on a real server (tests/pgserver.py), read through the real app, and compared with SQLite page by
page. Ranking and snippet windows come from each database's own text search (BM25 vs ts_rank, FTS5 snippet vs
ts_headline), so search results are compared as sets, with the same totals and the same highlighted words.
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import date
from pathlib import Path

import psycopg
import pytest
from fastapi.testclient import TestClient

import pgserver
from warbrief.store import open_store
from warbrief.store.pg_schema import PG_MIGRATIONS, PG_REVISIONS
from warbrief.store.postgres import PostgresStore
from warbrief.web.app import create_app
from warbrief.web.archive import Archive, ArchiveError, SearchFilters
from warbrief.web.commands import upgrade_store

pg_server = pgserver.pg_server  # the fixtures this module uses
pg_url = pgserver.pg_url
DAY1, DAY2 = "2024-12-28", "2024-12-29"
#: Build times (ISO, and RFC 822 in RSS): the two stores are built a minute apart.
GENERATED = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?([+-]\d\d:\d\d|Z)?"
                       r"|\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d [+-]\d{4}")


@pytest.fixture(scope="module")
def pg_store(pg_server: pgserver.PgServer, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """The web tests' store content, built by the pipeline in a PostgreSQL database: (URL, scratch folder)."""
    from webstore import build_web_store

    url = pg_server.new_database()
    root = tmp_path_factory.mktemp("webpg")
    build_web_store(root, db=url)
    return url, root


@pytest.fixture(scope="module")
def clients(web_store: Path, pg_store: tuple[str, Path]) -> tuple[TestClient, TestClient]:
    return TestClient(create_app(web_store)), TestClient(create_app(pg_store[0]))


def _same_text(response: object, root: Path) -> str:
    """The body with what the two builds cannot share (their scratch folders, build times) made equal."""
    text = response.text  # type: ignore[attr-defined]
    return GENERATED.sub("", text.replace(str(root), "ROOT"))


def _paths(client: TestClient) -> list[str]:
    html = client.get(f"/day/{DAY1}").text + client.get(f"/day/{DAY2}").text
    stories = list(dict.fromkeys(re.findall(r'href="/story/(story_[0-9a-f]+)"', html)))
    paths = ["/", "/days", f"/day/{DAY1}", f"/day/{DAY2}", "/sections", "/section/beyond_ukraine", "/losses",
             "/losses?category=tanks", f"/map/{DAY1}", f"/map/{DAY2}", "/entities", "/entities?label=PLACE",
             "/topic?q=Kursk&from=2024-12-28&to=2024-12-29", "/topic?q=Eagle+S&from=2024-12-28&to=2024-12-29",
             "/api/days", f"/api/days/{DAY1}", f"/api/days/{DAY2}", f"/api/days/{DAY1}/stories",
             f"/api/days/{DAY2}/stories", "/api/days/2099-01-01", "/api/stories/nope", "/story/nope",
             "/feeds/briefing.rss", "/feeds/briefing.atom", "/feeds/briefing.json",
             "/feeds/section/beyond_ukraine.rss", "/feeds/section/operations_in_russia.json", "/place/nowhere"]
    for story in stories:
        page = client.get(f"/story/{story}").text
        articles = re.findall(r'href="/article/(art_[0-9a-f]+)', page)
        paths += [f"/story/{story}", f"/api/stories/{story}"]
        paths += [f"/article/{a}" for a in articles[:2]] + [f"/api/articles/{a}" for a in articles[:1]]
    entities = re.findall(r'<a href="/(entity|place)/([^"]+)">', client.get("/entities").text)
    entities += re.findall(r'<a href="/(place)/([^"]+)">', client.get(f"/map/{DAY1}").text)
    paths += [f"/{kind}/{key}" for kind, key in dict.fromkeys(entities)]
    return list(dict.fromkeys(paths))


def test_every_page_feed_and_api_answer_as_on_sqlite(clients: tuple[TestClient, TestClient], web_store: Path,
                                                     pg_store: tuple[str, Path]) -> None:
    sqlite, postgres = clients
    paths = _paths(sqlite)
    assert len(paths) > 80
    for path in paths:
        expected, got = sqlite.get(path, follow_redirects=False), postgres.get(path, follow_redirects=False)
        assert got.status_code == expected.status_code, path
        assert _same_text(got, pg_store[1]) == _same_text(expected, web_store.parent), path


def _search(client: TestClient, params: dict[str, str]) -> tuple[int, dict[str, object]]:
    response = client.get("/api/search", params={**params, "limit": "50"})
    return response.status_code, response.json()


def _highlighted(snippet: str) -> set[str]:
    return {w.casefold() for w in re.findall(r"\x02([^\x03]*)\x03", snippet)}


@pytest.mark.parametrize("params", [
    {"q": "drones"}, {"q": "Eagle S"}, {"q": '"North Korean"'}, {"q": '"Korean North"'}, {"q": "Kursk"},
    {"q": "Kursk", "from": DAY2}, {"q": "Kursk", "to": DAY1}, {"q": "soldiers", "place": "Kursk Oblast"},
    {"q": "Kursk", "place": "Lviv"}, {"q": "Eagle", "section": "beyond_ukraine"},
    {"q": "Eagle", "section": "donetsk_front"}, {"q": "Kursk", "outlet": "nowhere"}, {"q": "zzzqqxj"},
    {"q": "onerror"},
    # Hostile input: FTS5 and tsquery operators are searched as words, or refused with a message.
    {"q": '"'}, {"q": "NEAR("}, {"q": "-"}, {"q": "*"}, {"q": "-:*()"}, {"q": "Kursk*"}, {"q": "title:Kursk"},
    {"q": "^Kursk"}, {"q": "Kursk AND"}, {"q": "Kursk & !drones"}, {"q": "Kursk <-> Oblast"}, {"q": "drones | x"},
    {"q": "'; DROP TABLE articles; --"}, {"q": "%s %(x)s ?"}, {"q": "x" * 400}, {"q": "\x00"}, {"q": "___"},
    {"q": "Kursk ___"},
])
def test_search_finds_the_same_articles_as_on_sqlite(clients: tuple[TestClient, TestClient],
                                                     params: dict[str, str]) -> None:
    sqlite, postgres = clients
    (expected_status, expected), (status, got) = _search(sqlite, params), _search(postgres, params)
    assert status == expected_status, got
    if status != 200:
        assert status == 400 and got["detail"] == expected["detail"]
        return
    assert got["total"] == expected["total"]
    hits, expected_hits = got["articles"], expected["articles"]  # type: ignore[index]
    assert {h["article"]["id"] for h in hits} == {h["article"]["id"] for h in expected_hits}
    by_id = {h["article"]["id"]: h for h in expected_hits}
    for hit in hits:
        assert hit["story_ids"] == by_id[hit["article"]["id"]]["story_ids"]
        assert hit["article"] == by_id[hit["article"]["id"]]["article"]
        if _highlighted(by_id[hit["article"]["id"]]["snippet"]):
            assert _highlighted(hit["snippet"]), hit["snippet"]
    assert {s["id"] for s in got["stories"]} == {s["id"] for s in expected["stories"]}  # type: ignore[index]


def test_search_page_and_ranking(clients: tuple[TestClient, TestClient]) -> None:
    _, postgres = clients
    html = postgres.get("/search", params={"q": "Eagle S"}).text
    assert "<mark>Eagle</mark>" in html and "<mark>S</mark>" in html
    assert postgres.get("/search", params={"q": "-:*()"}).status_code == 400
    # A word in the title outranks the same word only in the text (titles weigh 5:1, as with bm25 on SQLite).
    hits = postgres.get("/api/search", params={"q": "Eagle"}).json()["articles"]
    in_title = [i for i, h in enumerate(hits) if "eagle" in h["article"]["title"].casefold()]
    assert in_title and in_title == list(range(len(in_title)))
    # Every snippet shows where it cuts the text, as FTS5's snippet does.
    long_hit = next(h for h in postgres.get("/api/search", params={"q": "Kursk"}).json()["articles"]
                    if h["snippet"].startswith(" … "))
    assert "\x02Kursk\x03" in long_hit["snippet"]


def test_the_app_never_writes_to_the_store(clients: tuple[TestClient, TestClient], pg_store: tuple[str, Path]) -> None:
    _, postgres = clients
    url = pg_store[0]
    with psycopg.connect(url) as db:
        before = db.execute("SELECT xmin::text, day FROM briefings ORDER BY day").fetchall()
    for method in ("post", "put", "delete", "patch"):
        assert getattr(postgres, method)(f"/day/{DAY1}").status_code == 405
    with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
        Archive(url)._db.execute("DELETE FROM briefings")
    with psycopg.connect(url) as db:
        assert db.execute("SELECT xmin::text, day FROM briefings ORDER BY day").fetchall() == before


def test_a_statement_past_the_time_limit_is_stopped_by_the_server(pg_store: tuple[str, Path]) -> None:
    from warbrief.web.postgres_reader import PostgresReader

    reader = PostgresReader(pg_store[0], query_timeout=0.2)
    with pytest.raises(psycopg.errors.QueryCanceled) as stopped:
        reader.execute("SELECT pg_sleep(3)").fetchall()
    assert reader.is_timeout(stopped.value) and "statement timeout" in str(stopped.value)
    assert reader.execute("SELECT count(*) AS n FROM articles").fetchone()["n"] > 0
    assert PostgresReader(pg_store[0], query_timeout=0).execute("SELECT pg_sleep(0.3)").fetchall()


def test_threads_each_read_through_their_own_connection(pg_store: tuple[str, Path]) -> None:
    from concurrent.futures import ThreadPoolExecutor

    archive = Archive(pg_store[0])
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda q: archive.search(q).total, ["Kursk", "drones", "Eagle", "Kursk"] * 4))
    assert results[0] == results[3] and all(n > 0 for n in results)


def test_unusable_postgres_stores_are_refused_with_the_reason(pg_url: str, tmp_path: Path) -> None:
    unreachable = f"postgresql://analyst:s3cret@/warbrief?host={tmp_path}&port=1"
    with pytest.raises(ArchiveError) as caught:
        Archive(unreachable)
    message = str(caught.value)
    assert "cannot connect to PostgreSQL" in message and "s3cret" not in message and "analyst:***@" in message
    with pytest.raises(ArchiveError, match="no warbrief store in this database"):
        Archive(pg_url)
    upgrade_store(pg_url)  # serving never turns an empty database into a store
    with pytest.raises(ArchiveError, match="no warbrief store"):
        Archive(pg_url)
    open_store(pg_url).close()
    with psycopg.connect(pg_url, autocommit=True) as db:
        db.execute("UPDATE warbrief_schema SET revision = %s", (len(PG_REVISIONS) + 1,))
    with pytest.raises(ArchiveError, match="newer than this warbrief"):
        Archive(pg_url)


def test_serve_upgrades_an_older_postgres_store_and_its_search_index(pg_url: str) -> None:
    """A store written before the weighted search column: refused as older, upgraded once by ``serve``, and its
    existing articles indexed by the new column; articles the pipeline adds later are indexed as they are written."""
    with psycopg.connect(pg_url, autocommit=True) as db:  # the store the previous warbrief wrote
        for script in PG_MIGRATIONS:
            db.execute(script)
        db.execute("CREATE TABLE warbrief_schema (version INTEGER NOT NULL)")
        db.execute("INSERT INTO warbrief_schema VALUES (%s)", (len(PG_MIGRATIONS),))
        db.execute("INSERT INTO raw_documents (id, content_hash, origin, media_type, fetched_at, content)"
                   " VALUES ('raw1', 'h1', 'o', 'text/plain', '2024-12-28T00:00:00', 'x')")
        db.execute("INSERT INTO articles (raw_seq, id, raw_id, idx, kind, title, text, day) VALUES"
                   " (1, 'art_old1', 'raw1', 0, 'news', 'Shelling', 'The Estlink-2 cable was cut near Porvoo.',"
                   " '2024-12-28'), (1, 'art_old2', 'raw1', 1, 'news', 'Estlink outage', 'Power was cut.',"
                   " '2024-12-28')")
    with pytest.raises(ArchiveError, match="older than"):
        Archive(pg_url)
    upgrade_store(pg_url)
    archive = Archive(pg_url)
    assert [h.article.id for h in archive.search("Estlink").articles] == ["art_old2", "art_old1"]
    assert [h.article.id for h in archive.search('"Estlink 2"').articles] == ["art_old1"]
    assert archive.search("Porvoo", SearchFilters(start=date(2024, 12, 28))).total == 1
    with psycopg.connect(pg_url, autocommit=True) as db:
        db.execute("INSERT INTO articles (raw_seq, id, raw_id, idx, kind, title, text, day) VALUES"
                   " (1, 'art_new', 'raw1', 2, 'news', 'Porvoo', 'Divers reached the anchor.', '2024-12-28')")
    assert [h.article.id for h in archive.search("Porvoo").articles] == ["art_new", "art_old1"]
    with PostgresStore(pg_url) as store:
        assert store.db.execute("SELECT revision FROM warbrief_schema").fetchone()[0] == len(PG_REVISIONS)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_warbrief_serve_serves_a_postgres_store(pg_store: tuple[str, Path]) -> None:
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "warbrief.cli", "serve", "--db", pg_store[0], "--port",
                               str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            assert server.poll() is None, server.communicate()[1]
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/days", timeout=5) as response:
                    days = response.read().decode()
                break
            except OSError:
                assert time.monotonic() < deadline, "warbrief serve did not answer"
                time.sleep(0.5)
        assert DAY1 in days and DAY2 in days
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/search?q=Kursk", timeout=10) as response:
            assert "<mark>Kursk</mark>" in response.read().decode()
    finally:
        server.terminate()
        stderr = server.communicate(timeout=30)[1]
    assert "not supported" not in stderr and "serving postgresql://" in stderr
