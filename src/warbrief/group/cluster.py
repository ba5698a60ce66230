"""Event clustering: average-linkage agglomeration over article embeddings, with constraints.

Two constraints come from how pages are made: near-duplicates must end in one story (must-link), and two
items of the same page (a digest's paragraphs, a listing's articles) were written as different stories
by their editor, so they never merge (cannot-link). Average linkage keeps a chain of loosely related
reports from snowballing into one catch-all story, the failure readers complain of most.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

# Same-topic reports of different events reach 0.70-0.79 with MiniLM on title + lead (two different
# overnight drone attacks: 0.785), so only a high similarity merges without a near-duplicate link.
DEFAULT_THRESHOLD = 0.80


def cluster(
    vectors: np.ndarray,
    groups: Sequence[str],
    must_link: Sequence[tuple[int, int]] = (),
    threshold: float = DEFAULT_THRESHOLD,
    cannot_link: np.ndarray | None = None,
    affinity: np.ndarray | None = None,
) -> list[list[int]]:
    """Clusters of row indices of ``vectors`` (unit-length rows); ``groups[i]`` is item i's page id.

    ``cannot_link`` is an optional boolean n x n matrix of further pairs that must stay apart; ``affinity`` an
    optional n x n matrix added to the cosine similarities (evidence beyond the text, such as shared entities).
    """
    n = len(vectors)
    if n == 0:
        return []
    similarity = (vectors @ vectors.T).astype(np.float64)
    if affinity is not None:
        similarity += affinity
    members: list[list[int]] = [[i] for i in range(n)]
    sums = similarity.copy()
    sizes = np.ones(n)
    labels = np.asarray([hash(g) for g in groups])
    cannot = labels[:, None] == labels[None, :]
    if cannot_link is not None:
        cannot |= cannot_link
    alive = np.ones(n, dtype=bool)

    def merge(a: int, b: int) -> None:
        sums[a, :] += sums[b, :]
        sums[:, a] += sums[:, b]
        sizes[a] += sizes[b]
        cannot[a, :] |= cannot[b, :]
        cannot[:, a] |= cannot[:, b]
        members[a].extend(members[b])
        members[b] = []
        alive[b] = False
        sums[b, :] = -np.inf
        sums[:, b] = -np.inf

    root = list(range(n))

    def find(i: int) -> int:
        while root[i] != i:
            root[i] = root[root[i]]
            i = root[i]
        return i

    for i, j in must_link:
        a, b = find(i), find(j)
        if a != b:
            merge(min(a, b), max(a, b))
            root[max(a, b)] = min(a, b)

    # Only clusters with some pair at or above the threshold can ever merge: the average similarity of a merged
    # cluster to a third is a weighted mean of its parts' averages, so a pair under the threshold never rises
    # above it. The loop therefore runs on those rows alone (a few hundred of a thousand on a busy day), not on
    # the full n x n matrix at every merge; the merges, and their order, are the same.
    average = sums / np.outer(sizes, sizes)
    average[cannot | ~alive[:, None] | ~alive[None, :]] = -np.inf
    active = np.flatnonzero((average >= threshold).any(axis=1))
    while active.size:
        rows = np.ix_(active, active)
        average = sums[rows] / np.outer(sizes[active], sizes[active])
        average[cannot[rows] | ~alive[active][:, None] | ~alive[active][None, :]] = -np.inf
        flat = int(np.argmax(average))
        a, b = (int(active[k]) for k in divmod(flat, active.size))
        if average.flat[flat] < threshold:
            break
        merge(min(a, b), max(a, b))
        active = active[alive[active]]
    return [sorted(m) for m in members if m]
