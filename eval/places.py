"""Place linking quality against eval/data/places_labeled.jsonl (issue #4).

Prints precision and recall of linking (a predicted mention counts when its span equals a labelled span
and its oblast is the labelled oblast), the same for spans alone, and the accuracy of front and direction
on the mentions whose span was found. Usage: ``.venv/bin/python eval/places.py [LABELED.jsonl]``.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from warbrief.taxonomy import load_taxonomy
from warbrief.understand.gazetteer import load_gazetteer
from warbrief.understand.places import link_places

DEFAULT = Path(__file__).parent / "data" / "places_labeled.jsonl"


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def evaluate(path: Path) -> dict[str, float]:
    taxonomy = load_taxonomy()
    started = time.perf_counter()
    load_gazetteer()
    index_seconds = time.perf_counter() - started
    counts = {"gold": 0, "pred": 0, "span": 0, "linked": 0, "front": 0, "direction": 0}
    errors: list[str] = []
    link_seconds = 0.0
    for line in path.read_text("utf-8").splitlines():
        record = json.loads(line)
        started = time.perf_counter()
        links = link_places(record["text"], record.get("section_hint"), taxonomy)
        link_seconds += time.perf_counter() - started
        gold = {(m["start"], m["end"]): m for m in record["mentions"]}
        counts["gold"] += len(gold)
        counts["pred"] += len(links)
        for link in links:
            label = gold.get((link.start, link.end))
            if label is None:
                errors.append(f"FP {record['id']}: {link.text!r} -> {link.place.id} ({link.place.oblast})")
                continue
            counts["span"] += 1
            if link.place.oblast == label["oblast"]:
                counts["linked"] += 1
            else:
                errors.append(f"OBLAST {record['id']}: {link.text!r} -> {link.place.oblast}, gold {label['oblast']}")
            counts["front"] += link.front == label["front"]
            counts["direction"] += link.direction == label["direction"]
        found = {(link.start, link.end) for link in links}
        errors += [f"FN {record['id']}: {m['text']!r}" for k, m in gold.items() if k not in found]
    for error in errors:
        print(error)
    return {
        "documents": len(path.read_text("utf-8").splitlines()),
        "gold mentions": counts["gold"],
        "predicted mentions": counts["pred"],
        "precision (span + oblast)": _ratio(counts["linked"], counts["pred"]),
        "recall (span + oblast)": _ratio(counts["linked"], counts["gold"]),
        "precision (span)": _ratio(counts["span"], counts["pred"]),
        "recall (span)": _ratio(counts["span"], counts["gold"]),
        "front accuracy (found spans)": _ratio(counts["front"], counts["span"]),
        "direction accuracy (found spans)": _ratio(counts["direction"], counts["span"]),
        "index build seconds": index_seconds,
        "linking seconds (all documents)": link_seconds,
    }


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    for name, value in evaluate(path).items():
        print(f"{name:36} {value:.3f}" if isinstance(value, float) else f"{name:36} {value}")


if __name__ == "__main__":
    main()
