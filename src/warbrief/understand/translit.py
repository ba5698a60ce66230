"""Folding of place-name spellings to one matching key.

News copy spells Ukrainian places in several romanisations at once: the official 2010 national system
("Novoielyzavetivka", "Kruhliakivka"), the older BGN-like forms ("Novoyeliyzavetivka", "Kruhlyakivka"),
and Russian forms ("Krugliakovka", "Russkoye Porechnoye"). Instead of generating every variant of every
gazetteer name we fold any spelling down to a coarse phonetic key, on both sides: the distinctions that
the romanisations disagree about (y/i, ya/ia, ye/ie, g/h, soft-sign apostrophes, doubled letters,
Russian endings) are erased. The key is deliberately lossy; disambiguation handles the few collisions.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = re.compile(r"['\u2019\u2018\u02bc\u02b9`\u00b4\u201b]")
_NON_LETTERS = re.compile(r"[^a-z\u0400-\u04ff ]+")
_SPACES = re.compile(r"\s+")
_YE = re.compile(r"i?e")
_DOUBLES = re.compile(r"(.)\1+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# Russian word endings (as folded: "-skoye" -> "skoe") and their Ukrainian counterparts, applied per word,
# first match only.
_ENDINGS: tuple[tuple[str, str], ...] = (
    ("skoe", "ske"),
    ("noe", "ne"),
    ("ovoe", "ove"),
    ("evoe", "eve"),
    ("oe", "e"),
    ("ovka", "ivka"),
    ("evka", "ivka"),
    ("aia", "a"),
    ("ii", "i"),
)
_CYRILLIC_FOLD = str.maketrans({"ї": "і", "є": "е", "и": "і", "ы": "і", "й": "і", "ь": "", "ъ": "", "ё": "е",
                                "э": "е", "ґ": "г"})


def strip_accents(text: str) -> str:
    """Drop combining marks ("Dnipró" -> "Dnipro") but keep Cyrillic letters."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def _fold_latin_word(word: str) -> str:
    word = word.replace("shch", "\x01").replace("ch", "\x02").replace("kh", "\x03").replace("zh", "\x04")
    word = word.replace("sh", "\x05").replace("ts", "\x06")
    word = word.replace("c", "k").replace("w", "v").replace("g", "h").replace("j", "i").replace("q", "k")
    word = word.replace("x", "ks").replace("y", "i")
    word = _YE.sub("e", word)  # ye/ie -> e (y already folded to i)
    word = _DOUBLES.sub(r"\1", word)  # doubled letters and digraphs (zhzh), the ii of yi/iy
    for russian, ukrainian in _ENDINGS:
        if word.endswith(russian) and len(word) > len(russian) + 2:
            word = word[: -len(russian)] + ukrainian
            break
    word = _DOUBLES.sub(r"\1", word)
    for mark, digraph in (("\x01", "shch"), ("\x02", "ch"), ("\x03", "kh"), ("\x04", "zh"), ("\x05", "sh"),
                          ("\x06", "ts")):
        word = word.replace(mark, digraph)
    return word


@lru_cache(maxsize=65536)
def _fold_cyrillic_word(word: str) -> str:
    return _DOUBLES.sub(r"\1", word.translate(_CYRILLIC_FOLD))


@lru_cache(maxsize=131072)
def place_key(name: str) -> str:
    """The matching key of a place name: lowercase, accent-free, romanisation differences folded.

    "Kruhlyakivka", "Kruhliakivka" and "Krugliakovka" share one key, as do "Kozatskyi" and "Kozatsky".
    Words keep their order and are joined by single spaces (hyphens count as spaces).
    """
    text = _APOSTROPHES.sub("", strip_accents(name).lower())
    text = _SPACES.sub(" ", _NON_LETTERS.sub(" ", text.replace("-", " "))).strip()
    if not text:
        return ""
    fold = _fold_cyrillic_word if _CYRILLIC.search(text) else _fold_latin_word
    return " ".join(fold(word) for word in text.split(" "))
