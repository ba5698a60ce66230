"""Story grouping against real multi-outlet news with gold event labels (issue #5).

    .venv/bin/python eval/events.py                   # default threshold; writes eval/results/events.md
    .venv/bin/python eval/events.py --threshold 0.84  # the run at another clustering threshold
    .venv/bin/python eval/events.py --sweep           # also re-group at 0.70, 0.72 ... 0.90 (same store)

The set is eval/data/events/events.jsonl (see its README): paraphrased reports by several outlets of the events of
several consecutive days, each with its gold event and the gold section. The REAL pipeline runs on it: each day's
records are written as a JSONL file in the ingest format (url, title, date, outlet, text), ingested with
``day=`` that day into a temporary SQLite store, extracted, understood and grouped day by day in date order.
The stories are then read back from the store and scored:

(a) per day, B-cubed precision/recall/F1 of articles grouped into stories (micro-averaged over all articles), with
    merged-different pairs (two articles of one story with different gold events; and the stories that mix events)
    and split-same pairs (two articles of one gold event on one day in different stories; and the events split);
(b) across days, B-cubed of articles grouped into threads (``story.thread_id``, or the story itself when a story
    carries none) against the gold events, and the stories' status (new / continuing / escalating) against gold
    (new = the first day the gold event appears in the set; continuing and escalating count together);
(c) section accuracy of stories against the majority gold section of their members: overall, on the held-out part
    of the set (a fixed third of the records, by a hash of the id) and on the rest, with the confusions;
(d) ``--threshold`` overrides the clustering threshold; ``--sweep`` repeats (a) and (b) for 0.70 .. 0.90.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from warbrief.pipeline import Pipeline

os.environ.setdefault("HF_HUB_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "eval" / "data" / "events" / "events.jsonl"
RESULTS = ROOT / "eval" / "results" / "events.md"
FIELDS = ("id", "day", "outlet", "url", "title", "text", "event", "section")
HELD_OUT_MODULUS = 3  # a record is held out when sha256(id) % 3 == 0: about a third, fixed forever
SWEEP = [round(0.70 + 0.02 * i, 2) for i in range(11)]
NOTES_MARKER = "<!-- notes: written by hand, kept when the report is regenerated -->"


# -- the data set ------------------------------------------------------------------------------------


def load_records(path: Path = DATA) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def is_held_out(record_id: str) -> bool:
    """The fixed held-out third of the set (for the section classifier)."""
    return int(hashlib.sha256(record_id.encode("utf-8")).hexdigest(), 16) % HELD_OUT_MODULUS == 0


# -- scores ------------------------------------------------------------------------------------------


def bcubed(predicted: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering (item -> cluster) against gold classes (item -> class).

    For each item, precision is the share of its cluster that has its gold class and recall the share of its gold
    class that is in its cluster; both are averaged over the items (micro-average). Items are those of ``gold``.
    """
    items = list(gold)
    if not items:
        return 0.0, 0.0, 0.0
    clusters: dict[Hashable, set[Hashable]] = defaultdict(set)
    classes: dict[Hashable, set[Hashable]] = defaultdict(set)
    for item in items:
        clusters[predicted[item]].add(item)
        classes[gold[item]].add(item)
    precision = recall = 0.0
    for item in items:
        cluster, klass = clusters[predicted[item]], classes[gold[item]]
        both = len(cluster & klass)
        precision += both / len(cluster)
        recall += both / len(klass)
    precision /= len(items)
    recall /= len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


@dataclass(slots=True)
class PairErrors:
    merged_pairs: int = 0  # two items in one cluster, different gold classes
    split_pairs: int = 0  # two items of one gold class in different clusters
    mixed_clusters: list[Hashable] = field(default_factory=list)  # clusters holding more than one gold class
    split_classes: list[Hashable] = field(default_factory=list)  # gold classes spread over more than one cluster


def _disagreements(
    items: Iterable[Hashable], grouping: Mapping[Hashable, Hashable], other: Mapping[Hashable, Hashable]
) -> tuple[int, list[Hashable]]:
    """Pairs of ``items`` that ``grouping`` puts together and ``other`` apart, and the groups holding such pairs."""
    groups: dict[Hashable, list[Hashable]] = defaultdict(list)
    for item in items:
        groups[grouping[item]].append(item)
    pairs, spread = 0, []
    for key, members in groups.items():
        counts = Counter(other[m] for m in members)
        pairs += len(members) * (len(members) - 1) // 2 - sum(n * (n - 1) // 2 for n in counts.values())
        if len(counts) > 1:
            spread.append(key)
    return pairs, spread


def pair_errors(predicted: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]) -> PairErrors:
    merged_pairs, mixed_clusters = _disagreements(gold, predicted, gold)  # the gold items, as the scores count them
    split_pairs, split_classes = _disagreements(gold, gold, predicted)
    return PairErrors(merged_pairs, split_pairs, mixed_clusters, split_classes)


def majority(labels: Iterable[str]) -> str:
    """The most common label; ties go to the alphabetically first, so the choice is stable."""
    counts = Counter(labels)
    best = max(counts.values())
    return min(label for label, n in counts.items() if n == best)


# -- the run -----------------------------------------------------------------------------------------


@dataclass(slots=True)
class Grouped:
    """Where each record ended up: its story, the story's thread, and the stories themselves."""

    story_of: dict[str, str]  # record id -> story id (a record left out of every story gets its own key)
    thread_of: dict[str, str]  # record id -> thread key
    stories: dict[str, object]  # story id -> Story
    members: dict[str, list[str]]  # story id -> record ids
    left_out: list[str]  # records with no article in any story


def write_day_files(records: Sequence[Mapping[str, str]], folder: Path) -> dict[date, Path]:
    by_day: dict[str, list[Mapping[str, str]]] = defaultdict(list)
    for r in records:
        by_day[r["day"]].append(r)
    paths = {}
    for day, rows in sorted(by_day.items()):
        path = folder / f"{day}.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for r in rows:
                line = {"url": r["url"], "title": r["title"], "date": r["day"], "outlet": r["outlet"],
                        "text": r["text"]}
                handle.write(json.dumps(line, ensure_ascii=False) + "\n")
        paths[date.fromisoformat(day)] = path
    return paths


def build_store(
    records: Sequence[Mapping[str, str]], folder: Path, threshold: float | None, backend: str | None = None
) -> tuple[Pipeline, list[date]]:
    """The pipeline over a fresh store in ``folder``, with every day ingested, extracted and understood."""
    from warbrief.config import Settings
    from warbrief.pipeline import Pipeline

    settings = Settings(db=str(folder / "events.db"))
    if backend is not None:
        settings = settings.with_overrides(embedding_backend=backend)
    if threshold is not None:
        settings = settings.with_overrides(cluster_threshold=threshold)
    pipe = Pipeline.open(settings)
    paths = write_day_files(records, folder)
    for day, path in paths.items():
        report = pipe.ingest([path], day=day)
        for skip in report.skipped:
            print(f"  {skip}", file=sys.stderr)
        pipe.understand_pending(day)
    return pipe, sorted(paths)


def record_of_articles(
    pipe: Pipeline, records: Sequence[Mapping[str, str]], days: Sequence[date]
) -> tuple[dict[str, str], Counter[str]]:
    """Stored article id -> record id (matched by URL); and how many articles each record produced."""
    by_url = {r["url"]: r["id"] for r in records}
    owner: dict[str, str] = {}
    produced: Counter[str] = Counter()
    for day in days:
        for article in pipe.store.articles(day=day):
            rid = by_url.get(article.url or "")
            if rid is not None:
                owner[article.id] = rid
                produced[rid] += 1
    return owner, produced


def group_all(
    pipe: Pipeline, days: Sequence[date], owner: Mapping[str, str], records: Sequence[Mapping[str, str]]
) -> Grouped:
    """Group every day in date order (threads continue earlier days), then read the stories back from the store."""
    for day in days:
        pipe.group(day)
    story_of: dict[str, str] = {}
    thread_of: dict[str, str] = {}
    stories: dict[str, object] = {}
    members: dict[str, list[str]] = defaultdict(list)
    for day in days:
        for story in pipe.store.stories(day=day):
            stories[story.id] = story
            thread = getattr(story, "thread_id", "") or story.id
            for article_id in story.article_ids:
                rid = owner.get(article_id)
                if rid is None or rid in story_of:  # a record's first article decides (records make one article)
                    continue
                story_of[rid] = story.id
                thread_of[rid] = thread
                members[story.id].append(rid)
    left_out = [r["id"] for r in records if r["id"] not in story_of]
    for rid in left_out:
        story_of[rid] = thread_of[rid] = f"alone:{rid}"
    return Grouped(story_of, thread_of, stories, dict(members), left_out)


# -- reports -----------------------------------------------------------------------------------------


def _f(x: float) -> str:
    return f"{x:.3f}"


def within_day_scores(records: Sequence[Mapping[str, str]], grouped: Grouped) -> tuple[list[list[str]], dict]:
    """Rows of table (a), one per day and a micro-averaged total, and the error details."""
    rows = []
    p_sum = r_sum = 0.0
    total_merged = total_split = total_mixed = total_split_events = 0
    worst_merges: list[tuple[int, str]] = []
    worst_splits: list[tuple[int, str, str]] = []
    days = sorted({r["day"] for r in records})
    for day in days:
        todays = [r for r in records if r["day"] == day]
        gold = {r["id"]: r["event"] for r in todays}
        predicted = {rid: grouped.story_of[rid] for rid in gold}
        p, rec, f1 = bcubed(predicted, gold)
        errors = pair_errors(predicted, gold)
        p_sum += p * len(todays)
        r_sum += rec * len(todays)
        total_merged += errors.merged_pairs
        total_split += errors.split_pairs
        total_mixed += len(errors.mixed_clusters)
        total_split_events += len(errors.split_classes)
        for story_id in errors.mixed_clusters:
            ids = [rid for rid in gold if predicted[rid] == story_id]
            counts = Counter(gold[rid] for rid in ids)
            pairs = len(ids) * (len(ids) - 1) // 2 - sum(n * (n - 1) // 2 for n in counts.values())
            worst_merges.append((pairs, story_id))
        for event in errors.split_classes:
            ids = [rid for rid in gold if gold[rid] == event]
            counts = Counter(predicted[rid] for rid in ids)
            pairs = len(ids) * (len(ids) - 1) // 2 - sum(n * (n - 1) // 2 for n in counts.values())
            worst_splits.append((pairs, day, event))
        n_stories = len({predicted[rid] for rid in gold})
        rows.append([day, str(len(todays)), str(len(set(gold.values()))), str(n_stories), _f(p), _f(rec), _f(f1),
                     str(errors.merged_pairs), str(len(errors.mixed_clusters)), str(errors.split_pairs),
                     str(len(errors.split_classes))])
    n = len(records)
    p, rec = p_sum / n, r_sum / n
    f1 = 2 * p * rec / (p + rec) if p + rec else 0.0
    n_events = sum(len({r["event"] for r in records if r["day"] == d}) for d in days)
    n_stories = len({grouped.story_of[r["id"]] for r in records})
    rows.append(["**all**", str(n), str(n_events), str(n_stories), _f(p), _f(rec), _f(f1), str(total_merged),
                 str(total_mixed), str(total_split), str(total_split_events)])
    details = {"p": p, "r": rec, "f1": f1, "merged": total_merged, "split": total_split,
               "worst_merges": sorted(worst_merges, reverse=True), "worst_splits": sorted(worst_splits, reverse=True)}
    return rows, details


def thread_scores(records: Sequence[Mapping[str, str]], grouped: Grouped) -> dict:
    gold = {r["id"]: r["event"] for r in records}
    predicted = {rid: grouped.thread_of[rid] for rid in gold}
    p, rec, f1 = bcubed(predicted, gold)
    errors = pair_errors(predicted, gold)
    threaded = any(getattr(s, "thread_id", "") for s in grouped.stories.values())
    return {"p": p, "r": rec, "f1": f1, "merged": errors.merged_pairs, "split": errors.split_pairs,
            "mixed": len(errors.mixed_clusters), "split_events": len(errors.split_classes),
            "threads": len(set(predicted.values())), "events": len(set(gold.values())), "threaded": threaded,
            "mixed_threads": errors.mixed_clusters, "split_event_ids": errors.split_classes}


def status_scores(records: Sequence[Mapping[str, str]], grouped: Grouped) -> dict | None:
    """Story status against gold, or None when stories carry no status."""
    by_id = {r["id"]: r for r in records}
    first_day: dict[str, str] = {}
    for r in sorted(records, key=lambda r: r["day"]):
        first_day.setdefault(r["event"], r["day"])
    statuses = {sid: getattr(s, "status", None) for sid, s in grouped.stories.items()}
    if not any(statuses.values()):
        return None
    confusion: Counter[tuple[str, str]] = Counter()
    for story_id, rids in grouped.members.items():
        event = majority(by_id[rid]["event"] for rid in rids)
        day = grouped.stories[story_id].day.isoformat()  # type: ignore[attr-defined]
        expected = "new" if first_day[event] == day else "continuing"
        got = statuses.get(story_id) or "?"
        if got in ("continuing", "escalating"):
            got = "continuing"
        confusion[(expected, got)] += 1
    total = sum(confusion.values())
    right = sum(n for (e, g), n in confusion.items() if e == g)
    wrong = []
    for story_id, rids in grouped.members.items():
        event = majority(by_id[rid]["event"] for rid in rids)
        story = grouped.stories[story_id]
        expected = "new" if first_day[event] == story.day.isoformat() else "continuing"  # type: ignore[attr-defined]
        got = statuses.get(story_id) or "?"
        if (got == "new") != (expected == "new"):
            wrong.append(f"{story.day} `{event}` gold {expected}, story {got}: \"{story.title}\"")  # type: ignore[attr-defined]
    return {"total": total, "right": right, "confusion": confusion, "wrong": sorted(wrong),
            "escalating": sum(1 for s in statuses.values() if s == "escalating")}


def front(section: str, parents: Mapping[str, str | None]) -> str:
    return parents.get(section) or section


def section_scores(records: Sequence[Mapping[str, str]], grouped: Grouped) -> dict:
    from warbrief.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    parents = {s.id: s.parent for s in taxonomy.sections}
    by_id = {r["id"]: r for r in records}
    buckets: dict[str, list[int]] = {"all": [0, 0, 0], "held out": [0, 0, 0], "rest": [0, 0, 0]}
    confusions: Counter[tuple[str, str]] = Counter()
    errors: list[str] = []
    for story_id, rids in grouped.members.items():
        story = grouped.stories[story_id]
        expected = majority(by_id[rid]["section"] for rid in rids)
        got = getattr(story, "section", "")
        held = sum(is_held_out(rid) for rid in rids) * 2 >= len(rids)
        for name in ("all", "held out" if held else "rest"):
            buckets[name][0] += 1
            buckets[name][1] += got == expected
            buckets[name][2] += front(got, parents) == front(expected, parents)
        if got != expected:
            confusions[(expected, got)] += 1
            events = ", ".join(sorted({by_id[rid]["event"] for rid in rids}))
            title = getattr(story, "title", "")
            errors.append(f"{getattr(story, 'day', '')} {expected} -> {got}: \"{title}\" ({events})")
    # Article level: each record's story section against the record's own gold section.
    articles: dict[str, list[int]] = {"all": [0, 0], "held out": [0, 0], "rest": [0, 0]}
    for rid, story_id in grouped.story_of.items():
        story = grouped.stories.get(story_id)
        if story is None:
            continue
        ok = getattr(story, "section", "") == by_id[rid]["section"]
        for name in ("all", "held out" if is_held_out(rid) else "rest"):
            articles[name][0] += 1
            articles[name][1] += ok
    return {"stories": buckets, "articles": articles, "confusions": confusions, "errors": sorted(errors)}


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def describe_story(story_id: str, grouped: Grouped, by_id: Mapping[str, Mapping[str, str]]) -> list[str]:
    lines = []
    for rid in grouped.members.get(story_id, [rid for rid, s in grouped.story_of.items() if s == story_id]):
        r = by_id[rid]
        lines.append(f"    - [{r['event']}] {r['outlet']}: {r['title']}")
    return lines


def report(records: Sequence[Mapping[str, str]], grouped: Grouped, produced: Counter, threshold: float,
           command: str, elapsed: float, sweep_rows: list[list[str]] | None) -> str:
    by_id = {r["id"]: r for r in records}
    days = sorted({r["day"] for r in records})
    events = {r["event"] for r in records}
    outlets_per_event = defaultdict(set)
    days_per_event = defaultdict(set)
    for r in records:
        outlets_per_event[r["event"]].add(r["outlet"])
        days_per_event[r["event"]].add(r["day"])
    out = ["# Story grouping against gold events (issue #5)", ""]
    out.append(f"`{command}`, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, clustering threshold {threshold:.2f}, "
               f"{elapsed:.0f} s. Set: `eval/data/events/events.jsonl` ({len(records)} records, {len(days)} days "
               f"{days[0]} .. {days[-1]}, {len(events)} events, "
               f"{sum(len(o) >= 2 for o in outlets_per_event.values())} with two or more outlets, "
               f"{sum(len(d) >= 2 for d in days_per_event.values())} spanning two or more days, "
               f"{len({r['outlet'] for r in records})} outlets).")
    odd = {rid: n for rid, n in produced.items() if n != 1}
    missing = [r["id"] for r in records if r["id"] not in produced]
    out.append("")
    out.append(f"Ingest: {sum(produced.values())} articles from {len(produced)} records; records with no article: "
               f"{len(missing)}; records split into several articles: {len(odd)}; records in no story: "
               f"{len(grouped.left_out)} (scored as singletons).")
    rows, details = within_day_scores(records, grouped)
    out += ["", "## (a) Articles grouped into stories, per day", ""]
    out += table(["day", "articles", "gold events", "stories", "B3 P", "B3 R", "B3 F1", "merged-different pairs",
                  "stories mixing events", "split-same pairs", "events split"], rows)
    out += ["", f"Target B-cubed F1 >= 0.90: **{'met' if details['f1'] >= 0.90 else 'not met'}** "
            f"({details['f1']:.3f}, micro-averaged over the {len(records)} articles)."]
    out += ["", "### Worst merges (stories mixing gold events; merged-different pairs)", ""]
    for pairs, story_id in details["worst_merges"][:8]:
        story = grouped.stories.get(story_id)
        title = getattr(story, "title", story_id)
        day = getattr(story, "day", "")
        out.append(f"- {day} \"{title}\" ({pairs} pairs)")
        out += describe_story(story_id, grouped, by_id)
    if not details["worst_merges"]:
        out.append("- none")
    out += ["", "### Worst splits (gold events of one day spread over stories; split-same pairs)", ""]
    for pairs, day, event in details["worst_splits"][:8]:
        ids = [r["id"] for r in records if r["day"] == day and r["event"] == event]
        parts: dict[str, list[str]] = defaultdict(list)
        for rid in ids:
            parts[grouped.story_of[rid]].append(rid)
        out.append(f"- {day} `{event}`: {len(ids)} articles in {len(parts)} stories ({pairs} pairs)")
        for story_id, rids in parts.items():
            story = grouped.stories.get(story_id)
            title = getattr(story, "title", "(in no story)")
            out.append(f"    - story \"{title}\": " + "; ".join(f"{by_id[rid]['outlet']}: {by_id[rid]['title']}"
                                                             for rid in rids))
    if not details["worst_splits"]:
        out.append("- none")

    threads = thread_scores(records, grouped)
    out += ["", "## (b) Articles grouped into threads across days", ""]
    if not threads["threaded"]:
        out.append("No story carries a `thread_id` in this build, so each story is its own thread: the row below is "
                   "the cross-day baseline (every event spanning days is split at day boundaries).")
        out.append("")
    out += table(["articles", "gold events", "threads", "B3 P", "B3 R", "B3 F1", "merged-different pairs",
                  "threads mixing events", "split-same pairs", "events split"],
                 [[str(len(records)), str(threads["events"]), str(threads["threads"]), _f(threads["p"]),
                   _f(threads["r"]), _f(threads["f1"]), str(threads["merged"]), str(threads["mixed"]),
                   str(threads["split"]), str(threads["split_events"])]])
    out += ["", "Threads mixing gold events (day, outlet, title):", ""]
    for thread in threads["mixed_threads"][:8]:
        ids = sorted((rid for rid, t in grouped.thread_of.items() if t == thread), key=lambda rid: by_id[rid]["day"])
        out.append(f"- thread `{thread}`: " + ", ".join(sorted({by_id[rid]['event'] for rid in ids})))
        out += [f"    - {by_id[rid]['day']} [{by_id[rid]['event']}] {by_id[rid]['outlet']}: {by_id[rid]['title']}"
                for rid in ids]
    if not threads["mixed_threads"]:
        out.append("- none")
    spread = sorted(((len({grouped.thread_of[r["id"]] for r in records if r["event"] == e}), e)
                     for e in threads["split_event_ids"]), reverse=True)
    out += ["", "Events spread over most threads: " + (", ".join(f"`{e}` ({n})" for n, e in spread[:10]) or "none")]
    status = status_scores(records, grouped)
    out += [""]
    if status is None:
        out.append("Story status: not available in this build (no story carries a `status`).")
    else:
        out.append(f"Story status against gold (new = first day of the gold event in the set; continuing and "
                   f"escalating together): {status['right']}/{status['total']} = "
                   f"{status['right'] / max(status['total'], 1):.3f}; {status['escalating']} stories escalating.")
        out.append("")
        out += table(["gold", "predicted", "stories"],
                     [[e, g, str(n)] for (e, g), n in sorted(status["confusion"].items())])
        out += ["", "Status errors:", ""] + ([f"- {line}" for line in status["wrong"]] or ["- none"])

    sections = section_scores(records, grouped)
    out += ["", "## (c) Sections of stories", ""]
    out.append("Gold section of a story: the majority gold section of its members. A story counts as held out when "
               "at least half its members are in the held-out third (sha256(id) % 3 == 0). Front level counts a "
               "Donetsk direction as Donetsk Front. Article level: each article's story section against its own "
               "gold section.")
    out.append("")
    rows = []
    for name in ("all", "held out", "rest"):
        n, exact, fronts = sections["stories"][name]
        an, aok = sections["articles"][name]
        rows.append([name, str(n), f"{exact / max(n, 1):.3f} ({exact})", f"{fronts / max(n, 1):.3f} ({fronts})",
                     str(an), f"{aok / max(an, 1):.3f} ({aok})"])
    out += table(["split", "stories", "exact", "front level", "articles", "article exact"], rows)
    out += ["", "Confusions (gold -> story's section):", ""]
    for (expected, got), n in sections["confusions"].most_common():
        out.append(f"- {expected} -> {got}" + (f" x{n}" if n > 1 else ""))
    if not sections["confusions"]:
        out.append("- none")
    out += ["", "Stories placed in another section than their gold one (day, gold -> placed, title, gold events):", ""]
    out += [f"- {line}" for line in sections["errors"]] or ["- none"]

    if sweep_rows:
        out += ["", "## (d) Threshold sweep (re-grouping the same store)", ""]
        out += table(["threshold", "stories", "B3 P", "B3 R", "B3 F1", "merged-different pairs", "split-same pairs",
                      "thread B3 F1", "worst merge (events, pairs)"], sweep_rows)
    out.append("")
    return "\n".join(out)


def sweep(
    pipe: Pipeline, days: Sequence[date], owner: Mapping[str, str], records: Sequence[Mapping[str, str]]
) -> list[list[str]]:
    rows = []
    original = pipe.settings
    for threshold in SWEEP:
        pipe.settings = original.with_overrides(cluster_threshold=threshold)
        grouped = group_all(pipe, days, owner, records)
        _, details = within_day_scores(records, grouped)
        threads = thread_scores(records, grouped)
        n_stories = len({grouped.story_of[r["id"]] for r in records})
        worst = ""
        if details["worst_merges"]:
            pairs, story_id = details["worst_merges"][0]
            events = sorted({r["event"] for r in records if grouped.story_of[r["id"]] == story_id})
            worst = f"{' + '.join(events)} ({pairs})"
        rows.append([f"{threshold:.2f}", str(n_stories), _f(details["p"]), _f(details["r"]), _f(details["f1"]),
                     str(details["merged"]), str(details["split"]), _f(threads["f1"]), worst])
        print(f"  threshold {threshold:.2f}: F1 {details['f1']:.3f}", file=sys.stderr)
    pipe.settings = original
    return rows


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--threshold", type=float, default=None, help="clustering threshold (default: the setting's)")
    parser.add_argument("--sweep", action="store_true", help="also re-group at thresholds 0.70 .. 0.90 step 0.02")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--out", type=Path, default=RESULTS, help="where to write the Markdown report")
    parser.add_argument("--keep", type=Path, default=None, help="build the store in this folder and keep it")
    parser.add_argument("--embedding-backend", choices=("torch", "onnx", "onnx-int8"), default=None,
                        help="the embedding runtime (default: the setting's, torch)")
    args = parser.parse_args(argv)
    command = ".venv/bin/python eval/events.py" + "".join(
        f" {a}" for a in (argv if argv is not None else sys.argv[1:]))
    records = load_records(args.data)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="warbrief-events-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        pipe, days = build_store(records, folder, args.threshold, args.embedding_backend)
        try:
            owner, produced = record_of_articles(pipe, records, days)
            sweep_rows = sweep(pipe, days, owner, records) if args.sweep else None
            grouped = group_all(pipe, days, owner, records)  # last, so the store keeps the main run's stories
            text = report(records, grouped, produced, pipe.settings.cluster_threshold, command,
                          time.monotonic() - started, sweep_rows)
        finally:
            pipe.close()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if args.out.exists():  # notes written by hand below the marker survive a re-run
        previous = args.out.read_text(encoding="utf-8")
        if NOTES_MARKER in previous:
            text += "\n" + NOTES_MARKER + previous.split(NOTES_MARKER, 1)[1]
    args.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
