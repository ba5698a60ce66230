"""Whether a fact's sentences present it as confirmed by evidence, read by a learned word model.

Hand-written rules (claims.py's ``_CONFIRMED``) catch the wordings they were written for, but every fresh
round of labelled text showed independent verification written in new ways ("Photographs reviewed by the
Guardian show", "Geolocation by GeoConfirmed places the footage"): before their own fixes the rules found 37-47%
of a new round's confirmations. A logistic model over the words and word pairs of the fact's sentence and the
next one, trained on the labelled dev records of every round (eval/train_status_model.py), found 64-79% of a round
it had not seen. It only promotes a fact the rules call ``reported``, and only when the sentences name some
evidence (footage, images, satellite, verification, an investigation ...), so a plain report never becomes
confirmed on topic words alone.

The weights are data (data/confirmation.json, written by eval/train_status_model.py); scoring is the same bag of
lower-cased words and adjacent word pairs as scikit-learn's ``CountVectorizer(ngram_range=(1, 2), binary=True)``,
so no learning library is needed at run time.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from warbrief.understand.linear_model import LinearModel, load_linear_model, word_features

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "confirmation.json"
# The sentences must name evidence or a check of it before the model may call a fact confirmed.
EVIDENCE = re.compile(
    r"\b(?:footage|videos?|images?|imagery|photo\w*|pictures?|satellite|geolocat\w*|verif\w*|evidence|data"
    r"|analy[sz]\w*|investigation|forensic|documented|inspect\w*|obituar\w*|wreckage|debris|fragments|visible"
    r"|seen|observed|witness\w*|matched|cross-referenc\w*|established|identified|pinpoint\w*|traced|authenticat\w*"
    r"|corroborat\w*|located|filmed|vetted|documents)\b",
    re.IGNORECASE,
)


class ConfirmationModelError(RuntimeError):
    """The shipped model file is missing or malformed (a broken install, not bad input)."""


@cache
def _model() -> LinearModel:
    return load_linear_model(MODEL_PATH, ConfirmationModelError, "confirmation model")


def probability(text: str) -> float:
    """The model's probability that ``text`` (a fact's sentence and the next) presents the fact as confirmed."""
    return _model().probability(word_features(text))


# A capitalised evidence word before another capitalised word is part of a name ("Evidence Action", "Data Desk").
_NAME_GOES_ON = re.compile(r"\s+[A-Z][\w'’-]")


def names_evidence(text: str) -> bool:
    """Whether ``text`` names some evidence or a check of it, outside proper names."""
    return any(not (found.group(0)[0].isupper() and _NAME_GOES_ON.match(text, found.end()))
               for found in EVIDENCE.finditer(text))


def says_confirmed(text: str) -> bool:
    """Whether ``text`` names evidence and the model, at its shipped threshold, reads it as confirmation."""
    if not names_evidence(text):
        return False
    return probability(text) >= _model().threshold
