"""Time the whole warbrief pipeline on one day of about 1,000 real news pages.

Why: the project's goal is a briefing from 1,000 pages in at most 60 s within 2 GB on a CPU-only
machine. Unit tests run on a handful of documents and say nothing about that; this script builds a
realistic day, runs every stage through the public ``Pipeline`` API on a fresh store, and prints
seconds per stage, pages per second and the process's peak resident memory, so a regression or the
stage worth optimising is visible at a glance.

The day is made of the 181 real pages of the article-extraction-benchmark (``../shared/bench``),
reused until ``--pages`` is reached, plus the five seed files of ``examples/demo``. Each copy gets a new
URL, so ingest stores it (its content hash differs), but by default the copies keep identical bodies:
they are near-duplicates and group into one story each, as syndicated wire copy would. ``--distinct``
rebuilds every copy's main text from a random half of its own paragraphs, a random half of another
page's paragraphs and one unique paragraph, shuffled, so that neither the MinHash near-duplicate test
(word 5-gram Jaccard >= 0.6) nor the embedding clustering sees two copies as the same article.
(Merely shuffling paragraphs or adding one paragraph keeps the 5-gram Jaccard near 1.)

Peak memory is the RSS high-water mark from ``resource.getrusage``; tracemalloc is not used because
it misses torch's native allocations and slows Python allocation down.

Usage, from the repository root:
    .venv/bin/python bench/pipeline.py                  # 1,000 pages, syndicated copies
    .venv/bin/python bench/pipeline.py --distinct       # 1,000 distinct articles
    .venv/bin/python bench/pipeline.py --pages 200 --keep /tmp/bench-day
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import platform
import random
import resource
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "bench" / "article-extraction-benchmark"
SEEDS = REPO / "examples" / "demo"
DAY = date(2024, 12, 28)
# ingest refuses files over Settings.max_bytes (20 MB by default), so the records go in several files.
JSONL_FILE_BYTES = 8 * 1024 * 1024
T = TypeVar("T")


# -- building the day ----------------------------------------------------------------------------------


@dataclass(slots=True)
class SourcePage:
    id: str
    html: str
    paragraphs: list[str]  # the ground-truth article body, one entry per paragraph


def load_pages(folder: Path) -> list[SourcePage]:
    """The benchmark's pages, decoded the way warbrief decodes HTML, in a stable order."""
    from warbrief.extract.decode import DecodeError, decode_bytes

    truth = json.loads((folder / "ground-truth.json").read_text("utf-8"))
    pages = []
    for path in sorted((folder / "html").glob("*.html.gz")):
        page_id = path.name.removesuffix(".html.gz")
        try:
            html, _encoding = decode_bytes(gzip.decompress(path.read_bytes()), markup=True)
        except DecodeError as exc:
            print(f"note: {path.name} left out: {exc}", file=sys.stderr)
            continue
        body = truth.get(page_id, {}).get("articleBody", "")
        pages.append(SourcePage(page_id, html, [p.strip() for p in body.split("\n") if p.strip()]))
    return pages


def _half(items: Sequence[T], rng: random.Random) -> list[T]:
    return rng.sample(list(items), max(1, (len(items) + 1) // 2)) if items else []


def perturb(page: SourcePage, donor: SourcePage, copy: int, rng: random.Random) -> tuple[str, bool]:
    """The page with its main text rebuilt as a distinct article; (html, whether the text block was found).

    The block of ``<p>`` elements holding most text is kept in place (so the extractor still sees a real
    page around it) but its paragraphs are replaced by a shuffled mix of half its own, half the donor's
    ground-truth paragraphs and one paragraph unique to this copy.
    """
    from lxml import html as lxml_html

    unique = (f"Bench copy {copy} adds its own report: observers in sector {copy * 7919 % 10007} counted "
              f"{copy % 97 + 3} vehicles near checkpoint {copy:05d} and logged reference {rng.getrandbits(48):x}.")
    try:
        doc = lxml_html.document_fromstring(page.html)
    except (ValueError, SyntaxError):
        doc = None
    parent = None
    if doc is not None:
        scores: Counter[object] = Counter()
        for p in doc.iter("p"):
            parent_el = p.getparent()
            if parent_el is not None:
                scores[parent_el] += len(p.text_content().strip())
        if scores:
            parent = scores.most_common(1)[0][0]
    own = list(parent.iterchildren("p")) if parent is not None else []
    if doc is None or parent is None or not own:
        # No paragraph block: put the mixed text in front of the page body as plain paragraphs.
        texts = _half(page.paragraphs, rng) + _half(donor.paragraphs, rng) + [unique]
        rng.shuffle(texts)
        block = "".join(f"<p>{_escape(t)}</p>" for t in texts)
        return page.html.replace("<body", f"<body><article>{block}</article><div hidden", 1), False
    kept = _half(own, rng)
    for p in own:
        if p not in kept:
            parent.remove(p)
    index = parent.index(kept[0])
    for p in kept:
        parent.remove(p)
    new = [*kept]
    for text in [*_half(donor.paragraphs, rng), unique]:
        element = lxml_html.Element("p")
        element.text = text
        new.append(element)
    rng.shuffle(new)
    for offset, element in enumerate(new):
        element.tail = "\n"
        parent.insert(index + offset, element)
    return lxml_html.tostring(doc, encoding="unicode", doctype="<!DOCTYPE html>"), True


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def build_day(out: Path, pages: Sequence[SourcePage], count: int, distinct: bool) -> dict[str, int]:
    """Write ``count`` input documents under ``out``: the seed files, then JSONL records of copied pages."""
    out.mkdir(parents=True, exist_ok=True)
    seeds = sorted(SEEDS.glob("*.txt"))[:count]
    for seed in seeds:
        shutil.copy2(seed, out / seed.name)
    records = count - len(seeds)
    blocks_found = 0
    files: list[list[str]] = [[]]
    size = 0
    for n in range(records):
        page = pages[n % len(pages)]
        copy = n // len(pages)
        html = page.html
        if distinct:
            rng = random.Random(n)
            donor = pages[(n % len(pages) + 1 + rng.randrange(len(pages) - 1)) % len(pages)]
            html, found = perturb(page, donor, n, rng)
            blocks_found += found
        record = {"url": f"https://example-{n}.test/{page.id[:16]}/copy-{copy}", "title": None,
                  "date": DAY.isoformat(), "html": html}
        line = json.dumps(record, ensure_ascii=False) + "\n"
        if files[-1] and size + len(line.encode("utf-8")) > JSONL_FILE_BYTES:
            files.append([])
            size = 0
        files[-1].append(line)
        size += len(line.encode("utf-8"))
    for number, lines in enumerate(f for f in files if f):
        (out / f"pages-{number:03d}.jsonl").write_text("".join(lines), encoding="utf-8")
    return {"seeds": len(seeds), "records": records, "blocks_found": blocks_found, "files": len(files)}


# -- timing --------------------------------------------------------------------------------------------


def peak_rss_mb() -> float:
    """RSS high-water mark of this process (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


@dataclass(slots=True)
class Row:
    stage: str
    seconds: float
    cpu: float  # CPU seconds of the whole process (all threads): robust to other load on the machine
    peak_mb: float
    note: str = ""
    counted: bool = True  # part of the total (sub-rows are not)


@dataclass(slots=True)
class Timer:
    rows: list[Row] = field(default_factory=list)

    def run(self, stage: str, work: Callable[[], T], note: str = "") -> T:
        start, cpu = time.perf_counter(), time.process_time()
        result = work()
        self.rows.append(Row(stage, time.perf_counter() - start, time.process_time() - cpu, peak_rss_mb(), note))
        return result

    def sub(self, stage: str, seconds: float, cpu: float, note: str = "") -> None:
        self.rows.append(Row(stage, seconds, cpu, peak_rss_mb(), note, counted=False))


@dataclass(slots=True)
class Marks:
    """Timestamps of progress events, to split a timed call into its inner stages."""

    start: tuple[float, float] = field(default_factory=lambda: (time.perf_counter(), time.process_time()))
    last: dict[str, tuple[float, float]] = field(default_factory=dict)
    first: dict[str, tuple[float, float]] = field(default_factory=dict)

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        now = (time.perf_counter(), time.process_time())
        self.first.setdefault(stage, now)
        self.last[stage] = now


def print_table(rows: Sequence[Row], pages: int) -> None:
    width = max(len(r.stage) for r in rows) + 2
    print(f"{'stage':<{width}} {'seconds':>9} {'CPU s':>8} {'pages/s':>9} {'peak RSS MB':>12}  note")
    print("-" * (width + 55))
    for r in rows:
        rate = f"{pages / r.seconds:9.1f}" if r.seconds > 0 else f"{'-':>9}"
        print(f"{r.stage:<{width}} {r.seconds:9.2f} {r.cpu:8.1f} {rate} {r.peak_mb:12.0f}  {r.note}")
    print("-" * (width + 55))
    for label, chosen in (("total (stages)", [r for r in rows if r.counted and r.stage != "model load"]),
                          ("total (+ model load)", [r for r in rows if r.counted])):
        seconds, cpu = sum(r.seconds for r in chosen), sum(r.cpu for r in chosen)
        print(f"{label:<{width}} {seconds:9.2f} {cpu:8.1f} {pages / seconds:9.1f}")


def _split(timer: Timer, marks: Marks, at: tuple[float, float] | None, before: str, after: str,
           note: str = "") -> None:
    """Split the last timed stage in two at a progress event (wall and CPU seconds)."""
    if at is None:
        return
    whole = timer.rows[-1]
    wall, cpu = at[0] - marks.start[0], at[1] - marks.start[1]
    timer.sub(before, wall, cpu, note)
    timer.sub(after, whole.seconds - wall, whole.cpu - cpu)


# -- main ----------------------------------------------------------------------------------------------


def run(args: argparse.Namespace, work: Path) -> int:
    from warbrief.config import Settings
    from warbrief.models import load_embedder
    from warbrief.pipeline import Pipeline
    from warbrief.publish import briefing_to_dict, write_briefing

    timer = Timer()
    start = time.perf_counter()
    pages = load_pages(DATA)
    info = build_day(work / "input", pages, args.pages, args.distinct)
    build_seconds = time.perf_counter() - start
    mode = "distinct" if args.distinct else "syndicated copies"
    print(f"day {DAY}: {args.pages} pages ({info['seeds']} seed files + {info['records']} JSONL records "
          f"in {info['files']} files, from {len(pages)} benchmark pages), mode: {mode}; built in {build_seconds:.1f} s"
          + (f"; text block found in {info['blocks_found']}/{info['records']}" if args.distinct else ""))
    print(f"python {platform.python_version()}, {platform.machine()}, work folder {work}", flush=True)

    timer.run("model load", load_embedder, "load_embedder(), outside the page stages")
    with Pipeline.open(Settings(db=str(work / "bench.db"))) as pipeline:
        marks = Marks()
        report = timer.run("ingest+extract", lambda: pipeline.ingest([work / "input"], day=DAY, progress=marks),
                           "pipeline.ingest")
        _split(timer, marks, marks.last.get("ingest"), "  ingest (read+store)", "  extract")
        spent = [0.0, 0.0]  # wall and CPU seconds of the article embedding understand does per batch
        embed_articles = pipeline.article_vectors

        def timed_article_vectors(articles: Sequence[Any]) -> dict[str, Any]:
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                return embed_articles(articles)
            finally:
                spent[0] += time.perf_counter() - wall
                spent[1] += time.process_time() - cpu

        pipeline.article_vectors = timed_article_vectors  # type: ignore[method-assign]
        understood = timer.run("understand", lambda: pipeline.understand_pending(DAY), "pipeline.understand_pending")
        pipeline.article_vectors = embed_articles  # type: ignore[method-assign]
        whole = timer.rows[-1]
        timer.sub("  sentences, facts, places, entities", whole.seconds - spent[0], whole.cpu - spent[1])
        timer.sub("  embed articles", spent[0], spent[1], "pipeline.article_vectors, per understood batch")
        marks = Marks()
        stories = timer.run("group", lambda: pipeline.group(DAY, progress=marks), "pipeline.group")
        _split(timer, marks, marks.first.get("group"), "  vectors (read; any missing embedded)",
               "  dedup+cluster+sections", "pipeline.article_vectors")
        briefing = timer.run("write+verify", lambda: pipeline.write(DAY, stories), "pipeline.write")
        out = work / "out"

        def publish() -> dict[str, Path]:
            pipeline.store.save_briefing(DAY, briefing_to_dict(briefing))
            return write_briefing(briefing, out)

        written = timer.run("publish", publish, "save_briefing + write_briefing (html, md, json)")
        articles = len(pipeline.store.articles(day=DAY))

    print()
    print_table(timer.rows, args.pages)
    items = sum(len(section.items) for section in briefing.sections)
    sentences = sum(len(item.sentences) for section in briefing.sections for item in section.items)
    multi = sum(1 for s in stories if len(s.article_ids) > 1)
    print()
    print(f"peak RSS: {peak_rss_mb():.0f} MB")
    print(f"raw documents stored: {report.added} (duplicates {report.duplicates}, skipped {len(report.skipped)})")
    print(f"articles: {articles} (extracted {report.articles}, understood {understood})")
    print(f"stories: {len(stories)} ({multi} with more than one article)")
    print(f"briefing items: {items} in {sum(1 for s in briefing.sections if s.items)} sections, {sentences} sentences")
    if report.skipped:
        reasons = Counter(s.reason.split(" (")[0] for s in report.skipped)
        print("skipped: " + "; ".join(f"{n} x {reason}" for reason, n in reasons.most_common(5)))
    print("written: " + ", ".join(str(p) for p in written.values()))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=1000, help="pages in the day, seed files included [1000]")
    parser.add_argument("--distinct", action="store_true",
                        help="rebuild each copy's text so that no two pages are near-duplicates")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="build the input, store and briefing in DIR and keep them (default: a temporary folder)")
    parser.add_argument("--verbose", action="store_true", help="show the pipeline's warnings (skipped pages)")
    args = parser.parse_args(argv)
    if args.pages < 1:
        parser.error("--pages must be at least 1")
    logging.basicConfig(level=logging.WARNING if args.verbose else logging.ERROR, format="%(levelname)s %(message)s")
    if not (DATA / "ground-truth.json").is_file() or not (DATA / "html").is_dir():
        print(f"error: benchmark data not found at {DATA} (expected ground-truth.json and html/ from "
              "article-extraction-benchmark in ../shared/bench relative to the repository)", file=sys.stderr)
        return 2
    if args.keep:
        if args.keep.exists() and any(args.keep.iterdir()):
            print(f"error: --keep {args.keep} exists and is not empty; the benchmark needs a fresh store",
                  file=sys.stderr)
            return 2
        args.keep.mkdir(parents=True, exist_ok=True)
        return run(args, args.keep.resolve())
    with tempfile.TemporaryDirectory(prefix="warbrief-bench-") as tmp:
        return run(args, Path(tmp))


if __name__ == "__main__":
    sys.exit(main())
