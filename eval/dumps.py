"""Line-level and shingle evaluation of warbrief's plain-text dump extractor (issue #3, "Text dumps").

Text dumps (what "select all, copy" or a text-mode browser gives) lose the markup, so
:func:`warbrief.extract.textpage.extract_text_page` must tell article lines from menus, footers and
related links by their shape alone. This script measures that on a labeled set of dumps,
``eval/data/dumps/dumps.jsonl``: one real page per line, its text lines each labeled content (1) or page
chrome (0). The set is rendered from the public article-extraction benchmark's HTML and labeled by
aligning every line with the benchmark's human-annotated article body (``--build``), plus demo seed 002
labeled by hand against its clean twin, seed 001. See ``eval/data/dumps/README.md``.

Two scores, for the dev and test splits separately:
  (a) line level: precision/recall/F1 of "the extractor kept this line" against the label, pooled over
      all lines of the split (and weighted by characters, since a menu word and a paragraph are not
      worth the same);
  (b) the benchmark README's metric on the extracted body against the ground-truth body: ``\\w+``
      tokens, 4-gram multiset shingles, TP/FP/FN normalised per page, mean P and mean R over pages,
      F1 from the means (bootstrap standard deviation over pages).

Each dump is fed three ways: lines joined by blank lines (as seed 002 separates blocks), by single
newlines, and hard-wrapped at 76 columns with blank lines between blocks (``lynx -dump``/``w3m -dump``
style), since real dumps come all three ways.

Example:
    .venv/bin/python eval/dumps.py                # both scores; the shingle part needs ../shared
    .venv/bin/python eval/dumps.py --lines-only   # line level only, from the shipped JSONL
    .venv/bin/python eval/dumps.py --build        # re-render and re-label the set from ../shared
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import html as html_lib
import json
import re
import sys
import textwrap
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from warbrief.metrics import PageScore, aggregate, bootstrap_std, score_page

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO.parent / "shared" / "bench" / "article-extraction-benchmark"
DATA = REPO / "eval" / "data" / "dumps" / "dumps.jsonl"
OVERRIDES = REPO / "eval" / "data" / "dumps" / "overrides.json"
DEMO = REPO / "examples" / "demo"

TOKEN = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)

LABEL_SHINGLE = 3  # n-gram size used to align a dump line with the ground truth
LABEL_COVERAGE = 0.8  # share of a line's 3-grams that must occur in the ground truth
SHORT_LINE_TOKENS = 5  # below this a line has too few 3-grams to judge alone: its neighbours decide
CONTEXT_TOKENS = 2  # tokens of the neighbouring content line that must continue a short line in the truth
DUPLICATE_WINDOW = 3  # a repeated line counts where more content lines surround it
TEST_SHARE = 0.3
METRIC_SHINGLE = 4
BASELINE_MIN_CHARS = 40
WRAP_WIDTH = 76
RESAMPLES = 1000
SEED = 20261122

SEED_DUMP = "002"
SEED_CLEAN = "001"

# Elements whose content a browser does not show as text (or shows as a widget, not as copyable text).
SKIP_TAGS = frozenset(
    "script style noscript template svg math head title iframe object embed select textarea canvas audio "
    "video map".split()
)
# Elements that a browser lays out as blocks: each starts and ends a line of the dump.
BLOCK_TAGS = frozenset(
    "address article aside blockquote body br caption center dd details dialog dir div dl dt fieldset "
    "figcaption figure footer form frameset h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu "
    "nav noframes ol p pre section summary table tbody td tfoot th thead tr ul".split()
)


# --- rendering HTML to a text dump ------------------------------------------------------------------


def _is_hidden(element: Any) -> bool:
    """Elements the page itself hides (no CSS is computed, so only the explicit markers count)."""
    if element.get("hidden") is not None:
        return True
    if element.get("type", "").lower() == "hidden":
        return True
    return bool(_HIDDEN_STYLE.search(element.get("style", "") or ""))


def render_text(markup: str) -> list[str]:
    """The page as a text-mode browser would dump it: one line per block element, whitespace collapsed.

    Scripts, styles and hidden elements are dropped; link and button text stays inline, so a menu of
    ``<li>`` items is one line per item while a row of bare ``<a>`` links is one glued line, as in a
    real copy-paste. The walk is iterative, so nesting deeper than Python's recursion limit is fine;
    libxml2 itself drops what lies deeper than about 2,000 levels (no benchmark page comes close: all
    181 render, and the labels cover 99.5% of the ground truth's shingles).
    """
    from lxml import etree

    parser = etree.HTMLParser(
        encoding="utf-8", huge_tree=True, remove_comments=True, remove_pis=True, recover=True
    )
    try:
        root = etree.fromstring(markup.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, ValueError):
        return []
    if root is None:
        return []
    lines: list[str] = []
    parts: list[str] = []

    def newline() -> None:
        line = _SPACE.sub(" ", "".join(parts)).strip()
        parts.clear()
        if line:
            lines.append(line)

    skipped: set[int] = set()
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if event == "start":
            if not tag or tag in SKIP_TAGS or _is_hidden(element):
                skipped.add(id(element))
                walker.skip_subtree()
                continue
            if tag in BLOCK_TAGS:
                newline()
            if element.text:
                parts.append(element.text)
        else:
            if id(element) in skipped:
                skipped.discard(id(element))
            elif tag in BLOCK_TAGS:
                newline()
            if element.tail:
                parts.append(element.tail)
    newline()
    return lines


def decode_page(data: bytes) -> str:
    """Bytes to text with warbrief's decoder, as eval/extraction.py does, so both evals see the same text."""
    from warbrief.extract.decode import DecodeError, decode_bytes

    try:
        return decode_bytes(data, markup=True)[0]
    except DecodeError:
        return data.decode("utf-8", errors="replace")


# --- labeling a dump against the ground-truth body --------------------------------------------------


def label_tokens(text: str) -> list[str]:
    """Lower-cased \\w+ tokens: alignment ignores case (menus are often upper-cased copies of text)."""
    return [token.lower() for token in TOKEN.findall(text)]


def ngrams(tokens: Sequence[str], size: int) -> list[tuple[str, ...]]:
    return [tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1)]


@dataclass(slots=True)
class Truth:
    """The ground-truth body prepared for alignment: its 3-gram set and its token string for phrase search."""

    tokens: list[str]
    grams: set[tuple[str, ...]] = field(default_factory=set)
    joined: str = ""

    @classmethod
    def of(cls, text: str) -> Truth:
        tokens = label_tokens(text)
        return cls(tokens, set(ngrams(tokens, LABEL_SHINGLE)), " " + " ".join(tokens) + " ")

    def contains_phrase(self, tokens: Sequence[str]) -> bool:
        return bool(tokens) and f" {' '.join(tokens)} " in self.joined

    def phrase_count(self, tokens: Sequence[str]) -> int:
        return self.joined.count(f" {' '.join(tokens)} ") if tokens else 0


def coverage(tokens: Sequence[str], truth: Truth) -> float:
    """Share of a line's 3-grams that occur anywhere in the ground truth."""
    grams = ngrams(tokens, LABEL_SHINGLE)
    if not grams:
        return 0.0
    return sum(1 for gram in grams if gram in truth.grams) / len(grams)


def label_lines(lines: Sequence[str], truth_text: str) -> list[int]:
    """1 for a line of the article body, 0 for page chrome, by alignment with the ground-truth body.

    Rule, in three passes:
      1. a line of >= 5 tokens is content when >= 80% of its 3-gram shingles occur in the truth;
      2. a shorter line (a subheading, a list item, or a menu word that happens to occur in the text) is
         content only when the truth continues it: the last 2 tokens of the preceding content line
         followed by the line, or the line followed by the first 2 tokens of the next long content line,
         occur as a phrase in the truth. "Share" between two paragraphs is not continued so; "Background"
         as a subheading is;
      3. a content line repeated more often than the truth says it (a teaser or deck that copies the
         lead) stays content only where the most content lines surround it.
    """
    truth = Truth.of(truth_text)
    tokens = [label_tokens(line) for line in lines]
    labels = [0] * len(lines)
    long_lines = [i for i, toks in enumerate(tokens) if len(toks) >= SHORT_LINE_TOKENS]
    for i in long_lines:
        labels[i] = int(coverage(tokens[i], truth) >= LABEL_COVERAGE)
    next_long = _next_content_heads(tokens, labels, long_lines)
    previous_tail: list[str] = []
    for i, toks in enumerate(tokens):
        if len(toks) >= SHORT_LINE_TOKENS:
            if labels[i]:
                previous_tail = toks[-CONTEXT_TOKENS:]
            continue
        if not toks:
            continue
        continued = (previous_tail and truth.contains_phrase([*previous_tail, *toks])) or (
            next_long[i] and truth.contains_phrase([*toks, *next_long[i]])
        )
        if continued:
            labels[i] = 1
            previous_tail = [*previous_tail, *toks][-CONTEXT_TOKENS:]
    return _drop_extra_duplicates(tokens, labels, truth)


def _next_content_heads(tokens: list[list[str]], labels: list[int], long_lines: list[int]) -> list[list[str]]:
    """For every line, the first tokens of the next long line labeled content ([] if none)."""
    heads: list[list[str]] = [[] for _ in tokens]
    upcoming: list[str] = []
    long_set = set(long_lines)
    for i in range(len(tokens) - 1, -1, -1):
        heads[i] = upcoming
        if i in long_set and labels[i]:
            upcoming = tokens[i][:CONTEXT_TOKENS]
    return heads


def _drop_extra_duplicates(tokens: list[list[str]], labels: list[int], truth: Truth) -> list[int]:
    """Keep each repeated content line only as often as the truth holds it, where it sits among content."""
    positions: dict[tuple[str, ...], list[int]] = {}
    for i, toks in enumerate(tokens):
        if labels[i]:
            positions.setdefault(tuple(toks), []).append(i)
    result = list(labels)
    for toks, where in positions.items():
        allowed = max(1, truth.phrase_count(toks))
        if len(where) <= allowed:
            continue

        def support(i: int) -> int:
            low, high = max(0, i - DUPLICATE_WINDOW), min(len(labels), i + DUPLICATE_WINDOW + 1)
            return sum(labels[low:high]) - labels[i]

        keep = set(sorted(where, key=lambda i: (-support(i), i))[:allowed])
        for i in where:
            if i not in keep:
                result[i] = 0
    return result


# --- the labeled set --------------------------------------------------------------------------------


@dataclass(slots=True)
class Dump:
    """One page of the labeled set: its text lines with labels, and which split it belongs to."""

    id: str
    url: str | None
    source: str
    split: str
    lines: list[str]
    labels: list[int]

    def to_json(self) -> str:
        record = {
            "id": self.id,
            "url": self.url,
            "source": self.source,
            "split": self.split,
            "lines": [{"text": t, "label": lab} for t, lab in zip(self.lines, self.labels, strict=True)],
        }
        return json.dumps(record, ensure_ascii=False)

    @classmethod
    def from_json(cls, line: str) -> Dump:
        record = json.loads(line)
        return cls(
            record["id"],
            record.get("url"),
            record["source"],
            record.get("split") or split_of(record["id"]),
            [entry["text"] for entry in record["lines"]],
            [int(entry["label"]) for entry in record["lines"]],
        )


def split_of(page_id: str) -> str:
    """'test' for ~30% of ids, fixed by the id's SHA-1 alone, so adding pages never moves existing ones."""
    bucket = int(hashlib.sha1(page_id.encode("utf-8")).hexdigest()[:8], 16) / 0x1_0000_0000
    return "test" if bucket >= 1 - TEST_SHARE else "dev"


def seed_path(prefix: str) -> Path:
    (path,) = DEMO.glob(f"{prefix}_*.txt")
    return path


def seed_clean_body() -> list[str]:
    """Seed 001 without its ' date YYYY-MM-DD title' header: the reference body of seed 002."""
    lines = seed_path(SEED_CLEAN).read_text("utf-8").splitlines()[1:]
    return [line.strip() for line in lines if line.strip()]


def seed_dump() -> Dump:
    """Seed 002 labeled against seed 001: a line is content exactly when it is a line of 001's body.

    The title occurs twice in 002 and is not in 001's body (the extractor returns it as the title), so it
    is labeled 0 like the rest of the chrome; checked by hand line by line.
    """
    path = seed_path(SEED_DUMP)
    lines = [line.strip() for line in path.read_text("utf-8").splitlines() if line.strip()]
    body = set(seed_clean_body())
    return Dump(f"seed-{path.stem}", None, "seed", "dev", lines, [int(line in body) for line in lines])


def load_overrides(path: Path = OVERRIDES) -> dict[str, dict[str, int]]:
    """Hand corrections from the spot checks: {page id: {exact line text: label}}."""
    if not path.is_file():
        return {}
    raw = json.loads(path.read_text("utf-8"))
    return {page: {entry["text"]: int(entry["label"]) for entry in entries} for page, entries in raw.items()}


def build(bench: Path, out: Path) -> None:
    """Render every benchmark page, label it, add the seed, and write the JSONL set."""
    truth = json.loads((bench / "ground-truth.json").read_text("utf-8"))
    overrides = load_overrides()
    dumps = [seed_dump()]
    empty = []
    for page_id in sorted(truth):
        data = gzip.decompress((bench / "html" / f"{page_id}.html.gz").read_bytes())
        lines = render_text(decode_page(data))
        if not lines:
            empty.append(page_id)
            continue
        labels = label_lines(lines, truth[page_id]["articleBody"])
        fixes = overrides.get(page_id, {})
        labels = [fixes.get(line, label) for line, label in zip(lines, labels, strict=True)]
        dumps.append(Dump(page_id, truth[page_id].get("url"), "benchmark", split_of(page_id), lines, labels))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(dump.to_json() + "\n" for dump in dumps), "utf-8")
    bench_dumps = [d for d in dumps if d.source == "benchmark"]
    print(f"wrote {out.relative_to(REPO)}: {len(bench_dumps)} benchmark pages rendered "
          f"({len(empty)} rendered to no text: {empty}), 1 seed")
    for split in ("dev", "test"):
        part = [d for d in bench_dumps if d.split == split]
        n_lines = sum(len(d.lines) for d in part)
        n_content = sum(sum(d.labels) for d in part)
        print(f"  {split}: {len(part)} pages, {n_lines} lines, {n_content} content")


def load_dumps(path: Path = DATA) -> list[Dump]:
    return [Dump.from_json(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


# --- feeding a dump to an extractor -----------------------------------------------------------------


@dataclass(slots=True)
class Rendering:
    """A dump as one text: ``units`` are its lines in order, each with the label of the line it came from."""

    text: str
    units: list[str]
    labels: list[int]
    chars: list[int]


def join_lines(dump: Dump, separator: str) -> Rendering:
    """One line per block, blocks separated by ``separator`` ('\\n\\n' like seed 002, or '\\n')."""
    return Rendering(separator.join(dump.lines), list(dump.lines), list(dump.labels), [len(x) for x in dump.lines])


def wrap_lines(dump: Dump, width: int = WRAP_WIDTH) -> Rendering:
    """Blocks hard-wrapped at ``width`` columns and separated by blank lines, as lynx/w3m -dump write them.

    Each wrapped piece inherits its block's label; character weights stay with the pieces.
    """
    units: list[str] = []
    labels: list[int] = []
    blocks: list[str] = []
    for line, label in zip(dump.lines, dump.labels, strict=True):
        pieces = textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False) or [line]
        units.extend(pieces)
        labels.extend([label] * len(pieces))
        blocks.append("\n".join(pieces))
    return Rendering("\n\n".join(blocks), units, labels, [len(x) for x in units])


RENDERINGS: dict[str, Callable[[Dump], Rendering]] = {
    "blank-line joins": lambda dump: join_lines(dump, "\n\n"),
    "single-newline joins": lambda dump: join_lines(dump, "\n"),
    "wrapped at 76 cols": wrap_lines,
}


def kept_mask(units: Sequence[str], paragraphs: Iterable[str]) -> list[bool]:
    """Which units the extractor kept: each paragraph is matched, in page order, to the next unit it equals.

    The extractor returns stripped lines or a verbatim prefix of one (a trailing "Continue reading"
    removed), so a unit that starts with the paragraph counts too; an extractor that re-flows a
    hard-wrapped block returns consecutive units joined by spaces, and all of them count. A repeated line
    is matched to its first unkept occurrence after the previous paragraph, falling back to the first
    anywhere.
    """
    stripped = [unit.strip() for unit in units]
    kept = [False] * len(stripped)
    cursor = 0

    def find(paragraph: str, start: int) -> range | None:
        for index in range(start, len(stripped)):  # an exact match first, then a unit it is a prefix of
            if not kept[index] and stripped[index] == paragraph:
                return range(index, index + 1)
        for index in range(start, len(stripped)):
            if not kept[index] and stripped[index] and stripped[index].startswith(paragraph):
                return range(index, index + 1)
        for index in range(start, len(stripped)):  # then a run of units the paragraph re-flows
            if kept[index] or not stripped[index] or not paragraph.startswith(stripped[index] + " "):
                continue
            joined, end = stripped[index], index
            while end + 1 < len(stripped) and paragraph.startswith(f"{joined} {stripped[end + 1]}"):
                end += 1
                joined = f"{joined} {stripped[end]}"
                if joined == paragraph:
                    return range(index, end + 1)
        return None

    for paragraph in paragraphs:
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        span = find(paragraph, cursor)
        if span is None:
            span = find(paragraph, 0)
        if span is not None:
            for index in span:
                kept[index] = True
            cursor = span.stop
    return kept


Extractor = Callable[[Rendering], list[str]]


def warbrief_extractor() -> Extractor:
    """extract_text_page on the rendering's text; the body is every paragraph of every item, in order."""
    from warbrief.extract.textpage import extract_text_page
    from warbrief.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()

    def run(rendering: Rendering) -> list[str]:
        return [p for item in extract_text_page(rendering.text, taxonomy) for p in item.paragraphs]

    return run


def length_baseline(rendering: Rendering) -> list[str]:
    """The trivial baseline: every line longer than 40 characters."""
    return [line for line in rendering.text.splitlines() if len(line.strip()) > BASELINE_MIN_CHARS]


def justext_extractor() -> Extractor | None:
    """jusText's classifier on the lines, each as a <p>; the stoplist is the language the page reads as."""
    try:
        import justext
    except ImportError:
        return None
    stoplists = {name: justext.get_stoplist(name) for name in justext.get_stoplists()}

    def stoplist_for(text: str) -> frozenset[str]:
        tokens = label_tokens(text)
        return max(stoplists.values(), key=lambda words: sum(1 for t in tokens if t in words))

    def run(rendering: Rendering) -> list[str]:
        lines = [line for line in rendering.text.splitlines() if line.strip()]
        markup = "<html><body>" + "".join(f"<p>{html_lib.escape(line)}</p>" for line in lines) + "</body></html>"
        paragraphs = justext.justext(markup.encode("utf-8"), stoplist_for(rendering.text), encoding="utf-8")
        return [p.text for p in paragraphs if not p.is_boilerplate]

    return run


# --- metrics ----------------------------------------------------------------------------------------


@dataclass(slots=True)
class LineCounts:
    """Pooled confusion counts of kept-vs-label, by line and by character."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tp_chars: int = 0
    fp_chars: int = 0
    fn_chars: int = 0

    def add(self, kept: Sequence[bool], labels: Sequence[int], chars: Sequence[int]) -> None:
        for was_kept, label, size in zip(kept, labels, chars, strict=True):
            if was_kept and label:
                self.tp, self.tp_chars = self.tp + 1, self.tp_chars + size
            elif was_kept:
                self.fp, self.fp_chars = self.fp + 1, self.fp_chars + size
            elif label:
                self.fn, self.fn_chars = self.fn + 1, self.fn_chars + size

    def prf(self, chars: bool = False) -> tuple[float, float, float]:
        if chars:
            return prf(self.tp_chars, self.fp_chars, self.fn_chars)
        return prf(self.tp, self.fp, self.fn)


def prf(tp: float, fp: float, fn: float) -> tuple[float, float, float]:
    """Precision, recall, F1; 0 where undefined."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def bootstrap_f1_std(scores: Sequence[PageScore], resamples: int = RESAMPLES) -> float:
    """Standard deviation of the shingle F1 over page resamples (fixed seed): how much the page draw moves it."""
    if len(scores) < 2:
        return 0.0
    return bootstrap_std(scores, resamples=resamples, seed=SEED)[2]


# --- running ----------------------------------------------------------------------------------------


@dataclass(slots=True)
class Result:
    """One system on one split and rendering."""

    lines: LineCounts = field(default_factory=LineCounts)
    scores: list[PageScore] = field(default_factory=list)
    empty_pages: int = 0
    pages: int = 0


def evaluate(
    dumps: Sequence[Dump],
    rendering: Callable[[Dump], Rendering],
    extractor: Extractor,
    truths: dict[str, str] | None,
) -> Result:
    result = Result()
    for dump in dumps:
        shown = rendering(dump)
        paragraphs = extractor(shown)
        kept = kept_mask(shown.units, paragraphs)
        result.lines.add(kept, shown.labels, shown.chars)
        result.pages += 1
        result.empty_pages += not paragraphs
        if truths is not None and dump.id in truths:
            result.scores.append(score_page(truths[dump.id], "\n\n".join(paragraphs)))
    return result


def oracle(rendering: Rendering) -> list[str]:
    """The labels themselves as an extractor: the ceiling a perfect line classifier reaches on this set."""
    return [unit for unit, label in zip(rendering.units, rendering.labels, strict=True) if label]


def format_row(name: str, result: Result, with_shingles: bool) -> str:
    lp, lr, lf = result.lines.prf()
    cf = result.lines.prf(chars=True)[2]
    row = f"| {name} | {lp:.3f} | {lr:.3f} | {lf:.3f} | {cf:.3f} |"
    if with_shingles:
        sp, sr, sf = aggregate(result.scores)
        row += f" {sp:.3f} | {sr:.3f} | {sf:.3f} ± {bootstrap_f1_std(result.scores):.3f} |"
    return row + f" {result.empty_pages} |"


def print_tables(dumps: Sequence[Dump], truths: dict[str, str] | None, systems: dict[str, Extractor]) -> None:
    with_shingles = truths is not None
    header = "| system | line P | line R | line F1 | char F1 |"
    rule = "|---|---|---|---|---|"
    if with_shingles:
        header += " shingle P | shingle R | shingle F1 ± sd |"
        rule += "---|---|---|"
    header += " empty |"
    rule += "---|"
    for split in ("dev", "test"):
        part = [d for d in dumps if d.source == "benchmark" and d.split == split]
        n_lines = sum(len(d.lines) for d in part)
        n_content = sum(sum(d.labels) for d in part)
        print(f"\n### {split}: {len(part)} pages, {n_lines} lines ({n_content} content)\n")
        print(header)
        print(rule)
        for system_name, extractor in systems.items():
            for render_name, rendering in RENDERINGS.items():
                if system_name != "warbrief" and render_name != "blank-line joins":
                    continue  # the baselines see lines, not the joins: one row each
                name = f"{system_name}, {render_name}" if system_name == "warbrief" else system_name
                print(format_row(name, evaluate(part, rendering, extractor, truths), with_shingles))


def print_seed(dumps: Sequence[Dump], extractor: Extractor) -> bool:
    """Seed 002 against seed 001: shingle F1 (target >= 0.98) and no chrome line among the kept ones."""
    seeds = [d for d in dumps if d.source == "seed"]
    if not seeds:
        print("\nseed 002 not in the set")
        return False
    truth = "\n\n".join(seed_clean_body())
    print("\n### seed 002 vs seed 001\n")
    passed = True
    for render_name, rendering in RENDERINGS.items():
        shown = rendering(seeds[0])
        paragraphs = extractor(shown)
        p, r, f1 = aggregate([score_page(truth, "\n\n".join(paragraphs))])
        kept = kept_mask(shown.units, paragraphs)
        chrome = [unit for unit, was_kept, label in zip(shown.units, kept, shown.labels, strict=True)
                  if was_kept and not label]
        ok = f1 >= 0.98 and not chrome
        passed = passed and ok  # hard-wrapped dumps too, since textpage re-flows them (extract/reflow.py)
        print(f"- {render_name}: shingle P {p:.3f} R {r:.3f} F1 {f1:.4f}; chrome lines kept: {len(chrome)}"
              f" {chrome[:3]}; {'PASS' if ok else 'FAIL'} (F1 >= 0.98, no menu/related/footer line)")
    return passed


def print_examples(dumps: Sequence[Dump], extractor: Extractor, count: int) -> None:
    """Lines the extractor got wrong on the dev split (blank-line joins), longest first, to read by hand."""
    false_pos: list[tuple[str, str]] = []
    false_neg: list[tuple[str, str]] = []
    for dump in dumps:
        if dump.source != "benchmark" or dump.split != "dev":
            continue
        shown = join_lines(dump, "\n\n")
        kept = kept_mask(shown.units, extractor(shown))
        for unit, was_kept, label in zip(shown.units, kept, shown.labels, strict=True):
            if was_kept and not label:
                false_pos.append((dump.id[:10], unit))
            elif label and not was_kept:
                false_neg.append((dump.id[:10], unit))
    for name, found in (("kept but chrome", false_pos), ("content but dropped", false_neg)):
        print(f"\n{name}: {len(found)} lines; longest {count}:")
        for page, unit in sorted(found, key=lambda pu: -len(pu[1]))[:count]:
            print(f"  [{page}] {unit[:200]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", action="store_true", help="re-render and re-label the set from the benchmark")
    parser.add_argument("--lines-only", action="store_true",
                        help="line-level scores only, from the shipped JSONL (no ../shared needed)")
    parser.add_argument("--data", type=Path, default=DATA, help="the labeled JSONL set")
    parser.add_argument("--bench", type=Path, default=BENCH, help="the article-extraction benchmark folder")
    parser.add_argument("--no-justext", action="store_true", help="skip the jusText baseline")
    parser.add_argument("--examples", type=int, default=0, help="print N misclassified dev lines of each kind")
    args = parser.parse_args(argv)

    needs_bench = args.build or not args.lines_only
    if needs_bench and not (args.bench / "ground-truth.json").is_file():
        print(f"benchmark data not found at {args.bench}: --build and the shingle metric need the shared/ "
              "folder beside the repo (shared/bench/article-extraction-benchmark with html/ and "
              "ground-truth.json); use --lines-only for the line-level scores from the shipped JSONL",
              file=sys.stderr)
        return 2
    if args.build:
        build(args.bench, args.data)
        return 0
    if not args.data.is_file():
        print(f"labeled set not found at {args.data}: run with --build first", file=sys.stderr)
        return 2
    dumps = load_dumps(args.data)
    truths = None
    if not args.lines_only:
        raw = json.loads((args.bench / "ground-truth.json").read_text("utf-8"))
        truths = {page_id: entry["articleBody"] for page_id, entry in raw.items()}
    warbrief = warbrief_extractor()
    systems: dict[str, Extractor] = {"warbrief": warbrief, "baseline: lines > 40 chars": length_baseline}
    if not args.no_justext and (justext := justext_extractor()) is not None:
        systems["jusText (stoplist by page language)"] = justext
    systems["oracle (the labels)"] = oracle
    print(f"labeled set: {args.data.relative_to(REPO) if args.data.is_relative_to(REPO) else args.data}")
    print_tables(dumps, truths, systems)
    print_seed(dumps, warbrief)  # reports PASS/FAIL; an evaluation reports, it does not fail the shell
    if args.examples:
        print_examples(dumps, warbrief, args.examples)
    return 0


if __name__ == "__main__":
    sys.exit(main())
