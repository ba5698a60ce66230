"""Train claims.py's word models for the ``confirmed`` and ``unverified`` statuses (issue #4) on the claims dev part.

    .venv/bin/python eval/train_status_model.py confirmed           # leave-one-round-out table
    .venv/bin/python eval/train_status_model.py unverified --write  # also fit on every dev record and write the model

``confirmed`` writes data/confirmation.json (understand/confirmation.py), ``unverified`` data/doubt.json
(understand/doubt.py). ``fallback`` fits and scores understand/status_model.py's model, which claims.py consults
where its rules fall back to ``reported`` (eval/train_fallback_status.py).

Data: eval/data/claims_labeled.jsonl without its held-out quarter (``eval/claims.is_held_out``); the held-out
records are never read here. Each record's text is its fact's sentence and the next one (where verdicts such as
"Satellite images confirmed the damage" or "Neither claim could be checked" sit); its label is whether the gold status
is the model's status.

Model: logistic regression (class-balanced, L2, C below) over binary lower-cased words and adjacent word pairs seen
in at least two records (``CountVectorizer(ngram_range=(1, 2), min_df=2, binary=True)``). Claims.py uses each only
where its gate passes (the text names evidence for ``confirmed``, a check or a negation for ``unverified``) and only
at or above the threshold; the confirmation model only promotes a ``reported`` fact, the doubt model overrules any.

Model choice is leave one round out: fitted on the other rounds' dev records, scored on one round's, which is how a
new round of wordings meets the model. "rules" are claims.py as shipped (its rules and models), tuned on every
round's dev part, so their count is optimistic and only the model's columns are a fresh-text estimate.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).parent))
import claims as ev
import train_fallback_status as fallback

from warbrief.understand import confirmation, doubt
from warbrief.understand.claims import attribute
from warbrief.understand.linear_model import fitted_linear_model, write_linear_model
from warbrief.understand.losses import sentence_bounds, sentence_starts


@dataclass(frozen=True)
class StatusModel:
    module: ModuleType  # where MODEL_PATH, probability and _model live
    gate: Callable[[str], bool]
    c: float
    threshold: float
    grid: tuple[tuple[float, float], ...]
    about: str


MODELS = {
    "confirmed": StatusModel(
        confirmation, confirmation.names_evidence, 3.0, 0.75,
        ((0.3, 0.5), (0.3, 0.6), (0.3, 0.7), (1.0, 0.5), (1.0, 0.6), (1.0, 0.7), (3.0, 0.5), (3.0, 0.7), (3.0, 0.75),
         (3.0, 0.8)),
        "understand/confirmation.py's word model; written by eval/train_status_model.py confirmed --write (issue #4)"),
    "unverified": StatusModel(
        doubt, doubt.names_doubt, 1.0, 0.6,
        ((0.3, 0.5), (1.0, 0.4), (1.0, 0.5), (1.0, 0.6), (1.0, 0.7), (3.0, 0.5), (3.0, 0.7), (10.0, 0.7)),
        "understand/doubt.py's word model; written by eval/train_status_model.py unverified --write (issue #4)"),
}


def window(record: dict) -> str:
    """The fact's sentence and the one after it."""
    text = record["text"]
    starts = sentence_starts(text)
    start, _ = sentence_bounds(starts, len(text), record["start"])
    _, end = sentence_bounds(starts, len(text), max(record["end"] - 1, record["start"]))
    if end < len(text):
        _, end = sentence_bounds(starts, len(text), end)
    return text[start:end]


def fit(texts: list[str], labels: np.ndarray, c: float) -> tuple[CountVectorizer, LogisticRegression]:
    vectorizer = CountVectorizer(ngram_range=(1, 2), min_df=2, binary=True, lowercase=True)
    matrix = vectorizer.fit_transform(texts)
    model = LogisticRegression(C=c, max_iter=5000, class_weight="balanced").fit(matrix, labels)
    return vectorizer, model


def main(argv: list[str]) -> None:
    if argv and argv[0] == "fallback":
        fallback.main(argv[1:])
        return
    if not argv or argv[0] not in MODELS:
        raise SystemExit(f"usage: eval/train_status_model.py {{{'|'.join(MODELS)}|fallback}} [--write]")
    status, spec = argv[0], MODELS[argv[0]]
    records = [r for r in ev.load(ev.DEFAULT) if not ev.is_held_out(r["id"])]
    texts = [window(r) for r in records]
    labels = np.array([r["status"] == status for r in records])
    rounds = np.array([ev.record_round(r) for r in records])
    gate = np.array([spec.gate(t) for t in texts])
    rules = np.array([attribute(r["text"], r["start"], r["end"], r.get("beneficiary")).status for r in records])
    print(f"{len(records)} dev records, {int(labels.sum())} {status}; the gate passes "
          f"{int((gate & labels).sum())} of them and {int((gate & ~labels).sum())} others\n")
    print("| C | threshold | model alone: right / false | gated: right / false | per round (right/false of n) |")
    print("|---|---|---|---|---|")
    for c, threshold in spec.grid:
        alone = [0, 0]
        gated = [0, 0]
        per_round = []
        for k in sorted(set(rounds)):
            train, test = rounds != k, np.where(rounds == k)[0]
            vectorizer, model = fit([texts[i] for i in np.where(train)[0]], labels[train], c)
            chosen = model.predict_proba(vectorizer.transform([texts[i] for i in test]))[:, 1] >= threshold
            alone[0] += int((chosen & labels[test]).sum())
            alone[1] += int((chosen & ~labels[test]).sum())
            chosen &= gate[test]
            gated[0] += int((chosen & labels[test]).sum())
            gated[1] += int((chosen & ~labels[test]).sum())
            per_round.append(f"r{k} {int((chosen & labels[test]).sum())}/{int((chosen & ~labels[test]).sum())} of "
                             f"{int(labels[test].sum())}")
        print(f"| {c} | {threshold} | {alone[0]} / {alone[1]} | {gated[0]} / {gated[1]} | {', '.join(per_round)} |")
    print(f"\nclaims.py as shipped (tuned on all of dev): {int(((rules == status) & labels).sum())} right, "
          f"{int(((rules == status) & ~labels).sum())} false of {int(labels.sum())}")
    if "--write" not in argv:
        return
    vectorizer, model = fit(texts, labels, spec.c)
    fitted = fitted_linear_model(vectorizer.get_feature_names_out(), model.coef_[0], model.intercept_[0],
                                 spec.threshold)
    write_linear_model(spec.module.MODEL_PATH, fitted, {
        "about": spec.about,
        "trained_on": f"eval/data/claims_labeled.jsonl dev part: {len(records)} records, {int(labels.sum())} {status}",
        "C": spec.c,
    })
    spec.module._model.cache_clear()
    # The run-time scorer must give scikit-learn's probabilities (rounding of the weights aside).
    expected = model.predict_proba(vectorizer.transform(texts))[:, 1]
    found = np.array([spec.module.probability(t) for t in texts])
    print(f"wrote {spec.module.MODEL_PATH} ({len(fitted.weights)} weights); largest difference from scikit-learn "
          f"{float(np.abs(expected - found).max()):.2e}")


if __name__ == "__main__":
    main(sys.argv[1:])
