"""Place linking: place names in article text -> gazetteer places with coordinates, oblast, front/direction.

How it works, and why:

1. Candidate spans are runs of capitalised words (hyphenated names included), tried longest first against
   the gazetteer's folded keys (``translit.place_key``), so news spellings ("Novoyeliyzavetivka",
   "Krugliakovka") meet official ones. A word with a Ukrainian toponym ending that matches no key is tried
   fuzzily (bounded edit distance on keys sharing the first letters), but only where the text says it is a
   place ("near X", a list of places).
2. Filters keep people and organisations out: a name after a title or first name ("President", "Taras"),
   a name followed by another capitalised word ("Kyiv Post", "Kharkiv Front"), and names that are also
   common words or surnames ("Shevchenko", "Promin") unless the context marks a place.
3. Same-named places are resolved by context: an oblast named in the paragraph or article, proximity to
   the other places of the paragraph and article, the digest section the article was filed under, and
   otherwise the largest settlement; the margin becomes the confidence.
4. Front and direction come from the taxonomy as data (``front_of``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from warbrief.records import Mention
from warbrief.taxonomy import Taxonomy, load_taxonomy
from warbrief.understand.gazetteer import Gazetteer, Place, load_gazetteer, road_code
from warbrief.understand.translit import place_key, strip_accents

MAX_TEXT = 2_000_000  # characters linked per article; a pathological page is cut, not choked on
ANCHOR_RADIUS_KM = 10.0  # a place this close to a direction's listed place belongs to that direction
_WORD = re.compile(r"[^\W\d_](?:[\w]|['’ʼ](?=[^\W\d_]))*")
_ROAD = re.compile(r"\b[A-ZА-Я]-?\d{2,5}\b")
_UNIT_WORDS = {"oblast", "oblasts", "region", "krai", "province", "raion", "district", "governorate"}
_CITY_WORDS = {"city"}
_CONNECTORS = {"of", "on", "na", "the"}
_CUES = {
    "near", "in", "toward", "towards", "around", "at", "outside", "from", "into", "to", "of", "through",
    "captured", "capturing", "capture", "seized", "liberated", "recaptured", "occupied", "including",
    "settlements", "settlement", "villages", "village", "town", "towns", "city", "cities", "and", "or",
    "direction", "directions", "south", "north", "east", "west", "southwest", "southeast", "northwest",
    "northeast", "between", "across", "along", "past", "beyond", "entered", "reached", "on",
}
_COMPASS = {"western", "eastern", "northern", "southern", "central", "occupied", "southeastern",
            "northeastern", "southwestern", "northwestern"}
_LIST_INTRO = re.compile(r"\b(?:oblasts|regions|provinces)\s*(?:\(|:|,?\s+(?:including|such as|like))", re.I)
# Words before a name that make it a person's name, not a place ("President Zelensky", "Taras Shevchenko").
_PERSON_BEFORE = {
    "president", "prime", "minister", "governor", "mayor", "general", "gen", "colonel", "col", "captain",
    "capt", "lieutenant", "lt", "sergeant", "major", "commander", "chief", "spokesperson", "spokesman",
    "advisor", "adviser", "secretary", "mr", "mrs", "ms", "dr", "saint", "st", "taras", "andriy", "andrii",
    "oleksandr", "volodymyr", "vladimir", "yulia", "serhiy", "serhii", "oleh", "mykola", "ivan", "dmytro",
    "yevhen", "viktor", "petro", "lesya", "lesia", "hryhoriy", "general-lieutenant", "senator", "sen",
}
# Gazetteer names that are also common words, surnames or org names: linked only with a place cue.
_NEEDS_CUE = {
    "shevchenko", "promin", "ukrainka", "druzhba", "peremoha", "svoboda", "nadiia", "maiak", "zoria",
    "tavria", "zirka", "prohres", "pobeda", "pobieda", "radist", "miroliubivka", "soniachne", "komar",
    "mir", "mira", "lenine", "pivnichne", "pivdenne", "tsentralne", "sokil", "orel", "kamianka", "lyman",
    "zelene", "zaria", "nova", "mala", "krasne", "vesele", "dobre", "myrne", "mirne", "shakhtar",
    "stepove", "ukraina", "rus", "ros", "zhovtneve", "chervone", "slavne", "kalyna", "kalina",
}
# Capitalised words that match a gazetteer key but are (almost) never places in English news copy.
_NEVER = {
    "bar", "mist", "ukrainian", "russian", "russia", "ukraine", "kremlin", "nato", "may", "march", "august",
    "bilyi", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "polish",
    "china", "north", "south", "east", "west", "central", "new", "great", "grand", "red", "green", "white",
    "black", "blue", "golden", "victoria", "maria", "olena", "nina", "ira", "lena", "anna", "vera", "mariia",
    "sofia", "sofiia", "kira", "oksana", "marina", "rome", "paris", "berlin", "london", "washington", "rada",
    "tavriia", "drone", "drones", "moscow", "donald", "trump", "putin", "zelensky", "zelenskyy", "biden",
    "europe", "european", "african", "armenia", "georgia", "israel", "india", "japan", "korea", "poland",
}
_TOPONYM_END = re.compile(r"(?:ivka|ovka|evka|ivske|ove|ovo|eve|ske|skoye|ne|noye|yne|ine|ino|sk|tsk|ivtsi|"
                          r"ychi|yky|iv|ka|ets|ove|yn|ia|ya)$", re.I)


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    text: str
    sep: str  # the characters between the previous token and this one

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


@dataclass(slots=True)
class _Span:
    start: int
    end: int
    text: str
    candidates: list[Place]
    quality: float  # 1.0 exact spelling, 0.95 folded match, lower for fuzzy
    paragraph: int
    chosen: Place | None = None
    confidence: float = 0.0
    needs_cue: bool = False  # kept only if it turns out to be an item of a list of places
    country: str = ""  # "RU" after "Russian town of", "UA" after "Ukrainian village of"


# ---------------------------------------------------------------------------------------------- tokens


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    last = 0
    for match in _WORD.finditer(text):
        word, end = match.group(), match.end()
        if len(word) > 3 and word[-2:] in ("'s", "’s"):  # "Lviv’s mayor": the name without the possessive
            word, end = word[:-2], end - 2
        tokens.append(_Token(match.start(), end, word, text[last : match.start()]))
        last = match.end()
    return tokens


def _joined(tokens: list[_Token], i: int, n: int) -> bool:
    """Tokens i..i+n-1 form one name: separated only by a single space or hyphen."""
    return all(tokens[j].sep in (" ", "-") for j in range(i + 1, i + n))


def _word_key(token: _Token) -> str:
    return strip_accents(token.text).lower().replace("’", "'")


# ------------------------------------------------------------------------------------------- filtering


def _prev_words(tokens: list[_Token], i: int, count: int = 3) -> list[str]:
    """Lowercased words before token i within the sentence (stops at sentence punctuation)."""
    words: list[str] = []
    j = i
    while j > 0 and len(words) < count:
        if re.search(r"[.!?;:\n]", tokens[j].sep):
            break
        j -= 1
        words.append(_word_key(tokens[j]))
    return words


def _sentence_start(tokens: list[_Token], i: int) -> bool:
    return i == 0 or bool(re.search(r"[.!?:\n]|^\s*[\"“(]", tokens[i].sep))


def _after_person_word(tokens: list[_Token], i: int, gaz: Gazetteer) -> bool:
    """A title, first name or other capitalised non-place word right before: "Heorhii Tykhyi", "Taras
    Shevchenko". A possessive ("Ukraine's Kursk Oblast") or a sentence-opening cue ("In Sumy") does not count."""
    if i == 0 or tokens[i].sep != " ":
        return False
    prev = tokens[i - 1]
    word = _word_key(prev).rstrip(".")
    possessive = prev.end < tokens[i].start - 1
    if not prev.capitalised or possessive or word in _CUES:
        return False
    if word in _PERSON_BEFORE:
        return True
    key = place_key(prev.text)
    return not gaz.candidates(key) and not gaz.units(key)


def _has_locative_cue(tokens: list[_Token], i: int) -> bool:
    """A locative word just before the name ("near X", "settlements including X")."""
    return any(w in _CUES for w in _prev_words(tokens, i, 2))


def _in_place_list(span: _Span, spans: list[_Span], text: str) -> bool:
    """The span is an item of a list whose neighbouring item is a place: "Lysivka, Zelene, Dachenske"."""
    for other in spans:
        if other is span or other.needs_cue:
            continue
        gap = text[other.end : span.start] if other.end <= span.start else text[span.end : other.start]
        if len(gap) <= 6 and re.fullmatch(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", gap):
            return True
    return False


def _followed_by_name(tokens: list[_Token], end: int, gaz: Gazetteer) -> bool:
    """A capitalised non-place word right after the match: part of an organisation or person name."""
    if end >= len(tokens) or tokens[end].sep != " " or not tokens[end].capitalised:
        return False
    key = place_key(tokens[end].text)
    return not gaz.candidates(key) and not gaz.units(key)


# -------------------------------------------------------------------------------------------- matching


def _levenshtein_within(a: str, b: str, limit: int) -> bool:
    """Whether the edit distance of a and b is at most ``limit`` (banded dynamic programming)."""
    if abs(len(a) - len(b)) > limit:
        return False
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
        if min(current) > limit:
            return False
        previous = current
    return previous[-1] <= limit


def _fuzzy(gaz: Gazetteer, key: str) -> tuple[list[Place], float]:
    """Places whose key is within one edit (two for long names) of ``key``; empty when ambiguous."""
    if len(key) < 7 or " " in key:
        return [], 0.0
    limit = 1 if len(key) < 11 else 2
    hits = [k for k in gaz.fuzzy_buckets.get(key[:2], []) if _levenshtein_within(key, k, limit)]
    if not hits:
        return [], 0.0
    places = [p for k in hits for p in gaz.candidates(k)]
    return places, 0.8 if limit == 1 else 0.75


def _match_at(gaz: Gazetteer, tokens: list[_Token], i: int, text: str) -> tuple[int, list[Place], float]:
    """The longest name starting at token i: (token count, candidates, quality); (0, [], 0) if none."""
    for n in range(min(gaz.max_words, len(tokens) - i), 0, -1):
        if n > 1 and not _joined(tokens, i, n):
            continue
        if n > 1 and not tokens[i + n - 1].capitalised and _word_key(tokens[i + n - 1]) in _CONNECTORS:
            continue
        surface = text[tokens[i].start : tokens[i + n - 1].end]
        key = place_key(surface)
        places = gaz.candidates(key) or gaz.units(key)
        if places:
            exact = any(strip_accents(p.name).lower() == strip_accents(surface).lower() for p in places)
            return n, places, 1.0 if exact else 0.95
    return 0, [], 0.0


def _unit_match(gaz: Gazetteer, tokens: list[_Token], i: int, n: int, text: str) -> list[Place]:
    key = place_key(text[tokens[i].start : tokens[i + n - 1].end])
    return gaz.units(key)


def _list_zones(text: str) -> list[tuple[int, int]]:
    """Character ranges that list oblasts ("seven oblasts (Poltava, Sumy, ...)"): names there are units."""
    zones = []
    for match in _LIST_INTRO.finditer(text):
        stop = re.compile(r"[)\n.;]").search(text, match.end())
        zones.append((match.end(), stop.start() if stop else len(text)))
    return zones


def _find_spans(text: str, gaz: Gazetteer) -> list[_Span]:
    tokens = _tokens(text)
    zones = _list_zones(text)
    paragraph_starts = [m.end() for m in re.finditer(r"\n\s*\n", text)]
    spans: list[_Span] = []
    i = 0
    while i < len(tokens):
        span, used = _span_at(text, tokens, i, gaz, zones)
        if span is not None:
            span.paragraph = sum(1 for p in paragraph_starts if p <= span.start)
            spans.append(span)
        i += max(used, 1)
    spans.extend(_road_spans(text, gaz, spans))
    spans.sort(key=lambda s: s.start)
    return [s for s in spans if not s.needs_cue or _in_place_list(s, spans, text)]


def _span_at(text: str, tokens: list[_Token], i: int, gaz: Gazetteer,
             zones: list[tuple[int, int]]) -> tuple[_Span | None, int]:
    """The place span starting at token i, if any, and how many tokens it used."""
    token = tokens[i]
    if not token.capitalised:
        return None, 1
    n, places, quality = _match_at(gaz, tokens, i, text)
    if n == 0:
        return _fuzzy_span(text, tokens, i, gaz)
    end = i + n
    first = place_key(token.text) if n == 1 else ""
    if n == 1 and (first in _NEVER or _word_key(token) in _NEVER):
        return None, 1
    suffix = _word_key(tokens[end]) if end < len(tokens) and tokens[end].sep == " " else ""
    in_zone = any(a <= token.start < b for a, b in zones)
    before = _prev_words(tokens, i, 1)
    units = _unit_match(gaz, tokens, i, n, text)
    if units and (suffix in _UNIT_WORDS or in_zone or (before and before[0] in _COMPASS)
                  or not gaz.candidates(place_key(text[token.start : tokens[end - 1].end]))):
        used = n + (1 if suffix in _UNIT_WORDS else 0)
        return _Span(token.start, tokens[i + used - 1].end, text[token.start : tokens[i + used - 1].end],
                     units, quality, 0), used
    places = [p for p in places if p.kind != "oblast" and not p.id.startswith("region:")]
    if not places or suffix in _UNIT_WORDS:  # "the Samara region": a region we do not know
        return None, n + (1 if suffix else 0)
    if suffix in _CITY_WORDS:
        cities = [p for p in places if p.rank >= 3] or places
        return _Span(token.start, tokens[end].end, text[token.start : tokens[end].end], cities, quality, 0), n + 1
    if _rejected(text, tokens, i, end, gaz, first):
        return None, n
    if n == 1:
        places = _river_instead(gaz, places, tokens, i)
    span = _Span(token.start, tokens[end - 1].end, text[token.start : tokens[end - 1].end], places, quality, 0)
    span.country = _country_hint(_prev_words(tokens, i, 5))
    span.needs_cue = first in _NEEDS_CUE and not _has_locative_cue(tokens, i)
    return span, n


def _rejected(text: str, tokens: list[_Token], i: int, end: int, gaz: Gazetteer, key: str) -> bool:
    """Person and organisation names that contain a place name."""
    return _after_person_word(tokens, i, gaz) or _followed_by_name(tokens, end, gaz)


def _country_hint(words: list[str]) -> str:
    """"the Russian town of Azov" -> RU; "the Ukrainian village of ..." -> UA."""
    for word in words:
        if word in ("russian", "russia's", "russia’s"):
            return "RU"
        if word in ("ukrainian", "ukraine's", "ukraine’s"):
            return "UA"
    return ""


def _river_instead(gaz: Gazetteer, places: list[Place], tokens: list[_Token], i: int) -> list[Place]:
    """"the Dnipro" is the river, "Dnipro" the city: prefer a feature named "<name> River" after "the"."""
    prev = _prev_words(tokens, i, 1)
    if prev and prev[0] == "the":
        river = gaz.candidates(place_key(f"{tokens[i].text} River"))
        if river:
            return river
    return places


def _fuzzy_span(text: str, tokens: list[_Token], i: int, gaz: Gazetteer) -> tuple[_Span | None, int]:
    token = tokens[i]
    if not _TOPONYM_END.search(token.text) or _word_key(token) in _NEVER or _sentence_start(tokens, i):
        return None, 1
    if _after_person_word(tokens, i, gaz) or _followed_by_name(tokens, i + 1, gaz):
        return None, 1
    places, quality = _fuzzy(gaz, place_key(token.text))
    if not places:
        return None, 1
    span = _Span(token.start, token.end, token.text, places, quality, 0)
    span.needs_cue = not _has_locative_cue(tokens, i)
    return span, 1


def _road_spans(text: str, gaz: Gazetteer, taken: list[_Span]) -> list[_Span]:
    spans = []
    for match in _ROAD.finditer(text):
        code = road_code(match.group())
        place = gaz.roads.get(code or "")
        if place and not any(s.start <= match.start() < s.end for s in taken):
            spans.append(_Span(match.start(), match.end(), match.group(), [place], 1.0, 0))
    return spans


# -------------------------------------------------------------------------------------- disambiguation


def distance_km(a: Place, b: Place) -> float:
    """Distance by the equirectangular approximation (well within 1% at these ranges, and cheap: it runs
    for every candidate against every context place); infinite when either place has no point."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return math.inf
    x = (b.lon - a.lon) * math.cos(math.radians((a.lat + b.lat) / 2))
    return 111.2 * math.hypot(x, b.lat - a.lat)


def _closeness(place: Place, anchors: Iterable[Place], scale: float = 40.0) -> float:
    """1 at distance 0, falling off with the distance to the nearest anchor."""
    best = min((distance_km(place, a) for a in anchors if a.id != place.id), default=math.inf)
    return 0.0 if best == math.inf else math.exp(-best / scale)


@dataclass(slots=True)
class _Context:
    unit_oblasts_par: dict[int, set[str]]
    unit_oblasts_all: set[str]
    anchors_par: dict[int, list[Place]]
    anchors_all: list[Place]
    hint_anchors: list[Place]
    hint_oblasts: set[str]
    front_prior: Callable[[Place], float]
    raions_par: dict[int, set[str]]
    raions_all: set[str]


# Prior by size: a bare city name in news is the city, not a same-named village.
_RANK_PRIOR = {1: 0.0, 2: 0.4, 3: 1.5, 4: 2.0, 5: 1.0}


def _score(place: Place, span: _Span, ctx: _Context) -> float:
    score = _RANK_PRIOR.get(place.rank, 0.0)
    if span.country and place.country == span.country:
        score += 1.5
    if place.oblast and place.oblast in ctx.unit_oblasts_par.get(span.paragraph, set()):
        score += 3.0
    elif place.oblast and place.oblast in ctx.unit_oblasts_all:
        score += 1.0
    if place.raion and place.raion in ctx.raions_par.get(span.paragraph, set()):
        score += 1.0
    elif place.raion and place.raion in ctx.raions_all:
        score += 0.4
    score += 2.5 * _closeness(place, ctx.anchors_par.get(span.paragraph, []))
    score += 1.0 * _closeness(place, ctx.anchors_all)
    score += 1.5 * _closeness(place, ctx.hint_anchors, 25.0)
    if place.oblast and place.oblast in ctx.hint_oblasts:
        score += 0.5
    score += 0.8 * ctx.front_prior(place)
    if strip_accents(place.name).lower() == strip_accents(span.text).lower():
        score += 0.3
    return score


def _resolve(span: _Span, ctx: _Context) -> None:
    if len(span.candidates) == 1:
        span.chosen, span.confidence = span.candidates[0], round(0.95 * span.quality, 3)
        return
    scored = sorted(((_score(p, span, ctx), p) for p in span.candidates), key=lambda sp: -sp[0])
    (best, place), second = scored[0], scored[1][0]
    margin = best - second
    span.chosen = place
    span.confidence = round(span.quality * (0.5 + 0.45 * math.tanh(margin)), 3)


def _build_context(spans: list[_Span], hint: str | None, taxonomy: Taxonomy) -> _Context:
    ctx = _Context({}, set(), {}, [], [], set(), _front_prior_of(taxonomy), {}, set())
    for span in spans:
        chosen = span.chosen or (span.candidates[0] if len(span.candidates) == 1 else None)
        if chosen is None:
            continue
        if chosen.kind == "oblast" or chosen.id.startswith("region:"):
            if chosen.oblast:
                ctx.unit_oblasts_par.setdefault(span.paragraph, set()).add(chosen.oblast)
                ctx.unit_oblasts_all.add(chosen.oblast)
        elif chosen.lat is not None:
            ctx.anchors_par.setdefault(span.paragraph, []).append(chosen)
            ctx.anchors_all.append(chosen)
            if chosen.raion:
                ctx.raions_par.setdefault(span.paragraph, set()).add(chosen.raion)
                ctx.raions_all.add(chosen.raion)
    if hint and hint in taxonomy:
        ctx.hint_anchors = list(_section_anchors(taxonomy).get(hint, []))
        ctx.hint_oblasts = {_oblast_display(o) for o in taxonomy[hint].oblasts}
    return ctx


def _disambiguate(spans: list[_Span], hint: str | None, taxonomy: Taxonomy) -> None:
    """Two passes: unambiguous places set the context, then resolved ones refine it."""
    for _ in range(2):
        ctx = _build_context(spans, hint, taxonomy)
        for span in spans:
            _resolve(span, ctx)


# --------------------------------------------------------------------------------------- front mapping


def _oblast_display(name: str) -> str:
    """A taxonomy oblast name ("Zaporizhia") -> the gazetteer's short name ("Zaporizhzhia")."""
    gaz = load_gazetteer()
    units = gaz.units(place_key(name))
    return units[0].oblast or name if units else name


@lru_cache(maxsize=8)
def _section_anchors(taxonomy: Taxonomy) -> dict[str, tuple[Place, ...]]:
    """For each section with `places`, the gazetteer places its list names (same-named: nearest the others).

    Names with one candidate pin the section; a name with several candidates takes the one nearest the
    pinned ones (or, with none pinned, the one in the section's oblasts, else the largest).
    """
    gaz = load_gazetteer()
    result: dict[str, tuple[Place, ...]] = {}
    for spec in taxonomy.sections:
        if not spec.places:
            continue
        oblasts = {_oblast_display(o) for o in spec.oblasts}
        groups = [gaz.candidates(place_key(name)) for name in spec.places]
        groups = [g for g in groups if g]
        pinned = [g[0] for g in groups if len(g) == 1]
        anchors = list(pinned)
        for group in groups:
            if len(group) > 1:
                anchors.append(_pick_anchor(group, pinned, oblasts))
        result[spec.id] = tuple(dict.fromkeys(anchors))
    return result


def _pick_anchor(group: list[Place], pinned: list[Place], oblasts: set[str]) -> Place:
    if pinned:
        return max(group, key=lambda p: (_closeness(p, pinned, 30.0), p.oblast in oblasts, p.rank))
    return max(group, key=lambda p: (p.oblast in oblasts, p.rank))


@lru_cache(maxsize=8)
def _front_prior_of(taxonomy: Taxonomy) -> Callable[[Place], float]:
    """A cached prior per place: how close it lies to a place the taxonomy lists (front-line villages are
    the ones news names, not their namesakes in the rear)."""
    anchors = [p for places in _section_anchors(taxonomy).values() for p in places]

    listed = {p.id for p in anchors}

    @lru_cache(maxsize=65536)
    def prior(place: Place) -> float:
        return 1.0 if place.id in listed else _closeness(place, anchors, 10.0)

    return prior


def _spread(place: Place, anchors: tuple[Place, ...]) -> float:
    """Mean distance from ``place`` to the three nearest other places of a section."""
    distances = sorted(d for d in (distance_km(place, a) for a in anchors if a.id != place.id) if d < math.inf)
    return sum(distances[:3]) / len(distances[:3]) if distances else math.inf


def _front_and_direction(section_id: str, taxonomy: Taxonomy) -> tuple[str, str | None]:
    parent = taxonomy[section_id].parent
    return (parent, section_id) if parent else (section_id, None)


def front_of(place: Place, taxonomy: Taxonomy | None = None) -> tuple[str | None, str | None]:
    """(front section id, direction section id) of a place; see ``_front_of``."""
    return _front_of(place, taxonomy or load_taxonomy())


@lru_cache(maxsize=65536)
def _front_of(place: Place, taxonomy: Taxonomy) -> tuple[str | None, str | None]:
    """(front section id, direction section id) of a place, from the taxonomy's `places` and `oblasts`.

    A place that a section's `places` list names is in that section (a direction inside its front, or a
    front); else a place within ANCHOR_RADIUS_KM of a listed place is in that place's section; else the
    front whose `oblasts` include the place's oblast; else (None, None).
    """
    anchors = _section_anchors(taxonomy)
    listed = [sid for sid, places in anchors.items() if any(p.id == place.id for p in places)]
    if listed:
        # Named by several lists ("Hryhorivka"): the section whose other places lie nearest.
        best = min(listed, key=lambda sid: _spread(place, anchors[sid]))
        return _front_and_direction(best, taxonomy)
    if place.kind not in ("oblast", "region", "sea") and place.lat is not None:
        best = min(((distance_km(place, p), sid) for sid, ps in anchors.items() for p in ps),
                   default=(math.inf, ""))
        if best[0] <= ANCHOR_RADIUS_KM:
            return _front_and_direction(best[1], taxonomy)
    if place.oblast:
        for spec in taxonomy.sections:
            if spec.parent is None and place.oblast in {_oblast_display(o) for o in spec.oblasts}:
                return spec.id, None
    return None, None


# ---------------------------------------------------------------------------------------------- public


@dataclass(slots=True)
class PlaceLink:
    """A linked place mention: the span in the text and the place it names."""

    start: int
    end: int
    text: str
    place: Place
    confidence: float
    front: str | None
    direction: str | None


def link_places(text: str, section_hint: str | None = None, taxonomy: Taxonomy | None = None) -> list[PlaceLink]:
    """Every place mention in ``text`` linked to a gazetteer place, in text order.

    ``section_hint`` is the taxonomy section the text was filed under (a digest item's heading), used to
    prefer same-named places of that front.
    """
    if not text:
        return []
    taxonomy = taxonomy or load_taxonomy()
    gaz = load_gazetteer()
    spans = _find_spans(text[:MAX_TEXT], gaz)
    _disambiguate(spans, section_hint, taxonomy)
    links = []
    for span in spans:
        if span.chosen is None:
            continue
        front, direction = front_of(span.chosen, taxonomy)
        links.append(PlaceLink(span.start, span.end, span.text, span.chosen, span.confidence, front, direction))
    return links


def place_mentions(article_id: str, text: str, section_hint: str | None = None,
                   taxonomy: Taxonomy | None = None) -> list[Mention]:
    """Place links as ``Mention`` records (label PLACE, entity = pcode / "feature:..." / "oblast:...")."""
    mentions = []
    for link in link_places(text, section_hint, taxonomy):
        place = link.place
        extra = {"name": place.name, "oblast": place.oblast, "lat": place.lat, "lon": place.lon,
                 "front": link.front, "direction": link.direction, "confidence": link.confidence,
                 "kind": place.kind, "country": place.country}
        mentions.append(Mention(article_id, link.start, link.end, link.text, "PLACE", place.id, extra))
    return mentions
