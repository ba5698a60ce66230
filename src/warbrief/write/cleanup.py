"""Sentence clean-up that keeps meaning: a written sentence is its source sentence minus page furniture.

What goes: datelines ("KYIV, Dec 27 (Reuters) -", "MOSCOW —", "(AP) —"), bylines ("By Jane Doe, Reuters"),
tails glued on by the page ("Read more: …", "Continue Reading", "Photo: …"), bracketed editor notes and
photo credits ("[Editor's note: …]", "(AP Photo/Evan Vucci)", "(Reporting by …)"), and a leading
connective ("However,", "Meanwhile,", "In addition,", "Also,") when the sentence it connects to is not
written before it (``dangling=True``), the next word then re-capitalised. A causal connective ("In
response,", "As a result,") is kept: the relation it states is part of what the sentence says.

The result is always a deletion: the kept character ranges of the source sentence, in order, joined, with
at most the first letter upper-cased. So every word, number and name of the written sentence is in the
quoted source sentence and the citation keeps the exact source span. Attribution is never deleted: a
removal whose text holds a speech or claim verb ("said", "claimed", "according to") is refused, except for
a "Read more" tail, which is another article's headline and not part of this sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_AGENCY = (
    r"(?:Reuters|AP|AFP|UPI|dpa|DPA|Xinhua|TASS|Interfax(?:-Ukraine)?|Ukrinform|IANS|PTI|ANI|CNN|Bloomberg|RFE/RL"
    r"|Kyodo|Yonhap|EFE|ANSA|Sputnik|RIA Novosti|Anadolu|Agence France-Presse|Associated Press|UNIAN|Kyiv Independent)"
)
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DASH = r"(?:--|[—–]|-(?=\s))"
_CAPS_PLACE = r"(?:[A-Z][A-Z.'’-]{2,}|[A-Z]{2,}\.?)(?:\s+(?:[A-Z][A-Z.'’-]+|[A-Z]{2,}\.?))*"  # MOSCOW, NEW YORK
_REGION = r"(?:,\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})?"  # ", Mo.", ", Texas", ", Ukraine"
_DATE = rf"(?:,?\s+{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?)?"
_AGENCY_PAR = rf"\(\s*{_AGENCY}(?:\s*/\s*[\w ]{{1,30}})?\s*\)"

# "KYIV, Dec 27 (Reuters) - ", "SAN ANTONIO (AP) — ", "MOSCOW — ", "JUPITER, Fla. - "
_CAPS_DATELINE = re.compile(
    rf"^{_CAPS_PLACE}{_REGION}{_DATE}\s*(?:{_AGENCY_PAR}\s*)?{_DASH}\s*(?=[\"“‘'A-Z0-9(])"
)
# "NEW DELHI: ", "SEOUL: ". A colon also follows a speaker ("NATO: Russia must …"), so an organisation's
# acronym is never taken for a place.
_ORGANISATIONS = (
    r"(?:NATO|OSCE|IAEA|NASA|OPEC|UNIAN|UNHCR|UNICEF|UNESCO|USAID|ISW|SBU|GUR|HUR|FSB|GRU|MOD|TASS|CNN|BBC|AFP"
    r"|EU|UN|US|USA|UK|WHO|ICC|ICJ|IMF|ZSU|OHCHR|HRW|CIA|FBI|DOD|SVR)\b"
)
_COLON_DATELINE = re.compile(rf"^(?!{_ORGANISATIONS})(?:[A-Z][A-Z.'’-]{{3,}}|{_CAPS_PLACE}\s+[A-Z][A-Z.'’-]+)"
                             rf"{_REGION}:\s*(?=[\"“‘A-Z])")
# "(Reuters) - ", "(AP) — "
_AGENCY_DATELINE = re.compile(rf"^{_AGENCY_PAR}\s*{_DASH}\s*")
# "Kabul, Afghanistan -- ", "Kyiv (Reuters) - ", "Brussels — ": a mixed-case place needs a strong mark.
_PLACE_DATELINE = re.compile(
    rf"^[A-Z][a-z’'-]+(?:\s[A-Z][a-z’'-]+)?{_REGION}{_DATE}\s*(?:{_AGENCY_PAR}\s*{_DASH}|(?:--|[—–]))\s*(?=[\"“A-Z])"
)
# A pasted headline before an agency dateline: "The Latest: UN envoy cheers vote ATHENS, Greece (AP) — ..."
_LATE_DATELINE = re.compile(rf"^.{{1,150}}?\s{_CAPS_PLACE}{_REGION}{_DATE}\s*{_AGENCY_PAR}\s*{_DASH}\s*(?=[\"“A-Z])")

_NOT_A_NAME = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July"
    r"|August|September|October|November|December|The|This|That|Then|Now|Early|Late|Mid)\b"
)
_NAME = r"[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3}"
_BYLINE = re.compile(
    rf"^By\s+(?!{_NOT_A_NAME}){_NAME}(?:\s*(?:,|and|&)\s+(?!{_NOT_A_NAME}){_NAME})*"
    rf"(?:\s*[,|—–-]\s*(?:{_AGENCY}|[A-Z][\w ]{{0,30}}?(?:News|Press|Times|Post|Journal|Independent|Staff)))?"
    r"(?:\s*[|•]\s*|\s+)(?=[\"“A-Z])"
)

_TAIL = re.compile(
    r"(?:(?<=[.!?\"”’])\s*|\s+)(?:read more|continue reading)\b.*$"
    r"|(?<=[.!?\"”’])\s*(?:click here|sign up|subscribe|also read|related:|see also)\b.*$",
    re.IGNORECASE | re.DOTALL,
)
_PHOTO_TAIL = re.compile(
    r"(?<=[.!?\"”’])\s*(?:\(?(?:AP|AFP|Reuters|File)?\s*Photo(?:graph)?s?\b|Image(?:s)?\s*(?:copyright|credit)?|"
    r"Picture|Credit)\s*(?:by|:|/)[^.!?]*$",
    re.IGNORECASE,
)
_NOTE_WORDS = (
    r"(?:editor['’]?s?\s+note|ed\.?\s+note|note\s*:|updated?\b|updates\b|photo|photograph|image\b|pictured|file\s+photo"
    r"|video\b|watch\b|getty|reporting\s+by|writing\s+by|editing\s+by|additional\s+reporting|adds\b|recasts\b"
    r"|corrects\b|click\b|see\s+also|related\b|read\s+more|listen\b)"
)
_BRACKETED_NOTE = re.compile(rf"\s*(?:\[\s*{_NOTE_WORDS}[^\]]*\]|\(\s*{_NOTE_WORDS}[^()]*\))", re.IGNORECASE)
_LEADING_NOTE = re.compile(rf"^(?:\[\s*{_NOTE_WORDS}[^\]]*\]|\(\s*{_NOTE_WORDS}[^()]*\))\s*", re.IGNORECASE)

# Additive, contrastive and sequencing markers only: they say nothing but "this relates to what came
# before". A causal one ("In response,", "As a result,", "Therefore,") states a relation that is part of
# the meaning, so it stays even when its antecedent is not written.
CONNECTIVES = (
    "However", "Meanwhile", "In addition", "Also", "Additionally", "Moreover", "Furthermore", "Besides",
    "Nevertheless", "Nonetheless", "Still", "Separately", "Likewise", "Similarly", "At the same time",
    "In the meantime", "That said", "Even so", "On the other hand", "In contrast", "By contrast",
    "What is more", "What's more", "On top of that",
)
_CONNECTIVE = re.compile(
    r"^(?:(?:" + "|".join(re.escape(c) for c in sorted(CONNECTIVES, key=len, reverse=True)) + r"),\s+"
    r"|(?:But|And)\s+(?=[a-zA-Z]))"  # not "So far", "Yet another": those are no connectives
)
# Deleting any of these would delete who says something.
_ATTRIBUTION = re.compile(
    r"\b(?:said|says|say|claim\w*|alleg\w*|according\s+to|reported|reports|told|stated|announced|confirmed"
    r"|estimated|wrote)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Cleaned:
    """A cleaned sentence: its text, the kept ranges of the source sentence, and the rules that fired."""

    text: str
    kept: tuple[tuple[int, int], ...]
    removed: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.removed)


def _leading(text: str, start: int, dangling: bool) -> tuple[str, int] | None:
    """The first leading rule that matches text[start:], as (rule, end of the removal)."""
    rest = text[start:]
    rules: list[tuple[str, re.Pattern[str]]] = [
        ("note", _LEADING_NOTE), ("byline", _BYLINE), ("dateline", _AGENCY_DATELINE), ("dateline", _CAPS_DATELINE),
        ("dateline", _COLON_DATELINE), ("dateline", _PLACE_DATELINE), ("dateline", _LATE_DATELINE),
    ]
    if dangling:
        rules.append(("connective", _CONNECTIVE))
    for rule, pattern in rules:
        match = pattern.match(rest)
        if not match or not match.end():
            continue
        removed = rest[: match.end()]
        if _ATTRIBUTION.search(removed):
            continue
        if rule == "dateline" and re.search(r"\s[—–]\s", rest[match.end() :]) and pattern is _PLACE_DATELINE:
            continue  # "Zelensky — who visited Washington — said": a parenthesis, not a dateline
        remaining = rest[match.end() :].strip()
        if len(remaining.split()) < 3:
            continue  # a removal that leaves no sentence is not a clean-up
        return rule, start + match.end()
    return None


def clean_sentence(text: str, dangling: bool = False) -> Cleaned:
    """``text`` without datelines, bylines, glued tails and editor notes (module docstring).

    ``dangling``: the sentence that this one would connect to is not written right before it (it opens a
    paragraph of the briefing), so a leading connective ("However,") is dropped too.
    """
    removals: list[tuple[int, int]] = []
    fired: list[str] = []
    start = 0
    while (found := _leading(text, start, dangling)) is not None:
        rule, end = found
        removals.append((start, end))
        fired.append(rule)
        start = end
    end = len(text)
    tail = _TAIL.search(text, start)
    if tail and len(text[start : tail.start()].split()) >= 3:
        removals.append((tail.start(), end))
        fired.append("tail")
        end = tail.start()
    photo = _PHOTO_TAIL.search(text, start, end)
    if photo and not _ATTRIBUTION.search(photo.group(0)) and len(text[start : photo.start()].split()) >= 3:
        removals.append((photo.start(), end))
        fired.append("photo_credit")
        end = photo.start()
    for note in _BRACKETED_NOTE.finditer(text, start, end):
        if not _ATTRIBUTION.search(note.group(0)) or re.search(r"\b(?:reporting|writing|editing)\s+by\b",
                                                                note.group(0), re.IGNORECASE):
            removals.append(note.span())
            fired.append("note")
    return _apply(text, removals, tuple(fired))


def _apply(text: str, removals: list[tuple[int, int]], fired: tuple[str, ...]) -> Cleaned:
    kept: list[tuple[int, int]] = []
    position = 0
    for start, end in sorted(removals):
        if start > position:
            kept.append((position, start))
        position = max(position, end)
    if position < len(text):
        kept.append((position, len(text)))
    # Trim white space at the edges of what is kept, so that the joins read as one sentence.
    trimmed = []
    for start, end in kept:
        while start < end and text[start].isspace() and not trimmed:
            start += 1
        if start < end:
            trimmed.append((start, end))
    while trimmed and text[trimmed[-1][1] - 1].isspace():
        start, end = trimmed.pop()
        end = len(text[start:end].rstrip()) + start
        if start < end:
            trimmed.append((start, end))
    joined = "".join(text[s:e] for s, e in trimmed)
    if fired and joined[:1].islower():
        joined = joined[0].upper() + joined[1:]
    return Cleaned(joined, tuple(trimmed), fired)


def is_deletion_of(cleaned: str, source: str) -> bool:
    """Whether ``cleaned`` is ``source`` with characters deleted (the case of its first letter may differ)."""
    if not cleaned:
        return True
    position = 0
    for number, char in enumerate(cleaned):
        options = {char, char.lower(), char.upper()} if number == 0 else {char}
        while position < len(source) and source[position] not in options:
            position += 1
        if position == len(source):
            return False
        position += 1
    return True
