"""The web app in-process: the real FastAPI app over a real store built by the pipeline (tests/webstore.py).

What a reader relies on is asserted on content: the day in the seed-000 layout, citations that lead to the
exact source sentence, search with filters and helpful errors, feeds that parse, a JSON API with a schema,
and untrusted text that never becomes markup.
"""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from fastapi.testclient import TestClient

from warbrief.web.app import CSP, create_app
from warbrief.web.archive import Archive, ArchiveError, SearchQueryError, fts_query
from warbrief.web.geometry import outlines, projection

DAY1, DAY2 = "2024-12-28", "2024-12-29"
PAYLOADS = ("<script>window.__xss = 1</script>", "<img src=x onerror=", '<a href="javascript:alert(1)">')


@pytest.fixture(scope="module")
def client(web_store: Path) -> TestClient:
    return TestClient(create_app(web_store))


def _stories(html: str) -> list[str]:
    return list(dict.fromkeys(re.findall(r'href="/story/(story_[0-9a-f]+)"', html)))


def test_home_redirects_to_the_latest_day(client: TestClient) -> None:
    response = client.get("/", follow_redirects=False)
    assert response.status_code == 307
    assert response.headers["location"] == f"/day/{DAY2}"


def test_day_page_has_the_briefing_layout_and_every_citation_leads_to_its_quote(client: TestClient,
                                                                                web_store: Path) -> None:
    html = client.get(f"/day/{DAY1}").text
    for heading in ("Summary of the Day", "Beyond Ukraine", "Ukrainian Operations in the Russian Federation",
                    "Russian War Losses", "Innocent Victims Of War", "Source Material"):
        assert heading in html
    assert "DEATHS: 6 INJURIES: 6" in html
    assert "+1,690" in html and "784,200" in html
    assert f'rel="next" href="/day/{DAY2}"' in html
    links = re.findall(r'href="/article/(art_[0-9a-f]+)\?start=(\d+)&amp;end=(\d+)#quote"', html)
    assert len(links) >= 20
    db = sqlite3.connect(web_store)
    for article_id, start, end in links[:40]:
        (text,) = db.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
        page = client.get(f"/article/{article_id}?start={start}&end={end}").text
        quote = re.search(r'<mark id="quote" class="quote-mark">(.*?)</mark>', page, re.S)
        assert quote is not None
        assert quote.group(1) == escape_html(text[int(start):int(end)])


def escape_html(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


def test_story_page_shows_summary_sources_corroboration_and_timeline(client: TestClient) -> None:
    day1 = client.get(f"/day/{DAY1}").text
    eagle = next(s for s in _stories(day1) if "Eagle S" in client.get(f"/story/{s}").text)
    page = client.get(f"/story/{eagle}").text
    assert "corroborated by" in page
    assert re.search(r'<li id="cite-1" value="1"><a class="source" href="/article/art_', page)
    assert "<h2>Sources</h2>" in page and "<h2>Timeline</h2>" in page
    # The day-2 Kursk story names North Korean troops, Kursk Oblast and Zelensky: its timeline reaches day 1.
    day2 = client.get(f"/day/{DAY2}").text
    kursk = next(s for s in _stories(day2) if "North Korean Troops" in client.get(f"/story/{s}").text)
    timeline = client.get(f"/api/stories/{kursk}").json()["timeline"]
    assert any(s["day"] == DAY1 for s in timeline)


def test_untrusted_text_is_escaped_everywhere(client: TestClient) -> None:
    day2 = client.get(f"/day/{DAY2}")
    pages = [day2.text, client.get("/search?q=onerror").text, client.get("/search?q=governor+OR+Kursk").text]
    kursk = next(s for s in _stories(day2.text) if "North Korean Troops" in client.get(f"/story/{s}").text)
    story = client.get(f"/story/{kursk}").text
    pages.append(story)
    article = re.search(r'href="/article/(art_[0-9a-f]+)"', story).group(1)
    pages.append(client.get(f"/article/{article}").text)
    pages.append(client.get("/feeds/briefing.rss").text)
    assert "&lt;script&gt;window.__xss = 1&lt;/script&gt;" in day2.text
    for html in pages:
        for payload in PAYLOADS:
            assert payload not in html
    assert "onerror=&#34;document.title" in story or "onerror=&quot;document.title" in story
    for response in (day2, client.get("/search?q=drones"), client.get("/api/days")):
        assert response.headers["content-security-policy"] == CSP
        assert "script-src" not in CSP and "default-src 'none'" in CSP
        assert response.headers["x-content-type-options"] == "nosniff"


def test_search_ranks_highlights_and_filters(client: TestClient) -> None:
    html = client.get("/search", params={"q": "Eagle S"}).text
    assert "<mark>Eagle</mark>" in html and "<mark>S</mark>" in html
    api = client.get("/api/search", params={"q": "drones"}).json()
    assert api["total"] >= 2 and api["articles"]
    assert all("\x02" in hit["snippet"] for hit in api["articles"])
    only_day2 = client.get("/api/search", params={"q": "Kursk", "from": DAY2}).json()
    assert only_day2["total"] >= 1 and {h["article"]["day"] for h in only_day2["articles"]} == {DAY2}
    in_place = client.get("/api/search", params={"q": "soldiers", "place": "Kursk Oblast"}).json()
    assert in_place["total"] >= 1
    nowhere = client.get("/api/search", params={"q": "Kursk", "place": "Lviv"}).json()
    assert nowhere["total"] == 0
    in_section = client.get("/api/search", params={"q": "Eagle", "section": "beyond_ukraine"}).json()
    assert in_section["total"] >= 1
    elsewhere = client.get("/api/search", params={"q": "Eagle", "section": "donetsk_front"}).json()
    assert elsewhere["total"] == 0


@pytest.mark.parametrize("query", ["", "   ", '""', "-:*()", "x" * 400, "\x00"])
def test_bad_queries_get_a_message_never_a_500(client: TestClient, query: str) -> None:
    page = client.get("/search", params={"q": query, "from": DAY1} if query.strip() == "" else {"q": query})
    assert page.status_code in (200, 400)
    api = client.get("/api/search", params={"q": query})
    assert api.status_code == 400
    assert api.json()["detail"]


def test_fts_syntax_is_searched_as_words(client: TestClient) -> None:
    for query in ("NEAR(", "Kursk AND", "title:Kursk", "Kursk*", "^Kursk"):
        response = client.get("/api/search", params={"q": query})
        assert response.status_code == 200, query


def test_fts_query_quotes_every_term() -> None:
    assert fts_query('Eagle S "North Korean" -troops') == '"Eagle" "S" "North Korean" "troops"'
    with pytest.raises(SearchQueryError, match="no letters or digits"):
        fts_query("-:*")


def test_feeds_parse_and_link_back(client: TestClient) -> None:
    rss = ET.fromstring(client.get("/feeds/briefing.rss").content)
    items = rss.findall("./channel/item")
    assert [i.findtext("title") for i in items] == [f"Daily briefing — {DAY2}", f"Daily briefing — {DAY1}"]
    assert items[1].findtext("link").endswith(f"/day/{DAY1}")
    assert "Eagle S" in items[1].findtext("description") or "Kursk" in items[1].findtext("description")
    atom = ET.fromstring(client.get("/feeds/briefing.atom").content)
    assert len(atom.findall("{http://www.w3.org/2005/Atom}entry")) == 2
    feed = client.get("/feeds/briefing.json").json()
    assert feed["version"] == "https://jsonfeed.org/version/1.1" and len(feed["items"]) == 2
    section = ET.fromstring(client.get("/feeds/section/beyond_ukraine.rss").content)
    assert any("/story/story_" in (i.findtext("link") or "") for i in section.findall("./channel/item"))
    assert client.get("/feeds/section/nope.rss").status_code == 404
    assert client.get("/feeds/briefing.xml").status_code == 404


def test_json_api_and_its_schema(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    for path in ("/api/days", "/api/days/{day}", "/api/stories/{story_id}", "/api/articles/{article_id}",
                 "/api/search"):
        assert path in schema["paths"]
    days = client.get("/api/days").json()
    assert [d["day"] for d in days] == [DAY2, DAY1]
    document = client.get(f"/api/days/{DAY1}").json()
    assert document["date"] == DAY1 and document["losses"]["personnel"] == {"today": 1690, "total": 784200}
    stories = client.get(f"/api/days/{DAY1}/stories").json()
    assert stories and stories[0]["importance"] >= stories[-1]["importance"]
    story = client.get(f"/api/stories/{stories[0]['id']}").json()
    assert story["summary"] and story["articles"]
    cited = story["summary"][0]["citations"][0]
    article = client.get(f"/api/articles/{cited['article_id']}").json()
    assert article["text"][cited["start"]:cited["end"]] == cited["quote"]
    assert client.get("/api/days/2099-01-01").status_code == 404
    assert client.get("/api/days/tomorrow").status_code == 400
    # The CLI's spelling only: fromisoformat would also take these.
    for compact in ("20241228", "2024-W52-6"):
        refused = client.get(f"/api/days/{compact}")
        assert refused.status_code == 400 and "YYYY-MM-DD" in refused.json()["detail"]
    bad_start = client.get("/topic", params={"q": "Kursk", "from": "2024-13-01"})
    assert bad_start.status_code == 400 and "2024-13-01" in bad_start.text and "YYYY-MM-DD" in bad_start.text
    assert client.get("/api/stories/nope").json() == {"detail": "no story 'nope'"}


def test_losses_page_draws_the_series(client: TestClient) -> None:
    html = client.get("/losses").text
    assert html.count('<rect class="bar"') == 2
    assert "<polyline" in html and "785,780" in html and "+1,580" in html
    assert "<title>2024-12-28: +1,690</title>" in html


def test_map_and_place_pages(client: TestClient) -> None:
    html = client.get(f"/map/{DAY1}").text
    assert '<image href="/oblasts.svg"' in html
    places = re.findall(r'<a href="/place/([^"]+)"><circle cx="([\d.]+)" cy="([\d.]+)"', html)
    assert len(places) >= 5
    assert all(0 <= float(x) <= 1200 and 0 <= float(y) <= 800 for _, x, y in places if not _.startswith("region"))
    svg = client.get("/oblasts.svg")
    assert svg.headers["content-type"].startswith("image/svg+xml")
    assert ET.fromstring(svg.content).tag == "{http://www.w3.org/2000/svg}svg"
    place = client.get("/place/UA1402007001")  # Siversk, in the demo's Donetsk front stories
    if place.status_code == 404:
        place = client.get(f"/place/{places[0][0]}")
    assert place.status_code == 200 and "Stories here over time" in place.text and "<circle" in place.text
    assert client.get("/place/nowhere").status_code == 404


def test_projection_puts_cities_inside_their_outlines() -> None:
    boxes = {o.key: o.box for o in outlines()}
    assert len(boxes) == 27
    for key, lat, lon in (("kyivcity", 50.45, 30.52), ("sevastopolcity", 44.60, 33.52)):
        x, y = projection().point(lat, lon)
        x0, y0, x1, y1 = boxes[key]
        assert x0 - 8 <= x <= x1 + 8 and y0 - 8 <= y <= y1 + 8


def test_section_topic_entity_and_archive_pages(client: TestClient) -> None:
    section = client.get("/section/beyond_ukraine").text
    assert "Eagle S" in section and f'href="/day/{DAY1}#beyond_ukraine"' in section
    topic = client.get("/topic", params={"q": "Kursk", "from": DAY1, "to": DAY2}).text
    assert DAY1 in topic and DAY2 in topic and "Read More" in topic
    assert client.get("/topic", params={"q": "Kursk", "from": DAY2, "to": DAY1}).status_code == 400
    entities = client.get("/entities").text
    person = re.search(r'<a href="/entity/([^"]+)">Volodymyr Zelensky</a>', entities) or re.search(
        r'<a href="/entity/(person:[^"]+)">', entities)
    assert person is not None
    page = client.get(f"/entity/{person.group(1)}").text
    assert "<h2>Stories</h2>" in page and "/story/story_" in page
    archive = client.get("/days").text
    assert f'href="/day/{DAY1}"' in archive and "December 2024" in archive
    assert client.get("/section/nope").status_code == 404


def test_the_app_is_read_only(client: TestClient, web_store: Path) -> None:
    before = web_store.stat().st_mtime_ns
    for method in ("post", "put", "delete", "patch"):
        assert getattr(client, method)(f"/day/{DAY1}").status_code == 405
    client.get(f"/day/{DAY1}")
    assert web_store.stat().st_mtime_ns == before
    with pytest.raises(sqlite3.OperationalError, match=r"readonly|read-only|attempt to write"):
        Archive(web_store)._db.execute("DELETE FROM briefings")


def test_unusable_stores_are_refused_with_the_reason(tmp_path: Path) -> None:
    with pytest.raises(ArchiveError, match="no store there"):
        Archive(tmp_path / "missing.db")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(ArchiveError, match="not a warbrief store"):
        Archive(junk)


def test_empty_store_shows_how_to_start(tmp_path: Path) -> None:
    from warbrief.store import Store

    Store(tmp_path / "empty.db").close()
    client = TestClient(create_app(tmp_path / "empty.db"))
    page = client.get("/")
    assert page.status_code == 200 and "No briefings yet" in page.text
    assert client.get("/losses").status_code == 200
    assert json.loads(client.get("/feeds/briefing.json").text)["items"] == []


def test_day_pages_are_cached_by_version_and_revalidated_with_etags(client: TestClient) -> None:
    first = client.get(f"/day/{DAY1}")
    etag = first.headers["etag"]
    assert client.get(f"/day/{DAY1}").text == first.text
    again = client.get(f"/day/{DAY1}", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert client.get(f"/day/{DAY2}").headers["etag"] != etag


def test_serve_upgrades_an_older_store_once_then_serves_it_read_only(tmp_path: Path) -> None:
    from warbrief.store.schema import MIGRATIONS, SCHEMA_VERSION
    from warbrief.web.commands import upgrade_store

    db = tmp_path / "old.db"
    with sqlite3.connect(db) as raw:  # the store the previous warbrief wrote
        for script in MIGRATIONS[:-1]:
            raw.executescript(script)
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    with pytest.raises(ArchiveError, match="older than"):
        Archive(db)
    upgrade_store(str(db))
    assert Archive(db).days() == []


ENDLESS = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"


def test_a_query_past_the_time_limit_is_stopped_and_the_next_one_runs(web_store: Path) -> None:
    from warbrief.web.sqlite_reader import SqliteReader

    reader = SqliteReader(web_store, query_timeout=0.05)
    with pytest.raises(sqlite3.OperationalError) as stopped:
        reader.execute(ENDLESS).fetchone()
    assert reader.is_timeout(stopped.value)
    assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] > 0
    unlimited = SqliteReader(web_store, query_timeout=0)
    assert unlimited.execute(ENDLESS.replace("FROM c)", "FROM c LIMIT 300000)")).fetchone()[0] == 300000
    with pytest.raises(ArchiveError, match="query timeout -1"):
        Archive(web_store, query_timeout=-1)


def test_pages_past_the_time_limit_answer_503_with_the_reason(web_store: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from warbrief.web import sqlite_reader

    monkeypatch.setattr(sqlite_reader, "PROGRESS_STEPS", 1)  # look at the clock after every SQLite step
    slow = TestClient(create_app(web_store, query_timeout=1e-9))
    for path in (f"/day/{DAY1}", "/search?q=drones", "/days"):
        response = slow.get(path)
        assert response.status_code == 503, path
        assert "took longer than" in response.text and "--query-timeout" in response.text
    for path in ("/api/search?q=drones", "/feeds/briefing.json"):
        response = slow.get(path)
        assert response.status_code == 503 and "took longer than" in response.json()["detail"], path
    fast = TestClient(create_app(web_store))
    assert [fast.get(p).status_code for p in (f"/day/{DAY1}", "/search?q=drones", "/api/search?q=drones")] == [
        200, 200, 200]
