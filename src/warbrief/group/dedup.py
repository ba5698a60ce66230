"""Near-duplicate detection with MinHash LSH, for whole articles and for single paragraphs.

Captures of one page, syndicated wire copy and digests that paste a wire paragraph all repeat text
nearly verbatim. Word 5-gram shingles with MinHash find them in time linear in the number of texts, so
repeats are merged into one story and a repeated paragraph never counts as new information.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from datasketch import MinHash, MinHashLSH

NUM_PERM = 64
SHINGLE_WORDS = 5
_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def minhash(text: str) -> MinHash:
    signature = MinHash(num_perm=NUM_PERM, seed=7)
    signature.update_batch(list(shingles(text)))
    return signature


def near_duplicate_pairs(texts: Mapping[str, str], threshold: float = 0.6, min_words: int = 8) -> list[tuple[str, str]]:
    """Pairs of keys whose texts share at least ``threshold`` of their shingles (Jaccard, estimated)."""
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    signatures: dict[str, MinHash] = {}
    pairs: list[tuple[str, str]] = []
    for key, text in texts.items():
        if len(_WORD.findall(text)) < min_words:
            continue
        signature = minhash(text)
        for other in lsh.query(signature):
            if signatures[other].jaccard(signature) >= threshold:
                pairs.append((other, key))
        lsh.insert(key, signature)
        signatures[key] = signature
    return pairs


def repeated_paragraphs(paragraphs: Sequence[tuple[str, str]], threshold: float = 0.6) -> set[str]:
    """Keys of paragraphs that repeat an earlier paragraph (the first occurrence is kept)."""
    repeats = set()
    for first, later in near_duplicate_pairs(dict(paragraphs), threshold=threshold):
        repeats.add(later if later not in repeats else first)
    return repeats
