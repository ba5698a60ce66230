"""Issue #4's fact kinds against the labelled sets of eval/data: per-kind precision, recall and F1.

Two sets, scored and printed separately (eval/data/README.md says how each was built):

* ``labeled`` (facts_labeled.jsonl): paragraphs of the demo seeds and of the article-extraction benchmark's
  ground truth, drafted with the extractors and corrected by hand;
* ``constructed`` (facts_constructed.jsonl): paragraphs written for this evaluation in the styles of war
  reporting and labelled from scratch before any extractor ran on them. A quarter of it is held out by a
  stable hash of the paragraph id (``is_held_out``) and was never looked at while fixing extractors; its
  table is the honest number, the ``dev`` part is what fixes were tuned on.

Each record has every strike, air-defence, money, troops and prisoner-exchange mention labelled (span and
values).
A predicted fact matches a gold one of the same kind when their spans overlap (one-to-one, in text order).
Scores per kind: detection (span overlap only) and end to end (overlap *and* the scored values exactly
equal); a last column scores only the values the issue names (``ISSUE_SCORED``: no money purpose, no troops
role). Scored values per kind are in ``SCORED``; ``target`` and the air-defence ``attacker`` are not
scored (labelled where obvious, but too loosely defined to grade). Troops are scored as the stage keeps them:
a troop count inside a losses report ("Russia has lost 1,530 soldiers ... in the past 24 hours") is the
losses fact's, not a troops fact. Usage:
``.venv/bin/python eval/facts.py [--set labeled|constructed|all] [--split dev|heldout|all] [--round N] [--errors]
[FILE.jsonl]``; the default prints the labeled table, then the constructed set's whole, dev and held-out tables.
``--split`` and ``--round`` apply to the constructed set only: ``--round 4`` keeps the paragraphs written in that
round (``ROUNDS``: each round appended a range of ids), so a new round's first, unseen numbers can be read alone;
``--errors`` lists every FP, FN and wrong value of the tables printed.
"""

from __future__ import annotations

import hashlib
import json
import math
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from warbrief.understand.exchanges import find_exchanges
from warbrief.understand.losses import find_losses
from warbrief.understand.money import find_money
from warbrief.understand.strike_model import read_air_defense, read_strikes
from warbrief.understand.troops import find_troops

DEFAULT = Path(__file__).parent / "data" / "facts_labeled.jsonl"
CONSTRUCTED = Path(__file__).parent / "data" / "facts_constructed.jsonl"


def troops_as_staged(text: str) -> list[tuple[int, int, dict]]:
    """find_troops without the counts inside a losses report, which the stage drops too (understand/stage.py)."""
    reports = find_losses(text)
    return [(start, end, values) for start, end, values in find_troops(text)
            if not any(start < r_end and r_start < end for r_start, r_end, _ in reports)]


FINDERS: dict[str, Callable[[str], list[tuple[int, int, dict]]]] = {
    "strike": read_strikes,
    "air_defense": read_air_defense,
    "money": find_money,
    "troops": troops_as_staged,
    "prisoner_exchange": find_exchanges,
}
SCORED: dict[str, tuple[str, ...]] = {
    "strike": ("weapon", "count", "attacker"),
    "air_defense": ("weapon", "launched", "destroyed", "suppressed"),
    "money": ("amount", "currency", "purpose", "donor"),
    "troops": ("count", "approximate", "force", "role"),
    "prisoner_exchange": ("returned_to_ukraine", "returned_to_russia", "total"),
}
# The values issue #4 itself names ("money amounts (aid packages, with donor and currency), troop numbers"): the
# money's purpose and the troops' role are this project's own finer labels, scored in ``SCORED`` and left out
# here. Troops keep their force: a number of troops without whose troops they are says nothing.
ISSUE_SCORED: dict[str, tuple[str, ...]] = {
    **SCORED,
    "money": ("amount", "currency", "donor"),
    "troops": ("count", "approximate", "force"),
}


@dataclass
class KindScore:
    kind: str
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    exact: int = 0
    exact_issue: int = 0
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

    @property
    def issue_values(self) -> tuple[float, float, float]:
        """End to end on the values the issue names (``ISSUE_SCORED``)."""
        return self._prf(self.exact_issue, self.predicted, self.gold)


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def same_value(a: object, b: object) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return isinstance(a, int | float) and isinstance(b, int | float) and math.isclose(a, b, rel_tol=1e-9)
    return a == b


def values_agree(kind: str, predicted: dict, gold: dict, scored: dict[str, tuple[str, ...]] = SCORED) -> list[str]:
    """The scored keys whose values differ (empty when the prediction is exactly right)."""
    return [key for key in scored[kind] if not same_value(predicted.get(key), gold.get(key))]


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
            if not values_agree(kind, values, golds[match]["values"], ISSUE_SCORED):
                score.exact_issue += 1
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


def is_held_out(record_id: str) -> bool:
    """Whether a constructed paragraph is in the held-out quarter (sha1 of its id, modulo 4, is 0)."""
    return int(hashlib.sha1(record_id.encode("utf-8")).hexdigest(), 16) % 4 == 0


# The constructed set was written in rounds, each appending ids c{first}... and labelled before any extractor ran on
# it (eval/data/README.md): round -> first id number. A round runs up to the next round's first id.
ROUNDS: dict[str, int] = {
    "1": 1, "2": 112, "3": 133, "4": 151, "5": 244, "6": 326, "7": 395, "8": 481, "9": 561, "10": 641, "11": 721,
    "12": 791, "13": 871, "14": 935, "15": 999, "16": 1063, "17": 1127, "18": 1191, "19": 1255,
}


def round_of(record_id: str) -> str | None:
    """The round a constructed paragraph was written in ("c151" -> "4"), None for an id outside the rounds."""
    digits = record_id[1:]
    if not record_id.startswith("c") or not digits.isdigit():
        return None
    number = int(digits)
    found = None
    for name, first in sorted(ROUNDS.items(), key=lambda item: item[1]):
        if number >= first:
            found = name
    return found


def split(records: list[dict], part: str) -> list[dict]:
    if part == "dev":
        return [r for r in records if not is_held_out(r["id"])]
    if part == "heldout":
        return [r for r in records if is_held_out(r["id"])]
    return records


def total_of(scores: dict[str, KindScore]) -> KindScore:
    total = KindScore("all")
    for score in scores.values():
        total.gold += score.gold
        total.predicted += score.predicted
        total.matched += score.matched
        total.exact += score.exact
        total.exact_issue += score.exact_issue
    return total


def table(title: str, records: list[dict], errors: bool) -> str:
    """The markdown table of one set (with its errors first when asked)."""
    scores, seconds = evaluate(records)
    lines: list[str] = []
    if errors:
        lines += [error for score in scores.values() for error in score.errors] + [""]
    total = total_of(scores)
    lines.append(f"### {title}\n")
    lines.append(f"{len(records)} paragraphs, {total.gold} gold facts, {total.predicted} predicted, {seconds:.2f} s\n")
    lines.append("| kind | gold | predicted | detection P | R | F1 | end-to-end P | R | F1 | issue's values P | R |")
    lines.append("|---|---|---|---|---|---|---|---|---|---|---|")
    for score in [*scores.values(), total]:
        (dp, dr, df), (ep, er, ef), (ip, ir, _) = score.detection, score.end_to_end, score.issue_values
        lines.append(f"| {score.kind} | {score.gold} | {score.predicted} | {dp:.3f} | {dr:.3f} | {df:.3f} "
                     f"| {ep:.3f} | {er:.3f} | {ef:.3f} | {ip:.3f} | {ir:.3f} |")
    return "\n".join(lines) + "\n"


def _option(argv: list[str], name: str, default: str, allowed: tuple[str, ...]) -> str:
    value = default
    for i, arg in enumerate(argv):
        if arg == name and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith(name + "="):
            value = arg.split("=", 1)[1]
    if value not in allowed:
        raise SystemExit(f"{name} must be one of {', '.join(allowed)}")
    return value


KNOWN_FLAGS = ("--set", "--split", "--round", "--errors")


def main(argv: list[str]) -> None:
    # An unknown flag must not fall through to the default run, which prints the held-out tables.
    unknown = [a for a in argv if a.startswith("-") and a.split("=", 1)[0] not in KNOWN_FLAGS]
    if unknown:
        raise SystemExit(f"unknown option {unknown[0]}; usage: eval/facts.py [--set labeled|constructed|all] "
                         "[--split dev|heldout|all] [--round N] [--errors] [FILE.jsonl]")
    which = _option(argv, "--set", "all", ("labeled", "constructed", "all"))
    part = _option(argv, "--split", "all", ("dev", "heldout", "all"))
    chosen = _option(argv, "--round", "all", ("all", *ROUNDS))
    errors = "--errors" in argv
    values = {argv[i + 1] for i, a in enumerate(argv[:-1]) if a in ("--set", "--split", "--round")}
    paths = [a for a in argv if not a.startswith("--") and a not in values]
    if paths:
        print(table(paths[0], load(Path(paths[0])), errors))
        return
    if which in ("labeled", "all"):
        print(table("labeled (facts_labeled.jsonl)", load(DEFAULT), errors))
    if which in ("constructed", "all"):
        constructed = load(CONSTRUCTED)
        if chosen != "all":
            constructed = [r for r in constructed if round_of(r["id"]) == chosen]
        rounds = "" if chosen == "all" else f", round {chosen} only"
        parts = ("all", "dev", "heldout") if part == "all" else (part,)
        names = {"all": "whole", "dev": "dev part (tuned on)", "heldout": "held-out part (never looked at)"}
        for name in parts:
            print(table(f"constructed (facts_constructed.jsonl){rounds}, {names[name]}", split(constructed, name),
                        errors and (name == part or (part == "all" and name == "dev"))))


if __name__ == "__main__":
    main(sys.argv[1:])
