"""Ingest over a messy folder, through the real Pipeline and a real store: bad inputs are skipped with a
reason naming them, good ones (in any common Cyrillic encoding) are stored, and nothing is half-written."""

from __future__ import annotations

import gzip
import json
import os
import random
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from warbrief.config import Settings
from warbrief.ingest.files import DEFAULT_MAX_BYTES, RECORD_MEDIA_TYPE, Skipped, read_file
from warbrief.pipeline import IngestReport, Pipeline
from warbrief.records import RawDocument
from warbrief.store import Store
from warbrief.taxonomy import Taxonomy, load_taxonomy

DAY = date(2024, 12, 28)

ENGLISH = (
    "Ukrainian air defence forces shot down twenty attack drones over the Kyiv region overnight, the air force "
    "said on Saturday. Officials in the city said debris fell on two residential buildings in the Obolon "
    "district, injuring three people and damaging several cars.\n\n"
    "Russian forces also shelled the Kharkiv region, where the regional governor reported damage to power lines. "
    "Repair crews restored electricity to most homes by the morning, the regional energy company said.\n\n"
    "Meanwhile, European leaders met in Brussels to discuss new sanctions against Moscow and further military "
    "aid to Kyiv. The package includes air defence systems and artillery ammunition, diplomats said.\n"
)

UKRAINIAN = (
    "Сили протиповітряної оборони України вночі збили двадцять ударних дронів над Київською областю, "
    "повідомили у Повітряних силах. За словами місцевої влади, уламки впали на два житлові будинки, троє "
    "людей дістали поранення, пошкоджено автомобілі.\n\n"
    "Російські війська також обстріляли Харківську область, де голова обласної адміністрації повідомив про "
    "пошкодження ліній електропередачі. Ремонтні бригади відновили електропостачання більшості будинків до "
    "ранку, повідомила обласна енергетична компанія.\n\n"
    "Тим часом європейські лідери зустрілися в Брюсселі, щоб обговорити нові санкції проти Москви та подальшу "
    "військову допомогу Києву. Пакет включає системи протиповітряної оборони та артилерійські боєприпаси.\n"
)

RUSSIAN = (
    "Силы противовоздушной обороны Украины ночью сбили двадцать ударных беспилотников над Киевской областью, "
    "сообщили в Воздушных силах. По словам местных властей, обломки упали на два жилых дома, три человека "
    "получили ранения, повреждены автомобили.\n\n"
    "Российские войска также обстреляли Харьковскую область, где глава областной администрации сообщил о "
    "повреждении линий электропередачи. Ремонтные бригады восстановили электроснабжение большинства домов к "
    "утру, сообщила областная энергетическая компания.\n\n"
    "Тем временем европейские лидеры встретились в Брюсселе, чтобы обсудить новые санкции против Москвы и "
    "дальнейшую военную помощь Киеву. Пакет включает системы противовоздушной обороны и артиллерийские боеприпасы.\n"
)

UKRAINIAN_WORDS = ("протиповітряної", "Київською", "поранення", "Харківську", "електропостачання", "Брюсселі")
RUSSIAN_WORDS = ("противовоздушной", "беспилотников", "Харьковскую", "электроснабжение", "Брюсселе")


def variant(text: str, word: str, replacement: str) -> str:
    """The same news with one word changed, so that each file has distinct bytes (distinct raw documents)."""
    assert word in text
    return text.replace(word, replacement, 1)


# --- helpers ----------------------------------------------------------------------------------------------


def assert_consistent(path: Path) -> None:
    """Never half-written: integrity check passes, foreign keys hold, every article's raw document exists."""
    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert db.execute(
            "SELECT count(*) FROM articles WHERE raw_id NOT IN (SELECT id FROM raw_documents)"
        ).fetchone()[0] == 0
        # Every extracted document has articles, and no document marked empty/failed has any.
        assert db.execute(
            "SELECT count(*) FROM raw_documents r WHERE status = 'extracted'"
            " AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.raw_id = r.id)"
        ).fetchone()[0] == 0
        assert db.execute(
            "SELECT count(*) FROM raw_documents r WHERE status IN ('empty', 'failed')"
            " AND EXISTS (SELECT 1 FROM articles a WHERE a.raw_id = r.id)"
        ).fetchone()[0] == 0
    finally:
        db.close()


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return load_taxonomy()


def open_pipeline(db: Path, taxonomy: Taxonomy) -> Pipeline:
    return Pipeline(Store(db), Settings(db=str(db)), taxonomy)


@pytest.fixture
def db_path(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "warbrief.db"
    yield path
    if path.exists():
        assert_consistent(path)


@pytest.fixture
def pipeline(db_path: Path, taxonomy: Taxonomy) -> Iterator[Pipeline]:
    with open_pipeline(db_path, taxonomy) as opened:
        yield opened


def skip_reasons(report: IngestReport) -> dict[str, str]:
    reasons = {s.origin: s.reason for s in report.skipped}
    assert len(reasons) == len(report.skipped), "a file was reported skipped twice"
    return reasons


# --- the messy folder --------------------------------------------------------------------------------------


@dataclass
class Messy:
    folder: Path
    db: Path
    report: IngestReport
    articles_by_origin: dict[str, list[str]]


BAD_FILES = {
    # name: words that must be in the reason
    "empty.txt": ("empty file",),
    "whitespace.txt": ("empty file",),
    "photo.png": ("not a text document", "PNG image"),
    "photo-renamed.txt": ("not a text document", "PNG image"),
    "blob.txt": ("not a text document", "NUL bytes"),
    "huge.txt": ("MiB", "over the", "limit"),
    "mojibake.txt": ("not readable text",),
    "broken-link.txt": ("cannot read",),
    "bomb.txt.gz": ("decompresses to over the", "limit"),
    "corrupt.txt.gz": ("corrupt gzip data",),
    "records.jsonl:2": ("not valid JSON",),
    "records.jsonl:3": ("no 'text' or 'html'",),
    "records.jsonl:4": ("must be an object",),
    "scripts-only.html": ("no main text",),
    "chrome-only.txt": ("no article text",),
}

GOOD_FILES = {
    "english.txt": ("twenty attack drones", "Obolon"),
    "ukrainian-cp1251.txt": UKRAINIAN_WORDS,
    "russian-cp1251.txt": RUSSIAN_WORDS,
    "russian-koi8r.txt": RUSSIAN_WORDS,
    "ukrainian-koi8u.txt": UKRAINIAN_WORDS,
    "english-utf16.txt": ("forty attack drones",),
    "ukrainian-utf16.txt": UKRAINIAN_WORDS,
    "ukrainian-utf8-bom.txt": UKRAINIAN_WORDS,
    "compressed.txt.gz": ("thirty attack drones",),
    "records.jsonl:1": ("fifty attack drones",),
    "page.html": ("sixty attack drones",),
}


def write_messy_folder(folder: Path) -> None:
    rng = random.Random(20241228)
    folder.mkdir(parents=True)
    # Good documents.
    (folder / "english.txt").write_text(ENGLISH, encoding="utf-8")
    (folder / "ukrainian-cp1251.txt").write_bytes(UKRAINIAN.encode("cp1251"))
    (folder / "russian-cp1251.txt").write_bytes(RUSSIAN.encode("cp1251"))
    (folder / "russian-koi8r.txt").write_bytes(variant(RUSSIAN, "двадцать", "тридцать").encode("koi8_r"))
    (folder / "ukrainian-koi8u.txt").write_bytes(variant(UKRAINIAN, "двадцять", "тридцять").encode("koi8_u"))
    (folder / "english-utf16.txt").write_bytes(variant(ENGLISH, "twenty", "forty").encode("utf-16"))
    (folder / "ukrainian-utf16.txt").write_bytes(variant(UKRAINIAN, "двадцять", "сорок").encode("utf-16"))
    (folder / "ukrainian-utf8-bom.txt").write_bytes(variant(UKRAINIAN, "двадцять", "п'ятдесят").encode("utf-8-sig"))
    (folder / "compressed.txt.gz").write_bytes(gzip.compress(variant(ENGLISH, "twenty", "thirty").encode()))
    paragraphs = "".join(f"<p>{p}</p>" for p in variant(ENGLISH, "twenty", "sixty").split("\n\n"))
    (folder / "page.html").write_text(
        "<!doctype html><html><head><meta charset='utf-8'><title>Drones over Kyiv</title></head><body>"
        f"<nav>Home | World | Sport</nav><article><h1>Drones over Kyiv</h1>{paragraphs}</article>"
        "<footer>© 2024 Example News</footer></body></html>",
        encoding="utf-8",
    )
    records = [
        json.dumps({"url": "https://www.example.org/news/drones", "title": "Fifty drones downed", "date": "2024-12-27",
                    "outlet": "Example News", "text": variant(ENGLISH, "twenty", "fifty")}),
        '{"url": "https://example.org/broken", "text": "unterminated',
        json.dumps({"url": "https://example.org/no-text", "title": "Only a title"}),
        json.dumps(["a list", "not an object"]),
        "",
    ]
    (folder / "records.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    # Bad documents.
    (folder / "empty.txt").write_bytes(b"")
    (folder / "whitespace.txt").write_bytes(b"  \n\t\r\n   \n")
    png = b"\x89PNG\r\n\x1a\n" + rng.randbytes(3000)
    (folder / "photo.png").write_bytes(png)
    (folder / "photo-renamed.txt").write_bytes(png[:8] + rng.randbytes(3000))
    (folder / "blob.txt").write_bytes(b"header\x00" + rng.randbytes(3000))
    with (folder / "huge.txt").open("wb") as handle:  # sparse: the size is checked before reading
        handle.truncate(DEFAULT_MAX_BYTES + 1024 * 1024)
    (folder / "mojibake.txt").write_bytes(bytes(rng.randrange(0x80, 0x100) for _ in range(5000)))
    os.symlink(folder / "does-not-exist.txt", folder / "broken-link.txt")
    (folder / "bomb.txt.gz").write_bytes(gzip.compress(b"\0" * (25 * 1024 * 1024), compresslevel=9))
    (folder / "corrupt.txt.gz").write_bytes(b"\x1f\x8b\x08\x00" + rng.randbytes(600))
    (folder / "scripts-only.html").write_text(
        "<html><head><script>var tracking = 1;</script></head><body><script>render();</script>"
        "<style>body{color:red}</style></body></html>"
    )
    (folder / "chrome-only.txt").write_text("Home\nNews\nSport\nWeather\nLogin\nSubscribe\n")
    # Hidden files and folders are not inputs at all.
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1" + rng.randbytes(100))
    (folder / ".cache").mkdir()
    (folder / ".cache" / "notes.txt").write_text(ENGLISH)


@pytest.fixture(scope="module")
def messy(tmp_path_factory: pytest.TempPathFactory, taxonomy: Taxonomy) -> Messy:
    root = tmp_path_factory.mktemp("messy")
    folder = root / "inbox"
    write_messy_folder(folder)
    db = root / "warbrief.db"
    with open_pipeline(db, taxonomy) as pipeline:
        report = pipeline.ingest([folder], day=DAY)
        by_origin: dict[str, list[str]] = {}
        for a in pipeline.store.articles():
            by_origin.setdefault(a.origin, []).append(a.text)
    assert_consistent(db)
    return Messy(folder, db, report, by_origin)


def origin(messy: Messy, name: str) -> str:
    return str(messy.folder / name)


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_each_bad_input_is_skipped_with_a_reason_naming_it(messy: Messy, name: str) -> None:
    reasons = skip_reasons(messy.report)
    where = origin(messy, name)
    assert where in reasons, f"{name} was not reported as skipped; skipped: {sorted(reasons)}"
    for word in BAD_FILES[name]:
        assert word in reasons[where]
    message = str(Skipped(where, reasons[where]))
    assert message.startswith(f"skipped {where}: ")
    assert where not in messy.articles_by_origin


@pytest.mark.parametrize("name", sorted(GOOD_FILES))
def test_each_good_input_is_stored_and_decoded(messy: Messy, name: str) -> None:
    where = origin(messy, name)
    assert where not in skip_reasons(messy.report)
    texts = messy.articles_by_origin.get(where)
    assert texts, f"no article from {name}; have {sorted(messy.articles_by_origin)}"
    joined = "\n".join(texts)
    for word in GOOD_FILES[name]:
        assert word in joined
    assert "\ufffd" not in joined
    assert "Ð" not in joined and "Ñ" not in joined and "Ã" not in joined  # no UTF-8-as-Latin-1 mojibake


def test_only_the_inputs_listed_are_skipped_and_hidden_files_are_ignored(messy: Messy) -> None:
    assert set(skip_reasons(messy.report)) == {origin(messy, n) for n in BAD_FILES}
    assert set(messy.articles_by_origin) == {origin(messy, n) for n in GOOD_FILES}
    assert not any("/." in o for o in [*messy.articles_by_origin, *skip_reasons(messy.report)])


def test_ingest_report_counts(messy: Messy) -> None:
    report = messy.report
    # Documents stored: the good ones, plus those refused only at extraction (wrong encoding, no text).
    refused_at_extract = {"mojibake.txt", "scripts-only.html", "chrome-only.txt"}
    assert report.added == len(GOOD_FILES) + len(refused_at_extract)
    assert report.duplicates == 0
    assert report.articles == sum(len(t) for t in messy.articles_by_origin.values())
    with Store(messy.db) as store:
        assert store.counts()["raw_documents"] == report.added
        assert store.counts()["articles"] == report.articles
        statuses = {d.origin: store.raw_status(d.id) for d in store.raw_documents()}
        assert list(store.raw_documents(status="new")) == []
    for name in refused_at_extract:
        status, reason = statuses[origin(messy, name)]
        assert status == "empty"
        assert reason == skip_reasons(messy.report)[origin(messy, name)]
    for name in GOOD_FILES:
        assert statuses[origin(messy, name)] == ("extracted", None)


def test_cyrillic_cp1251_text_is_stored_exactly(messy: Messy) -> None:
    for name, original in (("ukrainian-cp1251.txt", UKRAINIAN), ("russian-cp1251.txt", RUSSIAN)):
        stored = "\n\n".join(messy.articles_by_origin[origin(messy, name)])
        assert len(original) > 600
        for paragraph in original.strip().split("\n\n"):
            assert paragraph in stored


def test_utf16_with_bom_is_decoded(messy: Messy) -> None:
    stored = "\n\n".join(messy.articles_by_origin[origin(messy, "ukrainian-utf16.txt")])
    assert "вночі збили сорок ударних дронів" in stored
    assert not stored.startswith("\ufeff")


def test_jsonl_record_metadata_reaches_the_article(messy: Messy) -> None:
    with Store(messy.db) as store:
        (article,) = [a for a in store.articles() if a.origin == origin(messy, "records.jsonl:1")]
        raw = store.raw_document(article.raw_id)
    assert raw is not None and raw.media_type == RECORD_MEDIA_TYPE
    assert article.title == "Fifty drones downed"
    assert article.url == "https://www.example.org/news/drones"
    assert article.outlet == "Example News"
    assert article.published == date(2024, 12, 27)
    assert article.day == DAY  # --day wins over the publication date
    assert article.language == "en"


def test_every_article_belongs_to_the_given_day(messy: Messy) -> None:
    with Store(messy.db) as store:
        assert store.days() == [DAY]
        assert all(d.day == DAY for d in store.raw_documents())


def test_ingesting_the_same_folder_again_adds_nothing(messy: Messy, taxonomy: Taxonomy) -> None:
    with Store(messy.db) as store:
        before = store.counts()
    with open_pipeline(messy.db, taxonomy) as pipeline:
        again = pipeline.ingest([messy.folder], day=DAY)
        assert pipeline.store.counts() == before
    assert again.added == 0
    assert again.articles == 0
    assert again.duplicates == messy.report.added
    # Inputs refused before storage are reported again; those refused at extraction are not re-extracted.
    read_time = {n for n in BAD_FILES if n not in {"mojibake.txt", "scripts-only.html", "chrome-only.txt"}}
    assert set(skip_reasons(again)) == {origin(messy, n) for n in read_time}
    assert_consistent(messy.db)


# --- single inputs -----------------------------------------------------------------------------------------


def test_valid_files_next_to_bad_ones_are_stored(tmp_path: Path, pipeline: Pipeline) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-empty.txt").write_bytes(b"")
    (folder / "b-news.txt").write_text(ENGLISH)
    (folder / "c-binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    report = pipeline.ingest([folder], day=DAY)
    assert report.added == 1 and report.articles >= 1
    assert set(skip_reasons(report)) == {str(folder / "a-empty.txt"), str(folder / "c-binary.txt")}
    assert [a.origin for a in pipeline.store.articles()] == [str(folder / "b-news.txt")] * report.articles


def test_a_missing_path_is_skipped_and_the_run_goes_on(tmp_path: Path, pipeline: Pipeline) -> None:
    good = tmp_path / "news.txt"
    good.write_text(ENGLISH)
    missing = tmp_path / "nope"
    report = pipeline.ingest([missing, good], day=DAY)
    assert skip_reasons(report) == {str(missing): "no such file or folder"}
    assert report.added == 1


def test_the_same_bytes_under_another_name_are_a_duplicate(tmp_path: Path, pipeline: Pipeline) -> None:
    (tmp_path / "a.txt").write_text(ENGLISH)
    (tmp_path / "b.txt").write_text(ENGLISH)
    report = pipeline.ingest([tmp_path / "a.txt", tmp_path / "b.txt"], day=DAY)
    assert (report.added, report.duplicates) == (1, 1)
    assert pipeline.store.counts()["raw_documents"] == 1


def test_jsonl_inside_gzip_is_read_line_by_line(tmp_path: Path, pipeline: Pipeline) -> None:
    lines = [json.dumps({"text": variant(ENGLISH, "twenty", w), "url": f"https://ex.org/{w}"}) for w in ("ten", "nine")]
    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n{oops\n").encode()))
    report = pipeline.ingest([path], day=DAY)
    assert report.added == 2
    assert skip_reasons(report).keys() == {f"{path}:3"}
    assert sorted(a.origin for a in pipeline.store.articles()) == [f"{path}:1", f"{path}:2"]


def test_a_gzip_bomb_is_refused_without_storing_anything(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.gz"
    bomb.write_bytes(gzip.compress(b"\0" * (25 * 1024 * 1024)))
    assert bomb.stat().st_size < 100_000
    (item,) = read_file(bomb)
    assert isinstance(item, Skipped)
    assert item.origin == str(bomb)
    assert "decompresses to over" in item.reason


def test_a_truncated_gzip_file_is_skipped_not_stored_partially(tmp_path: Path, pipeline: Pipeline) -> None:
    whole = gzip.compress((ENGLISH * 5).encode())
    path = tmp_path / "cut.txt.gz"
    path.write_bytes(whole[: len(whole) // 2])
    report = pipeline.ingest([path], day=DAY)
    assert str(path) in skip_reasons(report)
    assert "gzip" in skip_reasons(report)[str(path)]
    assert pipeline.store.counts()["raw_documents"] == 0


def test_a_multi_member_gzip_file_is_read_whole(tmp_path: Path, pipeline: Pipeline) -> None:
    first, second = ENGLISH.split("\n\n", 1)
    path = tmp_path / "joined.txt.gz"  # what `cat a.gz b.gz > joined.gz` produces; gunzip reads both
    path.write_bytes(gzip.compress((first + "\n\n").encode()) + gzip.compress(second.encode()))
    pipeline.ingest([path], day=DAY)
    text = "\n\n".join(a.text for a in pipeline.store.articles())
    assert "Obolon" in text
    assert "Brussels" in text


def test_a_gzip_bomb_split_into_members_is_refused(tmp_path: Path) -> None:
    member = gzip.compress(b"\0" * (12 * 1024 * 1024))
    bomb = tmp_path / "members.txt.gz"
    bomb.write_bytes(member * 2)  # each member is under the limit, together they are over it
    (item,) = read_file(bomb)
    assert isinstance(item, Skipped)
    assert "decompresses to over" in item.reason


def test_read_file_refuses_an_oversized_file_before_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as handle:
        handle.truncate(2048)
    (item,) = read_file(path, max_bytes=1024)
    assert isinstance(item, Skipped) and "over the" in item.reason
    path.write_text("x" * 1024)
    (ok,) = read_file(path, max_bytes=1024)
    assert isinstance(ok, RawDocument)


def test_a_record_with_a_non_string_field_is_skipped(tmp_path: Path, pipeline: Pipeline) -> None:
    path = tmp_path / "r.ndjson"
    path.write_text(json.dumps({"text": ENGLISH, "title": 42}) + "\n")
    report = pipeline.ingest([path], day=DAY)
    assert skip_reasons(report) == {f"{path}:1": "record field 'title' must be a string"}
    assert report.added == 0


# --- crash and resume ---------------------------------------------------------------------------------------


def test_a_raw_document_stored_before_a_crash_is_extracted_on_the_next_run(
    tmp_path: Path, db_path: Path, taxonomy: Taxonomy
) -> None:
    # A run stored the bytes and died before extracting them.
    doc = RawDocument(content=UKRAINIAN.encode("cp1251"), media_type="text/plain", origin="crashed.txt",
                      fetched_at=datetime(2024, 12, 28, 6, tzinfo=UTC), day=DAY)
    with Store(db_path) as store:
        assert store.add_raw(doc)
        assert store.raw_status(doc.id) == ("new", None)
        assert store.counts()["articles"] == 0
    # The next run resumes it, even when ingesting something else.
    other = tmp_path / "other.txt"
    other.write_text(ENGLISH)
    with open_pipeline(db_path, taxonomy) as pipeline:
        report = pipeline.ingest([other], day=DAY)
        assert report.added == 1
        assert pipeline.store.raw_status(doc.id) == ("extracted", None)
        resumed = [a for a in pipeline.store.articles() if a.raw_id == doc.id]
        assert resumed and "Харківську" in resumed[0].text
        assert report.articles == pipeline.store.counts()["articles"]
        # Nothing is left to do.
        assert pipeline.extract_pending() == (0, [])


def test_extract_pending_alone_resumes(db_path: Path, taxonomy: Taxonomy) -> None:
    doc = RawDocument(content=RUSSIAN.encode("koi8_r"), media_type="text/plain", origin="koi8.txt",
                      fetched_at=datetime(2024, 12, 28, tzinfo=UTC), day=DAY)
    with Store(db_path) as store:
        store.add_raw(doc)
    with open_pipeline(db_path, taxonomy) as pipeline:
        count, skipped = pipeline.extract_pending()
        assert count >= 1 and skipped == []
        assert "беспилотников" in "\n".join(a.text for a in pipeline.store.articles())


def test_a_crash_inside_an_extraction_transaction_leaves_no_partial_articles(
    tmp_path: Path, db_path: Path, taxonomy: Taxonomy
) -> None:
    news = tmp_path / "news.txt"
    news.write_text(ENGLISH)
    with open_pipeline(db_path, taxonomy) as pipeline:
        (item,) = read_file(news, day=DAY)
        assert isinstance(item, RawDocument)
        pipeline.store.add_raw(item)
        with pytest.raises(KeyboardInterrupt), pipeline.store.transaction() as db:
            db.execute(
                "INSERT INTO articles (id, raw_id, idx, kind, title, text, day) VALUES (?,?,?,?,?,?,?)",
                ("art_partial", item.id, 0, "article", "Partial", "half an article", DAY.isoformat()),
            )
            db.execute("UPDATE raw_documents SET status = 'extracted' WHERE id = ?", (item.id,))
            raise KeyboardInterrupt  # the user pressed Ctrl-C mid-write
        assert pipeline.store.counts()["articles"] == 0
        assert pipeline.store.raw_status(item.id) == ("new", None)
    assert_consistent(db_path)
    with open_pipeline(db_path, taxonomy) as pipeline:
        report = pipeline.ingest([news], day=DAY)
        assert (report.added, report.duplicates) == (0, 1)
        assert report.articles >= 1
        assert pipeline.store.raw_status(item.id) == ("extracted", None)
        assert pipeline.store.article("art_partial") is None


def test_an_extractor_error_marks_the_document_failed_and_the_run_goes_on(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    # A record whose stored bytes are no longer JSON: extraction fails for it alone.
    bad = RawDocument(content=b"{broken", media_type=RECORD_MEDIA_TYPE, origin="feed.jsonl:9",
                      fetched_at=datetime(2024, 12, 28, tzinfo=UTC), day=DAY)
    pipeline.store.add_raw(bad)
    good = tmp_path / "good.txt"
    good.write_text(ENGLISH)
    report = pipeline.ingest([good], day=DAY)
    assert "feed.jsonl:9" in skip_reasons(report)
    assert "not valid JSON" in skip_reasons(report)["feed.jsonl:9"]
    assert pipeline.store.raw_status(bad.id)[0] == "empty"
    assert report.articles >= 1


def test_progress_is_reported(tmp_path: Path, pipeline: Pipeline) -> None:
    (tmp_path / "a.txt").write_text(ENGLISH)
    (tmp_path / "b.txt").write_bytes(b"")
    calls: list[tuple[str, int, int | None]] = []
    pipeline.ingest([tmp_path / "a.txt", tmp_path / "b.txt"], day=DAY,
                    progress=lambda stage, done, total: calls.append((stage, done, total)))
    assert ("ingest", 2, None) in calls
    assert ("extract", 1, 1) in calls


def test_the_language_of_each_decoded_page_is_identified(messy: Messy) -> None:
    expected = {"ukrainian-cp1251.txt": "uk", "ukrainian-koi8u.txt": "uk", "russian-cp1251.txt": "ru",
                "russian-koi8r.txt": "ru"}
    with Store(messy.db) as store:
        languages = {a.origin: a.language for a in store.articles()}
    for name, language in expected.items():
        assert languages[origin(messy, name)] == language, name


def test_identify_language_refuses_to_guess_on_too_little_text() -> None:
    from warbrief.extract.language import identify_language

    assert identify_language("Die russischen Truppen rückten gestern bei Pokrowsk weiter vor.") == "de"
    assert identify_language("Russian forces advanced near Vremivka and attacked toward Novodarivka.") == "en"
    assert identify_language("ok") is None
    assert identify_language("") is None
