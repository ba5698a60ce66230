"""Train select.py's learned sentence scorer on WCEP-small clusters that eval/summaries.py does not score (#6).

    .venv/bin/python eval/train_ranker.py                 # cross-validate the models on clusters 200-1018
    .venv/bin/python eval/train_ranker.py --write MODEL   # fit MODEL on all 819 and write data/ranker.json

Strict separation: eval/summaries.py scores the first 200 clusters (96 val, then 104 train); everything here
reads only clusters 200-1018 of the same ordering (819 clusters). Model choice is a 5-fold cross-validation
over those 819 (folds by cluster): each model is fitted on four folds and its rankings of the fifth are
scored end to end, as eval/summaries.py scores warbrief (``warbrief_summary``: the briefing's
``choose_sentences`` under the protocol, 40 tokens and top sentence). The 200 are never read here.

Candidates, features and ranking are the briefing's own: ``select.story_candidates`` (through
eval/summaries.py's ``warbrief_candidates``), MiniLM vectors of the cleaned text, ``select.ranking_features``.
The target of a candidate is its ROUGE-1 F1 (lowercased) against the cluster's reference summary. Models are
linear in the standardised features: ridge regression on the within-cluster-centred target, a listwise
softmax (ListNet: the target's softmax at temperature tau against the scores' softmax) and a pairwise
logistic loss (RankNet). A gradient-boosted regressor (scikit-learn, installed with sentence-transformers)
is cross-validated too, only to show what a non-linear model would add; it is not shippable as data here.
Each model is tried on feature sets (subsets of ``select.FEATURES``, by name; data/ranker.json names the ones
it weighs): the 19 briefing features before the headline, and those plus headline features (cosine to its
article's headline, to the story's headline, share of the headline's words: ``select.ranking_features``
with the headlines that eval/summaries.py and compose.py pass, ``select.article_headlines``). A missing
feature (an article without a real headline) is standardised to 0, as ``select.learned_scores`` does.

``--per-article N`` retrains and scores every model on a pool of N candidates per article instead of
compose.py's ``CANDIDATES_PER_ARTICLE``; ``--against-shipped`` reports the paired difference against the shipped
model cross-validated on the same folds (the bar for changing it) instead of the hand-set ranking.
``TRIED_SETS`` are eval-only features tried on top of the shipped set (``extra_features``, the candidate's
vector itself); none beat it (eval/results/summaries.md, 2026-11-22 second follow-up).

Embeddings are cached in /tmp (``--cache`` for candidates, ``--title-cache`` for headlines), so a second run
does not embed again.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

from warbrief.write.compose import CANDIDATES_PER_ARTICLE
from warbrief.write.select import FEATURES, RANKER_PATH, Candidate, Headline, ranking_features

HERE = Path(__file__).resolve().parent
HELD_OUT = 200  # eval/summaries.py scores clusters [0, 200): never read here
FOLDS = 5
SEED = 6


def _summaries():
    """eval/summaries.py as a module (the name tests/conftest.py gives it, so that both share one copy)."""
    if "eval_summaries" in sys.modules:
        return sys.modules["eval_summaries"]
    spec = importlib.util.spec_from_file_location("eval_summaries", HERE / "summaries.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_summaries"] = module
    spec.loader.exec_module(module)
    return module


ev = _summaries()


@dataclass(slots=True)
class Story:
    """One training cluster: its candidates, their ``select.FEATURES`` (headlines given), and their targets."""

    target: str
    candidates: list[Candidate]
    headlines: list[Headline | None]
    features: np.ndarray
    r1: np.ndarray


# Eval-only features (2026-11-22, second follow-up), computed here by ``extra_features`` and appended to
# ``select.FEATURES``' columns; select.py computes them only if one is adopted.
EXTRA_FEATURES = (
    "headline_precision",  # share of the sentence's content words that its article's headline has (missing: none)
    "headline_content",  # share of the headline's content words (stop words out) the sentence repeats
    "headline_f1",  # F1 of the two: the headline as a stand-in reference, scored as ROUGE-1 scores
    "headline_bigrams",  # share of the headline's word bigrams the sentence repeats
    "story_headline_gap",  # story_headline minus the story's best (how far from the headline's closest sentence)
    "headline_words_gap",  # headline_words minus the story's best
    "other_articles",  # share of its content words another article's candidates use (missing: one article)
)
# The candidate's MiniLM vector itself, one feature per dimension (a linear probe for what a reference-like
# sentence reads like), and its elementwise product with the story headline's vector (a learned similarity).
EMBEDDING = tuple(f"embedding_{i}" for i in range(384))
EMBEDDING_BY_HEADLINE = tuple(f"embedding_by_headline_{i}" for i in range(384))
ALL_FEATURES = (*FEATURES, *EXTRA_FEATURES, *EMBEDDING, *EMBEDDING_BY_HEADLINE)
BEFORE_HEADLINE = FEATURES[: FEATURES.index("headline")]  # the 19 features of the model shipped before
SHIPPED_FEATURES = (*BEFORE_HEADLINE, "story_headline", "headline_words")  # data/ranker.json's 21
SHIPPED_MODEL = "ridge a=0.01 + story headline"
FEATURE_SETS = {
    "": BEFORE_HEADLINE,
    " + story headline": SHIPPED_FEATURES,  # the earlier eval-only pair
    " + headline": (*BEFORE_HEADLINE, "headline", "headline_words"),
    " + both headlines": FEATURES,
}
# Tried on top of the shipped set (2026-11-22, second follow-up; none kept): cross-validated with fewer models
# (``models``), so that the default run stays as long as before.
TRIED_SETS = {
    " + story headline + overlap": (*SHIPPED_FEATURES, "headline_precision", "headline_content", "headline_f1",
                                    "headline_bigrams"),
    " + story headline + gaps": (*SHIPPED_FEATURES, "story_headline_gap", "headline_words_gap"),
    " + story headline + other articles": (*SHIPPED_FEATURES, "other_articles"),
    " + story headline + all extra": (*SHIPPED_FEATURES, *EXTRA_FEATURES),
    " + story headline + embedding": (*SHIPPED_FEATURES, *EMBEDDING),
    " + story headline + embedding by headline": (*SHIPPED_FEATURES, *EMBEDDING_BY_HEADLINE),
}
# Function words left out of the content-word overlaps: a shared "the" says nothing about the event.
STOP_WORDS = frozenset(
    "a an the of in on at to for from by with and or but is are was were be been has have had it its this that "
    "these those as after over into about against than their his her he she they we i you not no s said says "
    "will would could can may also which who what when where while up out new".split()
)
_TOKEN = re.compile(r"[a-z0-9]+")


def _content(text: str) -> list[str]:
    return [w for w in _TOKEN.findall(text.lower()) if w not in STOP_WORDS]


def extra_features(
    candidates: Sequence[Candidate], headlines: Sequence[Headline | None], base: np.ndarray
) -> np.ndarray:
    """``EXTRA_FEATURES`` of a story's candidates (``base`` is their ``ranking_features``); NaN where missing."""
    rows = []
    by_article: dict[int, set[str]] = {}
    for c in candidates:
        by_article.setdefault(c.article_rank, set()).update(_content(c.text))
    for c in candidates:
        own = headlines[c.article_rank] if c.article_rank < len(headlines) else None
        words = set(_content(c.text))
        others = set().union(*(v for k, v in by_article.items() if k != c.article_rank))
        other = len(words & others) / len(words) if len(by_article) > 1 and words else np.nan
        if own is None:
            rows.append([np.nan] * 4 + [0.0, 0.0, other])
            continue
        title = set(_content(own.text))
        shared = len(words & title)
        precision = shared / len(words) if words else 0.0
        recall = shared / len(title) if title else np.nan
        f1 = 2 * precision * recall / (precision + recall) if title and precision + recall > 0 else 0.0
        title_bigrams = set(pairwise(_TOKEN.findall(own.text.lower())))
        own_bigrams = set(pairwise(_TOKEN.findall(c.text.lower())))
        bigram = len(title_bigrams & own_bigrams) / len(title_bigrams) if title_bigrams else np.nan
        rows.append([precision, recall, f1, bigram, 0.0, 0.0, other])
    extra = np.asarray(rows, dtype=np.float64)
    for column, source in ((4, FEATURES.index("story_headline")), (5, FEATURES.index("headline_words"))):
        values = base[:, source]
        extra[:, column] = values - np.nanmax(values) if np.isfinite(values).any() else np.nan
    return extra


# --- data -----------------------------------------------------------------------------------------------


def cached_embed(cache: Path) -> Callable[[Sequence[str]], np.ndarray]:
    """embed_texts with a text -> vector cache on disk (npz), so that the corpus is embedded once."""
    from warbrief.models import embed_texts

    known: dict[str, np.ndarray] = {}
    if cache.exists():
        data = np.load(cache, allow_pickle=False)
        known = dict(zip(data["texts"].tolist(), data["vectors"], strict=True))

    def embed(texts: Sequence[str]) -> np.ndarray:
        new = sorted(set(texts) - known.keys())
        if new:
            known.update(zip(new, embed_texts(new), strict=True))
            keys = sorted(known)
            np.savez(cache, texts=np.asarray(keys), vectors=np.vstack([known[k] for k in keys]))
        return np.vstack([known[t] for t in texts]) if texts else np.zeros((0, 384), dtype=np.float32)

    return embed


def load_stories(
    cache: Path, title_cache: Path, measure: str = "fmeasure", per_article: int = CANDIDATES_PER_ARTICLE
) -> list[Story]:
    """The training clusters with candidates; ``per_article`` candidates per article at most (compose.py's
    ``CANDIDATES_PER_ARTICLE`` unless a larger pool is being tried). Features are ``ALL_FEATURES``."""
    clusters = ev.load_benchmark(ev.BENCH, 10**6)[HELD_OUT:]
    per_cluster = [ev.warbrief_candidates(c, per_article=per_article) for c in clusters]
    ev.embed_all([c for cs in per_cluster for c in cs], cached_embed(cache))
    headlines = ev.warbrief_headlines(clusters, cached_embed(title_cache))
    scorer = ev.make_scorer()
    stories = []
    for cluster, candidates, found in zip(clusters, per_cluster, headlines, strict=True):
        if not candidates:
            continue
        r1 = np.asarray([getattr(scorer.score(cluster.target.lower(), c.text.lower())["rouge1"], measure)
                         for c in candidates])
        base = ranking_features(candidates, found)
        vectors = np.vstack([c.vector for c in candidates]).astype(np.float64)
        story_headline = next((h for h in found if h is not None), None)
        by_headline = vectors * story_headline.vector if story_headline is not None else np.full_like(vectors, np.nan)
        features = np.hstack([base, extra_features(candidates, found, base), vectors, by_headline])
        stories.append(Story(cluster.target, candidates, found, features, r1))
    return stories


# --- models ---------------------------------------------------------------------------------------------


def design(stories: Sequence[Story], features: Sequence[str]) -> list[np.ndarray]:
    columns = [ALL_FEATURES.index(f) for f in features]
    return [s.features[:, columns] for s in stories]


def standardise(xs: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Mean and scale of each feature over the values present (a missing headline feature is NaN)."""
    stacked = np.vstack(xs)
    mean, scale = np.nanmean(stacked, axis=0), np.nanstd(stacked, axis=0)
    return mean, np.where(scale > 0, scale, 1.0)


def standardised(x: np.ndarray, mean: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """As ``select.learned_scores`` applies the ranker: a missing feature counts as its mean (0)."""
    return np.nan_to_num((x - mean) / scale, nan=0.0)


def fit_ridge(xs: Sequence[np.ndarray], ys: Sequence[np.ndarray], alpha: float) -> np.ndarray:
    """Least squares on within-cluster-centred features and targets (only differences inside a story rank)."""
    x = np.vstack([a - a.mean(axis=0) for a in xs])
    y = np.concatenate([b - b.mean() for b in ys])
    return np.linalg.solve(x.T @ x + alpha * len(y) * np.eye(x.shape[1]), x.T @ y)


def fit_listnet(xs: Sequence[np.ndarray], ys: Sequence[np.ndarray], tau: float, l2: float) -> np.ndarray:
    """Cross-entropy between softmax(target / tau) and softmax(scores), summed over stories, plus L2."""
    lengths = [len(y) for y in ys]
    x = np.vstack(xs)
    bounds = np.cumsum([0, *lengths])
    targets = []
    for y in ys:
        e = np.exp((y - y.max()) / tau)
        targets.append(e / e.sum())
    p = np.concatenate(targets)
    count = len(ys)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        s = x @ w
        total, grad_s = 0.0, np.empty_like(s)
        for lo, hi in pairwise(bounds):
            part = s[lo:hi] - s[lo:hi].max()
            log_q = part - np.log(np.exp(part).sum())
            total -= float(p[lo:hi] @ log_q)
            grad_s[lo:hi] = np.exp(log_q) - p[lo:hi]
        return total / count + l2 * float(w @ w), x.T @ grad_s / count + 2 * l2 * w

    return minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B").x


def fit_ranknet(xs: Sequence[np.ndarray], ys: Sequence[np.ndarray], margin: float, l2: float) -> np.ndarray:
    """Logistic loss on every pair of a story whose targets differ by more than ``margin``, plus L2."""
    diffs = []
    for x, y in zip(xs, ys, strict=True):
        i, j = np.nonzero(y[:, None] - y[None, :] > margin)
        diffs.append(x[i] - x[j])
    d = np.vstack(diffs)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = d @ w
        value = np.logaddexp(0, -z).mean() + l2 * float(w @ w)
        grad = -(d.T @ (1 / (1 + np.exp(z)))) / len(z) + 2 * l2 * w
        return float(value), grad

    return minimize(loss, np.zeros(d.shape[1]), jac=True, method="L-BFGS-B").x


@dataclass(slots=True)
class Model:
    name: str
    features: tuple[str, ...]
    fit: Callable[[Sequence[np.ndarray], Sequence[np.ndarray]], object]  # returns weights or a predictor
    linear: bool = True


def ridge(alpha: float, tag: str, features: tuple[str, ...]) -> Model:
    return Model(f"ridge a={alpha:g}{tag}", features, lambda xs, ys: fit_ridge(xs, ys, alpha))


def models() -> list[Model]:
    """The full grid on ``FEATURE_SETS``; on ``TRIED_SETS`` ridge, ListNet tau 0.1 / L2 1e-2 and RankNet margin 0
    (the embedding sets, 405 features, ridge only, with stronger penalties)."""
    found = []
    for tag, features in TRIED_SETS.items():
        if "embedding" in tag:
            found += [ridge(alpha, tag, features) for alpha in (1e-4, 1e-2, 1e-1, 0.3, 1.0, 3.0, 10.0, 30.0)]
            continue
        found += [ridge(alpha, tag, features) for alpha in (1e-2, 1e-1, 0.3)]
        found.append(Model(f"listnet tau=0.1 l2=0.01{tag}", features, lambda xs, ys: fit_listnet(xs, ys, 0.1, 1e-2)))
        found.append(Model(f"ranknet margin=0{tag}", features, lambda xs, ys: fit_ranknet(xs, ys, 0.0, 1e-3)))
        if tag == " + story headline + overlap":
            found.append(Model(f"ridge a=0.01 & listnet tau=0.1 l2=0.01 averaged{tag}", features, fit_average))
    for tag, features in FEATURE_SETS.items():
        for alpha in (1e-4, 1e-2, 1e-1, 0.3, 1.0, 3.0):
            found.append(ridge(alpha, tag, features))
        for tau in (0.01, 0.03, 0.1):
            for l2 in (1e-3, 1e-2):
                found.append(Model(f"listnet tau={tau:g} l2={l2:g}{tag}", features,
                                   lambda xs, ys, t=tau, r=l2: fit_listnet(xs, ys, t, r)))
        for margin in (0.0, 0.05):
            found.append(Model(f"ranknet margin={margin:g}{tag}", features,
                               lambda xs, ys, m=margin: fit_ranknet(xs, ys, m, 1e-3)))
        found.append(Model(f"gradient boosting (eval only){tag}", features, fit_boosting, linear=False))
        if tag in ("", " + story headline"):
            found.append(Model(f"ridge a=0.01 & listnet tau=0.1 l2=0.01 averaged{tag}", features, fit_average))
    return found


def fit_average(xs: Sequence[np.ndarray], ys: Sequence[np.ndarray]) -> np.ndarray:
    """The mean of ridge (alpha 0.01) and ListNet (tau 0.1, L2 1e-2) scores, each scaled to unit spread over the
    training candidates: still one linear model (shippable as weights), with the two losses' errors averaged."""
    x = np.vstack(xs)
    parts = [fit_ridge(xs, ys, 1e-2), fit_listnet(xs, ys, 0.1, 1e-2)]
    return sum(w / (np.std(x @ w) or 1.0) for w in parts) / len(parts)


def fit_boosting(xs: Sequence[np.ndarray], ys: Sequence[np.ndarray]) -> object:
    from sklearn.ensemble import GradientBoostingRegressor

    x = np.vstack(xs)
    y = np.concatenate([b - b.mean() for b in ys])
    return GradientBoostingRegressor(n_estimators=200, max_depth=3, learning_rate=0.05, subsample=0.8,
                                     random_state=SEED).fit(x, y)


# --- evaluation -----------------------------------------------------------------------------------------


def ranked_by(candidates: Sequence[Candidate], scores: np.ndarray) -> list[Candidate]:
    order = sorted(range(len(candidates)), key=lambda i: -scores[i])
    return [candidates[i] for i in order]


def end_to_end(stories: Sequence[Story], scores: Sequence[np.ndarray]) -> np.ndarray:
    """Per story R1/R2/RL (x100) of warbrief_summary at 40 tokens (columns 0-2) and top sentence (3-5)."""
    scorer = ev.make_scorer()
    rankings = [ranked_by(s.candidates, sc) for s, sc in zip(stories, scores, strict=True)]
    targets = [s.target for s in stories]
    full = ev.score_summaries(targets, [ev.warbrief_summary(r) for r in rankings], scorer)
    top = ev.score_summaries(targets, [ev.warbrief_summary(r, 1) for r in rankings], scorer)
    return np.hstack([full, top])


BUDGETS = (0, 15, 20, 25, 30, 35, 40)


def budgets(stories: Sequence[Story]) -> str:
    """R1/R2/RL of the shipped model's cross-validated ranking under shorter word budgets than the protocol's 40
    (0: the top sentence alone), each paired against the top sentence: is a summary of the references' length
    (28 words on average) better than one sentence or the whole budget?"""
    (shipped,) = [m for m in models() if m.name == SHIPPED_MODEL]
    rankings = [ranked_by(s.candidates, sc) for s, sc in zip(stories, cross_validate(stories, shipped), strict=True)]
    scorer, targets = ev.make_scorer(), [s.target for s in stories]
    rows = {b: ev.score_summaries(targets, [ev.warbrief_summary(r, max_words=b) for r in rankings], scorer)
            for b in BUDGETS}
    lines = ["| word budget | R1 | R2 | RL | Δ R1 against the top sentence |", "|---|---|---|---|---|"]
    for b, scores in rows.items():
        diff = scores[:, 0] - rows[0][:, 0]
        means = scores.mean(axis=0)
        lines.append(f"| {b or 'top sentence'} | {means[0]:.2f} | {means[1]:.2f} | {means[2]:.2f} | "
                     f"{diff.mean():+.2f} ± {ev.bootstrap_se(diff[:, None])[0]:.2f} |")
    return "\n".join(lines)


def folds(count: int) -> np.ndarray:
    return np.random.default_rng(SEED).permutation(count) % FOLDS


def cross_validate(stories: Sequence[Story], model: Model) -> list[np.ndarray]:
    """Each story's scores from the model fitted on the other four folds."""
    xs, ys = design(stories, model.features), [s.r1 for s in stories]
    fold = folds(len(stories))
    scores: list[np.ndarray] = [np.zeros(0)] * len(stories)
    for k in range(FOLDS):
        train = [i for i in range(len(stories)) if fold[i] != k]
        mean, scale = standardise([xs[i] for i in train])
        fitted = model.fit([standardised(xs[i], mean, scale) for i in train], [ys[i] for i in train])
        for i in np.nonzero(fold == k)[0]:
            x = standardised(xs[i], mean, scale)
            scores[i] = x @ fitted if model.linear else fitted.predict(x)
    return scores


def report(name: str, per_story: np.ndarray, base: np.ndarray | None) -> str:
    means = per_story.mean(axis=0)
    cells = f"{means[0]:.2f} | {means[1]:.2f} | {means[2]:.2f} | {means[3]:.2f}"
    if base is None:
        return f"| {name} | {cells} | | |"
    diff = per_story[:, [0, 3]] - base[:, [0, 3]]
    se = ev.bootstrap_se(diff)
    return f"| {name} | {cells} | {diff[:, 0].mean():+.2f} ± {se[0]:.2f} | {diff[:, 1].mean():+.2f} ± {se[1]:.2f} |"


def write_ranker(stories: Sequence[Story], model: Model, path: Path, measure: str) -> None:
    xs, ys = design(stories, model.features), [s.r1 for s in stories]
    mean, scale = standardise(xs)
    weights = model.fit([standardised(x, mean, scale) for x in xs], ys)
    data = {
        "about": f"select.rank_candidates' learned scorer (issue #6): {model.name}, fitted by eval/train_ranker.py "
                 f"on WCEP-small clusters {HELD_OUT}-1018 ({len(stories)} with candidates) to each candidate's ROUGE-1 "
                 f"{measure} against the cluster's reference; score = sum(weight * (feature - mean) / scale)",
        "features": list(model.features),
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "weights": [round(float(v), 6) for v in weights],
    }
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def lead_any_length(stories: Sequence[Story]) -> np.ndarray:
    """The README's Lead-1 anchor on the same clusters (R1/R2/RL in both column groups, for ``report``): the
    first sentence whatever its length, as eval/summaries.py's ``first_sentence`` takes it."""
    clusters = {c.target: c for c in ev.load_benchmark(ev.BENCH, 10**6)[HELD_OUT:]}
    scores = ev.score_summaries([s.target for s in stories], [ev.first_sentence(clusters[s.target]) for s in stories],
                                ev.make_scorer())
    return np.hstack([scores, scores])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=Path("/tmp/warbrief-ranker-embeddings.npz"))
    parser.add_argument("--title-cache", type=Path, default=Path("/tmp/warbrief-ranker-title-embeddings.npz"))
    parser.add_argument("--write", metavar="MODEL", help="fit this model (its name in the table) on all 819 "
                        f"clusters and write {RANKER_PATH.name}")
    parser.add_argument("--only", default="", help="cross-validate only the models whose name matches this regex")
    parser.add_argument("--per-article", type=int, default=CANDIDATES_PER_ARTICLE,
                        help=f"candidates per article (compose.py ships {CANDIDATES_PER_ARTICLE}); the models are "
                        "retrained on that pool")
    parser.add_argument("--against-shipped", action="store_true",
                        help=f"Δ against the shipped model ({SHIPPED_MODEL}, {CANDIDATES_PER_ARTICLE} candidates per "
                        "article) cross-validated on the same folds, not against the hand-set ranking")
    parser.add_argument("--target", choices=("fmeasure", "recall", "precision"), default="fmeasure",
                        help="what of a candidate's ROUGE-1 against the reference the models learn (default F1)")
    parser.add_argument("--budgets", action="store_true",
                        help=f"the shipped model under word budgets {', '.join(map(str, BUDGETS))} (0: top sentence)")
    args = parser.parse_args(argv)
    stories = load_stories(args.cache, args.title_cache, args.target, args.per_article)
    print(f"WCEP-small clusters {HELD_OUT}-1018, {args.per_article} candidates per article: "
          f"{len(stories)} with candidates, "
          f"{sum(len(s.candidates) for s in stories)} candidates")
    if args.budgets:
        print(budgets(stories))
        return 0
    if args.write:
        (model,) = [m for m in models() if m.name == args.write and m.linear]
        write_ranker(stories, model, RANKER_PATH, args.target)
        weights = json.loads(RANKER_PATH.read_text(encoding="utf-8"))["weights"]
        print(f"wrote {RANKER_PATH}:",
              ", ".join(f"{f} {w:+.4f}" for f, w in zip(model.features, weights, strict=True)))
        return 0
    lead = end_to_end(stories, [-np.arange(len(s.candidates), dtype=float) for s in stories])
    from warbrief.write.select import heuristic_scores

    hand_set = end_to_end(stories, [heuristic_scores(s.candidates) for s in stories])
    base, against = hand_set, "the hand-set ranking"
    if args.against_shipped:
        (shipped,) = [m for m in models() if m.name == SHIPPED_MODEL]
        pool = stories if args.per_article == CANDIDATES_PER_ARTICLE else load_stories(
            args.cache, args.title_cache, args.target, CANDIDATES_PER_ARTICLE)
        assert [s.target for s in pool] == [s.target for s in stories]  # the same clusters, so the same folds
        base = end_to_end(pool, cross_validate(pool, shipped))
        against = f"the shipped model ({SHIPPED_MODEL}, {CANDIDATES_PER_ARTICLE} per article, cross-validated)"
    oracle = end_to_end(stories, [s.r1 for s in stories])
    print(f"\n{FOLDS}-fold cross-validation by cluster; R1/R2/RL at 40 tokens, R1 of the top sentence; "
          f"Δ = paired difference against {against}, ± bootstrap SE")
    print("| ranking | R1 40 | R2 40 | RL 40 | R1 top | Δ R1 40 | Δ R1 top |")
    print("|---|---|---|---|---|---|---|")
    print(report("warbrief's first candidate (Lead-1 + clean-up)", lead, base))
    print(report("Lead-1, first sentence of any length (README anchor; outside protocol)",
                 lead_any_length(stories), base))
    print(report("hand-set (heuristic_scores, the ranking before #6)", hand_set, None if base is hand_set else base))
    if base is not hand_set:
        print(report(f"shipped: {SHIPPED_MODEL}, {CANDIDATES_PER_ARTICLE} per article", base, None))
    print(report("candidate R1 oracle (the target itself)", oracle, base))
    for model in models():
        if re.search(args.only, model.name):
            print(report(model.name, end_to_end(stories, cross_validate(stories, model)), base), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
