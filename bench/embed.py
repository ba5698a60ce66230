"""Sentence-embedding runtimes compared: sentence-transformers on torch, ONNX Runtime fp32, ONNX Runtime int8.

Why: embedding article leads is most of the group stage (issue #5). This script measures, on the same texts and
in the same process, how fast each backend of ``warbrief.models`` embeds and how close its vectors are to the
torch reference, so that the default backend is chosen on numbers.

Texts (built deterministically, no randomness):

- article texts as the group stage embeds them (``"{title}. {first 120 words}"``, group/stories.py): from each
  of the 181 ground-truth bodies of the article-extraction-benchmark (``../shared/bench``), the first sentence
  as the title and consecutive 120-word windows of the body, taken round-robin over the articles until
  ``--texts`` (default 1,000) are collected;
- for parity only, also every paragraph-led text and every sentence of the five seed files of
  ``examples/demo`` (war reporting; short sentences as the write stage embeds them).

Parity: cosine between each backend's vector and torch's for every text (min, mean); and, over all pairs of
article texts, how many pairs change side of the clustering threshold (0.80, group/cluster.py) relative to
torch, among pairs whose torch similarity is within 0.05 of it and among all pairs.

Speed: texts/s and tokens/s (tokens counted by the model's tokenizer, truncated at 256) per backend and batch
size, rounds interleaved (each round runs every backend once per batch size, in rotating order) so that the
machine's varying load (2 shared cores) hits each backend alike; each cell reports the median over rounds, and
the ratios are against torch in the same round. ``uptime`` is printed before and after.

Usage, from the repository root:
    .venv/bin/python bench/embed.py                       # parity + speed, 1,000 texts, 3 rounds
    .venv/bin/python bench/embed.py --no-parity --rounds 1 --batch-sizes 32
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "bench" / "article-extraction-benchmark"
SEEDS = REPO / "examples" / "demo"
LEAD_WORDS = 120
THRESHOLD = 0.80
NEAR = 0.05
BACKENDS = ("torch", "onnx", "onnx-int8")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“‘(])")


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text) if s.strip()]


def _title(text: str) -> str:
    first = _sentences(text)[0] if text.strip() else ""
    return " ".join(first.split()[:20]).rstrip(".")


def article_texts(limit: int) -> list[str]:
    """``title. lead`` texts: 120-word windows of the ground-truth bodies, round-robin over the articles."""
    truth = json.loads((DATA / "ground-truth.json").read_text("utf-8"))
    windows: list[list[str]] = []
    for key in sorted(truth):
        body = truth[key].get("articleBody") or ""
        words = body.split()
        if len(words) < 20:
            continue
        title = _title(body)
        windows.append([f"{title}. {' '.join(words[i : i + LEAD_WORDS])}"
                        for i in range(0, len(words) - 19, LEAD_WORDS)])
    texts: list[str] = []
    depth = 0
    while len(texts) < limit and any(depth < len(w) for w in windows):
        texts.extend(w[depth] for w in windows if depth < len(w))
        depth += 1
    return texts[:limit]


def seed_texts() -> list[str]:
    """From examples/demo: each paragraph as an article text (its first sentence as title) and every sentence."""
    texts: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        for paragraph in path.read_text("utf-8").split("\n"):
            words = paragraph.split()
            if len(words) < 8:
                continue
            texts.append(f"{_title(paragraph)}. {' '.join(words[:LEAD_WORDS])}")
            texts.extend(s for s in _sentences(paragraph) if len(s.split()) >= 4)
    return texts


def uptime() -> str:
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        return "uptime unavailable"


def load_backends(names: Sequence[str]) -> dict[str, Callable[[Sequence[str], int], np.ndarray]]:
    from warbrief.embedding_onnx import OnnxEmbedder
    from warbrief.models import load_sentence_transformer

    loaded: dict[str, Callable[[Sequence[str], int], np.ndarray]] = {}
    for name in names:
        started = time.perf_counter()
        if name == "torch":
            model = load_sentence_transformer()
            loaded[name] = lambda texts, batch, m=model: np.asarray(
                m.encode(list(texts), batch_size=batch, normalize_embeddings=True, show_progress_bar=False,
                         convert_to_numpy=True), dtype=np.float32)
        else:
            onnx = OnnxEmbedder("int8" if name == "onnx-int8" else "fp32")
            loaded[name] = lambda texts, batch, m=onnx: m.encode(texts, batch_size=batch)
        print(f"loaded {name:<10} in {time.perf_counter() - started:6.2f} s", flush=True)
    return loaded


def parity(loaded: dict[str, Callable[[Sequence[str], int], np.ndarray]], articles: list[str],
           seeds: list[str]) -> None:
    texts = articles + seeds
    vectors = {name: embed(texts, 32) for name, embed in loaded.items()}
    reference = vectors["torch"]
    n = len(articles)
    ref_sims = reference[:n] @ reference[:n].T
    upper = np.triu_indices(n, k=1)
    ref_pairs = ref_sims[upper]
    near = np.abs(ref_pairs - THRESHOLD) <= NEAR
    print(f"\nparity against torch: {len(texts)} texts ({n} article texts, {len(seeds)} from examples/demo); "
          f"{len(ref_pairs):,} article pairs, {int(near.sum()):,} with torch cosine within {NEAR} of {THRESHOLD}, "
          f"{int((ref_pairs >= THRESHOLD).sum()):,} at or above {THRESHOLD}")
    header = (f"{'backend':<10} {'min cos':>9} {'1-min cos':>9} {'mean cos':>9} {'max |norm-1|':>12} "
              f"{'max |dsim|':>10} {'mean |dsim|':>11} {'flips near':>11} {'flips all':>10}")
    print(header)
    print("-" * len(header))
    for name, vec in vectors.items():
        cos = np.sum(vec * reference, axis=1) / (np.linalg.norm(vec, axis=1) * np.linalg.norm(reference, axis=1))
        norm_err = float(np.max(np.abs(np.linalg.norm(vec, axis=1) - 1.0)))
        pairs = (vec[:n] @ vec[:n].T)[upper]
        shift = np.abs(pairs - ref_pairs)
        flips = (pairs >= THRESHOLD) != (ref_pairs >= THRESHOLD)
        near_flips = int(flips[near].sum())
        print(f"{name:<10} {cos.min():9.6f} {1 - cos.min():9.2e} {cos.mean():9.6f} {norm_err:12.2e} "
              f"{shift.max():10.5f} {shift.mean():11.6f} {near_flips:>5} {near_flips / max(1, near.sum()):5.2%} "
              f"{int(flips.sum()):>4} {flips.mean():5.3%}")
        seed_cos = cos[n:]
        if len(seed_cos):
            print(f"{'':<10} examples/demo texts only: min cos {seed_cos.min():.6f}, mean {seed_cos.mean():.6f}")


def speed(loaded: dict[str, Callable[[Sequence[str], int], np.ndarray]], texts: list[str],
          batch_sizes: Sequence[int], rounds: int) -> None:
    from warbrief.embedding_onnx import load_tokenizer

    tokens = sum(len(e.ids) for e in load_tokenizer().encode_batch(texts))
    print(f"\nspeed: {len(texts)} article texts, {tokens:,} tokens ({tokens / len(texts):.0f} per text), "
          f"{rounds} round(s), backends interleaved")
    names = list(loaded)
    for embed in loaded.values():  # warm-up: first-call allocations and ORT's lazy initialisation
        embed(texts[:64], 32)
    seconds: dict[tuple[str, int], list[float]] = {}
    ratios: dict[tuple[str, int], list[float]] = {}
    for round_no in range(rounds):
        print(f"round {round_no + 1}: {uptime()}", flush=True)
        for batch in batch_sizes:
            order = names[round_no % len(names):] + names[: round_no % len(names)]
            this_round: dict[str, float] = {}
            for name in order:
                started = time.perf_counter()
                out = loaded[name](texts, batch)
                this_round[name] = time.perf_counter() - started
                assert out.shape == (len(texts), 384)
                seconds.setdefault((name, batch), []).append(this_round[name])
                print(f"  batch {batch:>3} {name:<10} {this_round[name]:7.2f} s", flush=True)
            for name in names:
                ratios.setdefault((name, batch), []).append(this_round["torch"] / this_round[name])
    header = (f"{'backend':<10} {'batch':>5} {'median s':>9} {'texts/s':>8} {'tokens/s':>9} "
              f"{'x torch (same round)':>22}  all rounds (s)")
    print("\n" + header)
    print("-" * len(header))
    for batch in batch_sizes:
        for name in names:
            runs = seconds[(name, batch)]
            med = statistics.median(runs)
            rat = ratios[(name, batch)]
            print(f"{name:<10} {batch:>5} {med:9.2f} {len(texts) / med:8.1f} {tokens / med:9.0f} "
                  f"{statistics.median(rat):10.2f} ({min(rat):.2f}-{max(rat):.2f})  "
                  f"{' '.join(f'{r:.1f}' for r in runs)}")
    print(f"\nafter: {uptime()}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", type=int, default=1000, help="article texts (default 1000)")
    parser.add_argument("--rounds", type=int, default=3, help="speed rounds (default 3)")
    parser.add_argument("--batch-sizes", default="16,32,64", help="comma-separated (default 16,32,64)")
    parser.add_argument("--backends", default=",".join(BACKENDS), help="comma-separated; torch is always run")
    parser.add_argument("--no-parity", action="store_true", help="skip the parity table")
    parser.add_argument("--no-speed", action="store_true", help="skip the speed table")
    args = parser.parse_args(argv)
    if not (DATA / "ground-truth.json").is_file():
        print(f"error: benchmark data not found at {DATA}", file=sys.stderr)
        return 2
    names = ["torch", *[b for b in args.backends.split(",") if b and b != "torch"]]
    import onnxruntime
    import torch

    print(f"date: {time.strftime('%Y-%m-%d %H:%M:%S UTC', time.gmtime())}; python {platform.python_version()}, "
          f"torch {torch.__version__}, onnxruntime {onnxruntime.__version__}, threads: torch "
          f"{torch.get_num_threads()}")
    print(f"start: {uptime()}")
    articles = article_texts(args.texts)
    loaded = load_backends(names)
    if not args.no_parity:
        parity(loaded, articles, seed_texts())
    if not args.no_speed:
        speed(loaded, articles, [int(b) for b in args.batch_sizes.split(",")], args.rounds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
