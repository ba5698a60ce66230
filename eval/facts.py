"""Issue #4's fact kinds against eval/data/facts_labeled.jsonl: per-kind precision, recall and F1.

Each record is a paragraph of a demo seed or of the article-extraction benchmark's ground truth, with every
strike, air-defence, money, troops and prisoner-exchange mention labelled by hand (span and values).
A predicted fact matches a gold one of the same kind when their spans overlap (one-to-one, in text order).
Scores per kind: detection (span overlap only) and end to end (overlap *and* the scored values exactly
equal). Scored values per kind are in ``SCORED``; ``target`` and the air-defence ``attacker`` are not
scored (labelled where obvious, but too loosely defined to grade). Usage:
``.venv/bin/python eval/facts.py [LABELED.jsonl] [--errors]``.
"""

from __future__ import annotations

import json
import math
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from warbrief.understand.air_defense import find_air_defense
from warbrief.understand.exchanges import find_exchanges
from warbrief.understand.money import find_money
from warbrief.understand.strikes import find_strikes
from warbrief.understand.troops import find_troops

DEFAULT = Path(__file__).parent / "data" / "facts_labeled.jsonl"
FINDERS: dict[str, Callable[[str], list[tuple[int, int, dict]]]] = {
    "strike": find_strikes,
    "air_defense": find_air_defense,
    "money": find_money,
    "troops": find_troops,
    "prisoner_exchange": find_exchanges,
}
SCORED: dict[str, tuple[str, ...]] = {
    "strike": ("weapon", "count", "attacker"),
    "air_defense": ("weapon", "launched", "destroyed", "suppressed"),
    "money": ("amount", "currency", "purpose"),
    "troops": ("count", "approximate", "force", "role"),
    "prisoner_exchange": ("returned_to_ukraine", "returned_to_russia", "total"),
}


@dataclass
class KindScore:
    kind: str
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    exact: int = 0
    errors: list[str] = field(default_factory=list)

    @staticmethod
    def _prf(hits: int, predicted: int, gold: int) -> tuple[float, float, float]:
        p = hits / predicted if predicted else 0.0
        r = hits / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @property
    def detection(self) -> tuple[float, float, float]:
        return self._prf(self.matched, self.predicted, self.gold)

    @property
    def end_to_end(self) -> tuple[float, float, float]:
        return self._prf(self.exact, self.predicted, self.gold)


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def same_value(a: object, b: object) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return isinstance(a, int | float) and isinstance(b, int | float) and math.isclose(a, b, rel_tol=1e-9)
    return a == b


def values_agree(kind: str, predicted: dict, gold: dict) -> list[str]:
    """The scored keys whose values differ (empty when the prediction is exactly right)."""
    return [key for key in SCORED[kind] if not same_value(predicted.get(key), gold.get(key))]


def score_record(record: dict, scores: dict[str, KindScore]) -> None:
    text = record["text"]
    for kind, finder in FINDERS.items():
        score = scores[kind]
        golds = [f for f in record["facts"] if f["kind"] == kind]
        found = finder(text)
        score.gold += len(golds)
        score.predicted += len(found)
        used: set[int] = set()
        for start, end, values in found:
            match = next(
                (i for i, g in enumerate(golds) if i not in used and start < g["end"] and g["start"] < end), None
            )
            if match is None:
                score.errors.append(f"FP {kind} {record['id']}: {text[start:end]!r} {values}")
                continue
            used.add(match)
            score.matched += 1
            wrong = values_agree(kind, values, golds[match]["values"])
            if wrong:
                detail = ", ".join(f"{k}={values.get(k)!r} (gold {golds[match]['values'].get(k)!r})" for k in wrong)
                score.errors.append(f"VALUE {kind} {record['id']}: {text[start:end]!r}: {detail}")
            else:
                score.exact += 1
        for i, gold in enumerate(golds):
            if i not in used:
                score.errors.append(f"FN {kind} {record['id']}: {gold['text']!r} {gold['values']}")


def evaluate(records: list[dict]) -> tuple[dict[str, KindScore], float]:
    scores = {kind: KindScore(kind) for kind in FINDERS}
    started = time.perf_counter()
    for record in records:
        score_record(record, scores)
    return scores, time.perf_counter() - started


def main(argv: list[str]) -> None:
    paths = [a for a in argv if not a.startswith("--")]
    records = load(Path(paths[0]) if paths else DEFAULT)
    scores, seconds = evaluate(records)
    if "--errors" in argv:
        for score in scores.values():
            for error in score.errors:
                print(error)
        print()
    total = KindScore("all")
    for score in scores.values():
        total.gold += score.gold
        total.predicted += score.predicted
        total.matched += score.matched
        total.exact += score.exact
    print(f"{len(records)} paragraphs, {total.gold} gold facts, {total.predicted} predicted, {seconds:.2f} s\n")
    print("| kind | gold | predicted | detection P | R | F1 | end-to-end P | R | F1 |")
    print("|---|---|---|---|---|---|---|---|---|")
    for score in [*scores.values(), total]:
        (dp, dr, df), (ep, er, ef) = score.detection, score.end_to_end
        print(f"| {score.kind} | {score.gold} | {score.predicted} | {dp:.3f} | {dr:.3f} | {df:.3f} "
              f"| {ep:.3f} | {er:.3f} | {ef:.3f} |")


if __name__ == "__main__":
    main(sys.argv[1:])
