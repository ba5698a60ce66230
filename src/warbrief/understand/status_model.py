"""A learned reading of a fact's status where claims.py's rules fall back to ``reported`` (issue #4).

The rules return ``reported`` when no wording they list says claimed, unverified or confirmed, and each fresh round of
labelled text showed that many of those facts were not plain reports: on first read of rounds 6-16, by the code of
each round's time, only 65% of the facts the rules called ``reported`` were (eval/results/claims.md). A multinomial
logistic model over the words and word pairs of the fact's sentence and the next (``claims.fact_context``), with the
beneficiary's and the other side's words replaced by two placeholder words ("Russia's defence ministry hailed" and
"Ukraine's military intelligence took credit" teach one pattern), and the rules' reading of the speaker as features,
overrules that fallback when it gives ``reported`` less than its threshold, and takes its likeliest other status if
that status reaches its own threshold. The one for ``confirmed`` is there because the model alone over-calls it; the
one for ``unverified`` keeps a faint reading of doubt (0.21 against 0.69 ``reported``) from overruling a plain report.

The model can also read the context's all-MiniLM-L6-v2 sentence embedding (``dense`` weights, ``context_vectors``):
it places "trumpeted" near "boasted" and "could not be checked" near "could not be verified". The shipped model does
not: with it, fresh news copy read better (leave one round out on the first reads of rounds 6-18, accuracy 0.868 to
0.882), but terse plain reports turned into confirmations ("Moldova's interior ministry said 3 drone fragments were
found" at 0.79), and a false ``confirmed`` is the worst error a briefing can print (eval/results/claims.md, "Round 19").

The weights and thresholds are data (data/status.json, written by ``eval/train_status_model.py fallback --write``),
scored without a learning library at run time (an embedding, where a model reads one, is the pipeline's own).
"""

from __future__ import annotations

import json
import math
import re
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np

from warbrief.records import FactStatus
from warbrief.understand.linear_model import word_features
from warbrief.understand.sides import other_side

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "status.json"
STATUSES: tuple[FactStatus, ...] = ("claimed", "confirmed", "reported", "unverified")

# Words that name a side as an actor or a voice: its country, capital, leaders, agencies and state media.
_SIDE_WORDS = {
    "ukraine": re.compile(r"\b(?:Ukrain\w*|Kyiv|Zelensk\w*|SBU|HUR|GUR|Syrskyi)\b"),
    "russia": re.compile(r"\b(?:Russia\w*|Moscow|Kremlin|Putin|TASS|RIA|Shoigu|Belousov|Peskov|Gerasimov)\b"),
}
OWN_SIDE, OTHER_SIDE = "zzownside", "zzotherside"
DIMENSIONS = 384  # all-MiniLM-L6-v2's
# A context is a sentence and the next; MiniLM reads its first 256 word pieces, so a pathological "sentence" (a table,
# a dump) is cut before it is tokenised at all.
MAX_CONTEXT_CHARS = 2000
_VECTOR_CACHE_SIZE = 4096
_vectors: OrderedDict[str, np.ndarray] = OrderedDict()


class StatusModelError(RuntimeError):
    """A model file is missing or malformed (for the shipped one, a broken install, not bad input)."""


@dataclass(frozen=True)
class StatusModel:
    intercepts: dict[str, float]
    weights: dict[str, dict[str, float]]  # feature -> status -> weight
    # "reported": the fallback stands at or above this probability; any other status: the least probability to take it.
    thresholds: dict[str, float]
    # status -> weights over the context's unit-length sentence embedding (``context_vectors``); empty: words only.
    dense: dict[str, np.ndarray] = field(default_factory=dict)

    @property
    def reads_vectors(self) -> bool:
        return bool(self.dense)

    def probabilities(self, features: set[str], vector: np.ndarray | None = None) -> dict[str, float]:
        """The softmax over the statuses of the binary features present and, if the model has ``dense`` weights,
        the context's ``vector`` (required then)."""
        scores = dict(self.intercepts)
        for feature in features:
            for status, weight in self.weights.get(feature, {}).items():
                scores[status] += weight
        if self.dense:
            if vector is None:
                raise ValueError("this status model reads the context's sentence embedding: pass its vector")
            for status, weights in self.dense.items():
                scores[status] += float(np.dot(weights, vector))
        top = max(scores.values())
        exps = {status: math.exp(score - top) for status, score in scores.items()}
        total = sum(exps.values())
        return {status: value / total for status, value in exps.items()}

    def choose(self, features: set[str], admission: bool = False, vector: np.ndarray | None = None) -> FactStatus:
        """The status of a fact the rules call ``reported``, given its ``features`` (and context ``vector``);
        see ``choose``."""
        return choose(self.probabilities(features, vector), self.thresholds, admission)


def context_vectors(contexts: Sequence[str]) -> np.ndarray:
    """The sentence embedding of each context (cut to ``MAX_CONTEXT_CHARS``), one row each, as the model reads it.

    Facts of one sentence share a context, and a text read twice in a process is embedded once (a bounded cache)."""
    from warbrief.models import embed_texts

    cut = [context[:MAX_CONTEXT_CHARS] for context in contexts]
    if not cut:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    found = {context: _vectors[context] for context in cut if context in _vectors}
    missing = [context for context in dict.fromkeys(cut) if context not in found]
    if missing:
        found.update(zip(missing, embed_texts(missing), strict=True))
        _vectors.update((context, found[context]) for context in missing)
        while len(_vectors) > _VECTOR_CACHE_SIZE:
            _vectors.popitem(last=False)
    return np.vstack([found[context] for context in cut])


def side_neutral(text: str, beneficiary: str | None) -> str:
    """``text`` with the beneficiary's side words as ``OWN_SIDE`` and the other side's as ``OTHER_SIDE``."""
    if beneficiary not in _SIDE_WORDS:
        return text
    text = _SIDE_WORDS[beneficiary].sub(f" {OWN_SIDE} ", text)
    return _SIDE_WORDS[other_side(beneficiary)].sub(f" {OTHER_SIDE} ", text)


def features(context: str, beneficiary: str | None, speaker_side: str | None, has_source: bool) -> set[str]:
    """The model's binary features of a fact: ``context`` is its sentence and the next, the rest the rules' reading."""
    found = word_features(side_neutral(context, beneficiary))
    found.add(f"__beneficiary_{beneficiary or 'none'}")
    found.add(f"__speaker_side_{speaker_side or 'none'}")
    found.add(f"__source_{'yes' if has_source else 'no'}")
    found.add(f"__own_speaker_{'yes' if speaker_side is not None and speaker_side == beneficiary else 'no'}")
    return found


def is_admission(speaker_side: str | None, beneficiary: str | None) -> bool:
    """Whether the speaker is of the side the fact is bad for: ``choose``'s ``admission``."""
    return speaker_side is not None and beneficiary is not None and speaker_side != beneficiary


def choose(found: dict[str, float], thresholds: dict[str, float], admission: bool = False) -> FactStatus:
    """``reported`` unless ``found`` gives it less than its threshold and the likeliest other status reaches its own.

    ``admission``: the speaker the rules found is of the side the fact is bad for ("The Rybar channel conceded that
    Ukrainian troops had pushed Russian units back"), which is no claim whatever the words (on the first reads of
    rounds 6-16 ruling it out took accuracy from 0.847 to 0.851 and lost no claim)."""
    if found["reported"] >= thresholds["reported"]:
        return "reported"
    best = max((s for s in STATUSES if s != "reported"), key=lambda s: found[s])
    if best == "claimed" and admission:
        return "reported"
    return best if found[best] >= thresholds.get(best, 0.0) else "reported"


def load_status_model(path: Path) -> StatusModel:
    """The model in ``path``; ``StatusModelError`` naming the file when it is missing or malformed."""
    try:
        data = json.loads(path.read_text("utf-8"))
        intercepts = {str(k): float(v) for k, v in data["intercepts"].items()}
        weights = {str(f): {str(s): float(w) for s, w in by_status.items()} for f, by_status in data["weights"].items()}
        thresholds = {str(k): float(v) for k, v in data["thresholds"].items()}
        dense = {str(s): np.asarray(w, dtype=np.float64) for s, w in data.get("dense", {}).items()}
        if set(intercepts) != set(STATUSES) or any(set(w) - set(STATUSES) for w in weights.values()):
            raise ValueError(f"statuses must be {', '.join(STATUSES)}")
        if "reported" not in thresholds or set(thresholds) - set(STATUSES):
            raise ValueError("thresholds must give reported's and may give the other statuses'")
        if dense and (set(dense) != set(STATUSES) or any(w.shape != (DIMENSIONS,) for w in dense.values())):
            raise ValueError(f"dense weights must give {DIMENSIONS} numbers for each of {', '.join(STATUSES)}")
        return StatusModel(intercepts, weights, thresholds, dense)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise StatusModelError(f"{path}: cannot read the status model: {exc}") from exc


def write_status_model(path: Path, model: StatusModel, header: dict) -> None:
    """Write ``model`` as ``load_status_model`` reads it, one feature per line, sorted, so a retrained model diffs."""
    head = {**header, "thresholds": model.thresholds, "intercepts": model.intercepts}
    lines = [f"{json.dumps(key, ensure_ascii=False)}: {json.dumps(value, ensure_ascii=False)},"
             for key, value in head.items()]
    if model.dense:
        rows_of = ",\n".join(f"{json.dumps(status)}: {json.dumps([round(float(w), 6) for w in weights])}"
                              for status, weights in sorted(model.dense.items()))
        lines.append('"dense": {\n' + rows_of + "\n},")
    rows = [f"{json.dumps(feature, ensure_ascii=False)}: {json.dumps(by_status)}"
            for feature, by_status in sorted(model.weights.items())]
    path.write_text("{\n" + "\n".join(lines) + '\n"weights": {\n' + ",\n".join(rows) + "\n}\n}\n", "utf-8")


@cache
def shipped_model() -> StatusModel:
    """The model in data/status.json."""
    return load_status_model(MODEL_PATH)
