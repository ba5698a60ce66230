"""``warbrief fetch`` and ``warbrief watch`` for real: loopback server, real store, real models (one cycle)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from fetchserver import FaultServer, Route
from test_fetch_poll import article, rss
from warbrief.cli import app
from warbrief.store import Store

DEMO = Path(__file__).resolve().parent.parent / "examples" / "demo"
DAY = "2024-12-28"


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("WARBRIEF_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.chdir(tmp_path)


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(app, [str(a) for a in args])


def stderr_of(result: Result) -> str:
    try:
        return result.stderr
    except ValueError:  # pragma: no cover - older click mixes the streams
        return result.output


@pytest.fixture()
def server():  # type: ignore[no-untyped-def]
    """The demo corpus served as plain-text pages, plus a robots.txt that keeps one folder private."""
    with FaultServer() as running:
        running.route("/robots.txt", Route(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"))
        for path in sorted(DEMO.glob("*.txt")):
            running.route(f"/demo/{path.name}", Route(path.read_bytes(), content_type="text/plain; charset=utf-8"))
        running.route("/private/x.txt", Route(b"secret", content_type="text/plain"))
        yield running


def sources_file(server: FaultServer, tmp_path: Path) -> Path:
    urls = "".join(f"      - {server.url('/demo/' + p.name)}\n" for p in sorted(DEMO.glob("*.txt")))
    path = tmp_path / "sources.yaml"
    path.write_text(
        "sources:\n"
        "  - name: demo\n    outlet: Demo Digest\n    kind: urls\n    side: osint\n    allow_private: true\n"
        f"    max_entries: 10\n    urls:\n{urls}      - {server.url('/private/x.txt')}\n", "utf-8")
    return path


def test_fetch_stores_archives_and_reports_skips(server: FaultServer, tmp_path: Path) -> None:
    result = run("fetch", "--sources", sources_file(server, tmp_path), "--day", DAY, "--delay", "0",
                 "--contact", "analyst@example.org", "--db", tmp_path / "w.db")
    assert result.exit_code == 0, result.output
    err = stderr_of(result)
    assert "5 new page(s) stored" in err
    assert f"skipped {server.url('/private/x.txt')}: disallowed by robots.txt" in err
    assert "contact: analyst@example.org" in server.hits_for("/demo/000_956a7152114b9b31.txt")[0].headers["user-agent"]
    [warc] = list((tmp_path / "archive").glob("warbrief-*.warc.gz"))
    assert str(warc) in err.replace("\n", "")
    # the archive alone rebuilds the store
    rebuilt = run("ingest", warc, "--db", tmp_path / "rebuilt.db")
    assert rebuilt.exit_code == 0, rebuilt.output
    with Store(str(tmp_path / "w.db")) as live, Store(str(tmp_path / "rebuilt.db")) as again:
        assert {r.id for r in live.raw_documents()} == {r.id for r in again.raw_documents()}
        assert {r.day for r in again.raw_documents()} == {__import__("datetime").date(2024, 12, 28)}


def test_fetch_refuses_a_bad_sources_file_before_fetching(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("- name: x\n  outlet: X\n  kind: feed\n  url: file:///etc/passwd\n", "utf-8")
    result = run("fetch", "--sources", bad, "--db", tmp_path / "w.db")
    assert result.exit_code == 2
    assert "is not an http(s) URL" in stderr_of(result) and not (tmp_path / "archive").exists()


def test_watch_rejects_a_bad_interval(tmp_path: Path) -> None:
    result = run("watch", "--every", "soon", "--db", tmp_path / "w.db")
    assert result.exit_code == 2 and "not an interval" in stderr_of(result)


def test_one_watch_cycle_fetches_ingests_and_publishes_the_briefing(server: FaultServer, tmp_path: Path) -> None:
    """A tiny feed of three short articles keeps the one real model run small."""
    for n, city in enumerate(["Kharkiv", "Odesa", "Dnipro"], start=1):
        server.route(f"/news/{n}", Route(article(f"Attack on {city}", city)))
    server.route("/feed", Route(rss(*[(f"Attack {n}", f"/news/{n}") for n in (1, 2, 3)]),
                                content_type="application/rss+xml"))
    path = tmp_path / "feed.yaml"
    path.write_text(f"- {{name: news, outlet: Test News, kind: feed, side: western, allow_private: true, "
                    f"url: '{server.url('/feed')}'}}\n", "utf-8")
    result = run("watch", "--every", "1s", "--cycles", "1", "--date", DAY, "--delay", "0", "--format", "json",
                 "--sources", path, "--db", tmp_path / "w.db", "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    err = stderr_of(result)
    assert "cycle 1 (2024-12-28): 3 new page(s), 3 new article(s)" in err and "briefing rebuilt" in err
    assert "new: Attack 2" in err  # the title the feed gives
    assert (tmp_path / "out" / f"briefing-{DAY}.json").is_file()
    assert f"json: {tmp_path / 'out'}" in result.stdout
