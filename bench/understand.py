"""Speed of the understand stage: articles/s, sentences/s and words/s, and where the time goes.

    .venv/bin/python bench/understand.py [--copies 10] [--batch 64]

The demo corpus (examples/demo) is extracted in-process and its articles are repeated ``--copies`` times with
fresh ids, then understood in batches as the pipeline does (``understand_articles``: one spaCy ``nlp.pipe``
pass per batch with only tok2vec and ner). The same articles are then run through each component alone to
show its share. Models are loaded (and warmed on one batch) before timing.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import time
from datetime import UTC, date, datetime
from pathlib import Path

from warbrief.extract.articles import ExtractionSkip, extract_articles
from warbrief.ingest.files import Skipped, read_paths
from warbrief.records import Article
from warbrief.taxonomy import load_taxonomy
from warbrief.understand.casualties import extract_civilian_casualties
from warbrief.understand.dates import extract_event_dates
from warbrief.understand.entities import entity_mentions_batch
from warbrief.understand.losses import extract_losses
from warbrief.understand.places import place_mentions
from warbrief.understand.sentences import split_sentences
from warbrief.understand.stage import understand_articles

DEMO = Path(__file__).resolve().parents[1] / "examples" / "demo"
DAY = date(2024, 12, 28)


def demo_articles() -> list[Article]:
    taxonomy = load_taxonomy()
    articles: list[Article] = []
    for item in read_paths([DEMO], day=DAY):
        if isinstance(item, Skipped):
            continue
        try:
            articles += extract_articles(item, taxonomy)
        except ExtractionSkip:
            continue
    return articles


def timed(label: str, run, rows: list[tuple[str, float]]) -> None:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    run()
    rows.append((label, time.perf_counter() - start))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--batch", type=int, default=64)
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")

    base = demo_articles()
    articles = [dataclasses.replace(a, raw_id=f"{a.raw_id}-{copy}", id="") for copy in range(args.copies)
                for a in base]
    batches = [articles[i:i + args.batch] for i in range(0, len(articles), args.batch)]
    words = sum(len(a.text.split()) for a in articles)
    understand_articles(batches[0])  # loads spaCy and the gazetteer

    start = time.perf_counter()
    sentences = 0
    for batch in batches:
        sentences += sum(len(r.sentences) for r in understand_articles(batch))
    total = time.perf_counter() - start

    parts: list[tuple[str, float]] = []
    timed("sentences", lambda: [split_sentences(b) for b in batches], parts)
    timed("losses + casualties", lambda: [extract_losses(a.id, a.text) + extract_civilian_casualties(a.id, a.text)
                                          for a in articles], parts)
    timed("event dates", lambda: [extract_event_dates(a.id, a.text, a.published or a.day) for a in articles], parts)
    timed("places", lambda: [place_mentions(a.id, a.text, a.section_hint) for a in articles], parts)
    timed("entities (spaCy NER)", lambda: [entity_mentions_batch([(a.id, a.text) for a in b], {}) for b in batches],
          parts)

    print(f"\n{len(articles):,} articles ({len(base)} demo articles x {args.copies}), {sentences:,} sentences, "
          f"{words:,} words; batch {args.batch}; load {os.getloadavg()[0]:.2f}; "
          f"{datetime.now(UTC).isoformat(timespec='minutes')}\n")
    print("| measure | value |")
    print("|---|---|")
    print(f"| whole stage | {total:.1f} s |")
    print(f"| articles/s | {len(articles) / total:.1f} |")
    print(f"| sentences/s | {sentences / total:.0f} |")
    print(f"| words/s | {words / total:,.0f} |")
    print("\n| component alone | seconds | share of the stage |")
    print("|---|---|---|")
    for label, seconds in parts:
        print(f"| {label} | {seconds:.1f} | {seconds / total:.0%} |")
    print("\nThe new fact kinds (strikes, air defense, money, troops, exchanges) and claim attribution are the rest "
          "of the stage's time.")


if __name__ == "__main__":
    main()
