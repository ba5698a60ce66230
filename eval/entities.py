"""Entity quality against eval/data/entities_labeled.jsonl, and speed over the benchmark bodies (issue #4).

Quality: per label, precision and recall of (span, label, canonical id), and of (span, label) alone, with the
place spans of places.py excluded as in the understand stage. NORP is not scored (not labelled).
Speed: the entity step alone (``entity_mentions_batch``, model loaded beforehand) over the 181 article bodies
of ../shared/bench/article-extraction-benchmark/ground-truth.json, one process.
Usage: ``.venv/bin/python eval/entities.py [LABELED.jsonl] [GROUND_TRUTH.json]``.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

from warbrief.understand.entities import entity_mentions_batch, load_nlp
from warbrief.understand.places import place_mentions

DEFAULT = Path(__file__).parent / "data" / "entities_labeled.jsonl"
BENCH = Path(__file__).parent.parent.parent / "shared" / "bench" / "article-extraction-benchmark" / "ground-truth.json"
LABELS = ("PERSON", "ORG", "INSTITUTION", "WEAPON", "UNIT")


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def quality(path: Path) -> dict[str, dict[str, float]]:
    """Per-label precision/recall of exact (span, label, entity) and of (span, label)."""
    records = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    places = {r["id"]: [(m.start, m.end) for m in place_mentions(r["id"], r["text"], r.get("section_hint"))]
              for r in records}
    predicted = entity_mentions_batch([(r["id"], r["text"]) for r in records], places)
    counts: Counter[tuple[str, str]] = Counter()
    for record in records:
        gold = {(m["start"], m["end"], m["label"]): m["entity"] for m in record["mentions"]}
        pred = {(m.start, m.end, m.label): m.entity for m in predicted[record["id"]] if m.label in LABELS}
        for key, entity in pred.items():
            counts[(key[2], "pred")] += 1
            if key in gold:
                counts[(key[2], "span")] += 1
                counts[(key[2], "exact")] += gold[key] == entity
                if gold[key] != entity:
                    print(f"ID {record['id']}: {record['text'][key[0]:key[1]]!r} -> {entity}, gold {gold[key]}")
            else:
                print(f"FP {record['id']}: {record['text'][key[0]:key[1]]!r} {key[2]} {entity}")
        for key, entity in gold.items():
            counts[(key[2], "gold")] += 1
            if key not in pred:
                print(f"FN {record['id']}: {record['text'][key[0]:key[1]]!r} {key[2]} {entity}")
    table = {}
    for label in (*LABELS, "all"):
        def c(kind: str, label: str = label) -> int:
            return sum(v for (lab, k), v in counts.items() if k == kind and (label == "all" or lab == label))
        table[label] = {"gold": c("gold"), "pred": c("pred"),
                        "P (span+id)": _ratio(c("exact"), c("pred")), "R (span+id)": _ratio(c("exact"), c("gold")),
                        "P (span)": _ratio(c("span"), c("pred")), "R (span)": _ratio(c("span"), c("gold"))}
    return table


def speed(path: Path) -> dict[str, float]:
    """Words/s and articles/s of the entity step over the benchmark bodies (model load timed apart)."""
    data = json.loads(path.read_text("utf-8"))
    bodies = [(key, value.get("articleBody") or "") for key, value in data.items()]
    started = time.perf_counter()
    load_nlp()
    load_seconds = time.perf_counter() - started
    started = time.perf_counter()
    entity_mentions_batch(bodies)
    seconds = time.perf_counter() - started
    words = sum(len(body.split()) for _, body in bodies)
    return {"articles": len(bodies), "words": words, "model load s": load_seconds, "entity step s": seconds,
            "words/s": words / seconds, "articles/s": len(bodies) / seconds}


def main() -> None:
    labeled = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    bench = Path(sys.argv[2]) if len(sys.argv) > 2 else BENCH
    print(f"{'label':12} {'gold':>5} {'pred':>5} {'P id':>6} {'R id':>6} {'P span':>6} {'R span':>6}")
    for label, row in quality(labeled).items():
        print(f"{label:12} {row['gold']:5.0f} {row['pred']:5.0f} {row['P (span+id)']:6.3f} {row['R (span+id)']:6.3f}"
              f" {row['P (span)']:6.3f} {row['R (span)']:6.3f}")
    if bench.exists():
        for name, value in speed(bench).items():
            print(f"{name:16} {value:.2f}" if isinstance(value, float) else f"{name:16} {value}")


if __name__ == "__main__":
    main()
