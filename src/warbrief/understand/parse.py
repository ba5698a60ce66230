"""spaCy's dependency parse, loaded lazily and run only on the few sentences a fact reader asks for.

The understand stage's spaCy pipeline (entities.py) runs tok2vec + ner only: a parse of every sentence of
every article would cost more than the whole stage. Readers that need the grammar of a sentence (troops.py:
which noun a number counts, which verb governs it) ask for it here, sentence by sentence, after a cheap
regex has found a candidate; the parser pipeline (the same model package, without ner) is loaded on the
first such request only, once per process, and the parses of recent sentences are kept, so a text read by
two readers or twice in one run is parsed once.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator, Sequence
from functools import lru_cache
from threading import Lock
from typing import Any

from warbrief.understand.entities import MODEL
from warbrief.understand.sentences import sentence_spans

MAX_SENTENCE = 600  # characters: a longer "sentence" is a table or a dump, not prose to parse
MAX_SENTENCES = 200  # sentences parsed per text; the rest of a pathological page is not read
CACHE_SIZE = 4096  # sentences whose parse is kept
_cache: OrderedDict[str, Any] = OrderedDict()
_lock = Lock()

@lru_cache(maxsize=1)
def load_parser() -> Any:
    """The model package with tagger, parser and lemmatizer and without ner (loaded once per process)."""
    import spacy

    return spacy.load(MODEL, exclude=["ner"])


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of ``text``: understand/sentences.py's rules (the splitter the stage
    measures), never across a line break, so a digest's one-paragraph lines never merge."""
    position = 0
    for line in text.split("\n"):
        for start, end in sentence_spans(line):
            yield position + start, position + end
        position += len(line) + 1


def parse(texts: Sequence[str]) -> list[Any]:
    """The spaCy Doc of each text (a sentence), from the cache when it was parsed recently."""
    missing = [text for text in dict.fromkeys(texts) if text not in _cache]
    if missing:
        docs = list(load_parser().pipe(missing, batch_size=64))
        with _lock:
            for text, doc in zip(missing, docs, strict=True):
                _cache[text] = doc
            while len(_cache) > CACHE_SIZE:
                _cache.popitem(last=False)
    found = []
    with _lock:
        for text in texts:
            doc = _cache.get(text)
            if doc is None:  # evicted by a concurrent caller between the two steps: parse it again
                doc = load_parser()(text)
            else:
                _cache.move_to_end(text)
            found.append(doc)
    return found


def token_at(doc: Any, offset: int) -> Any | None:
    """The token of ``doc`` covering character ``offset`` (None between tokens or past the end)."""
    for token in doc:
        if token.idx <= offset < token.idx + len(token.text):
            return token
        if token.idx > offset:
            return None
    return None
