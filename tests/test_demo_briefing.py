"""End to end: the bundled demo corpus through the real CLI, store and models to the day's briefing.

These are the acceptance checks of the foundation issue: the losses table and civilian count, the stories
in the sections a war analyst would put them in, facts reported twice said once, and every citation's
quote verbatim in the stored article. Every check runs twice (issue #9): on the embedded default (SQLite, in
process) and on a real Dask LocalCluster of two worker processes with a real PostgreSQL server as the store.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import jsonschema
import pytest

import pgserver
from pgserver import PgServer
from warbrief.store import open_store as Store  # the checks below read either backend
from warbrief.taxonomy import load_taxonomy
from warbrief.write.attribution import unframed
from warbrief.write.cleanup import is_deletion_of

DEMO = Path(__file__).parent.parent / "examples" / "demo"
pg_server = pgserver.pg_server  # the fixture this module uses
DAY = date(2024, 12, 28)
SCHEMA = Path(__file__).parent.parent / "src" / "warbrief" / "data" / "briefing.schema.json"


def _warbrief(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "warbrief.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=600
    )


def _build_demo(work: Path, db: str, *cluster: str) -> dict[str, object]:
    """The demo through the CLI into ``db``; ``cluster`` is ("--scheduler", ADDRESS) for the Dask path."""
    ingest = _warbrief("ingest", str(DEMO), "--day", DAY.isoformat(), "--db", db, *cluster, cwd=work)
    assert ingest.returncode == 0, ingest.stderr
    brief = _warbrief("brief", "--date", DAY.isoformat(), "--out", str(work / "out"), "--db", db, *cluster, cwd=work)
    assert brief.returncode == 0, brief.stderr
    paths = dict(line.split(": ", 1) for line in brief.stdout.strip().splitlines())
    briefing = json.loads(Path(paths["json"]).read_text("utf-8"))
    return {"work": work, "db": db, "paths": paths, "briefing": briefing, "ingest": ingest, "brief": brief}


@pytest.fixture(scope="module")
def sqlite_demo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    work = tmp_path_factory.mktemp("demo")
    return _build_demo(work, str(work / "warbrief.db"))


@pytest.fixture(scope="module")
def cluster_demo(tmp_path_factory: pytest.TempPathFactory, pg_server: PgServer) -> Iterator[dict[str, object]]:
    from distributed import LocalCluster

    work = tmp_path_factory.mktemp("demo-cluster")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        yield _build_demo(work, pg_server.new_database(), "--scheduler", cluster.scheduler_address)


@pytest.fixture(scope="module", params=["sqlite", "cluster"], ids=["sqlite", "dask+postgres"])
def demo(request: pytest.FixtureRequest) -> dict[str, object]:
    return request.getfixturevalue(f"{request.param}_demo")


def test_the_cluster_and_the_embedded_paths_give_the_same_briefing(
    sqlite_demo: dict, cluster_demo: dict
) -> None:
    cluster, embedded = dict(cluster_demo["briefing"]), dict(sqlite_demo["briefing"])
    cluster.pop("generated_at"), embedded.pop("generated_at")
    assert cluster == embedded

    def untimed(demo: dict, kind: str) -> str:
        return re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d)?[+-]\d\d:\d\d", "TIME",
                      Path(demo["paths"][kind]).read_text("utf-8"))

    for kind in ("md", "html"):
        assert untimed(cluster_demo, kind) == untimed(sqlite_demo, kind)


def _items(briefing: dict, include_summary: bool = True) -> list[tuple[str, dict]]:
    return [
        (section["id"], item)
        for section in briefing["sections"]
        for item in section["items"]
        if include_summary or section["id"] != "summary"
    ]


def _section_of(demo: dict, pattern: str) -> set[str]:
    """Sections holding the story whose articles match ``pattern`` (a story may open the Summary too)."""
    with Store(demo["db"]) as store:
        articles = {a.id: a for a in store.articles(day=DAY)}
        wanted = {
            story.id
            for story in store.stories(day=DAY)
            if any(re.search(pattern, articles[a].text) for a in story.article_ids)
        }
    assert wanted, f"no story matches {pattern!r}"
    return {section for section, item in _items(demo["briefing"], include_summary=False) if item["story_id"] in wanted}


def test_the_cli_prints_the_three_briefing_paths(demo: dict) -> None:
    paths = demo["paths"]
    assert set(paths) == {"html", "md", "json"}
    for kind, path in paths.items():
        assert Path(path).name == f"briefing-2024-12-28.{kind}"
        assert Path(path).stat().st_size > 1000


def test_the_json_follows_its_documented_schema(demo: dict) -> None:
    jsonschema.validate(demo["briefing"], json.loads(SCHEMA.read_text("utf-8")))
    assert demo["briefing"]["date"] == "2024-12-28"


def test_losses_table_matches_the_general_staff_figures(demo: dict) -> None:
    losses = demo["briefing"]["losses"]
    assert losses["personnel"] == {"today": 1690, "total": 784200}
    assert losses["tanks"] == {"today": 7, "total": 9651}
    assert losses["artillery"] == {"today": 29, "total": 21408}
    assert losses["armored_vehicles"] == {"today": 19, "total": 19970}
    assert losses["aircraft"]["total"] == 369
    assert losses["helicopters"]["total"] == 329
    assert losses["ships"]["total"] == 28
    assert "Troops +1690" in demo["briefing"]["losses_citations"][0]["quote"]


def test_civilian_casualties_of_the_day(demo: dict) -> None:
    casualties = demo["briefing"]["civilian_casualties"]
    assert (casualties["killed"], casualties["injured"]) == (6, 6)
    assert "DEATHS: 6 INJURIES: 6" in casualties["citations"][0]["quote"]


def test_stories_land_in_the_sections_an_analyst_would_choose(demo: dict) -> None:
    assert _section_of(demo, r"North Korean casualties") == {"operations_in_russia"}
    assert _section_of(demo, r"Eagle S") == {"beyond_ukraine"}
    assert _section_of(demo, r"Azerbaijan Airlines passenger aircraft crashed") == {"beyond_ukraine"}
    assert _section_of(demo, r"Alabuga Special Economic Zone") == {"russia_mobilization"}


def test_the_putin_xi_article_and_its_page_dump_make_one_story_told_once(demo: dict) -> None:
    with Store(demo["db"]) as store:
        articles = {a.id: a for a in store.articles(day=DAY)}
        origins = [
            {Path(articles[a].origin).name[:3] for a in story.article_ids}
            for story in store.stories(day=DAY)
            if any("Putin reportedly assured his Chinese counterpart" in articles[a].text for a in story.article_ids)
        ]
    assert origins == [{"001", "002"}]
    text = " ".join(item["text"] for _, item in _items(demo["briefing"]))
    assert text.count("reportedly assured his Chinese counterpart") == 1
    assert "Related news" not in text and "Founded by visionary" not in text


def test_facts_reported_twice_appear_once(demo: dict) -> None:
    """Sections never repeat each other; the Summary of the Day only restates leads of section stories."""
    sections = [item for _, item in _items(demo["briefing"], include_summary=False)]
    text = " ".join(item["text"] for item in sections)
    assert len(re.findall(r"16 Russian (?:aerial )?drones", text)) == 1
    assert len(re.findall(r"\b95 prisoners", text)) <= 1
    sentences = [s["text"] for item in sections for s in item["sentences"]]
    assert len(sentences) == len(set(sentences)), "a sentence appears twice in the sections"
    summary = demo["briefing"]["sections"][0]
    assert summary["id"] == "summary"
    # One short-enough sentence per distinct story; a restatement of a section story, never a new one.
    printed = {item["story_id"]: [s["text"] for s in item["sentences"]] for item in sections}
    ids = [item["story_id"] for item in summary["items"]]
    assert len(ids) == len(set(ids)) and set(ids) <= printed.keys()
    for item in summary["items"]:
        (sentence,) = item["sentences"]
        assert sentence["text"] in printed[item["story_id"]] or len(sentence["text"].split()) <= 35
    # One event, one paragraph: the digest's second paragraph on the Alabuga drone plant stays in its section.
    assert sum("Alabuga" in item["sentences"][0]["text"] or "Shahed" in item["sentences"][0]["text"]
               for item in summary["items"]) == 1


def test_every_quote_is_verbatim_in_the_stored_article(demo: dict) -> None:
    briefing = demo["briefing"]
    citations = [c for _, item in _items(briefing) for s in item["sentences"] for c in s["citations"]]
    citations += briefing["losses_citations"] + briefing["civilian_casualties"]["citations"]
    assert len(citations) > 50
    with Store(demo["db"]) as store:
        for citation in citations:
            article = store.article(citation["article_id"])
            assert article is not None
            assert article.text[citation["start"] : citation["end"]] == citation["quote"]
    for _, item in _items(briefing):
        for sentence in item["sentences"]:
            assert sentence["citations"], sentence["text"]
            # The written sentence is its first quote with only clean-up deletions (datelines, "Read more"),
            # plus at most the attribution frame and "(unverified)" marker that write/attribution.py adds.
            assert is_deletion_of(unframed(sentence["text"]), sentence["citations"][0]["quote"]), sentence["text"]


def test_sections_follow_the_taxonomy_order_and_summary_comes_first(demo: dict) -> None:
    order = load_taxonomy().ids
    ids = [s["id"] for s in demo["briefing"]["sections"]]
    assert ids == sorted(ids, key=order.index)
    assert ids[0] == "summary" and ids[-1] == "sources"
    summary = demo["briefing"]["sections"][0]["items"]
    assert 1 <= len(summary) <= 5
    assert not [s for s in demo["briefing"]["sections"] if not s["items"] and s["id"] not in
                ("russian_losses", "sources", "donetsk_front", "innocent_victims")]


def test_the_html_is_self_contained_and_links_sentences_to_sources(demo: dict) -> None:
    html = Path(demo["paths"]["html"]).read_text("utf-8")
    assert "Summary of the Day" in html and "Russian War Losses" in html
    assert not re.search(r"""<(?:script|link|img|iframe)\b""", html, re.IGNORECASE)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert html.count('href="#cite-') > 50


def test_markdown_has_the_losses_table(demo: dict) -> None:
    markdown = Path(demo["paths"]["md"]).read_text("utf-8")
    assert markdown.startswith("# Daily briefing")
    assert re.search(r"\|\s*Personnel\s*\|\s*\+1,?690\s*\|\s*784,?200\s*\|", markdown)


def test_sources_list_every_cited_document(demo: dict) -> None:
    sources = demo["briefing"]["sources"]
    origins = {Path(s["origin"]).name[:3] for s in sources if s["origin"]}
    assert {"000", "001", "003", "004"} <= origins
    assert any(s["url"] == "https://understandingwar.org" for s in sources)


def test_briefing_is_stored_and_a_rerun_reuses_the_store(demo: dict) -> None:
    with Store(demo["db"]) as store:
        assert store.briefing(DAY)["date"] == "2024-12-28"
        before = store.counts()
    again = _warbrief("ingest", str(DEMO), "--day", DAY.isoformat(), "--db", demo["db"], cwd=demo["work"])
    assert again.returncode == 0
    assert "0 new document(s), 5 already stored" in again.stderr.replace("\n", " ")
    with Store(demo["db"]) as store:
        assert store.counts() == before


def test_a_digest_paragraph_that_continues_the_previous_one_follows_it(demo: dict) -> None:
    beyond = next(s for s in demo["briefing"]["sections"] if s["id"] == "beyond_ukraine")
    texts = [item["text"] for item in beyond["items"]]
    crash = next(i for i, t in enumerate(texts) if "crashed in Aktau" in t)
    assert "Yadrov may be covering up" in texts[crash + 1]


def test_explain_prints_why_a_story_got_its_section(demo: dict) -> None:
    listing = _warbrief("explain", "--date", DAY.isoformat(), "--db", demo["db"], cwd=demo["work"])
    assert listing.returncode == 0, listing.stderr
    line = next(row for row in listing.stdout.splitlines() if "Alabuga" in row)
    story_id = line.split()[0]
    shown = _warbrief("explain", story_id[:14], "--db", demo["db"], cwd=demo["work"])
    assert shown.returncode == 0, shown.stderr
    assert "section: Russia Mobilization and Defense Industrial Base (russia_mobilization)" in shown.stdout
    assert "digest heading" in shown.stdout and "nearest exemplar" in shown.stdout
    missing = _warbrief("explain", "story_nope", "--db", demo["db"], cwd=demo["work"])
    assert missing.returncode == 1 and "no story with id 'story_nope'" in missing.stderr


def test_topic_pages_collect_stories_by_section_place_and_phrase(demo: dict) -> None:
    def topic(*args: str) -> tuple[str, str]:
        result = _warbrief("topic", *args, "--from", "2024-12-01", "--to", "2024-12-31", "--db", demo["db"],
                           "--out", str(demo["work"] / "topics"), cwd=demo["work"])
        assert result.returncode == 0, result.stderr
        paths = dict(line.split(": ", 1) for line in result.stdout.strip().splitlines())
        return Path(paths["md"]).read_text("utf-8"), Path(paths["html"]).read_text("utf-8")

    markdown, html = topic("Eagle S")
    assert markdown.count("\n## ") == 1 and "Estlink 2" in markdown
    assert "[Read more](briefing-2024-12-28.html#story-story_" in markdown
    story_anchor = re.search(r"#(story-story_\w+)", markdown).group(1)
    briefing_html = Path(demo["paths"]["html"]).read_text("utf-8")
    assert f'id="{story_anchor}"' in briefing_html
    assert not re.search(r"<(?:script|img|iframe|link)\b", html)

    allies, _ = topic("Russia's Allies")
    section = next(s for s in demo["briefing"]["sections"] if s["id"] == "russia_allies")
    assert allies.count("\n## ") >= len(section["items"])

    places, _ = topic("Pokrovsk")
    assert "Novoyeliyzavetivka" in places  # the Pokrovsk direction's story
    assert "Novoeconomichne near Pokrovsk" in places  # a victims story that names the city

    empty, _ = topic("no such thing anywhere")
    assert "No stored story matches" in empty
