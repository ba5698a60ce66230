"""Can a learned model decide fact values better than the rules? Issue #4's value experiment, on the dev part only.

Troops' ``force`` and ``role`` and money's ``purpose`` and ``donor`` are set by hand-written rules
(understand/troops.py, money.py) that were tuned on the constructed set's dev part over seven rounds; on the
held-out part they score far lower. This script trains small logistic-regression models that decide one value of a
detected mention and compares them with the rules by cross-validation over the dev mentions only (the constructed
set's dev part and the labeled set; held-out paragraphs are never read):

* the mentions: every extractor mention that overlaps a gold mention (eval/facts.py's matching), with the rules'
  values and the gold values;
* ``role`` and ``purpose``: a multinomial model over the value vocabulary; ``force`` and ``donor``: a ranker over
  candidates (each force or donor named in the paragraph (force) or the amount's sentence (donor), the rules' answer
  and None), scored one by one and the best taken;
* features: the rules' answer (``+rule``; left out in ``context``), the lemmas of the mention and of six tokens each
  side, the sentence's content lemmas, the mention's dependency relation, head and governing verb
  (understand/parse.py); for candidates, where they are named (in the mention, its sentence, the sentence before,
  elsewhere), before or after it, the distance, how many are named, and the candidate itself;
* cross-validation: 5 folds grouped by paragraph, leave-one-round-out (the labeled set is one more "round"), and for
  the context-only models forward chaining (train on the labeled set and rounds < k, test on round k: the analogue of
  a round's pre-fix number).

Caveat, read before the numbers: the rules were tuned on every dev mention, so their dev accuracy (the "rules"
column) is optimistic and a model given the rules' answer can gain only on the few dev errors the rules still make.
A context-only model's cross-validated accuracy is closer to a fresh-text number, but nothing here gives the rules'
own fresh-text accuracy per field. Usage: ``.venv/bin/python eval/train_fact_values.py`` (about 4 minutes on two
cores; prints a markdown table).
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

sys.path.insert(0, str(Path(__file__).parent))

import facts  # eval/facts.py, next to this script

from warbrief.understand import money, troops
from warbrief.understand.parse import MAX_SENTENCE, parse, sentences

FIELDS: dict[str, tuple[str, str]] = {  # field -> (fact kind, "class" or "rank")
    "force": ("troops", "rank"),
    "role": ("troops", "class"),
    "purpose": ("money", "class"),
    "donor": ("money", "rank"),
}
CS = (0.3, 1.0, 3.0, 10.0)
Features = dict[str, float]


# --- the dev mentions ----------------------------------------------------------------------------------------------

def dev_mentions() -> list[dict]:
    """Every detected troops and money mention of the dev part and the labeled set that overlaps a gold one."""
    constructed = [r for r in facts.load(facts.CONSTRUCTED) if not facts.is_held_out(r["id"])]
    found = []
    for records, labeled in ((constructed, False), (facts.load(facts.DEFAULT), True)):
        for record in records:
            text = record["text"]
            for kind in ("troops", "money"):
                golds = [f for f in record["facts"] if f["kind"] == kind]
                used: set[int] = set()
                for start, end, values in facts.FINDERS[kind](text):
                    match = next((i for i, g in enumerate(golds)
                                  if i not in used and start < g["end"] and g["start"] < end), None)
                    if match is None:
                        continue
                    used.add(match)
                    found.append({"id": record["id"], "round": "L" if labeled else facts.round_of(record["id"]),
                                  "kind": kind, "text": text, "start": start, "end": end, "rule": values,
                                  "gold": golds[match]["values"]})
    return found


# --- features --------------------------------------------------------------------------------------------------------

def _sentence(text: str, position: int) -> tuple[tuple[int, int], tuple[int, int] | None]:
    previous = None
    for start, end in sentences(text):
        if start <= position < end:
            return (start, end), previous
        previous = (start, end)
    return (0, len(text)), None


def context_features(text: str, start: int, end: int) -> Features:
    """Lemmas in and around the mention, the sentence's content lemmas, and the mention's place in the parse."""
    (s, e), _ = _sentence(text, start)
    if e - s > MAX_SENTENCE:
        return {}
    doc = parse([text[s:e]])[0]
    tokens = [t for t in doc if start <= s + t.idx < end]
    if not tokens:
        return {}
    feats: Features = {f"m:{t.lemma_.lower()}": 1.0 for t in tokens}
    first, last = tokens[0].i, tokens[-1].i
    for k in range(1, 7):
        for side, i in (("L", first - k), ("R", last + k)):
            if 0 <= i < len(doc):
                feats[f"{side}:{doc[i].lemma_.lower()}"] = 1.0
                if k <= 2:
                    feats[f"{side}{k}:{doc[i].lemma_.lower()}"] = 1.0
    for t in doc:
        if t.is_alpha and not t.is_stop:
            feats[f"s:{t.lemma_.lower()}"] = 0.5
    root = min(tokens, key=lambda t: len(list(t.ancestors)))
    feats[f"dep:{root.dep_}"] = 1.0
    feats[f"head:{root.head.lemma_.lower()}"] = 1.0
    head = root.head
    for _ in range(4):
        if head.pos_ in ("VERB", "AUX"):
            feats[f"verb:{head.lemma_.lower()}"] = 1.0
            break
        if head.head is head:
            break
        head = head.head
    return feats


def force_names(text: str) -> list[tuple[int, int, str]]:
    """(start, end, force code) of every force, owner, organisation or leader troops.py knows in ``text``."""
    named = []
    for match in troops._FORCE_WORDS.finditer(text):
        if match.group("force") or match.group("owner"):
            code = troops._force_code(match.group("force") or match.group("owner"))
        elif match.group("org"):
            code = troops._ORG_FORCES.get(" ".join(match.group("org").lower().split()))
        else:
            code = troops._LEADERS.get(" ".join(match.group("leader").lower().split()))
        if code:
            named.append((match.start(), match.end(), code))
    return named


def donor_names(text: str) -> list[tuple[int, int, str]]:
    """(start, end, canonical donor) of every donor name or adjective of donors.yaml in ``text``."""
    names_rx, names, adjectives_rx, adjectives = money._donor_tables()
    named = []
    for rx, table in ((names_rx, names), (adjectives_rx, adjectives)):
        for match in rx.finditer(text):
            donor = money._canonical(table, match.group(0))
            if donor:
                named.append((match.start(), match.end(), donor))
    return sorted(named)


def candidates(text: str, start: int, end: int, rule: str | None, named: list[tuple[int, int, str]],
               sentence_only: bool) -> list[tuple[str | None, Features]]:
    """(candidate, features) for each force or donor named around the mention, the rules' answer and None."""
    (s, e), previous = _sentence(text, start)
    seen: dict[str, dict[str, Any]] = {}
    for n_start, n_end, code in named:
        if n_start < end and start < n_end:
            where = "in_mention"
        elif s <= n_start < e:
            where = "sentence"
        elif previous and previous[0] <= n_start < previous[1]:
            where = "previous"
        else:
            where = "paragraph"
        if sentence_only and where in ("previous", "paragraph"):
            continue
        info = seen.setdefault(code, {"n": 0, "where": set(), "distance": 10**6, "before": 0.0, "after": 0.0})
        info["n"] += 1
        info["where"].add(where)
        info["distance"] = min(info["distance"], 0 if where == "in_mention" else min(abs(n_start - end),
                                                                                     abs(start - n_end)))
        info["before"] = max(info["before"], float(n_end <= start))
        info["after"] = max(info["after"], float(n_start >= end))
    in_sentence = sum(1 for info in seen.values() if info["where"] & {"sentence", "in_mention"})
    context = context_features(text, start, end)
    options: list[str | None] = list(seen)
    if rule is not None and rule not in seen:
        options.append(rule)
    options.append(None)
    rows = []
    for option in options:
        feats: Features = {}
        if option is None:
            feats.update({"none": 1.0, f"none&in_sentence={min(in_sentence, 3)}": 1.0,
                          f"none&named={min(len(seen), 3)}": 1.0})
            feats.update({f"none&{k}": v for k, v in context.items()})
        elif option in seen:
            info = seen[option]
            feats.update({"candidate": 1.0, f"candidate={option}": 1.0, "before": info["before"],
                          "after": info["after"], "distance": min(info["distance"], 400) / 100,
                          "near": float(info["distance"] < 30), "times": min(info["n"], 4) / 2,
                          f"in_sentence={min(in_sentence, 3)}": 1.0})
            feats.update({f"where={w}": 1.0 for w in info["where"]})
            if info["where"] & {"sentence", "in_mention"}:
                feats["only_one_in_sentence"] = float(in_sentence == 1)
        else:
            feats["unnamed"] = 1.0
        if option == rule:
            feats["+rule"] = 1.0
            feats["+rule&" + ("none" if option is None else "candidate")] = 1.0
        feats[f"+rule_is_none={rule is None}&" + ("none" if option is None else "candidate")] = 1.0
        rows.append((option, feats))
    return rows


def examples(mentions: list[dict], field: str) -> list[Any]:
    how = FIELDS[field][1]
    out = []
    for m in mentions:
        rule = m["rule"].get(field)
        if how == "class":
            out.append({**context_features(m["text"], m["start"], m["end"]), f"+rule={rule}": 1.0})
        else:
            named = force_names(m["text"]) if field == "force" else donor_names(m["text"])
            out.append(candidates(m["text"], m["start"], m["end"], rule, named, sentence_only=field == "donor"))
    return out


def without_rule(example: Any) -> Any:
    if isinstance(example, dict):
        return {k: v for k, v in example.items() if not k.startswith("+rule")}
    return [(option, without_rule(feats)) for option, feats in example]


# --- models ----------------------------------------------------------------------------------------------------------

def fit_predict(how: str, train: list[Any], labels: list[Any], test: list[Any], c: float) -> list[Any]:
    vectorizer = DictVectorizer()
    model = LogisticRegression(C=c, max_iter=3000)
    if how == "class":
        names = [str(label) for label in labels]
        if len(set(names)) == 1:
            return [labels[0]] * len(test)
        model.fit(vectorizer.fit_transform(train), names)
        return [None if p == "None" else str(p) for p in model.predict(vectorizer.transform(test))]
    rows = [(feats, int(option == label)) for options, label in zip(train, labels, strict=True)
            for option, feats in options]
    model.fit(vectorizer.fit_transform([f for f, _ in rows]), [y for _, y in rows])
    return [options[int(np.argmax(model.decision_function(vectorizer.transform([f for _, f in options]))))][0]
            for options in test]


def cross_validate(how: str, xs: list[Any], ys: list[Any], groups: list[str], folds: str, c: float) -> list[Any]:
    if folds == "paragraph":
        splits = list(GroupKFold(n_splits=5).split(xs, ys, groups))
    else:
        splits = [([i for i, g in enumerate(groups) if g != held], [i for i, g in enumerate(groups) if g == held])
                  for held in sorted(set(groups))]
    predicted: list[Any] = [None] * len(xs)
    for train, test in splits:
        guesses = fit_predict(how, [xs[i] for i in train], [ys[i] for i in train], [xs[i] for i in test], c)
        for i, guess in zip(test, guesses, strict=True):
            predicted[i] = guess
    return predicted


def forward_chain(how: str, xs: list[Any], ys: list[Any], rounds: list[str], c: float) -> dict[str, tuple[int, int]]:
    """Round k -> (right, mentions) of a model trained on the labeled set and the rounds before k."""
    found = {}
    for k in ("4", "5", "6", "7"):
        train = [i for i, r in enumerate(rounds) if r == "L" or int(r) < int(k)]
        test = [i for i, r in enumerate(rounds) if r == k]
        guesses = fit_predict(how, [xs[i] for i in train], [ys[i] for i in train], [xs[i] for i in test], c)
        found[k] = (sum(g == ys[i] for g, i in zip(guesses, test, strict=True)), len(test))
    return found


def main(argv: list[str]) -> None:
    warnings.filterwarnings("ignore", category=ConvergenceWarning)
    mentions = dev_mentions()
    print(f"{len(mentions)} dev mentions (constructed dev part + labeled set)\n")
    print("| field | mentions | rules right | folds | model +rule, C=" + "/".join(map(str, CS))
          + " | context only, C=" + "/".join(map(str, CS)) + " | +rule: fixed / broke (C=1) |")
    print("|---|---|---|---|---|---|---|")
    chained: dict[str, dict[str, tuple[int, int]]] = {}
    for field, (kind, how) in FIELDS.items():
        chosen = [m for m in mentions if m["kind"] == kind]
        xs = examples(chosen, field)
        bare = [without_rule(x) for x in xs]
        ys = [m["gold"].get(field) for m in chosen]
        rules = [m["rule"].get(field) for m in chosen]
        right = sum(r == y for r, y in zip(rules, ys, strict=True))
        for folds, group_of in (("paragraph", "id"), ("round", "round")):
            groups = [m[group_of] for m in chosen]
            with_rule, context, moved = [], [], ""
            for c in CS:
                guesses = cross_validate(how, xs, ys, groups, folds, c)
                with_rule.append(str(sum(g == y for g, y in zip(guesses, ys, strict=True))))
                if c == 1.0:
                    fixed = sum(g == y != r for g, y, r in zip(guesses, ys, rules, strict=True))
                    broke = sum(g != y == r for g, y, r in zip(guesses, ys, rules, strict=True))
                    moved = f"{fixed} / {broke}"
                guesses = cross_validate(how, bare, ys, groups, folds, c)
                context.append(str(sum(g == y for g, y in zip(guesses, ys, strict=True))))
            label = "5 by paragraph" if folds == "paragraph" else "leave one round out"
            print(f"| {kind} {field} | {len(ys)} | {right} | {label} | {' / '.join(with_rule)} "
                  f"| {' / '.join(context)} | {moved} |", flush=True)
        rounds = [m["round"] for m in chosen]
        chained[field] = forward_chain(how, bare, ys, rounds, 3.0)
        for k in ("4", "5", "6", "7"):
            here = [i for i, r in enumerate(rounds) if r == k]
            chained[field]["rules " + k] = (sum(rules[i] == ys[i] for i in here), len(here))
    print("\nForward chaining, context-only model (C=3) trained on the labeled set and the earlier rounds: right /"
          " mentions of each round's dev part (in brackets: today's rules, tuned on that round):\n")
    print("| field | round 4 | round 5 | round 6 | round 7 |")
    print("|---|---|---|---|---|")
    for field, found in chained.items():
        print(f"| {FIELDS[field][0]} {field} | " + " | ".join(
            f"{found[k][0]}/{found[k][1]} ({found['rules ' + k][0]})" for k in ("4", "5", "6", "7")) + " |")


if __name__ == "__main__":
    main(sys.argv[1:])

