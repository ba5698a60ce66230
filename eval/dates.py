"""Event-date quality against eval/data/dates_labeled.jsonl (issue #3).

Every record is one line of a demo seed with its publication anchor and its hand-labelled date
expressions. Prints the errors, then precision and recall of span detection (exact span, and overlapping
span), the accuracy of resolution (value, precision and range end; and relation) on the spans found, and
the end-to-end share of gold dates found with the right value. Usage:
``.venv/bin/python eval/dates.py [LABELED.jsonl]``.
"""

from __future__ import annotations

import json
import random
import string
import sys
import time
from datetime import date
from pathlib import Path

from warbrief.understand.dates import EventDate, find_event_dates

DEFAULT = Path(__file__).parent / "data" / "dates_labeled.jsonl"


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _same_value(found: EventDate, gold: dict) -> bool:
    return (
        _iso(found.value) == gold["value"]
        and found.precision == gold["precision"]
        and _iso(found.last) == gold.get("last")
    )


def _overlapping(found: EventDate, golds: list[dict]) -> dict | None:
    return next((g for g in golds if found.start < g["end"] and g["start"] < found.end), None)


def evaluate(path: Path) -> dict[str, float | int]:
    counts = {"gold": 0, "pred": 0, "exact": 0, "overlap": 0, "value": 0, "relation": 0}
    errors: list[str] = []
    seconds = 0.0
    records = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    for record in records:
        started = time.perf_counter()
        found = find_event_dates(record["text"], date.fromisoformat(record["published"]))
        seconds += time.perf_counter() - started
        golds = record["dates"]
        counts["gold"] += len(golds)
        counts["pred"] += len(found)
        for event in found:
            gold = _overlapping(event, golds)
            if gold is None:
                errors.append(f"FP {record['id']}: {event.text!r} -> {event.value} {event.precision}")
                continue
            counts["overlap"] += 1
            if (event.start, event.end) == (gold["start"], gold["end"]):
                counts["exact"] += 1
            else:
                errors.append(f"SPAN {record['id']}: {event.text!r}, gold {gold['text']!r}")
            if _same_value(event, gold):
                counts["value"] += 1
            else:
                errors.append(
                    f"VALUE {record['id']}: {gold['text']!r} -> {_iso(event.value)} {event.precision} "
                    f"last={_iso(event.last)}, gold {gold['value']} {gold['precision']} last={gold.get('last')}"
                )
            if event.relation == gold["relation"]:
                counts["relation"] += 1
            else:
                errors.append(f"RELATION {record['id']}: {gold['text']!r} -> {event.relation}, gold {gold['relation']}")
        errors += [f"FN {record['id']}: {g['text']!r}" for g in golds if _overlapping_gold(g, found) is None]
    for error in errors:
        print(error)
    return {
        "records (lines)": len(records),
        "gold date expressions": counts["gold"],
        "predicted": counts["pred"],
        "precision (exact span)": _ratio(counts["exact"], counts["pred"]),
        "recall (exact span)": _ratio(counts["exact"], counts["gold"]),
        "precision (overlapping span)": _ratio(counts["overlap"], counts["pred"]),
        "recall (overlapping span)": _ratio(counts["overlap"], counts["gold"]),
        "resolution accuracy (found spans)": _ratio(counts["value"], counts["overlap"]),
        "relation accuracy (found spans)": _ratio(counts["relation"], counts["overlap"]),
        "end-to-end (gold found and resolved)": _ratio(counts["value"], counts["gold"]),
        "seconds (all records)": seconds,
        "seconds (1 MB random text)": _one_megabyte_seconds(),
    }


def _overlapping_gold(gold: dict, found: list[EventDate]) -> EventDate | None:
    return next((e for e in found if e.start < gold["end"] and gold["start"] < e.end), None)


def _one_megabyte_seconds() -> float:
    """Time on 1 MB of random words, digits and month names: the linear-time claim, measured."""
    rng = random.Random(3)
    vocabulary = [*string.ascii_letters, " ", " ", "\n", *string.digits, ",", ".", "-"]
    words = ["December 25", "in 2023", "since May 2024", "yesterday", "on Thursday", "1,000", "O-0510"]
    parts: list[str] = []
    size = 0
    while size < 1_000_000:
        piece = rng.choice(words) if rng.random() < 0.05 else "".join(rng.choices(vocabulary, k=rng.randint(1, 12)))
        parts.append(piece + " ")
        size += len(piece) + 1
    text = "".join(parts)[:1_000_000]
    started = time.perf_counter()
    find_event_dates(text, date(2024, 12, 28))
    return time.perf_counter() - started


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    for name, value in evaluate(path).items():
        print(f"{name:40} {value:.3f}" if isinstance(value, float) else f"{name:40} {value}")


if __name__ == "__main__":
    main()
