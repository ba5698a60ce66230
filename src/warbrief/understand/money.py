"""Amounts of money with their currency and, where the text says it, what the money is for.

"$16 million", "€1.5 billion in military aid", "UAH 2.3 billion", "6 million rubles ($34,000)",
"$400 million aid package". A symbol or code before the number ("$", "US$", "€", "£", "₴", "₽", "UAH",
"EUR") or a currency word after it ("rubles", "hryvnias", "euros", "dollars") is required: a bare
"1.5 billion" is not money, and "pounds" is money only as "pounds sterling" ("5,200 pounds of water").
Ranges ("$200-300 million", "from 1.2 to 2 million rubles") are skipped,
because either end alone would be a wrong number.

Values: ``amount`` (float, in units: "$1.5 billion" -> 1.5e9), ``currency`` (ISO code), ``text`` (the
amount as written) and ``purpose`` (a keyword from the words around the amount in its clause: "aid",
"loan", "grant", "sanctions", "bonus", "damage", "frozen_assets", "budget", "trade", or None).
"""

from __future__ import annotations

import re
from decimal import Decimal
from itertools import islice

from warbrief.records import Fact
from warbrief.understand.losses import NUMBER
from warbrief.understand.numbers import DECIMAL, HEDGE, MAX_MENTIONS, NUMBER_WORD, SCALE_WORD, scaled_value

_SYMBOLS: dict[str, str] = {
    "$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP", "₴": "UAH",
    "uah": "UAH", "₽": "RUB", "rub": "RUB", "chf": "CHF", "¥": "JPY",
}
_WORDS: dict[str, str] = {
    "dollar": "USD", "us dollar": "USD", "u.s. dollar": "USD", "euro": "EUR", "hryvnia": "UAH", "hryvnias": "UAH",
    "hryvnas": "UAH", "hryvnya": "UAH", "ruble": "RUB", "rouble": "RUB", "pound": "GBP", "pounds sterling": "GBP",
    "yuan": "CNY", "uah": "UAH", "usd": "USD", "eur": "EUR", "rub": "RUB",
}
# Abbreviated scales glued to the number: "$1.5bn", "$16m", "€2.3B".
_SUFFIX = r"(?i:bn|b|m|mn|mln|k|tn)(?![A-Za-z])"
_SUFFIX_VALUE = {"bn": 10**9, "b": 10**9, "m": 10**6, "mn": 10**6, "mln": 10**6, "k": 10**3, "tn": 10**12}
# Prices keep their cents after thousands groups ("$1,299.99").
_GROUPED_DECIMAL = r"(?<![\d.,])\d{1,3}(?:,\d{3})+\.\d{1,2}(?![\d.,]*\d)"
_AMOUNT = rf"(?:{_GROUPED_DECIMAL}|{DECIMAL}|{NUMBER})"
_PREFIXED = re.compile(
    rf"(?P<symbol>US\$|\$|€|£|₴|₽|¥|\b(?:USD|EUR|GBP|UAH|RUB|CHF)\b)\s?(?P<amount>{_AMOUNT})"
    rf"(?:(?P<suffix>{_SUFFIX})|\s*(?P<scale>{SCALE_WORD})\b)?(?![\d.,]*\d)(?![A-Za-z])",
)
_SUFFIXED = re.compile(
    rf"(?<![\w$€£₴₽-])(?P<amount>{_AMOUNT}|{NUMBER_WORD})(?:\s+(?P<scale>{SCALE_WORD}))?\s+"
    r"(?P<word>(?:U\.?S\.?\s+)?dollars?|euros?|hryvn(?:i|y)?as?|hryvnias|roubles?|rubles?|pounds\s+sterling"
    r"|yuan|UAH|USD|EUR|RUB)\b",
    re.IGNORECASE,
)
_CURRENCY_HINT = re.compile(r"[$€£₴₽¥]|USD|EUR|GBP|UAH|RUB|CHF|dollar|euro|hryvn|ruble|rouble|pound|yuan", re.I)
_RANGE_BEFORE = re.compile(r"(?:\d\s*(?:-|–|to)\s*|\bfrom\s+\S+\s+to\s+|between\s+\S+\s+and\s+)$", re.IGNORECASE)
_RANGE_AFTER = re.compile(r"^\s*(?:-|–|to)\s*[$€£₴₽]?\d")
_HEDGE_BEFORE = re.compile(rf"\b{HEDGE}\s+$", re.IGNORECASE)

# Purpose keywords, first listed wins when a window holds several: (purpose, exact words, word prefixes).
# Word lookups instead of a regex: a window is read once per amount, and a page can hold thousands.
_PURPOSES: tuple[tuple[str, frozenset[str], tuple[str, ...]], ...] = (
    ("sanctions", frozenset(), ("sanction",)),
    ("loan", frozenset({"loan", "loans", "credit", "credits", "lending"}), ("financing", "borrow")),
    ("grant", frozenset({"grant", "grants"}), ()),
    ("aid", frozenset({"aid", "assistance", "package"}), ("donat", "contribut", "pledg")),
    ("bonus", frozenset({"bonus", "bonuses"}), ()),
    ("damage", frozenset({"damage", "damaged", "damages", "losses"}), ("destroy",)),
    ("budget", frozenset({"budget", "budgets", "spending", "expenditure"}), ()),
    ("trade", frozenset({"trade", "freight"}), ("export", "import")),
)
# A bonus is a purpose only when paid for signing up ("enlistment bonuses"), not a shop's "Bonus Case".
_BONUS_CONTEXT = frozenset({"enlistment", "signing", "sign", "recruitment", "recruits", "contract", "contracts",
                            "volunteers", "military", "soldiers"})
_FROZEN = frozenset({"frozen", "immobilized", "immobilised"})
_ASSETS = frozenset({"assets", "funds"})
_WORDS_OF = re.compile(r"[a-z]+")
_CLAUSE_END = re.compile(r"[.;:!?\n]|,\s")


def _purpose_in(window: str) -> str | None:
    words = _WORDS_OF.findall(window.lower())
    present = set(words)
    if present & _FROZEN and present & _ASSETS:
        return "frozen_assets"
    for name, exact, prefixes in _PURPOSES:
        if present & exact or (prefixes and any(word.startswith(prefixes) for word in words)):
            if name == "bonus" and not present & _BONUS_CONTEXT:
                continue
            return name
    return None


def _purpose(text: str, start: int, end: int) -> str | None:
    """The purpose keyword of the amount's clause: a few words after it first, then just before it."""
    after = _CLAUSE_END.split(text[end : end + 60], maxsplit=1)[0]
    before = _CLAUSE_END.split(text[max(0, start - 40) : start][::-1], maxsplit=1)[0][::-1]
    return _purpose_in(after) or _purpose_in(before)


def _is_range(text: str, start: int, end: int) -> bool:
    return bool(_RANGE_BEFORE.search(text[max(0, start - 30) : start]) or _RANGE_AFTER.match(text[end : end + 12]))


def _amount(number: str, scale: str | None, suffix: str | None) -> float | None:
    if re.fullmatch(_GROUPED_DECIMAL, number):
        number = number.replace(",", "")
    value = scaled_value(f"{number} {scale}" if scale else number)
    if value is None:
        return None
    if suffix:
        value = float(Decimal(str(value)) * Decimal(_SUFFIX_VALUE[suffix.lower()]))
    return value


def _currency_word(word: str) -> str | None:
    """The ISO code of a currency word after a number ("rubles" -> "RUB", "U.S. dollars" -> "USD")."""
    lowered = " ".join(word.lower().split())
    if lowered not in ("hryvnias", "hryvnas", "pounds sterling"):
        lowered = lowered.rstrip("s")
    return _WORDS.get(lowered) or _WORDS.get(lowered.replace("u.s. ", "").replace("us ", ""))


def _candidates(text: str) -> list[tuple[re.Match[str], str]]:
    """Every prefixed or suffixed amount with its currency, in text order (longest first at one offset)."""
    found: list[tuple[re.Match[str], str]] = []
    for match in islice(_PREFIXED.finditer(text), MAX_MENTIONS):
        found.append((match, _SYMBOLS[match.group("symbol").lower()]))
    for match in islice(_SUFFIXED.finditer(text), MAX_MENTIONS):
        currency = _currency_word(match.group("word"))
        if currency:
            found.append((match, currency))
    return sorted(found, key=lambda f: (f[0].start(), -f[0].end()))


def find_money(text: str) -> list[tuple[int, int, dict]]:
    """(start, end, values) per amount of money; ``text[start:end]`` is the amount as written."""
    if not text or not _CURRENCY_HINT.search(text):
        return []
    results: list[tuple[int, int, dict]] = []
    last_end = -1
    for match, currency in _candidates(text):
        start, end = match.start(), match.end()
        if start < last_end or _is_range(text, start, end):
            continue
        groups = match.groupdict()
        amount = _amount(groups["amount"], groups.get("scale"), groups.get("suffix"))
        if amount is None or amount <= 0:
            continue
        last_end = end
        values = {
            "amount": amount,
            "currency": currency,
            "text": text[start:end],
            "purpose": _purpose(text, start, end),
            "approximate": bool(_HEDGE_BEFORE.search(text[max(0, start - 20) : start])),
        }
        results.append((start, end, values))
    return results


def extract_money(article_id: str, text: str) -> list[Fact]:
    """One ``money`` Fact per statement found in ``text`` (source and status are set by claims.py)."""
    return [
        Fact(article_id=article_id, kind="money", start=start, end=end, values=values)
        for start, end, values in find_money(text)
    ]
