"""Average-linkage clustering with constraints, checked against a direct implementation of its definition."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from warbrief.group.cluster import cluster


def reference(vectors: np.ndarray, groups: list[str], must_link: list[tuple[int, int]], threshold: float,
              cannot_link: np.ndarray, affinity: np.ndarray) -> list[list[int]]:
    """Average linkage written as its definition: merge the closest allowed pair while it reaches the threshold."""
    similarity = vectors @ vectors.T + affinity
    clusters = [[i] for i in range(len(vectors))]

    def join(a: list[int], b: list[int]) -> None:
        clusters.remove(b)
        a.extend(b)

    for i, j in must_link:
        a = next(c for c in clusters if i in c)
        b = next(c for c in clusters if j in c)
        if a is not b:
            first, second = (a, b) if min(a) < min(b) else (b, a)
            join(first, second)
    while True:
        best: tuple[float, int, int] | None = None
        ordered = sorted(clusters, key=min)
        for a, b in itertools.combinations(ordered, 2):
            if any(groups[i] == groups[j] or cannot_link[i, j] for i in a for j in b):
                continue
            average = float(np.mean([similarity[i, j] for i in a for j in b]))
            if average >= threshold and (best is None or average > best[0] + 1e-12):
                best = (average, ordered.index(a), ordered.index(b))
        if best is None:
            return sorted(sorted(c) for c in clusters)
        join(ordered[best[1]], ordered[best[2]])


@pytest.mark.parametrize("seed", range(12))
def test_same_clusters_as_the_definition(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 40))
    centers = rng.normal(size=(max(1, n // 4), 8))
    vectors = centers[rng.integers(0, len(centers), n)] + rng.normal(scale=0.5, size=(n, 8))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    groups = [str(rng.integers(0, 2 * n)) for _ in range(n)]
    must_link = [(int(rng.integers(0, n)), int(rng.integers(0, n))) for _ in range(2)]
    cannot_link = rng.random((n, n)) < 0.03
    cannot_link |= cannot_link.T
    affinity = 0.02 * (rng.random((n, n)) < 0.1)
    affinity = (affinity + affinity.T) / 2
    threshold = float(rng.uniform(0.5, 0.85))
    got = sorted(cluster(vectors, groups, must_link, threshold, cannot_link, affinity))
    assert got == reference(vectors, groups, must_link, threshold, cannot_link, affinity)


def test_items_of_one_page_never_merge_and_a_far_item_stays_alone() -> None:
    vectors = np.array([[1.0, 0.0], [1.0, 0.0], [0.99, 0.141], [0.0, 1.0]])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    assert sorted(cluster(vectors, ["p", "p", "q", "r"], threshold=0.8)) == [[0, 2], [1], [3]]
    assert cluster(np.zeros((0, 2)), []) == []
