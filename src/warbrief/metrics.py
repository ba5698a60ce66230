"""The extraction benchmark's shingle metric, in one place for every evaluation and test that uses it.

As the article-extraction-benchmark defines it: Unicode ``\\w+`` tokens, 4-gram shingles counted as
multisets, TP/FP/FN normalised per page so that long pages weigh no more than short ones, precision and
recall averaged over the pages where each is defined, F1 of the two means.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

TOKEN = re.compile(r"\w+")
SHINGLE = 4


@dataclass(slots=True)
class PageScore:
    """Normalised TP/FP/FN of one page (they sum to 1 unless the page is empty on both sides)."""

    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float | None:
        """Precision of the page, None when it does not count (TP+FP = 0)."""
        if self.tp + self.fp == 0:
            return None
        return 1.0 if self.fp == 0 else self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        """Recall of the page, None when it does not count (TP+FN = 0)."""
        if self.tp + self.fn == 0:
            return None
        return 1.0 if self.fn == 0 else self.tp / (self.tp + self.fn)


def shingles(text: str) -> Counter[tuple[str, ...]]:
    """4-gram shingles of \\w+ tokens as a multiset; a text under 4 tokens gives one shorter shingle."""
    tokens = TOKEN.findall(text or "")
    if not tokens:
        return Counter()
    if len(tokens) < SHINGLE:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1))


def score_page(truth: str, predicted: str) -> PageScore:
    true_sh, pred_sh = shingles(truth), shingles(predicted)
    tp = sum((true_sh & pred_sh).values())
    fp = sum((pred_sh - true_sh).values())
    fn = sum((true_sh - pred_sh).values())
    total = tp + fp + fn
    if total == 0:
        return PageScore(0.0, 0.0, 0.0)
    return PageScore(tp / total, fp / total, fn / total)


def aggregate(scores: Sequence[PageScore]) -> tuple[float, float, float]:
    """(P, R, F1): mean precision and mean recall over the pages where each is defined, F1 of the means."""
    precisions = [p for s in scores if (p := s.precision) is not None]
    recalls = [r for s in scores if (r := s.recall) is not None]
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f1


def shingle_f1(truth: str, predicted: str) -> float:
    """F1 of one page: what the benchmark computes when it has a single page."""
    return aggregate([score_page(truth, predicted)])[2]


def bootstrap_std(
    scores: Sequence[PageScore], resamples: int = 1000, seed: int = 20261122
) -> tuple[float, float, float]:
    """Standard deviation of (P, R, F1) over page resamples drawn with replacement."""
    rng = random.Random(seed)
    draws = [aggregate(rng.choices(list(scores), k=len(scores))) for _ in range(resamples)]

    def std(values: list[float]) -> float:
        mean = sum(values) / len(values)
        return (sum((v - mean) ** 2 for v in values) / (len(values) - 1)) ** 0.5

    return std([d[0] for d in draws]), std([d[1] for d in draws]), std([d[2] for d in draws])
