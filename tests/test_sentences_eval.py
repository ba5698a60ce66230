"""eval/sentences.py on a few in-repo paragraphs: boundaries, the lenient offset rule, scores in range."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest

from conftest import load_eval_script
from warbrief.understand.sentences import sentence_spans

RECORDS = [
    {"id": "a", "text": "The U.S. sent aid. Gen. Smith said it arrived. “It is late,” he said. Then it rained.",
     "boundaries": [18, 46, 69]},
    {"id": "b", "text": "Checks ran from 10:30 p.m. Aug. 9 to 6:30 a.m. the next day. Nobody slept.",
     "boundaries": [60]},
    {"id": "c", "text": "One sentence only.", "boundaries": []},
]


@pytest.fixture(scope="module")
def ev() -> ModuleType:
    return load_eval_script("sentences")


def test_gold_offsets_are_sentence_ends() -> None:
    for record in RECORDS:
        for b in record["boundaries"]:
            assert record["text"][b - 1] in ".!?”"
            assert record["text"][b] == " "


def test_boundaries_ignore_the_paragraph_end(ev: ModuleType) -> None:
    text = "First one. Second one.  "
    assert ev.boundaries(text, [(0, 10), (11, 22)]) == {10}


def test_lenient_moves_an_opening_quote_back(ev: ModuleType) -> None:
    text = "He left. “We stay,” she said."
    assert ev.normalise(text, 10) == 8
    assert ev.normalise(text, 8) == 8


def test_warbrief_scores_on_the_sample(ev: ModuleType) -> None:
    result = ev.score("warbrief", ev.warbrief_splitter, RECORDS)
    precision, recall, f1 = result.strict
    assert (result.tp, result.fn) == (4, 0)
    # "p.m. Aug." is read as a sentence end by the rule-based splitter: one false positive.
    assert result.fp == 1
    assert precision == pytest.approx(0.8) and recall == 1.0 and 0.0 < f1 < 1.0


def test_all_installed_systems_give_scores_in_range(ev: ModuleType, tmp_path: Path) -> None:
    path = tmp_path / "sample.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in RECORDS), encoding="utf-8")
    records = ev.load(path)
    names = []
    for name, splitter in ev.systems():
        names.append(name)
        result = ev.score(name, splitter, records)
        for value in (*result.strict, *result.lenient):
            assert 0.0 <= value <= 1.0
        assert result.tp + result.fn == 4
    assert names[0] == "warbrief split_sentences"
    assert "spaCy sentencizer (blank en)" in names


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        # The benchmark paragraph bench-ec3878db-58: a quoted "no." ends the sentence.
        ("This is an easy way to enjoy game day food without having to tell yourself “no.” That’s why I always "
         "tell my clients: “an open face is a happy face!”",
         ["This is an easy way to enjoy game day food without having to tell yourself “no.”",
          "That’s why I always tell my clients: “an open face is a happy face!”"]),
        ("Asked whether Kyiv would cede Kursk, he said no. The talks ended an hour later.",
         ["Asked whether Kyiv would cede Kursk, he said no.", "The talks ended an hour later."]),
        # "No." before a number, and other abbreviations, still do not end a sentence.
        ("Decree No. 5 was signed by Gen. Syrskyi. It takes effect on Monday.",
         ["Decree No. 5 was signed by Gen. Syrskyi.", "It takes effect on Monday."]),
    ],
)
def test_quoted_no_ends_a_sentence(text: str, sentences: list[str]) -> None:
    assert [text[start:end] for start, end in sentence_spans(text)] == sentences


def test_warbrief_f1_on_the_labeled_set_is_kept(ev: ModuleType) -> None:
    records = ev.load(Path(__file__).parent.parent / "eval" / "data" / "sentences_labeled.jsonl")
    result = ev.score("warbrief", ev.warbrief_splitter, records)
    assert result.strict[2] >= 0.994
