"""Inter-annotator agreement on issue #4's fact kinds: a second annotator's labels against the constructed gold.

A second annotator labelled, from the schema in eval/data/README.md alone (no extractor code, no gold labels of these
paragraphs), the first 70 held-out paragraphs (by id) of the constructed set's rounds 4-7: every strike,
air-defence, money, troops and prisoner-exchange mention, in the same JSON shape as the gold
(eval/data/facts_second_annotator.jsonl). This script scores that file against eval/data/facts_constructed.jsonl
with eval/facts.py's own matching and scored values (``score_record``, ``SCORED``, ``values_agree``): the second
annotator takes the place of the extractor, so its table reads like the extractor's (detection P/R/F1, end-to-end
P/R/F1 with the scored values equal). Over the matched mentions it also prints per value field how often the two
annotators agree, and Cohen's kappa for the categorical fields (strike/air-defence weapon and attacker, troops
force and role, money currency, purpose and donor; ``None`` counts as a category).

``--extractor`` adds the extractors' tables on the same paragraphs (eval/facts.py's ``FINDERS`` against the same
gold, same functions), so the extractor can be read next to the annotators' ceiling; ``--errors`` lists every
mention the two annotators (and, with ``--extractor``, extractor and gold) disagree on. Usage:
``.venv/bin/python eval/facts_agreement.py [--extractor] [--errors] [SECOND.jsonl]``.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from unittest import mock

import facts
from facts import CONSTRUCTED, FINDERS, SCORED, KindScore, load, round_of, same_value, total_of

SECOND = Path(__file__).parent / "data" / "facts_second_annotator.jsonl"
CATEGORICAL = {"weapon", "attacker", "force", "role", "currency", "purpose", "donor"}

Finder = Callable[[str], list[tuple[int, int, dict]]]


def finders_from(records: list[dict]) -> dict[str, Finder]:
    """Finders that return an annotator's labels of a text, in eval/facts.py's (start, end, values) shape."""
    by_text = {r["text"]: r for r in records}

    def finder_for(kind: str) -> Finder:
        def find(text: str) -> list[tuple[int, int, dict]]:
            return [(f["start"], f["end"], f["values"]) for f in by_text[text]["facts"] if f["kind"] == kind]
        return find

    return {kind: finder_for(kind) for kind in FINDERS}


def matched_pairs(records: list[dict], finders: dict[str, Finder]) -> dict[str, list[tuple[str, dict, dict]]]:
    """Per kind, the (id, predicted values, gold values) of the mentions paired as eval/facts.py's score_record
    pairs them: each predicted span, in text order, takes the first unused gold span of its kind it overlaps."""
    pairs: dict[str, list[tuple[str, dict, dict]]] = {kind: [] for kind in FINDERS}
    for record in records:
        for kind, finder in finders.items():
            golds = [f for f in record["facts"] if f["kind"] == kind]
            used: set[int] = set()
            for start, end, values in finder(record["text"]):
                match = next(
                    (i for i, g in enumerate(golds) if i not in used and start < g["end"] and g["start"] < end), None
                )
                if match is not None:
                    used.add(match)
                    pairs[kind].append((record["id"], values, golds[match]["values"]))
    return pairs


def score(records: list[dict], finders: dict[str, Finder]) -> dict[str, KindScore]:
    """eval/facts.py's score_record over the records with the given finders in place of the extractors."""
    scores = {kind: KindScore(kind) for kind in FINDERS}
    with mock.patch.dict(facts.FINDERS, finders):
        for record in records:
            facts.score_record(record, scores)
    return scores


def kappa(pairs: list[tuple[object, object]]) -> float | None:
    """Cohen's kappa of two labellings of the same items (None when chance agreement is 1)."""
    if not pairs:
        return None
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    left, right = Counter(repr(a) for a, _ in pairs), Counter(repr(b) for _, b in pairs)
    expected = sum(left[c] * right[c] for c in left) / (n * n)
    return None if expected == 1 else (observed - expected) / (1 - expected)


def prf_table(title: str, scores: dict[str, KindScore], who: str) -> str:
    lines = [f"### {title}\n", f"| kind | gold | {who} | detection P | R | F1 | end-to-end P | R | F1 |",
             "|---|---|---|---|---|---|---|---|---|"]
    for s in [*scores.values(), total_of(scores)]:
        (dp, dr, df), (ep, er, ef) = s.detection, s.end_to_end
        lines.append(f"| {s.kind} | {s.gold} | {s.predicted} | {dp:.3f} | {dr:.3f} | {df:.3f} "
                     f"| {ep:.3f} | {er:.3f} | {ef:.3f} |")
    return "\n".join(lines) + "\n"


def field_table(title: str, pairs: dict[str, list[tuple[str, dict, dict]]]) -> str:
    lines = [f"### {title}\n", "| kind | field | matched | agree | agreement | kappa |", "|---|---|---|---|---|---|"]
    for kind, kind_pairs in pairs.items():
        for key in SCORED[kind]:
            values = [(p.get(key), g.get(key)) for _, p, g in kind_pairs]
            agree = sum(same_value(p, g) for p, g in values)
            share = f"{agree / len(values):.3f}" if values else "-"
            k = kappa(values) if key in CATEGORICAL else None
            lines.append(f"| {kind} | {key} | {len(values)} | {agree} | {share} | {'-' if k is None else f'{k:.3f}'} |")
        if kind_pairs:
            exact = sum(not facts.values_agree(kind, p, g) for _, p, g in kind_pairs)
            lines.append(f"| {kind} | *all scored* | {len(kind_pairs)} | {exact} | {exact / len(kind_pairs):.3f} | - |")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> None:
    paths = [a for a in argv if not a.startswith("--")]
    second = load(Path(paths[0]) if paths else SECOND)
    gold_by_id = {r["id"]: r for r in load(CONSTRUCTED)}
    missing = [r["id"] for r in second if r["id"] not in gold_by_id]
    if missing:
        raise SystemExit(f"ids not in the constructed gold: {missing}")
    changed = [r["id"] for r in second if r["text"] != gold_by_id[r["id"]]["text"]]
    if changed:
        raise SystemExit(f"texts differ from the gold's: {changed}")
    gold = [gold_by_id[r["id"]] for r in second]
    rounds = Counter(round_of(r["id"]) for r in gold)
    print(f"{len(gold)} paragraphs ({', '.join(f'round {k}: {v}' for k, v in sorted(rounds.items()))}), "
          f"{sum(len(r['facts']) for r in gold)} gold mentions, {sum(len(r['facts']) for r in second)} second "
          f"annotator's mentions\n")
    errors = "--errors" in argv
    runs = [("second annotator vs gold", finders_from(second), "second")]
    if "--extractor" in argv:
        runs.append(("extractors (eval/facts.py FINDERS) vs gold, same paragraphs", dict(FINDERS), "predicted"))
    for title, finders, who in runs:
        scores = score(gold, finders)
        if errors:
            print("\n".join(e for s in scores.values() for e in s.errors) + "\n")
        print(prf_table(title, scores, who))
        print(field_table(f"{title}: per-field agreement over matched mentions", matched_pairs(gold, finders)))


if __name__ == "__main__":
    main(sys.argv[1:])
