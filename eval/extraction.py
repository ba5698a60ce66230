"""HTML main-text extraction quality and speed on the public article-extraction benchmark (issue #3).

Implements the benchmark README's metric exactly: ``\\w+`` Unicode tokens, 4-gram shingles counted as
multisets, TP/FP/FN normalised to sum to 1 per page (long pages weigh no more than short ones), precision
averaged over pages with TP+FP > 0, recall over pages with TP+FN > 0, F1 from the two means, and the
standard deviation of each from a bootstrap over pages (1,000 resamples, fixed seed).

Speed is pages per second in this one process over pages decoded beforehand, so that it measures the
extractor and not gzip or charset detection. Every extractor runs in the same process and the same run,
interleaved page by page, so the comparison does not depend on the machine's load on another day nor on a
change of load during the run; the load average is printed with the table.

Example:
    .venv/bin/python eval/extraction.py
    .venv/bin/python eval/extraction.py --limit 40 --only warbrief
    .venv/bin/python eval/extraction.py --only warbrief --only "trafilatura favor_precision" --runs 5
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from warbrief.metrics import PageScore, aggregate, bootstrap_std, score_page

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO.parent / "shared" / "bench" / "article-extraction-benchmark"
RESAMPLES = 1000
SEED = 20261122


@dataclass(slots=True)
class Page:
    id: str
    url: str | None
    html: str
    truth: str


def paired_difference(first: list[PageScore], second: list[PageScore]) -> tuple[float, float]:
    """F1(first) - F1(second) and its bootstrap std, resampling the same pages for both (a paired test)."""
    rng = random.Random(SEED)
    diffs = []
    for _ in range(RESAMPLES):
        picks = rng.choices(range(len(first)), k=len(first))
        diffs.append(aggregate([first[i] for i in picks])[2] - aggregate([second[i] for i in picks])[2])
    mean = sum(diffs) / len(diffs)
    std = (sum((d - mean) ** 2 for d in diffs) / (len(diffs) - 1)) ** 0.5
    return aggregate(first)[2] - aggregate(second)[2], std


def load_pages(limit: int | None) -> list[Page]:
    """The benchmark pages, decoded by warbrief's decoder (the same bytes-to-text step for every extractor)."""
    from warbrief.extract.decode import DecodeError, decode_bytes

    truth = json.loads((BENCH / "ground-truth.json").read_text("utf-8"))
    pages = []
    for page_id in sorted(truth)[:limit]:
        data = gzip.decompress((BENCH / "html" / f"{page_id}.html.gz").read_bytes())
        try:
            html, _ = decode_bytes(data, markup=True)
        except DecodeError:
            html = data.decode("utf-8", errors="replace")
        pages.append(Page(page_id, truth[page_id].get("url"), html, truth[page_id]["articleBody"]))
    return pages


def warbrief_extractor(html: str, url: str | None) -> str:
    from warbrief.extract.html import extract_html

    article = extract_html(html, url=url)
    return "\n\n".join(article.paragraphs) if article else ""


def trafilatura_extractor(**options: bool) -> Callable[[str, str | None], str]:
    import trafilatura

    def run(html: str, url: str | None) -> str:
        return trafilatura.extract(html, url=url, **options) or ""

    return run


def extractors() -> dict[str, Callable[[str, str | None], str]]:
    return {
        "warbrief": warbrief_extractor,
        "trafilatura favor_precision": trafilatura_extractor(favor_precision=True, include_comments=False),
        "trafilatura default": trafilatura_extractor(include_comments=False),
        "trafilatura fast": trafilatura_extractor(fast=True, include_comments=False),
    }


def load_average() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"


def timed_run(chosen: dict[str, Callable[[str, str | None], str]], pages: list[Page]) -> tuple[dict, dict]:
    """(outputs, seconds) per extractor, interleaved page by page so that a change in the machine's load
    during the run (other jobs on a shared machine) weighs on all of them alike and their ratio holds."""
    outputs: dict[str, list[str]] = {name: [] for name in chosen}
    elapsed = dict.fromkeys(chosen, 0.0)
    for page in pages:
        for name, extract in chosen.items():
            start = time.perf_counter()
            outputs[name].append(extract(page.html, page.url))
            elapsed[name] += time.perf_counter() - start
    return outputs, elapsed


def print_run(run: int, elapsed: dict[str, float], pages: int) -> None:
    names = list(elapsed)
    ratio = f"; speed ratio {elapsed[names[1]] / elapsed[names[0]]:.2f}" if len(names) > 1 else ""
    print(f"run {run}: load {load_average()}; "
          + ", ".join(f"{name} {pages / seconds:.0f} pages/s" for name, seconds in elapsed.items()) + ratio)


def run_extractors(chosen: dict[str, Callable[[str, str | None], str]], pages: list[Page], runs: int = 1) -> list[dict]:
    """Score every extractor; pages/s is the best of ``runs`` timed runs (each one printed with the load
    average: on a shared machine the best run is the one least slowed by other jobs)."""
    for extract in chosen.values():
        extract(pages[0].html, pages[0].url)  # warm-up: imports and lazily built tables are not page time
    outputs, best = timed_run(chosen, pages)
    for run in range(2, runs + 1):
        if run == 2:
            print_run(1, best, len(pages))
        again, elapsed = timed_run(chosen, pages)
        if again != outputs:
            raise RuntimeError("an extractor gave different text for the same page in two runs")
        print_run(run, elapsed, len(pages))
        best = {name: min(best[name], elapsed[name]) for name in chosen}
    rows = []
    for name in chosen:
        scores = [score_page(page.truth, out) for page, out in zip(pages, outputs[name], strict=True)]
        p, r, f1 = aggregate(scores)
        sp, sr, sf = bootstrap_std(scores)
        rows.append({"name": name, "p": p, "r": r, "f1": f1, "sp": sp, "sr": sr, "sf": sf,
                     "pps": len(pages) / best[name], "scores": scores})
    return rows


def print_table(rows: list[dict], pages: int, runs: int) -> None:
    print(f"pages: {pages}; load average after the run (1/5/15 min): {load_average()} on {os.cpu_count()} cores"
          + (f"; pages/s = best of {runs} runs" if runs > 1 else ""))
    print("| extractor | P | R | F1 | pages/s |")
    print("|---|---|---|---|---|")
    for row in rows:
        print(f"| {row['name']} | {row['p']:.3f} ± {row['sp']:.3f} | {row['r']:.3f} ± {row['sr']:.3f} "
              f"| {row['f1']:.3f} ± {row['sf']:.3f} | {row['pps']:.0f} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="score only the first N pages (quick runs)")
    parser.add_argument("--only", action="append", default=None,
                        help="run only this extractor (repeatable): " + ", ".join(extractors()))
    parser.add_argument("--worst", type=int, default=0, help="also list the N worst pages of the first extractor")
    parser.add_argument("--runs", type=int, default=1,
                        help="time the extractors N times (each run printed with the load); the table shows the best")
    args = parser.parse_args(argv)
    if not (BENCH / "ground-truth.json").is_file():
        print(f"benchmark data not found at {BENCH}: this evaluation needs the shared/ folder beside the repo "
              "(shared/bench/article-extraction-benchmark with html/ and ground-truth.json)", file=sys.stderr)
        return 2
    pages = load_pages(args.limit)
    chosen = {k: v for k, v in extractors().items() if not args.only or k in args.only}
    rows = run_extractors(chosen, pages, max(1, args.runs))
    print_table(rows, len(pages), max(1, args.runs))
    for other in rows[1:]:
        diff, std = paired_difference(rows[0]["scores"], other["scores"])
        print(f"F1 {rows[0]['name']} - {other['name']}: {diff:+.3f} ± {std:.3f} (paired bootstrap); "
              f"speed ratio {rows[0]['pps'] / other['pps']:.2f}")
    if args.worst and rows:
        ranked = sorted(zip(pages, rows[0]["scores"], strict=True), key=lambda ps: ps[1].tp)
        for page, s in ranked[: args.worst]:
            print(f"{page.id[:12]} tp={s.tp:.2f} fp={s.fp:.2f} fn={s.fn:.2f} {page.url}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
