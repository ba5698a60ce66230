"""Near-duplicate detection with MinHash LSH, for whole articles and for single paragraphs.

Captures of one page, syndicated wire copy and digests that paste a wire paragraph all repeat text
nearly verbatim. Word 5-gram shingles with MinHash find them in time linear in the number of texts, so
repeats are merged into one story and a repeated paragraph never counts as new information.

The shingles are hashed with numpy rather than by datasketch's default (SHA-1 of every shingle's bytes,
one Python call each): on a day of 1,000 articles that was 850,000 calls and most of the stage's cost
after embedding (docs/benchmarks.md). Each distinct word is hashed once (CRC-32, stable across processes,
so the result is reproducible) and a 5-gram's hash is a polynomial of its words' hashes, computed for all
positions at once. datasketch still does the permutations, the signatures and the LSH index.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Mapping, Sequence

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 64
SHINGLE_WORDS = 5
_WORD = re.compile(r"\w+", re.UNICODE)
# Odd 64-bit multiplier of the polynomial that combines word hashes into a shingle hash (wraps modulo 2**64).
_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)
_LOW32 = np.uint64(0xFFFFFFFF)
#: How far under the Jaccard threshold LSH proposes candidates, which are then checked exactly.
CANDIDATE_MARGIN = 0.15


def words_of(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def shingle_hashes(words: Sequence[str], size: int = SHINGLE_WORDS, cache: dict[str, int] | None = None) -> np.ndarray:
    """32-bit hashes of the distinct word ``size``-grams of ``words`` (one for a text of ``size`` words or fewer)."""
    if not words:
        return np.zeros(0, dtype=np.uint64)
    cache = {} if cache is None else cache
    for word in set(words).difference(cache):
        cache[word] = zlib.crc32(word.encode("utf-8"))
    hashed = np.fromiter(map(cache.__getitem__, words), dtype=np.uint64, count=len(words))
    width = min(size, len(words))
    count = len(words) - width + 1
    combined = np.zeros(count, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for offset in range(width):
            combined = combined * _MULTIPLIER + hashed[offset : offset + count] + np.uint64(1)
        folded = (combined ^ (combined >> np.uint64(32))) & _LOW32
    return np.unique(folded)


def _identity(value: int) -> int:
    return value


def _signature(hashes: np.ndarray, template: MinHash) -> MinHash:
    signature = MinHash(num_perm=NUM_PERM, seed=template.seed, hashfunc=_identity,
                        permutations=template.permutations, scheme=template.scheme)
    signature.update_batch(hashes)
    return signature


def exact_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Jaccard similarity of two sets of shingle hashes (sorted, distinct, as ``shingle_hashes`` returns them)."""
    if not a.size and not b.size:
        return 1.0
    shared = np.intersect1d(a, b, assume_unique=True).size
    return shared / (a.size + b.size - shared)


def near_duplicate_pairs(texts: Mapping[str, str], threshold: float = 0.6, min_words: int = 8) -> list[tuple[str, str]]:
    """Pairs of keys whose texts share at least ``threshold`` of their shingles (Jaccard).

    LSH proposes candidates at a lower bar (CANDIDATE_MARGIN below ``threshold``) and each candidate is
    checked on the exact shingle sets: with 64 permutations the estimated Jaccard of a pair at 0.7 falls
    under 0.6 about one time in twelve, which let real copies through as separate stories.
    """
    lsh = MinHashLSH(threshold=max(threshold - CANDIDATE_MARGIN, 0.05), num_perm=NUM_PERM)
    template = MinHash(num_perm=NUM_PERM, seed=7)
    cache: dict[str, int] = {}
    hashes: dict[str, np.ndarray] = {}
    pairs: list[tuple[str, str]] = []
    for key, text in texts.items():
        words = words_of(text)
        if len(words) < min_words:
            continue
        own = shingle_hashes(words, cache=cache)
        signature = _signature(own, template)
        for other in lsh.query(signature):
            if exact_jaccard(hashes[other], own) >= threshold:
                pairs.append((other, key))
        lsh.insert(key, signature)
        hashes[key] = own
    return pairs


def repeated_paragraphs(paragraphs: Sequence[tuple[str, str]], threshold: float = 0.6) -> set[str]:
    """Keys of paragraphs that repeat an earlier paragraph (the first occurrence is kept)."""
    repeats = set()
    for first, later in near_duplicate_pairs(dict(paragraphs), threshold=threshold):
        repeats.add(later if later not in repeats else first)
    return repeats
