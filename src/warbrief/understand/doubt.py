"""Whether a fact's sentences say that it could not be verified, read by a learned word model.

claims.py's ``_UNVERIFIED`` rules list the verdicts each round of labelled text was found to use, and every fresh round
wrote doubt in new ways ("no outside observer has been able to test", "gave no basis for the estimate", "no wreckage
has surfaced"): before their own fixes the rules found half of a new round's unverified facts, and most of the others
they called ``claimed``, since a doubted claim usually has a claim verb too. A logistic model over the words and word
pairs of the fact's sentence and the next one, trained on the dev records of the rounds before each of rounds 9-11
(eval/train_status_model.py), found 15 of the 22 the rules of the time missed there, and called no other fact
unverified.

It may overrule any status the rules give, as the ``unverified`` verdict does in the rules, but only when the sentences
name a check, evidence or a negation (``names_doubt``), so that topic words alone never make a fact unverified. The
weights are data (data/doubt.json), scored as confirmation.py's model is.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from warbrief.understand.linear_model import LinearModel, load_linear_model, word_features

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "doubt.json"
# Words without which no sentence says a claim is unchecked: a check or its evidence, or a negation.
DOUBT = re.compile(
    r"\b(?:verif\w*|confirm\w*|evidence|independent\w*|proof|prove\w*|check\w*|corroborat\w*|substantiat\w*"
    r"|unsupported|unclear|unknown|impossible|could\s+not|cannot|can['’]t|couldn['’]t|no\s+way|not\s+been"
    r"|(?:has|have|did)\s+not|without|no\s+\w+)\b",
    re.IGNORECASE,
)


class DoubtModelError(RuntimeError):
    """The shipped model file is missing or malformed (a broken install, not bad input)."""


@cache
def _model() -> LinearModel:
    return load_linear_model(MODEL_PATH, DoubtModelError, "doubt model")


def names_doubt(text: str) -> bool:
    """Whether ``text`` names a check, evidence or a negation (the model's gate)."""
    return DOUBT.search(text) is not None


def probability(text: str) -> float:
    """The model's probability that ``text`` (a fact's sentence and the next) calls the fact unverified."""
    return _model().probability(word_features(text))


def says_unverified(text: str) -> bool:
    """Whether ``text`` names a check or a negation and the model, at its shipped threshold, reads doubt in it."""
    return names_doubt(text) and probability(text) >= _model().threshold
