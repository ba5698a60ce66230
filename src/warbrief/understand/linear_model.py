"""The shipped logistic models' file format and scoring, shared by confirmation.py and strike_model.py.

Both are trained by eval scripts with scikit-learn and shipped as JSON ("weights" by binary feature name, "intercept",
"threshold"), so that no learning library is needed at run time and a model can be read and diffed as data.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class LinearModel:
    weights: dict[str, float]
    intercept: float
    threshold: float

    def probability(self, features: Iterable[str]) -> float:
        """The logistic probability of the binary features present (absent ones weigh nothing)."""
        score = self.intercept + sum(self.weights.get(feature, 0.0) for feature in features)
        return 1.0 / (1.0 + math.exp(-score)) if score > -700 else 0.0


def load_linear_model(path: Path, error: type[Exception], what: str) -> LinearModel:
    """The model in ``path``; ``error`` (naming the file and ``what``) when it is missing or malformed."""
    try:
        data = json.loads(path.read_text("utf-8"))
        weights = {str(k): float(v) for k, v in data["weights"].items()}
        return LinearModel(weights, float(data["intercept"]), float(data["threshold"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise error(f"{path}: cannot read the {what}: {exc}") from exc
