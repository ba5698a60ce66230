"""Extractive selection rules that readers notice: no dangling pronouns, no repeated facts, the budget."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from warbrief.records import Article, Sentence
from warbrief.write.select import (
    FEATURES,
    RANKER_PATH,
    Candidate,
    Headline,
    SaidSoFar,
    article_headlines,
    choose_sentences,
    headline_text,
    heuristic_scores,
    leans_on_previous,
    learned_scores,
    numbers_in,
    rank_candidates,
    ranking_features,
)


def candidate(index: int, text: str, vector: list[float]) -> Candidate:
    v = np.asarray(vector, dtype=np.float32)
    return Candidate(Sentence("art", index, 0, len(text), text), v / np.linalg.norm(v), index, 0, numbers_in(text))


def test_a_sentence_opening_with_a_pronoun_leans_on_the_one_before() -> None:
    for text in ("However, he cautioned against illusions.", "He said so.", "This marks the 54th drawdown.",
                 "Meanwhile, they retreated."):
        assert leans_on_previous(Sentence("a", 1, 0, len(text), text)), text
    for text in ("Meanwhile, Russian forces advanced.", "Heorhii Tykhyi said so.", "Thistle fields burned."):
        assert not leans_on_previous(Sentence("a", 1, 0, len(text), text)), text


def test_a_dangling_sentence_is_taken_only_after_its_predecessor() -> None:
    lead = candidate(0, "General Cavoli spoke at the Aspen forum on Wednesday.", [1, 0, 0])
    dangling = candidate(1, "However, he cautioned against any illusions about peace.", [0, 1, 0])
    other = candidate(5, "European officials warned of a long conflict with Russia.", [0, 0, 1])
    # Ranked first, the dangling sentence must wait for its predecessor.
    chosen = choose_sentences([dangling, other, lead], SaidSoFar(), max_sentences=3, max_words=100)
    assert [c.sentence.index for c in chosen] == [0, 1, 5]
    alone = choose_sentences([dangling, other], SaidSoFar(), max_sentences=3, max_words=100)
    assert [c.sentence.index for c in alone] == [5]


def test_a_fact_said_elsewhere_in_the_briefing_is_not_repeated() -> None:
    said = SaidSoFar()
    first = candidate(0, "Ukraine intercepted 16 Russian drones overnight.", [1, 0.1, 0])
    choose_sentences([first], said, max_sentences=1, max_words=100)
    again = candidate(3, "The air force said 16 Russian drones were downed.", [0.8, 0.6, 0])
    assert choose_sentences([again], said, max_sentences=1, max_words=100) == []


def test_the_word_budget_is_kept_after_the_first_sentence() -> None:
    long = candidate(0, " ".join(["word"] * 60) + ".", [1, 0, 0])
    second = candidate(1, " ".join(["more"] * 50) + ".", [0, 1, 0])
    assert len(choose_sentences([long, second], SaidSoFar(), max_sentences=4, max_words=100)) == 1


def test_a_claim_is_taken_with_the_sentence_that_attributes_it_when_both_fit() -> None:
    source = candidate(0, "Ukraine's General Staff said on Sunday that Russian losses rose again.", [1, 0, 0])
    claim = candidate(1, "Russia has also lost 9,657 tanks and 19,982 armored vehicles.", [0, 1, 0])
    other = candidate(5, "European officials warned of a long conflict with Russia.", [0, 0, 1])
    key = ("art", 1)
    chosen = choose_sentences([claim, other, source], SaidSoFar(), max_sentences=3, max_words=100,
                              companions={key: source})
    assert [c.sentence.index for c in chosen] == [0, 1, 5]
    # Without room for both, the claim is taken alone (the write stage then frames it "According to …").
    alone = choose_sentences([claim, other, source], SaidSoFar(), max_sentences=1, max_words=100,
                             companions={key: source})
    assert [c.sentence.index for c in alone] == [1]


def test_words_are_counted_as_written_and_an_extra_redundancy_rule_applies() -> None:
    dated = candidate(0, "KYIV, Dec 27 (Reuters) - Russia launched 16 drones at Ukraine overnight.", [1, 0, 0])
    assert dated.text == "Russia launched 16 drones at Ukraine overnight."
    assert dated.words == 7
    other = candidate(1, "Air defences shot down most of them over the Kyiv region.", [0, 1, 0])
    assert len(choose_sentences([dated, other], SaidSoFar(), max_sentences=4, max_words=18)) == 2
    never_second = choose_sentences([dated, other], SaidSoFar(), max_sentences=4, max_words=100,
                                    repeats=lambda c, chosen: bool(chosen))
    assert [c.sentence.index for c in never_second] == [0]


def test_a_pronoun_behind_a_dateline_still_needs_its_predecessor() -> None:
    dangling = candidate(1, "MOSCOW — He said the talks in Istanbul had produced nothing new.", [1, 0, 0])
    assert dangling.text == "He said the talks in Istanbul had produced nothing new."
    assert choose_sentences([dangling], SaidSoFar(), max_sentences=3, max_words=100) == []


def story(texts: list[str], vectors: list[list[float]]) -> list[Candidate]:
    return [candidate(i, text, vector) for i, (text, vector) in enumerate(zip(texts, vectors, strict=True))]


def test_the_shipped_ranker_matches_the_features_and_is_the_default() -> None:
    data = json.loads(RANKER_PATH.read_text(encoding="utf-8"))
    assert set(data["features"]) <= set(FEATURES) and len(set(data["features"])) == len(data["features"])
    assert len(data["mean"]) == len(data["scale"]) == len(data["weights"]) == len(data["features"])
    stated = story(["Russian forces struck Kharkiv with 16 drones overnight, the air force said on Tuesday.",
                    "I think we will see what happens next?",
                    "Officials in the region described the damage to several buildings."],
                   [[1, 0.2, 0], [0.1, 1, 0], [0.6, 0, 0.8]])
    assert ranking_features(stated).shape == (3, len(FEATURES))
    ranked = rank_candidates(stated)
    assert ranked == rank_candidates(stated, learned_scores)
    # The lead, a reported event with a number and a day, first; a first-person question never first.
    assert ranked[0].sentence.index == 0
    assert ranked[-1].sentence.index == 1
    assert rank_candidates([]) == []


def test_a_sentence_longer_than_the_training_window_is_not_scored_beyond_it() -> None:
    forty = " ".join(["word"] * 40) + "."
    ninety = " ".join(["word"] * 90) + "."
    features = ranking_features(story([forty, ninety], [[1, 0, 0], [1, 0, 0]]))
    words = FEATURES.index("words")
    assert features[0, words] == features[1, words] == 1.0


def test_the_hand_set_score_is_kept_for_comparison() -> None:
    stated = story(["Russian forces struck Kharkiv overnight.", "Officials described damage to buildings."],
                   [[1, 0, 0], [0, 1, 0]])
    assert [c.sentence.index for c in rank_candidates(stated, heuristic_scores)] == [0, 1]


def article(title: str, text: str, kind: str = "article") -> Article:
    return Article(raw_id="raw", index=0, title=title, text=text, day=date(2024, 12, 28), kind=kind)  # type: ignore[arg-type]


def test_only_a_real_headline_is_a_headline() -> None:
    body = "Russian drones struck an energy facility in Kharkiv overnight, officials said. Repairs began."
    assert headline_text(article("Drones hit Kharkiv power plant", body)) == "Drones hit Kharkiv power plant"
    assert headline_text(article("Kyiv says 16 drones downed", body, kind="listing_item")) is not None
    # A digest item's title is its first sentence; so is an article's whose page had no heading.
    assert headline_text(article("Drones hit Kharkiv power plant", body, kind="digest_item")) is None
    assert headline_text(article("Russian drones struck an energy facility in Kharkiv overnight, officials said",
                                 body)) is None
    assert headline_text(article("Russian drones struck an energy facility in Kharkiv overnight, officials…",
                                 body)) is None
    assert headline_text(article("  ", body)) is None


def test_headlines_are_embedded_in_one_call_and_only_the_real_ones() -> None:
    calls: list[list[str]] = []

    def embed(texts):
        calls.append(list(texts))
        return np.ones((len(texts), 3), dtype=np.float32)

    titled = article("Drones hit Kharkiv power plant", "Russian drones struck Kharkiv overnight.")
    digest = Article(raw_id="raw", index=1, title="Talks resumed in Istanbul", text="Talks resumed in Istanbul.",
                     day=date(2024, 12, 28), kind="digest_item")
    found = article_headlines([titled, digest], embed)
    assert list(found) == [titled.id] and found[titled.id].text == "Drones hit Kharkiv power plant"
    assert calls == [["Drones hit Kharkiv power plant"]]
    assert article_headlines([digest], embed) == {} and len(calls) == 1


def headline(text: str, vector: list[float]) -> Headline:
    v = np.asarray(vector, dtype=np.float32)
    return Headline(text, v / np.linalg.norm(v))


def test_headline_features_compare_to_the_article_and_story_headlines_and_are_missing_without_one() -> None:
    stated = story(["Russian drones struck the Kharkiv power plant overnight.",
                    "Officials in the region described the damage to several buildings."],
                   [[1, 0, 0], [0, 1, 0]])
    features = ranking_features(stated, [headline("Drones hit Kharkiv power plant", [1, 0, 0])])
    cosine, story_cosine, words = (FEATURES.index(f) for f in ("headline", "story_headline", "headline_words"))
    assert features[:, cosine] == pytest.approx([1.0, 0.0])
    assert features[:, story_cosine] == pytest.approx([1.0, 0.0])
    assert features[0, words] == pytest.approx(4 / 5)  # drones, kharkiv, power, plant of 5 words
    missing = ranking_features(stated, [None])
    assert np.isnan(missing[:, [cosine, story_cosine, words]]).all()
    assert np.isnan(ranking_features(stated)[:, cosine]).all()


def test_an_article_without_a_headline_is_ranked_as_if_headlines_were_not_weighed() -> None:
    # A digest item's "title" is its first sentence: it must not lift that sentence. Without a headline the
    # headline features count as their training mean, so the ranking is the one of the other features.
    stated = story(["Russian forces struck Kharkiv with 16 drones overnight, the air force said on Tuesday.",
                    "Officials in the region described the damage to several buildings.",
                    "The strike hit a power plant and left thousands without heating."],
                   [[1, 0.2, 0], [0.6, 0, 0.8], [0.5, 0.5, 0.5]])
    data = json.loads(RANKER_PATH.read_text(encoding="utf-8"))
    weighed = [FEATURES.index(f) for f in data["features"]]
    features = ranking_features(stated)[:, weighed]
    standardised = (features - np.asarray(data["mean"])) / np.asarray(data["scale"])
    expected = np.nan_to_num(standardised, nan=0.0) @ np.asarray(data["weights"])
    assert learned_scores(stated, [None]) == pytest.approx(expected)
    assert not np.isnan(learned_scores(stated, [None])).any()
    assert rank_candidates(stated, headlines=[None]) == rank_candidates(stated)


def test_a_ranker_file_names_the_features_it_weighs(tmp_path: Path) -> None:
    stated = story(["Russian forces struck Kharkiv with 16 drones overnight, the air force said on Tuesday.",
                    "Officials in the region described the damage to several buildings."],
                   [[1, 0.2, 0], [0.6, 0, 0.8]])
    path = tmp_path / "ranker.json"
    path.write_text(json.dumps({"features": ["words", "lead"], "mean": [0.5, 0.5], "scale": [0.25, 0.5],
                                "weights": [1.0, -2.0]}), encoding="utf-8")
    features = ranking_features(stated)
    words, lead = features[:, FEATURES.index("words")], features[:, FEATURES.index("lead")]
    expected = (words - 0.5) / 0.25 - 2 * (lead - 0.5) / 0.5
    assert learned_scores(stated, path=path) == pytest.approx(expected)
    wrong = tmp_path / "wrong.json"  # a ranker file is read once per process: another path
    wrong.write_text(json.dumps({"features": ["nonsense"], "mean": [0], "scale": [1], "weights": [1]}), "utf-8")
    with pytest.raises(ValueError):
        learned_scores(stated, path=wrong)
