"""Claim attribution (issue #4) against eval/data/claims_labeled.jsonl: who states a fact, and its status.

Each record is one sentence or short paragraph with one fact span labelled: the gold ``source`` (the canonical
id claims.py gives, see eval/data/README.md for the scheme), the ``side`` that source speaks for, the fact's
``status`` (FactStatus: reported, claimed, unverified, confirmed) and its ``beneficiary`` (the side whose
success the fact is, which claims.py reads from a fact's kind and values; here it is labelled). Every record
is scored with ``claims.attribute(text, start, end, beneficiary)``.

Scores:

* source: a prediction is a non-None source; it is right when it equals the gold source exactly.
  Precision = right / predicted, recall = right / gold sources (records whose gold source is not None),
  F1; plus the count of sources predicted where the gold is None (a false attribution).
* side: accuracy of the predicted side over all records (None = None counts as right).
* status: accuracy, and per status precision / recall / F1 (predicted ``unverified`` that is gold
  ``unverified`` ...).

A quarter of the records is held out (``is_held_out``: sha1 of the id, modulo 4, is 0); its errors are never
printed (``--errors`` lists the dev part's only). Usage:
``.venv/bin/python eval/claims.py [--split dev|heldout|all] [--round 1|2] [--errors] [FILE.jsonl]``; the
default prints the all, dev and held-out tables of every round together.

Records are written in rounds: round 1's records carry no ``round`` field, later ones ``"round": N``.
``--round N`` scores one round alone (its dev and held-out parts by the same sha1 rule).
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from warbrief.understand.claims import attribute

DEFAULT = Path(__file__).parent / "data" / "claims_labeled.jsonl"
STATUSES = ("reported", "claimed", "unverified", "confirmed")
SPLITS = ("all", "dev", "heldout")


def is_held_out(record_id: str) -> bool:
    """Whether a record is in the held-out quarter (sha1 of its id, modulo 4, is 0)."""
    return int(hashlib.sha1(record_id.encode("utf-8")).hexdigest(), 16) % 4 == 0


def load(path: Path = DEFAULT) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def record_round(record: dict) -> int:
    """The writing round of a record (round 1's records have no ``round`` field)."""
    return int(record.get("round", 1))


def split(records: list[dict], which: str) -> list[dict]:
    if which == "dev":
        return [r for r in records if not is_held_out(r["id"])]
    if which == "heldout":
        return [r for r in records if is_held_out(r["id"])]
    return list(records)


@dataclass
class Scores:
    records: int = 0
    gold_sources: int = 0
    predicted_sources: int = 0
    right_sources: int = 0
    false_attributions: int = 0  # a source predicted where the gold has none
    right_sides: int = 0
    right_statuses: int = 0
    status_counts: dict[str, list[int]] = field(default_factory=lambda: {s: [0, 0, 0] for s in STATUSES})
    errors: list[str] = field(default_factory=list)

    def source_prf(self) -> tuple[float, float, float]:
        return prf(self.right_sources, self.predicted_sources, self.gold_sources)

    def status_prf(self, status: str) -> tuple[float, float, float]:
        right, predicted, gold = self.status_counts[status]
        return prf(right, predicted, gold)

    @property
    def status_accuracy(self) -> float:
        return self.right_statuses / self.records if self.records else 0.0

    @property
    def side_accuracy(self) -> float:
        return self.right_sides / self.records if self.records else 0.0


def prf(right: int, predicted: int, gold: int) -> tuple[float, float, float]:
    precision = right / predicted if predicted else 0.0
    recall = right / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score(records: list[dict]) -> Scores:
    scores = Scores()
    for record in records:
        found = attribute(record["text"], record["start"], record["end"], record.get("beneficiary"))
        scores.records += 1
        gold_source, gold_status = record["source"], record["status"]
        scores.gold_sources += gold_source is not None
        scores.predicted_sources += found.source is not None
        scores.right_sources += found.source is not None and found.source == gold_source
        scores.false_attributions += found.source is not None and gold_source is None
        scores.right_sides += found.side == record["side"]
        scores.right_statuses += found.status == gold_status
        for status in STATUSES:
            counts = scores.status_counts[status]
            counts[0] += found.status == status == gold_status
            counts[1] += found.status == status
            counts[2] += gold_status == status
        wrong = []
        if found.source != gold_source:
            wrong.append(f"source {found.source!r} != gold {gold_source!r}")
        if found.status != gold_status:
            wrong.append(f"status {found.status!r} != gold {gold_status!r}")
        if wrong:
            scores.errors.append(f"{record['id']}: {'; '.join(wrong)}\n    [{record['quote']}] {record['text'][:300]}")
    return scores


def table(name: str, scores: Scores) -> str:
    p, r, f = scores.source_prf()
    lines = [
        f"## {name}: {scores.records} records, {scores.gold_sources} gold sources",
        "",
        "| measure | P | R | F1 | n |",
        "|---|---|---|---|---|",
        f"| source | {p:.3f} | {r:.3f} | {f:.3f} | {scores.gold_sources} gold, {scores.predicted_sources} predicted,"
        f" {scores.false_attributions} where gold is none |",
    ]
    for status in STATUSES:
        sp, sr, sf = scores.status_prf(status)
        lines.append(f"| status {status} | {sp:.3f} | {sr:.3f} | {sf:.3f} | {scores.status_counts[status][2]} gold |")
    lines += ["", f"status accuracy {scores.status_accuracy:.3f}, side accuracy {scores.side_accuracy:.3f}", ""]
    return "\n".join(lines)


KNOWN_OPTIONS = ("--errors", "--split", "--round")


def main(argv: list[str]) -> None:
    args = list(argv)
    unknown = [a for a in args if a.startswith("-") and a not in KNOWN_OPTIONS]
    if unknown:
        # An unknown option is refused, not read as a file name (nor ignored into a default run).
        raise SystemExit(f"unknown option {unknown[0]}; usage: eval/claims.py [--split dev|heldout|all] [--round N] "
                         "[--errors] [FILE.jsonl]")
    show_errors = "--errors" in args
    if show_errors:
        args.remove("--errors")
    splits = list(SPLITS)
    if "--split" in args:
        at = args.index("--split")
        which = args[at + 1]
        if which not in SPLITS:
            raise SystemExit(f"--split must be one of {', '.join(SPLITS)}")
        splits = [which]
        del args[at : at + 2]
    rounds = None
    if "--round" in args:
        at = args.index("--round")
        rounds = int(args[at + 1])
        del args[at : at + 2]
    path = Path(args[0]) if args else DEFAULT
    records = load(path)
    if rounds is not None:
        records = [r for r in records if record_round(r) == rounds]
        if not records:
            raise SystemExit(f"no records of round {rounds}")
    for which in splits:
        scores = score(split(records, which))
        print(table(which if rounds is None else f"round {rounds} {which}", scores))
        # The held-out part's errors are never printed (nor the whole set's, which contains it).
        if show_errors and which == "dev":
            print("\n".join(scores.errors) or "no errors", end="\n\n")


if __name__ == "__main__":
    main(sys.argv[1:])
