"""The ``warbrief`` command, run for real (CliRunner in-process, and the installed entry point once)."""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from warbrief.cli import app
from warbrief.store import Store

DAY = "2024-12-28"
ENGLISH = (
    "Ukrainian air defence forces shot down twenty attack drones over the Kyiv region overnight, the air force "
    "said on Saturday. Officials said debris fell on two residential buildings in the Obolon district, injuring "
    "three people and damaging several cars.\n\n"
    "Meanwhile, European leaders met in Brussels to discuss new sanctions against Moscow and further military "
    "aid to Kyiv. The package includes air defence systems and artillery ammunition, diplomats said.\n"
)
UKRAINIAN = (
    "Сили протиповітряної оборони України вночі збили двадцять ударних дронів над Київською областю, "
    "повідомили у Повітряних силах. За словами місцевої влади, уламки впали на два житлові будинки, троє "
    "людей дістали поранення, пошкоджено автомобілі.\n\n"
    "Тим часом європейські лідери зустрілися в Брюсселі, щоб обговорити нові санкції проти Москви та подальшу "
    "військову допомогу Києву. Пакет включає системи протиповітряної оборони та артилерійські боєприпаси.\n"
)
COMMANDS = ("ingest", "brief", "export", "search", "extract", "explain")


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No settings file or WARBRIEF_* variable from the developer's machine leaks into a test."""
    for name in list(os.environ):
        if name.startswith("WARBRIEF_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.chdir(tmp_path)


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(app, [str(a) for a in args])


def stderr_of(result: Result) -> str:
    """stderr when the runner keeps it apart (click >= 8.2), else the mixed output."""
    try:
        return result.stderr
    except ValueError:  # pragma: no cover - older click with mix_stderr=True
        return result.output


def flat(text: str) -> str:
    """Text with all whitespace removed, so that Rich's line wrapping does not split what we look for."""
    return "".join(text.split())


def assert_consistent(path: Path) -> None:
    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute(
            "SELECT count(*) FROM articles WHERE raw_id NOT IN (SELECT id FROM raw_documents)"
        ).fetchone()[0] == 0
    finally:
        db.close()


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "english.txt").write_text(ENGLISH, encoding="utf-8")
    (folder / "ukrainian.txt").write_bytes(UKRAINIAN.encode("cp1251"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n" + random.Random(1).randbytes(500))
    (folder / "feed.jsonl").write_text(
        json.dumps({"url": "https://example.org/a", "title": "Zhytomyr substation hit",
                    "text": ENGLISH.replace("Obolon district", "Zhytomyr region")}) + "\n{bad json\n",
        encoding="utf-8",
    )
    return folder


@pytest.fixture
def filled_db(tmp_path: Path, inbox: Path) -> Path:
    db = tmp_path / "filled.db"
    result = run("ingest", inbox, "--day", DAY, "--db", db)
    assert result.exit_code == 0, stderr_of(result)
    return db


# --- help -----------------------------------------------------------------------------------------------------


def test_help_lists_every_command() -> None:
    result = run("--help")
    assert result.exit_code == 0
    for command in COMMANDS:
        assert command in result.stdout


def test_no_arguments_shows_help() -> None:
    result = run()
    assert result.exit_code in (0, 2)
    assert "ingest" in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_help_has_an_example(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.stdout
    assert f"warbrief {command}" in result.stdout


def test_the_installed_entry_point_runs() -> None:
    exe = Path(sys.executable).with_name("warbrief")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "warbrief.cli"]
    done = subprocess.run([*command, "--help"], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    for name in COMMANDS:
        assert name in done.stdout


# --- ingest ------------------------------------------------------------------------------------------------------


def test_ingest_stores_documents_and_names_skipped_files_on_stderr(tmp_path: Path, inbox: Path) -> None:
    db = tmp_path / "x.db"
    result = run("ingest", inbox, "--day", DAY, "--db", db)
    assert result.exit_code == 0, stderr_of(result)
    err = flat(stderr_of(result))
    for name, reason in (("empty.txt", "emptyfile"), ("picture.png", "PNGimage"), ("feed.jsonl:2", "notvalidJSON")):
        assert flat(f"skipped {inbox / name}:") in err
        assert reason in err
    assert flat("stored 3 new document(s), 0 already stored") in err
    assert flat("3 skipped") in err
    assert "english.txt" not in err and "ukrainian.txt" not in err
    assert "Traceback" not in result.output
    with Store(db) as store:
        assert store.counts()["raw_documents"] == 3
        texts = "\n".join(a.text for a in store.articles())
        assert store.days() == [date(2024, 12, 28)]
    assert "протиповітряної" in texts
    assert_consistent(db)


def test_ingest_twice_stores_nothing_new(tmp_path: Path, inbox: Path, filled_db: Path) -> None:
    with Store(filled_db) as store:
        before = store.counts()
    result = run("ingest", inbox, "--day", DAY, "--db", filled_db)
    assert result.exit_code == 0
    assert flat("stored 0 new document(s), 3 already stored, 0 article(s) extracted") in flat(stderr_of(result))
    with Store(filled_db) as store:
        assert store.counts() == before


def test_ingest_takes_the_store_from_the_environment(tmp_path: Path, inbox: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "from-env.db"
    monkeypatch.setenv("WARBRIEF_DB", str(db))
    result = run("ingest", inbox / "english.txt", "--day", DAY)
    assert result.exit_code == 0, stderr_of(result)
    assert db.exists()
    assert not (tmp_path / "warbrief.db").exists()


def test_ingest_of_a_missing_path_reports_it(tmp_path: Path) -> None:
    result = run("ingest", tmp_path / "nowhere", "--db", tmp_path / "x.db")
    assert result.exit_code == 0
    assert flat(f"skipped {tmp_path / 'nowhere'}: no such file or folder") in flat(stderr_of(result))


@pytest.mark.parametrize("bad", ["2024-13-01", "28.12.2024", "yesterday"])
def test_a_bad_day_is_a_usage_error(tmp_path: Path, inbox: Path, bad: str) -> None:
    result = run("ingest", inbox, "--day", bad, "--db", tmp_path / "x.db")
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in stderr_of(result)
    assert "Traceback" not in result.output


def test_a_bad_day_does_not_create_a_store(tmp_path: Path, inbox: Path) -> None:
    db = tmp_path / "never.db"
    result = run("ingest", inbox, "--day", "2024-13-01", "--db", db)
    assert result.exit_code == 2
    assert not db.exists()


def test_skip_messages_show_file_names_with_brackets_verbatim(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "draft [bold].txt").write_bytes(b"")
    result = run("ingest", folder, "--db", tmp_path / "x.db")
    assert result.exit_code == 0
    assert flat("draft [bold].txt") in flat(stderr_of(result))


def test_skip_messages_keep_long_paths_on_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    folder = tmp_path / ("a_long_folder_name_" * 4)
    folder.mkdir()
    (folder / "empty_input_file_with_a_long_name.txt").write_bytes(b"")
    result = run("ingest", folder, "--db", tmp_path / "x.db")
    assert result.exit_code == 0
    assert str(folder / "empty_input_file_with_a_long_name.txt") in stderr_of(result)


# --- store errors ------------------------------------------------------------------------------------------------


def test_a_folder_as_store_is_a_clear_error(tmp_path: Path, inbox: Path) -> None:
    result = run("ingest", inbox, "--db", tmp_path)
    assert result.exit_code == 2
    assert "is a folder" in stderr_of(result)
    assert "Traceback" not in result.output


def test_a_non_sqlite_store_file_is_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "photo.db"
    db.write_bytes(random.Random(2).randbytes(4096))
    result = run("search", "drones", "--db", db)
    assert result.exit_code == 2
    assert flat("not a usable warbrief store") in flat(stderr_of(result))
    assert flat(str(db)) in flat(stderr_of(result))


# --- brief --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["2024-02-30", "tomorrow", "28-12-2024", "20241228"])
def test_brief_with_a_bad_date_is_a_usage_error(tmp_path: Path, bad: str) -> None:
    result = run("brief", "--date", bad, "--db", tmp_path / "x.db")
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in stderr_of(result)
    assert not (tmp_path / "x.db").exists()


def test_brief_with_an_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    result = run("brief", "--date", DAY, "--format", "pdf", "--db", tmp_path / "x.db")
    assert result.exit_code == 2
    assert "pdf" in stderr_of(result)


def test_brief_for_a_day_without_articles_exits_1(tmp_path: Path, filled_db: Path) -> None:
    result = run("brief", "--date", "2030-01-01", "--db", filled_db, "--out", tmp_path / "out")
    assert result.exit_code == 1
    err = flat(stderr_of(result))
    assert flat("no articles stored for 2030-01-01") in err
    assert flat(f"days with articles: {DAY}") in err
    assert flat("--day 2030-01-01") in err
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


def test_brief_on_an_empty_store_exits_1(tmp_path: Path) -> None:
    result = run("brief", "--date", "2030-01-01", "--db", tmp_path / "new.db", "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert flat("no articles stored for 2030-01-01 (days with articles: none)") in flat(stderr_of(result))


# --- search -------------------------------------------------------------------------------------------------------


def test_search_finds_a_stored_article(filled_db: Path) -> None:
    result = run("search", "Zhytomyr", "--db", filled_db)
    assert result.exit_code == 0, stderr_of(result)
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{DAY}  art_")
    assert "Zhytomyr substation hit" in lines[0]
    assert "[Zhytomyr]" in lines[1]


def test_search_in_cyrillic(filled_db: Path) -> None:
    result = run("search", "Брюсселі", "--db", filled_db)
    assert result.exit_code == 0
    assert "[Брюсселі]" in result.stdout


def test_search_without_matches_says_so(filled_db: Path) -> None:
    result = run("search", "Mariupol", "--db", filled_db)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "no matches" in stderr_of(result)


@pytest.mark.parametrize("query", ['"unbalanced', "AND", "Kyiv-based", "foo AND", ""])
def test_search_with_a_malformed_query_exits_2_with_advice(filled_db: Path, query: str) -> None:
    result = run("search", query, "--db", filled_db)
    assert result.exit_code == 2
    err = flat(stderr_of(result))
    assert "error:cannotsearchfor" in err
    assert flat("Put phrases in double quotes") in err
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)


def test_search_with_brackets_in_the_query_exits_2(filled_db: Path) -> None:
    result = run("search", "[/x]", "--db", filled_db)
    assert result.exit_code == 2
    assert "[/x]" in stderr_of(result)


def test_search_limit_is_validated(filled_db: Path) -> None:
    result = run("search", "Kyiv", "--limit", "0", "--db", filled_db)
    assert result.exit_code == 2
    one = run("search", "Kyiv", "--limit", "1", "--db", filled_db)
    assert one.exit_code == 0
    assert len(one.stdout.splitlines()) == 2


# --- export ---------------------------------------------------------------------------------------------------------


def test_export_articles_writes_jsonl(tmp_path: Path, filled_db: Path) -> None:
    out = tmp_path / "export"
    result = run("export", "--articles", "--out", out, "--db", filled_db)
    assert result.exit_code == 0, stderr_of(result)
    path = out / "articles.jsonl"
    assert result.stdout.strip() == f"jsonl: {path}"
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    with Store(filled_db) as store:
        stored = store.articles()
    assert [r["id"] for r in records] == [a.id for a in stored]
    assert len(records) >= 3
    for record in records:
        assert set(record) >= {"id", "title", "outlet", "url", "published", "day", "language", "kind", "origin",
                               "text"}
        assert record["day"] == DAY
        assert record["text"]
    assert any("протиповітряної" in r["text"] for r in records)
    assert "протиповітряної" in path.read_text(encoding="utf-8")  # not \u-escaped
    feed = [r for r in records if r["url"] == "https://example.org/a"]
    assert feed and feed[0]["title"] == "Zhytomyr substation hit"


def test_export_articles_for_one_day(tmp_path: Path, filled_db: Path) -> None:
    out = tmp_path / "export"
    result = run("export", "--articles", "--date", DAY, "--out", out, "--db", filled_db)
    assert result.exit_code == 0
    assert (out / f"articles-{DAY}.jsonl").read_text(encoding="utf-8").count("\n") >= 3
    other = run("export", "--articles", "--date", "2030-01-01", "--out", out, "--db", filled_db)
    assert other.exit_code == 0
    assert (out / "articles-2030-01-01.jsonl").read_text(encoding="utf-8") == ""


def test_export_without_briefings_exits_1(tmp_path: Path, filled_db: Path) -> None:
    result = run("export", "--out", tmp_path / "export", "--db", filled_db)
    assert result.exit_code == 1
    assert flat("no briefing stored yet") in flat(stderr_of(result))
    missing_day = run("export", "--date", "2030-01-01", "--out", tmp_path / "export", "--db", filled_db)
    assert missing_day.exit_code == 1
    assert flat("no briefing stored for 2030-01-01") in flat(stderr_of(missing_day))


def test_export_with_a_bad_date_is_a_usage_error(tmp_path: Path) -> None:
    result = run("export", "--articles", "--date", "12/28/2024", "--db", tmp_path / "x.db")
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in stderr_of(result)


def test_extract_prints_one_json_line_per_article_without_a_store(tmp_path: Path) -> None:
    seed = Path(__file__).parent.parent / "examples" / "demo" / "003_cfaf5ce1ad127c39.txt"
    result = run("extract", seed)
    assert result.exit_code == 0, stderr_of(result)
    articles = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(articles) == 9
    assert articles[0]["title"] == "Blaze Continues at Russian Oil Depot Amid Escalating Drone Attacks"
    assert set(articles[0]) == {"title", "outlet", "url", "published", "language", "text"}
    assert "Continue Reading" not in "".join(a["text"] for a in articles)
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Strike on depot</title><meta property='og:site_name' content='Example News'>"
        "<meta name='article:published_time' content='2024-12-28'></head><body><nav>Home | World</nav>"
        "<article><h1>Strike on depot</h1>" + "<p>Ukrainian drones struck an oil depot in the Rostov region overnight,"
        " the regional governor said, and firefighters were still at work in the morning.</p>" * 3
        + "</article><footer>© Example News</footer></body></html>",
        "utf-8",
    )
    (found,) = [json.loads(line) for line in run("extract", page).stdout.splitlines()]
    assert "oil depot in the Rostov region" in found["text"] and "Home | World" not in found["text"]
    assert found["outlet"] == "Example News"


def test_extract_names_the_file_it_cannot_read(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", "utf-8")
    result = run("extract", empty)
    assert result.exit_code == 1
    assert "empty.txt" in flat(stderr_of(result)) and "empty" in stderr_of(result)
