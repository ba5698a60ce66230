"""The shipped logistic models' file format and scoring, shared by confirmation.py, doubt.py and strike_model.py.

All are trained by eval scripts with scikit-learn and shipped as JSON ("weights" by binary feature name, "intercept",
"threshold"), so that no learning library is needed at run time and a model can be read and diffed as data.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

# scikit-learn's default token pattern: words of two or more word characters.
_TOKEN = re.compile(r"(?u)\b\w\w+\b")
# Words and single marks ("—", ":", "(") as tokens, for the models of a phrase's context.
_CONTEXT_TOKEN = re.compile(r"\w+|[^\w\s]")


def context_tokens(text: str) -> list[str]:
    """The lower-cased words and marks of ``text``, a token with a digit as "<num>" whatever the number: the context
    words of strike_model.py's and attacker_model.py's features."""
    return ["<num>" if any(c.isdigit() for c in token) else token.lower() for token in _CONTEXT_TOKEN.findall(text)]


def word_features(text: str) -> set[str]:
    """The lower-cased words and adjacent word pairs of ``text``: the binary features of scikit-learn's
    ``CountVectorizer(ngram_range=(1, 2), binary=True)``, which the status word models were trained on."""
    tokens = _TOKEN.findall(text.lower())
    return {*tokens, *(f"{a} {b}" for a, b in pairwise(tokens))}


@dataclass(frozen=True)
class LinearModel:
    weights: dict[str, float]
    intercept: float
    threshold: float

    def probability(self, features: Iterable[str]) -> float:
        """The logistic probability of the binary features present (absent ones weigh nothing)."""
        score = self.intercept + sum(self.weights.get(feature, 0.0) for feature in features)
        return 1.0 / (1.0 + math.exp(-score)) if score > -700 else 0.0


def write_linear_model(path: Path, model: LinearModel, header: dict) -> None:
    """Write ``model`` to ``path`` in the format ``load_linear_model`` reads, after ``header`` (what it is, what it
    was trained on): one key per line, weights sorted by feature, so a retrained model diffs as data."""
    data = {**header, "threshold": model.threshold, "intercept": model.intercept,
            "weights": dict(sorted(model.weights.items()))}
    path.write_text(json.dumps(data, indent=0, ensure_ascii=False) + "\n", "utf-8")


def fitted_linear_model(names: Iterable[str], coefficients: Iterable[float], intercept: float,
                        threshold: float) -> LinearModel:
    """A fitted scikit-learn model's weights by feature name, rounded to 6 decimals; zero weights left out."""
    weights = {str(name): round(float(w), 6) for name, w in zip(names, coefficients, strict=True) if w != 0.0}
    return LinearModel(weights, round(float(intercept), 6), threshold)


def load_linear_model(path: Path, error: type[Exception], what: str) -> LinearModel:
    """The model in ``path``; ``error`` (naming the file and ``what``) when it is missing or malformed."""
    try:
        data = json.loads(path.read_text("utf-8"))
        weights = {str(k): float(v) for k, v in data["weights"].items()}
        return LinearModel(weights, float(data["intercept"]), float(data["threshold"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise error(f"{path}: cannot read the {what}: {exc}") from exc
