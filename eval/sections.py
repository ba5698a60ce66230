"""Section placement against an editor's own choices: the reference digest (seed 000) with its headings hidden.

    .venv/bin/python eval/sections.py

Seed 000 is a daily briefing written by an editor; each of its story paragraphs sits under the heading the
editor chose. Each paragraph is classified as a one-article story with that heading removed (no digest hint),
with its own linked places and facts, and compared with the editor's section. The taxonomy's exemplars were
partly adapted from this very seed, so the score is given twice: with every exemplar, and "held out", where an
exemplar sharing any 6-word sequence with the paragraph is removed before that paragraph is classified. Scores:
exact section, and front level (a Donetsk direction counted as its front). Prints the confusions.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections import Counter
from datetime import date
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from warbrief.extract.articles import extract_articles
from warbrief.group.sections import classify_story
from warbrief.group.stories import article_embedding_text
from warbrief.ingest.files import read_paths
from warbrief.models import embed_texts
from warbrief.records import Article
from warbrief.taxonomy import Taxonomy, load_taxonomy
from warbrief.understand.stage import understand_articles

SEED = Path(__file__).resolve().parents[1] / "examples" / "demo" / "000_956a7152114b9b31.txt"
NOT_STORIES = {"summary", "russian_losses", "sources"}
SHINGLE = 6


def labeled_items(taxonomy: Taxonomy) -> list[Article]:
    (raw,) = list(read_paths([SEED], day=date(2024, 12, 28)))
    return [a for a in extract_articles(raw, taxonomy)  # type: ignore[arg-type]
            if a.kind == "digest_item" and a.section_hint and a.section_hint not in NOT_STORIES]


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def without_copies(taxonomy: Taxonomy, text: str) -> tuple[Taxonomy, int]:
    """The taxonomy minus every exemplar (and description) that shares a 6-word sequence with ``text``."""
    item = _shingles(text)
    removed = 0
    sections = []
    for spec in taxonomy.sections:
        kept = [e for e in spec.exemplars if not (_shingles(e) & item)]
        removed += len(spec.exemplars) - len(kept)
        description = spec.description if not (_shingles(spec.description) & item) else ""
        sections.append(dataclasses.replace(spec, exemplars=kept, description=description))
    return Taxonomy(taxonomy.name, sections, taxonomy.source), removed


def front(taxonomy: Taxonomy, section: str) -> str:
    parent = taxonomy[section].parent if section in taxonomy else None
    return parent or section


def evaluate(held_out: bool) -> tuple[int, int, int, int, Counter[tuple[str, str]]]:
    taxonomy = load_taxonomy()
    items = labeled_items(taxonomy)
    hidden = [dataclasses.replace(a, section_hint=None) for a in items]
    understood = {u.article_id: u for u in understand_articles(hidden)}
    vectors = embed_texts([article_embedding_text(a) for a in hidden])
    exact = fronts = removed_total = 0
    confusions: Counter[tuple[str, str]] = Counter()
    for gold, article, vector in zip(items, hidden, vectors, strict=True):
        tax = taxonomy
        if held_out:
            tax, removed = without_copies(taxonomy, article.text)
            removed_total += removed
        u = understood[article.id]
        places = [m for m in u.mentions if m.label == "PLACE"]
        decision = classify_story([article], vector, tax, places, embed_texts, u.facts)
        expected = gold.section_hint or ""
        exact += decision.section == expected
        fronts += front(taxonomy, decision.section) == front(taxonomy, expected)
        if decision.section != expected:
            confusions[(expected, decision.section)] += 1
    return len(items), exact, fronts, removed_total, confusions


def main() -> None:
    print(f"{SEED.name}: the editor's story paragraphs, headings hidden\n")
    print("| exemplars | items | exact | front level | exemplars removed |")
    print("|---|---|---|---|---|")
    results = {}
    for held_out in (False, True):
        n, exact, fronts, removed, confusions = evaluate(held_out)
        results[held_out] = confusions
        label = "held out (6-word overlap removed)" if held_out else "all"
        print(f"| {label} | {n} | {exact / n:.3f} ({exact}) | {fronts / n:.3f} ({fronts}) | {removed} |")
    print("\nConfusions, held out (editor's section -> classifier's):")
    for (gold, predicted), count in results[True].most_common():
        print(f"- {gold} -> {predicted}" + (f" x{count}" if count > 1 else ""))


if __name__ == "__main__":
    main()
