"""The Summary of the Day against an editor's: does warbrief open with the events seed 000's editor chose?

    .venv/bin/python eval/day_summary.py [--corpus examples/demo] [--seed ../shared/corpus/seeds/000_...txt]

Seed 000 is a daily briefing whose Summary of the Day holds five paragraphs, each restating one or two of
the day's events that its sections then tell at length. The demo corpus (seeds 000-004, the same day) goes
through the real pipeline (ingest, understand, group, write into a fresh SQLite store); the digest's own
Summary of the Day is never grouped (group/stories.py leaves it out), so the editor's choice is not an input.

Each editor's summary paragraph is matched to the briefing's section paragraph it restates: the one with the
highest MiniLM cosine between the two texts (the editor rewrites, so words alone would miss). A paragraph
counts as covered when warbrief's Summary of the Day holds that story (strict: an editor's paragraph that
joins two events is matched to one of them). The other way round, each summary item's story is matched to
the editor's paragraph closest to its section paragraph (cosine >= 0.50), which counts the editor's
paragraphs restated by some item, the items restating none, and the items restating an event another item
already restates (one event given two of the five slots).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import numpy as np

from warbrief.config import Settings
from warbrief.models import embed_texts
from warbrief.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "corpus" / "seeds" / "000_956a7152114b9b31.txt"
DAY = date(2024, 12, 28)


def editor_summary(seed: Path) -> list[str]:
    """The paragraphs between the seed's "Summary of the Day:" line and its next heading."""
    lines = seed.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("Summary of the Day"))
    paragraphs = []
    for line in lines[start + 1 :]:
        if line.strip().startswith("Picture of the Day") or (line.strip() and len(line.split()) < 8):
            break
        if line.strip():
            paragraphs.append(line.strip())
    return paragraphs


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "examples" / "demo")
    parser.add_argument("--seed", type=Path, default=SEED)
    args = parser.parse_args(argv)
    editor = editor_summary(args.seed)
    with tempfile.TemporaryDirectory() as work, Pipeline.open(Settings(db=f"{work}/eval.db")) as pipeline:
        pipeline.ingest([args.corpus], day=DAY)
        briefing = pipeline.brief(DAY, Path(work) / "out", formats=("json",)).briefing
    summary = next(s for s in briefing.sections if s.id == "summary")
    section_items = [(s.id, item) for s in briefing.sections if s.id != "summary" for item in s.items]
    texts = [item.text for _, item in section_items]
    vectors = embed_texts(texts)
    editor_vectors = embed_texts(editor)
    similarity = editor_vectors @ vectors.T
    ours = [item.story_id for item in summary.items]
    covered = 0
    matched_to: dict[str | None, int] = {}
    print(f"Editor's Summary of the Day ({len(editor)} paragraphs) against warbrief's ({len(ours)} items):\n")
    print("| editor's paragraph | matched section paragraph | cosine | in warbrief's summary |")
    print("|---|---|---|---|")
    for number, paragraph in enumerate(editor):
        best = int(np.argmax(similarity[number]))
        section, item = section_items[best]
        hit = item.story_id in ours
        covered += hit
        matched_to[item.story_id] = number
        print(f"| {paragraph[:70]}… | {section}: {item.text[:60]}… | {similarity[number, best]:.2f} | "
              f"{'yes' if hit else 'no'} |")
    print(f"\nCovered: {covered} of {len(editor)} editor's paragraphs.")
    # Each summary item against the editor's paragraphs: the one it restates, if any (cosine of its own story).
    by_story = {item.story_id: i for i, (_, item) in enumerate(section_items)}
    restated: dict[int, int] = {}
    print("\nwarbrief's summary items:")
    for item in summary.items:
        row = by_story.get(item.story_id)
        closest = int(np.argmax(similarity[:, row])) if row is not None else -1
        score = float(similarity[closest, row]) if row is not None else 0.0
        restates = closest if score >= 0.5 else None
        if restates is not None:
            restated[restates] = restated.get(restates, 0) + 1
        print(f"- {item.text[:90]}… -> editor's paragraph {restates + 1 if restates is not None else '-'} "
              f"(cosine {score:.2f})")
    twice = sum(n - 1 for n in restated.values() if n > 1)
    print(f"\nEditor's paragraphs restated by a summary item (its story's closest editor paragraph, cosine >= 0.50): "
          f"{len(restated)} of {len(editor)}; summary items restating no editor's paragraph: "
          f"{len(ours) - sum(restated.values())}; items restating an event another item already restates: {twice}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
