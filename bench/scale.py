"""Measure how the per-document stages scale on a Dask cluster with a PostgreSQL store (issue #9).

Why: a cluster only pays if the per-document stages (extract, understand with the article embeddings) speed up
with workers while what stays serial (reading the input, grouping and writing a day) stays small. This script
builds a day of distinct pages (bench/pipeline.py's builder over ../shared/bench), starts a throwaway PostgreSQL
server (tests/pgserver.py), and for each worker count runs on a fresh database: ingest on the client (serial),
then extract and understand as Dask tasks on a LocalCluster of that many single-threaded worker processes
(models loaded once per worker before timing), then group + write of the day on the client (serial).

It prints pages/s of the per-document stages per worker count and the speed-up, the per-page cost of each
step in worker-seconds (from the batches' own timings), and the serial steps. The machine's load average is
printed too: on a shared machine other processes take CPU and the numbers move with them.

Usage, from the repository root:
    .venv/bin/python bench/scale.py                    # 300 pages, 1 and 2 workers
    .venv/bin/python bench/scale.py --pages 600 --workers 1 2
"""

from __future__ import annotations

import argparse
import importlib.util
import logging
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))  # pgserver: the tests' throwaway PostgreSQL


def _bench_pipeline():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bench_pipeline", REPO / "bench" / "pipeline.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_pipeline"] = module
    spec.loader.exec_module(module)
    return module


@dataclass(slots=True)
class Run:
    workers: int
    pages: int
    articles: int = 0
    cluster_start: float = 0.0
    ingest: float = 0.0
    extract: float = 0.0
    understand: float = 0.0
    brief: float = 0.0
    worker_seconds: dict[str, float] = field(default_factory=dict)

    @property
    def per_document(self) -> float:
        return self.extract + self.understand

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.per_document


def run_once(db: str, folder: Path, workers: int, pages: int) -> Run:
    from distributed import Client, LocalCluster

    from warbrief.config import Settings
    from warbrief.pipeline import Pipeline
    from warbrief.scale.runner import DaskRunner
    from warbrief.scale.worker import StageJob

    bench = _bench_pipeline()
    run = Run(workers, pages)
    settings = Settings(db=db)
    with Pipeline.open(settings) as pipeline:
        began = time.perf_counter()
        # Ingest only (store the bytes); extraction is timed below, on the cluster.
        from warbrief.ingest.files import Skipped, read_paths

        for item in read_paths([folder], day=bench.DAY):
            if not isinstance(item, Skipped):
                pipeline.store.add_raw(item)
        run.ingest = time.perf_counter() - began
        began = time.perf_counter()
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster, set_as_default=False)
        runner = DaskRunner(client, StageJob(pipeline.store.location, settings), cluster)  # waits for model loading
        run.cluster_start = time.perf_counter() - began
        pipeline.runner = runner
        try:
            began = time.perf_counter()
            extracted = runner.run("extract", pipeline.store.raw_ids(status="new"))
            run.extract = time.perf_counter() - began
            ids = pipeline.store.article_ids(bench.DAY, bench.DAY, understood=False)
            run.articles = len(ids)
            began = time.perf_counter()
            understood = runner.run("understand", ids)
            run.understand = time.perf_counter() - began
            for outcome in extracted + understood:
                for step, seconds in outcome.seconds.items():
                    run.worker_seconds[step] = run.worker_seconds.get(step, 0.0) + seconds
        finally:
            pipeline.runner = None
            runner.close()
        began = time.perf_counter()
        stories = pipeline.group(bench.DAY)
        pipeline.write(bench.DAY, stories)
        run.brief = time.perf_counter() - began
    return run


def print_tables(runs: Sequence[Run], load: tuple[float, float, float]) -> None:
    base = runs[0]
    print(f"\nload average before/after: {load[0]:.2f} / {os.getloadavg()[0]:.2f}  (cores: {os.cpu_count()})")
    print("\n| workers | pages | articles | extract s | understand s | pages/s (per-document stages) | speed-up |"
          " cluster start s |")
    print("|---|---|---|---|---|---|---|---|")
    for run in runs:
        print(f"| {run.workers} | {run.pages} | {run.articles} | {run.extract:.1f} | {run.understand:.1f} |"
              f" {run.pages_per_second:.2f} | {run.pages_per_second / base.pages_per_second:.2f}x |"
              f" {run.cluster_start:.1f} |")
    print("\nper-page cost of each per-document step, in worker-seconds (1-worker run):")
    print("\n| step | ms per page | ms per article |")
    print("|---|---|---|")
    for step, seconds in base.worker_seconds.items():
        print(f"| {step} | {1000 * seconds / base.pages:.1f} | {1000 * seconds / max(1, base.articles):.1f} |")
    print("\nwhat stays serial (the client), per run:")
    print("\n| workers | ingest s (read + hash + store bytes) | group + write of the day s |")
    print("|---|---|---|")
    for run in runs:
        print(f"| {run.workers} | {run.ingest:.1f} | {run.brief:.1f} |")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=300, help="pages in the day, seed files included [300]")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts to run [1 2]")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    bench = _bench_pipeline()
    load = os.getloadavg()
    import pgserver

    server = pgserver.start_server()
    try:
        with tempfile.TemporaryDirectory(prefix="warbrief-scale-") as tmp:
            folder = Path(tmp) / "day"
            sources = bench.load_pages(bench.DATA)
            bench.build_day(folder, sources, args.pages, distinct=True)
            runs = []
            for workers in args.workers:
                runs.append(run_once(server.new_database(), folder, workers, args.pages))
                print(f"{workers} worker(s): {runs[-1].pages_per_second:.2f} pages/s", file=sys.stderr)
            print_tables(runs, load)
    finally:
        pgserver.stop_server(server)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
