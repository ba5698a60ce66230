"""The pieces of eval/summaries.py that decide a score: the 40-token protocol, redundancy, TextRank.

The evaluation itself reads ../shared; these tests use tiny in-repo examples only.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from conftest import load_eval_script


@pytest.fixture(scope="module")
def ev() -> ModuleType:
    return load_eval_script("summaries")


def words(n: int, stem: str) -> str:
    """A sentence of n white-space tokens that the splitter sees as one (capitalised, full stop)."""
    return (" ".join(f"{stem}{i}" for i in range(n)) + ".").capitalize()


def test_candidates_are_7_to_40_tokens_and_never_the_title(ev: ModuleType) -> None:
    body = " ".join(["Too short here.", words(7, "a"), words(40, "b"), words(41, "c")])
    cluster = ev.Cluster("target", [ev.parse_source_line(f"Title Words Here [SEP] {body}")])
    texts = [c.text for c in ev.cluster_candidates(cluster)]
    assert texts == [words(7, "a"), words(40, "b")]
    assert all("Title" not in t for t in texts)


def test_budget_is_40_tokens_in_total_and_a_long_sentence_is_skipped_not_a_stop(ev: ModuleType) -> None:
    ranked = [words(30, "a"), words(15, "b"), words(10, "c"), words(5, "d")]
    chosen = ev.select_budgeted(ranked)
    assert chosen == [words(30, "a"), words(10, "c")]
    assert sum(ev.token_count(s) for s in chosen) <= ev.MAX_TOKENS
    assert ev.select_budgeted(ranked, max_sentences=1) == [words(30, "a")]


def test_half_or_more_repeated_bigrams_is_redundant(ev: ModuleType) -> None:
    chosen = ["the army took the town on monday"]
    # 6 bigrams, 3 of them in the chosen sentence: exactly half, so skipped.
    assert ev.is_redundant("the army took the bridge at dawn", chosen)
    # 6 bigrams, 1 repeated ("the army"): under half, kept.
    assert not ev.is_redundant("the army held the bridge at dawn", chosen)
    assert not ev.is_redundant("anything at all here", [])
    assert ev.select_budgeted(["the army took the town on monday", "The army took the town, officials said"]) == [
        "the army took the town on monday"
    ]


def test_lead1_takes_the_first_eligible_sentence(ev: ModuleType) -> None:
    cluster = ev.Cluster("t", [ev.Document("T", "Short one. " + words(8, "x") + " " + words(9, "y"))])
    assert ev.lead1(ev.cluster_candidates(cluster)) == [words(8, "x")]
    assert ev.first_sentence(cluster) == ["Short one."]


def test_pagerank_is_a_distribution_and_favours_the_hub(ev: ModuleType) -> None:
    star = np.zeros((4, 4))
    star[0, 1:] = star[1:, 0] = 1.0
    scores = ev.pagerank(star)
    assert scores.sum() == pytest.approx(1.0)
    assert int(np.argmax(scores)) == 0
    isolated = ev.pagerank(np.zeros((3, 3)))
    assert isolated == pytest.approx(np.full(3, 1 / 3))


def test_textrank_ranks_the_sentence_sharing_most_words_first(ev: ModuleType) -> None:
    sentences = [
        "Rain fell on the quiet village overnight again.",
        "Troops shelled the city of Kharkiv on Monday morning.",
        "Kharkiv city was shelled by troops on Monday.",
        "Officials said troops shelled Kharkiv city on Monday.",
    ]
    scores = ev.textrank_scores(sentences)
    assert int(np.argmin(scores)) == 0
    candidates = [ev.Candidate(s, 0, i) for i, s in enumerate(sentences)]
    assert ev.textrank(candidates)[0] != sentences[0]


def test_rouge_is_lowercased_and_bootstrap_se_is_zero_for_constant_scores(ev: ModuleType) -> None:
    scorer = ev.make_scorer()
    scores = ev.score_summaries(["The Army Took Kharkiv"], [["the army took kharkiv"]], scorer)
    assert scores[0] == pytest.approx([100.0, 100.0, 100.0])
    assert ev.bootstrap_se(np.full((10, 3), 5.0)) == pytest.approx([0.0, 0.0, 0.0])


def test_clusters_regroup_lines_with_identical_target(ev: ModuleType, tmp_path: Path) -> None:
    (tmp_path / "s").write_text("A [SEP] one.\nB [SEP] two.\nC [SEP] three.\n", encoding="utf-8")
    (tmp_path / "t").write_text("x\ny\nx\n", encoding="utf-8")
    clusters = ev.read_clusters(tmp_path / "s", tmp_path / "t")
    assert [c.target for c in clusters] == ["x", "y"]
    assert [d.title for d in clusters[0].documents] == ["A", "C"]


def test_warbrief_candidates_are_cleaned_before_the_protocol_window_is_applied(ev: ModuleType) -> None:
    dated = "KYIV, Dec 27 (Reuters) - " + words(38, "a")  # 43 tokens as printed, 38 as written
    cluster = ev.Cluster("t", [ev.Document("Title", dated + " " + words(12, "b"))])
    assert [c.text for c in ev.warbrief_candidates(cluster)] == [words(38, "a"), words(12, "b")]
    assert [c.text for c in ev.warbrief_candidates(cluster, clean=False)] == [words(12, "b")]
    assert ev.cleaned_lead1(cluster) == [words(38, "a")]


def test_warbrief_summary_is_the_briefing_selection_under_the_protocol(ev: ModuleType) -> None:
    first, near_copy, third = words(20, "a"), words(19, "a"), words(15, "c")
    cluster = ev.Cluster("t", [ev.Document("Title", " ".join([first, near_copy, third]))])
    candidates = ev.warbrief_candidates(cluster)
    for number, candidate in enumerate(candidates):
        vector = np.zeros(3, dtype=np.float32)
        vector[number] = 1.0  # orthogonal: only the protocol's bigram rule can call the copy redundant
        candidate.vector = vector
    # Ranked as given; the near copy repeats over half of its bigrams, so the third sentence fills the budget.
    assert ev.warbrief_summary(candidates) == [first, third]
    assert ev.warbrief_summary(candidates, max_sentences=1) == [first]
    assert sum(ev.token_count(s) for s in ev.warbrief_summary(candidates)) <= ev.MAX_TOKENS


@pytest.fixture(scope="module")
def trainer() -> ModuleType:
    return load_eval_script("train_ranker")


def toy_stories(seed: int = 0) -> tuple[list[np.ndarray], list[np.ndarray], np.ndarray]:
    """Stories of 5 candidates with 3 features whose target is linear in the first two."""
    rng = np.random.default_rng(seed)
    truth = np.array([1.0, -0.5, 0.0])
    xs = [rng.normal(size=(5, 3)) for _ in range(60)]
    return xs, [x @ truth + 0.3 for x in xs], truth


def test_the_ranker_models_learn_the_order_inside_a_story(trainer: ModuleType) -> None:
    xs, ys, truth = toy_stories()
    ridge = trainer.fit_ridge(xs, ys, 1e-6)
    assert ridge == pytest.approx(truth, abs=1e-4)
    for weights in (trainer.fit_listnet(xs, ys, 0.1, 1e-4), trainer.fit_ranknet(xs, ys, 0.0, 1e-4)):
        cosine = weights @ truth / np.linalg.norm(weights) / np.linalg.norm(truth)
        assert cosine > 0.95


def test_training_never_reads_the_clusters_the_evaluation_scores(trainer: ModuleType, ev: ModuleType) -> None:
    assert trainer.HELD_OUT == 200
    assert trainer.ev is ev
    assert list(np.bincount(trainer.folds(819))) == [164, 164, 164, 164, 163]


def test_the_eval_passes_the_headlines_compose_passes(ev: ModuleType) -> None:
    """The WCEP title is a real headline unless the body opens with it; a query only, never a candidate."""
    body = words(12, "a") + " " + words(9, "b")
    titled = ev.Cluster("t", [ev.Document("Drones hit Kharkiv power plant", body),
                              ev.Document(words(12, "a").rstrip("."), body)])
    calls: list[list[str]] = []

    def embed(texts):
        calls.append(list(texts))
        return np.eye(3, dtype=np.float32)[[len(t) % 3 for t in texts]]

    (headlines,) = ev.warbrief_headlines([titled], embed)
    assert [h.text if h else None for h in headlines] == ["Drones hit Kharkiv power plant", None]
    assert calls == [["Drones hit Kharkiv power plant"]]
    assert all(c.text != "Drones hit Kharkiv power plant" for c in ev.warbrief_candidates(titled))


def test_a_missing_feature_is_standardised_to_the_mean(trainer: ModuleType) -> None:
    xs = [np.array([[1.0, np.nan], [3.0, 2.0]]), np.array([[2.0, 4.0]])]
    mean, scale = trainer.standardise(xs)
    assert mean == pytest.approx([2.0, 3.0])
    assert trainer.standardised(xs[0], mean, scale)[0, 1] == 0.0
    assert set(trainer.FEATURE_SETS[""]) < set(trainer.FEATURES)
