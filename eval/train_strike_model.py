"""Train understand/strike_model.py's context model for weapon counts on the constructed fact set's dev part (issue #4).

    .venv/bin/python eval/train_strike_model.py           # leave-one-round-out table
    .venv/bin/python eval/train_strike_model.py --write   # also fit on all of it, write data/strike_model.json

Data: eval/data/facts_constructed.jsonl without its held-out quarter (``eval/facts.is_held_out``; the held-out
paragraphs are never read here), plus eval/data/strike_training.jsonl (paragraphs written only to train this model,
half of them weapon counts that are no strike: production, deliveries, stocks, prices, downed weapons; never scored);
facts_labeled.jsonl is left out and stays an independent check of false strikes.
Examples: every "count + weapon" phrase (``strikes.WEAPON_COUNT``) of a paragraph, with the features strike_model.py
computes at run time; the label is whether it overlaps a gold strike. Phrases the rules read and phrases
air_defense.py reads are examples too (they teach the model what a launch and a downing look like), though at run
time the model only judges the phrases that neither reads.

Model choice is leave one round out: fitted on the other rounds' dev paragraphs and the training paragraphs, scored on
one round's, which is how a new round of wordings meets the model. The columns count the phrases air_defense.py does
not read (the run-time population): the model alone, right / false of the round's strikes among them. The rules were
tuned on every round's dev part, so how much the model adds to them on fresh text is measured on a new round and the
held-out part (eval/facts.py), not here."""

from __future__ import annotations

import sys
from collections.abc import Callable
from itertools import islice
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
import facts as ev
from linear_training import fit, held_out_probabilities, write_checked

from warbrief.understand import strike_model
from warbrief.understand.air_defense import find_air_defense
from warbrief.understand.losses import sentence_bounds, sentence_starts
from warbrief.understand.numbers import MAX_MENTIONS
from warbrief.understand.strikes import WEAPON_COUNT, find_strikes
from warbrief.understand.weapons import WEAPON_HINT

C = 1.0
THRESHOLD = 0.8
GRID = ((0.3, 0.8), (0.3, 0.9), (1.0, 0.7), (1.0, 0.8), (1.0, 0.9), (1.0, 0.95), (3.0, 0.8), (3.0, 0.9), (3.0, 0.95))


def examples(records: list[dict]) -> tuple[list[set[str]], np.ndarray, np.ndarray, np.ndarray]:
    """Features, labels, round and "air_defense.py reads it" for every count + weapon phrase of ``records``."""
    found, labels, rounds, downed = [], [], [], []
    for record in records:
        text = record["text"]
        golds = [f for f in record["facts"] if f["kind"] == "strike"]
        air_defense = find_air_defense(text)
        rules = find_strikes(text)
        starts = sentence_starts(text)
        # Every phrase the model's run-time candidates come from, the rules' own included (they are examples too).
        phrases = islice(WEAPON_COUNT.finditer(text), MAX_MENTIONS) if WEAPON_HINT.search(text) else ()
        for match in phrases:
            start, end = match.start(), match.end()
            sentence_rules = [r for r in rules if not (start < r[1] and r[0] < end)]
            sentence = sentence_bounds(starts, len(text), start)
            other = any(sentence[0] <= r[0] < sentence[1] for r in sentence_rules)
            found.append(strike_model.features(text, sentence, match, other))
            labels.append(any(start < g["end"] and g["start"] < end for g in golds))
            rounds.append(ev.round_of(record["id"]) or "training")
            downed.append(any(start < e and s < end for s, e, _ in air_defense))
    return found, np.array(labels), np.array(rounds), np.array(downed)


TRAINING = Path(__file__).parent / "data" / "strike_training.jsonl"


def main(argv: list[str]) -> None:
    records = [r for r in ev.load(ev.CONSTRUCTED) if not ev.is_held_out(r["id"])]
    training = ev.load(TRAINING)
    records += training
    found, labels, rounds, downed = examples(records)
    print(f"{len(records) - len(training)} dev and {len(training)} training paragraphs, {len(labels)} count + weapon "
          f"phrases, {int(labels.sum())} of them strikes; air_defense.py reads {int(downed.sum())} "
          f"({int((downed & labels).sum())} strikes among them)\n")
    print("| C | threshold | model alone, right / false (of strikes) | per round (right/false of strikes) |")
    print("|---|---|---|---|")
    population = ~downed
    for c, threshold in GRID:
        right = false = 0
        per_round = []
        for k in sorted(set(rounds) - {"training"}, key=int):
            test = np.where((rounds == k) & population)[0]
            if len(test) == 0:
                continue
            chosen = held_out_probabilities(found, labels, rounds != k, test, c) >= threshold
            r, f = int((chosen & labels[test]).sum()), int((chosen & ~labels[test]).sum())
            right, false = right + r, false + f
            per_round.append(f"r{k} {r}/{f} of {int(labels[test].sum())}")
        total = int((labels & population & (rounds != "training")).sum())
        print(f"| {c} | {threshold} | {right} / {false} (of {total}) | {', '.join(per_round)} |")
    if "--write" not in argv:
        return
    def shipped() -> Callable[[set[str]], float]:
        strike_model._model.cache_clear()
        return strike_model.probability

    write_checked(strike_model.MODEL_PATH, fit(found, labels, C), THRESHOLD, {
        "about": "understand/strike_model.py's context model; written by eval/train_strike_model.py --write (issue #4)",
        "trained_on": f"eval/data/facts_constructed.jsonl dev part ({len(records) - len(training)} paragraphs) and "
                      f"eval/data/strike_training.jsonl ({len(training)}): {len(labels)} count + weapon phrases, "
                      f"{int(labels.sum())} strikes",
        "C": C,
    }, found, shipped)


if __name__ == "__main__":
    main(sys.argv[1:])
