"""Near-duplicate detection: copies found by exact shingle overlap, different reports kept apart."""

from __future__ import annotations

import subprocess
import sys

import numpy as np

from warbrief.group.dedup import (
    exact_jaccard,
    near_duplicate_pairs,
    repeated_paragraphs,
    shingle_hashes,
    words_of,
)

WIRE = (
    "Russian forces launched 72 Shahed drones and three Iskander-M ballistic missiles at Ukraine overnight, the "
    "Ukrainian Air Force said on Tuesday. Air defenses shot down 48 drones over nine oblasts, while 20 more were "
    "lost to electronic warfare. Debris fell on residential buildings in the Holosiivskyi district of Kyiv, "
    "injuring four people, the head of the city military administration said."
)


def shingles(text: str, size: int = 5) -> set[str]:
    """The word 5-grams the hashes stand for, written out."""
    words = words_of(text)
    return {" ".join(words[i : i + size]) for i in range(max(1, len(words) - size + 1))} if words else set()


def test_shingle_hashes_count_the_distinct_five_grams() -> None:
    assert shingle_hashes(words_of(WIRE)).size == len(shingles(WIRE))
    assert shingle_hashes(words_of("a b a b a b a b")).size == 2  # "a b a b a" and "b a b a b"
    assert shingle_hashes(["kyiv"]).size == 1
    assert shingle_hashes([]).size == 0


def test_hashes_are_the_same_in_another_process() -> None:
    """CRC-32, not Python's salted hash(): a rerun groups the same articles together."""
    code = ("from warbrief.group.dedup import shingle_hashes, words_of;"
            f"print(','.join(map(str, shingle_hashes(words_of({WIRE!r})).tolist())))")
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert other == ",".join(map(str, shingle_hashes(words_of(WIRE)).tolist()))


def test_a_syndicated_copy_with_a_new_tail_is_a_near_duplicate() -> None:
    copy = WIRE.replace("on Tuesday", "on Tuesday morning") + " Read more on our website."
    assert exact_jaccard(shingle_hashes(words_of(WIRE)), shingle_hashes(words_of(copy))) >= 0.6
    assert near_duplicate_pairs({"wire": WIRE, "copy": copy}) == [("wire", "copy")]


def test_a_rewrite_of_the_same_event_is_not_a_duplicate() -> None:
    rewrite = ("Ukraine's Air Force says it downed 48 of 72 drones launched by Russia overnight; three ballistic "
               "missiles were also fired. Four people were hurt in Kyiv's Holosiivskyi district by falling debris.")
    assert near_duplicate_pairs({"wire": WIRE, "rewrite": rewrite}) == []


def test_the_threshold_is_applied_to_the_exact_overlap() -> None:
    words = WIRE.split()
    half = " ".join(words[: len(words) // 2]) + " " + " ".join(f"filler{i}" for i in range(len(words) // 2))
    overlap = exact_jaccard(shingle_hashes(words_of(WIRE)), shingle_hashes(words_of(half)))
    assert 0.2 < overlap < 0.5
    assert near_duplicate_pairs({"a": WIRE, "b": half}, threshold=overlap - 0.01) == [("a", "b")]
    assert near_duplicate_pairs({"a": WIRE, "b": half}, threshold=overlap + 0.01) == []


def test_short_empty_and_odd_texts_are_skipped_without_error() -> None:
    texts = {"empty": "", "short": "Kyiv under attack", "symbols": "%%% ### !!!", "binary": "\x00\x01\ufffd" * 50,
             "wire": WIRE, "copy": WIRE}
    assert near_duplicate_pairs(texts) == [("wire", "copy")]
    assert exact_jaccard(np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.uint64)) == 1.0


def test_a_repeated_paragraph_keeps_its_first_occurrence() -> None:
    other = "Separately, the General Staff reported 1,690 Russian personnel losses over the past day, and 12 tanks."
    assert repeated_paragraphs([("p1", WIRE), ("p2", other), ("p3", WIRE + " (Reuters)")]) == {"p3"}
