"""Fitting and shipping the binary-feature logistic models of understand/ (strike_model.py, attacker_model.py):
one fit and one write-then-check, shared by eval/train_strike_model.py and eval/train_attacker_model.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from warbrief.understand.linear_model import fitted_linear_model, write_linear_model


def fit(found: list[set[str]], labels: np.ndarray, c: float) -> tuple[DictVectorizer, LogisticRegression]:
    """A logistic regression over the binary features ``found`` (one set per example)."""
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform([dict.fromkeys(f, 1) for f in found])
    return vectorizer, LogisticRegression(C=c, max_iter=5000).fit(matrix, labels)


def held_out_probabilities(found: list[set[str]], labels: np.ndarray, train: np.ndarray, test: np.ndarray,
                           c: float) -> np.ndarray:
    """Fit on the examples of ``train`` (a mask) and return the probabilities of those at ``test`` (indices)."""
    vectorizer, model = fit([found[i] for i in np.where(train)[0]], labels[train], c)
    return model.predict_proba(vectorizer.transform([dict.fromkeys(found[i], 1) for i in test]))[:, 1]


def write_checked(path: Path, fitted: tuple[DictVectorizer, LogisticRegression], threshold: float, header: dict,
                  found: list[set[str]], shipped: Callable[[], Callable[[set[str]], float]]) -> None:
    """Write the fitted model to ``path``, then score ``found`` with the shipped scorer (``shipped()`` after the file is
    written, so its cache is reloaded) and print how far it is from scikit-learn's own probabilities."""
    vectorizer, model = fitted
    linear = fitted_linear_model(vectorizer.get_feature_names_out(), model.coef_[0], model.intercept_[0], threshold)
    write_linear_model(path, linear, header)
    probability = shipped()
    expected = model.predict_proba(vectorizer.transform([dict.fromkeys(f, 1) for f in found]))[:, 1]
    scored = np.array([probability(f) for f in found])
    print(f"\nwrote {path} ({len(linear.weights)} weights); largest difference from scikit-learn "
          f"{float(np.abs(expected - scored).max()):.2e}")
