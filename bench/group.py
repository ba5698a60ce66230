"""Time the group stage on one day of about 1,000 articles: embedding, near-duplicates, clustering, sections.

Why: issue #5 asks for a day of 1,000 articles grouped in at most 30 s on this machine. bench/pipeline.py
times every stage once on a fresh store; this script prepares the day once (ingest, extract, understand:
minutes), keeps that store, and then times only ``Pipeline.group`` on copies of it, in two states:
**warm**, the articles' vectors in the store, as the pipeline leaves them (understand embeds each batch it
understands, as articles arrive through the day; the first, untimed grouping also caches the exemplars'), and
**cold**, no article vector stored (a store written before understand embedded, or another runtime's), so
that grouping must embed the whole day itself. Cold minus warm is about what embedding costs, wherever it
runs. A profile of the warm run splits the rest of the stage into its parts.

The day is bench/pipeline.py's: the 181 real pages of the article-extraction benchmark (../shared/bench)
reused up to ``--pages`` plus the demo seeds; ``--distinct`` rebuilds every copy's text so no two pages
are near-duplicates (the hard case for the embedder: every article is a distinct text).

Usage, from the repository root:
    .venv/bin/python bench/group.py --distinct --store /tmp/warbrief-bench-group-distinct.db
    .venv/bin/python bench/group.py --store /tmp/warbrief-bench-group.db        # syndicated copies
"""

from __future__ import annotations

import argparse
import cProfile
import logging
import os
import pstats
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pipeline import DATA, DAY, build_day, load_pages, peak_rss_mb  # bench/pipeline.py

# Functions whose cumulative time the profile reports, as (label, function name, file suffix).
PARTS = (
    ("article embedding (cache lookups included)", "article_vectors", "pipeline.py"),
    ("near-duplicates (MinHash)", "near_duplicate_pairs", "dedup.py"),
    ("clustering", "cluster", "cluster.py"),
    ("section classifier", "classify_story", "sections.py"),
    ("threads (previous days)", "_link_threads", "pipeline.py"),
    ("store reads", "articles", "sqlite.py"),
    ("store: save stories", "save_stories", "sqlite.py"),
)


def prepare(store: Path, pages: int, distinct: bool) -> None:
    from warbrief.config import Settings
    from warbrief.pipeline import Pipeline

    with tempfile.TemporaryDirectory(prefix="warbrief-bench-group-") as tmp:
        info = build_day(Path(tmp) / "input", load_pages(DATA), pages, distinct)
        print(f"preparing {store}: {info['seeds']} seeds + {info['records']} records; ingest, extract, understand "
              "(a few minutes, once)", flush=True)
        start = time.perf_counter()
        with Pipeline.open(Settings(db=str(store))) as pipeline:
            pipeline.ingest([Path(tmp) / "input"], day=DAY)
            pipeline.understand_pending(DAY)
            pipeline.article_vectors(pipeline.store.articles(day=DAY))  # the cache a regrouped day finds
        print(f"prepared in {time.perf_counter() - start:.0f} s", flush=True)


def timed_group(
    store: Path, cold: bool, profile: bool, backend: str
) -> tuple[float, float, int, int, pstats.Stats | None]:
    """Seconds (wall, CPU) of Pipeline.group on a copy of ``store``, stories and distinct embedded texts.

    Cold: no article vector cached (the day grouped for the first time). Warm: the day regrouped, timed after
    a first untimed grouping on the same copy has cached this backend's vectors and the exemplars'."""
    import sqlite3

    from warbrief.config import Settings
    from warbrief.group.stories import article_embedding_text
    from warbrief.pipeline import Pipeline

    with tempfile.TemporaryDirectory(prefix="warbrief-bench-group-run-") as tmp:
        copy = Path(tmp) / "store.db"
        shutil.copy2(store, copy)
        if cold:
            with sqlite3.connect(copy) as db:
                db.execute("DELETE FROM embeddings WHERE owner IN (SELECT id FROM articles)")
                db.execute("DELETE FROM stories")
        with Pipeline.open(Settings(db=str(copy), embedding_backend=backend)) as pipeline:
            articles = pipeline.store.articles(day=DAY)
            texts = len({article_embedding_text(a) for a in articles})
            if not cold:
                pipeline.group(DAY)
            profiler = cProfile.Profile() if profile else None
            wall, cpu = time.perf_counter(), time.process_time()
            if profiler:
                profiler.enable()
            stories = pipeline.group(DAY)
            if profiler:
                profiler.disable()
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return wall, cpu, len(stories), texts, pstats.Stats(profiler) if profiler else None


def part_seconds(stats: pstats.Stats) -> list[tuple[str, float]]:
    found = []
    for label, name, suffix in PARTS:
        total = sum(
            row[3] for (path, _, function), row in stats.stats.items()  # type: ignore[attr-defined]
            if function == name and path.endswith(suffix)
        )
        found.append((label, total))
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000, help="pages in the day, seeds included [1000]")
    parser.add_argument("--distinct", action="store_true", help="no two pages near-duplicates")
    parser.add_argument("--store", type=Path, required=True,
                        help="the prepared day's store; built here first if the file does not exist")
    parser.add_argument("--runs", type=int, default=2, help="timed runs of each kind [2]")
    parser.add_argument("--embedding-backend", action="append", choices=("torch", "onnx", "onnx-int8"),
                        help="embedding runtime(s) to time, in turn [torch]")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    if not (DATA / "ground-truth.json").is_file():
        print(f"error: benchmark data not found at {DATA}", file=sys.stderr)
        return 2
    if not args.store.exists():
        prepare(args.store, args.pages, args.distinct)

    from warbrief.models import load_embedder, set_embedding_backend

    backends = args.embedding_backend or ["torch"]
    for backend in backends:  # model loading and a one-off ONNX export stay out of the timings
        set_embedding_backend(backend)
        load_embedder()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{'run':40} {'wall s':>8} {'CPU s':>8} {'stories':>8} {'texts':>6}")
    profile_stats = None
    for run in range(args.runs):
        for backend in backends:
            for cold in (True, False):
                profile = not cold and run == 0 and backend == backends[0]
                wall, cpu, stories, texts, stats = timed_group(args.store, cold, profile, backend)
                label = f"{backend}, {'cold' if cold else 'warm'} embeddings, run {run + 1}" + \
                    (" (profiled)" if stats else "")
                print(f"{label:40} {wall:8.2f} {cpu:8.2f} {stories:8d} {texts:6d}", flush=True)
                profile_stats = profile_stats or stats
    if profile_stats:
        print("\nwarm run, profiled (cumulative seconds; the profiler adds overhead):")
        for label, seconds in part_seconds(profile_stats):
            print(f"  {label:44} {seconds:7.2f}")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; peak RSS {peak_rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
