"""Amounts of money with their currency and, where the text says it, what the money is for.

"$16 million", "€1.5 billion in military aid", "UAH 2.3 billion", "6 million rubles ($34,000)",
"$400 million aid package". A symbol or code before the number ("$", "US$", "€", "£", "₴", "₽", "UAH",
"EUR") or a currency word after it ("rubles", "hryvnias", "euros", "dollars") is required: a bare
"1.5 billion" is not money, and "pounds" is money only as "pounds sterling" ("5,200 pounds of water").
Ranges ("$200-300 million", "from 1.2 to 2 million rubles") are skipped,
because either end alone would be a wrong number.

Values: ``amount`` (float, in units: "$1.5 billion" -> 1.5e9), ``currency`` (ISO code), ``text`` (the
amount as written) and ``purpose`` (a keyword from the words around the amount in its clause: "aid",
"loan", "grant", "sanctions", "bonus", "damage", "frozen_assets", "budget", "trade", or None) and ``donor``
(who gives, pledges, approves or lends the money, under its canonical name from data/entities/donors.yaml:
"the United States announced a $500 million package" -> "United States", "the EU's €50 billion Ukraine
Facility" -> "European Union"; None when the sentence names no state or international body as the giver).
The donor is read from the amount's own sentence only, in this order: a possessive right before the amount
("Germany's €1.4 billion"), "from/by DONOR" just after it ("$20 million from Japan"), a national adjective
on the aid noun ("a German aid package worth €X"), and the subject of a giving verb before it ("Germany will
provide EUR 1.4 billion"; "Ukraine received $X" names no donor). Joint donors are joined with " and ".
An amount whose purpose or donor these windows leave open is read once more from the dependency parse of its
sentence (parse.py, ``_refine_by_parse``): the noun it measures ("estimate the damage ... at X", "the tranche ...,
totalling X") and the subject of the giving verb it hangs from ("The European Commission paid out ..., totalling X").
"""

from __future__ import annotations

import bisect
import re
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from itertools import islice
from typing import Any

import yaml

from warbrief.records import Fact
from warbrief.understand.losses import NUMBER
from warbrief.understand.numbers import (
    DECIMAL,
    HEDGE,
    HEDGE_BEFORE,
    MAX_MENTIONS,
    NUMBER_WORD,
    SCALE_WORD,
    scaled_value,
)
from warbrief.understand.parse import MAX_SENTENCE, MAX_SENTENCES, parse, sentences

_SYMBOLS: dict[str, str] = {
    "$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP", "₴": "UAH",
    "uah": "UAH", "₽": "RUB", "rub": "RUB", "chf": "CHF", "¥": "JPY", "c$": "CAD", "ca$": "CAD", "cad": "CAD",
    "a$": "AUD", "au$": "AUD", "aud": "AUD", "nok": "NOK", "dkk": "DKK", "sek": "SEK", "pln": "PLN", "jpy": "JPY",
}
_WORDS: dict[str, str] = {
    "dollar": "USD", "us dollar": "USD", "u.s. dollar": "USD", "euro": "EUR", "hryvnia": "UAH", "hryvnias": "UAH",
    "hryvnas": "UAH", "hryvnya": "UAH", "ruble": "RUB", "rouble": "RUB", "pound": "GBP", "pounds sterling": "GBP",
    "yuan": "CNY", "uah": "UAH", "usd": "USD", "eur": "EUR", "rub": "RUB", "canadian dollar": "CAD",
    "australian dollar": "AUD", "yen": "JPY", "swiss franc": "CHF", "zloty": "PLN", "zlotys": "PLN",
    "norwegian krone": "NOK", "norwegian kroner": "NOK", "danish krone": "DKK", "danish kroner": "DKK",
    "swedish krona": "SEK", "swedish kronor": "SEK",
}
# Abbreviated scales glued to the number: "$1.5bn", "$16m", "€2.3B".
_SUFFIX = r"(?i:bn|b|m|mn|mln|k|tn)(?![A-Za-z])"
_SUFFIX_VALUE = {"bn": 10**9, "b": 10**9, "m": 10**6, "mn": 10**6, "mln": 10**6, "k": 10**3, "tn": 10**12}
# Prices keep their cents after thousands groups ("$1,299.99").
_GROUPED_DECIMAL = r"(?<![\d.,])\d{1,3}(?:,\d{3})+\.\d{1,2}(?![\d.,]*\d)"
_AMOUNT = rf"(?:{_GROUPED_DECIMAL}|{DECIMAL}|{NUMBER})"
_PREFIXED = re.compile(
    rf"(?P<symbol>US\$|\b(?:CA|AU|C|A)\$|\$|€|£|₴|₽|¥|\b(?:USD|EUR|GBP|UAH|RUB|CHF|CAD|AUD|NOK|DKK|SEK|PLN|JPY)\b)\s?"
    rf"(?P<amount>{_AMOUNT})"
    # "£1.6 Billion" in a title-case headline is a billion too.
    rf"(?:(?P<suffix>{_SUFFIX})|\s*(?P<scale>(?i:{SCALE_WORD}))\b)?(?![\d.,]*\d)(?![A-Za-z])",
)
_SUFFIXED = re.compile(
    rf"(?<![\w$€£₴₽-])(?P<amount>{_AMOUNT}|{NUMBER_WORD})(?:\s+(?P<scale>{SCALE_WORD}))?\s+"
    r"(?P<word>(?:U\.?S\.?\s+|Canadian\s+|Australian\s+)?dollars?|euros?|hryvn(?:i|y)?as?|hryvnias|roubles?|rubles?"
    r"|pounds\s+sterling|yuan|yen|Swiss\s+francs?|zlotys?|(?:Norwegian|Danish)\s+kron(?:e|er)|Swedish\s+kron(?:a|or)"
    r"|UAH|USD|EUR|RUB)\b",
    re.IGNORECASE,
)
_CURRENCY_HINT = re.compile(
    r"[$€£₴₽¥]|USD|EUR|GBP|UAH|RUB|CHF|CAD|AUD|NOK|DKK|SEK|PLN|JPY|dollar|euro|hryvn|ruble|rouble|pound|yuan|yen|franc"
    r"|zloty|kron", re.I)
_RANGE_BEFORE = re.compile(r"(?:\d\s*(?:-|–|to)\s*|\bfrom\s+\S+\s+to\s+|between\s+\S+\s+and\s+)$", re.IGNORECASE)
_RANGE_AFTER = re.compile(r"^\s*(?:-|–|to)\s*[$€£₴₽]?\d")

# Purpose keywords, first listed wins when a window holds several: (purpose, exact words, word prefixes).
# Word lookups instead of a regex: a window is read once per amount, and a page can hold thousands.
_PURPOSES: tuple[tuple[str, frozenset[str], tuple[str, ...]], ...] = (
    ("sanctions", frozenset(), ("sanction",)),
    ("grant", frozenset({"grant", "grants"}), ()),
    # A state's debt is a loan ("owes bondholders about $20 billion"; a bare "owes" is any debt, royalties too).
    ("loan", frozenset({"loan", "loans", "credit", "credits", "lending", "debt", "debts", "bondholders", "eurobonds"}),
     ("financing", "borrow")),
    ("aid", frozenset({"aid", "assistance", "package", "tranche", "guarantee", "guarantees"}),
     ("donat", "contribut", "pledg", "disburs", "provid")),
    ("bonus", frozenset({"bonus", "bonuses"}), ()),
    ("damage", frozenset({"damage", "damaged", "damages", "losses"}), ("destroy",)),
    ("budget", frozenset({"budget", "budgets", "spending", "spend", "expenditure", "revenue", "revenues"}), ()),
    # "bought Russian crude worth about €3 billion": a commodity's sale is trade.
    ("trade", frozenset({"trade", "freight", "tariff", "tariffs", "crude", "oil", "lng", "coal"}),
     ("export", "import")),
)
# A bonus is a purpose only when paid for signing up ("enlistment bonuses"), not a shop's "Bonus Case".
_BONUS_CONTEXT = frozenset({"enlistment", "signing", "sign", "recruitment", "recruits", "contract", "contracts",
                            "volunteers", "military", "soldiers"})
_PAYMENT = frozenset({"payment", "payments", "payout", "payouts"})
# "will pay 3 million rubles to each local man who signs a contract": paying a person who signs up.
_PAY = frozenset({"pay", "pays", "paid", "paying"})
_SIGNS_UP = frozenset({"sign", "signs", "signed", "enlist", "enlists", "enlisted"})
_SIGN_UP = frozenset({"contract", "contracts", "enlistment", "enlist", "sign", "signing", "recruits", "recruitment",
                      "volunteers"})
_FROZEN = frozenset({"frozen", "immobilized", "immobilised", "windfall"})
_ASSETS = frozenset({"assets", "funds", "profits", "windfall", "reserves"})
_WORDS_OF = re.compile(r"[a-z]+")
_CLAUSE_END = re.compile(r"[.!?](?:\s|$)|[;:\n]|,\s")


# "military support", "the Nansen support programme": support that is given is aid (a bare "support" is not).
_SUPPORT_AID = re.compile(
    r"\b(?:(?:military|financial|defen[cs]e|humanitarian|economic|budget|macro-financial)\s+support"
    r"|support\s+(?:programme|program|package|fund|scheme))\b"
)
# Where money comes from is not what it is for: "400,000 rubles from the federal budget".
_SOURCE_BUDGET = re.compile(r"\bfrom\s+the\s+(?:[a-z]+\s+){0,2}budgets?\b")


def _purpose_in(window: str, sentence: frozenset[str]) -> str | None:
    lowered = _SOURCE_BUDGET.sub(" ", window.lower())
    words = _WORDS_OF.findall(lowered)
    present = set(words)
    if present & _FROZEN and present & _ASSETS:
        return "frozen_assets"
    if "support" in present and _SUPPORT_AID.search(lowered):
        return "aid"
    for name, exact, prefixes in _PURPOSES:
        if present & exact or (prefixes and any(word.startswith(prefixes) for word in words)):
            if name == "bonus" and not (present | sentence) & _BONUS_CONTEXT:
                continue
            return name
    # "a one-time payment of 2 million rubles to residents who sign a contract with the army" is a bonus.
    if present & _PAYMENT and sentence & _SIGN_UP:
        return "bonus"
    if present & _PAY and sentence & _SIGNS_UP and sentence & {"contract", "contracts", "army", "military"}:
        return "bonus"
    return None


def _purpose(text: str, start: int, end: int, sentence: str = "") -> str | None:
    """The purpose keyword of the amount's clause: a few words after it first, then just before it."""
    window = text[end : end + 80]
    # Words after a conjunction that leads to the next amount are that amount's: "recovery needs at $524 billion and
    # direct damage at $176 billion" (but "€3 billion as part of the G7's $50 billion loans" stays one clause).
    following = [m.start() for m in (_PREFIXED.search(window), _SUFFIXED.search(window)) if m is not None]
    if following:
        joins = list(re.finditer(r"\s(?:and|while|whereas|but)\s", window[: min(following)]))
        window = window[: joins[-1].start()] if joins else window
    clauses = _CLAUSE_END.split(window, maxsplit=1)
    after = clauses[0]
    before = _CLAUSE_END.split(text[max(0, start - 40) : start][::-1], maxsplit=1)[0][::-1]
    context = frozenset(_WORDS_OF.findall(sentence.lower()))
    # The noun right after the amount says it best: "a $3 billion loan ... serviced by frozen assets" is a loan.
    head = " ".join(re.findall(r"[A-Za-z]+", re.sub(r"^\s*(?:in|of|for|worth)\s+", "", after))[:2])
    head_purpose = _purpose_in(head, context) if head else None
    found = head_purpose or _purpose_in(after, context) or _purpose_in(before, context)
    if found is None and len(clauses) > 1:
        # "$1.7 billion for the PEACE project, financed by grants from Japan": how the money is paid for.
        funded = re.match(r"\s*(?:financed|funded|paid\s+for|backed)\s+(?:by|through|with)\s+[^.;:,]*",
                          text[end + len(after) + 1 : end + 200])
        found = _purpose_in(funded.group(0), context) if funded else None
    return found


@lru_cache(maxsize=1)
def _donor_tables() -> tuple[re.Pattern[str], dict[str, str], re.Pattern[str], dict[str, str]]:
    """(names pattern, name -> donor, adjectives pattern, adjective -> donor) from donors.yaml (read once)."""
    raw = resources.files("warbrief.data").joinpath("entities", "donors.yaml").read_text("utf-8")
    names: dict[str, str] = {}
    adjectives: dict[str, str] = {}
    for item in (yaml.safe_load(raw) or {}).get("donors", []):
        for name in item.get("names", []):
            names.setdefault(str(name), item["name"])
        for adjective in item.get("adjectives", []) or []:
            adjectives.setdefault(str(adjective), item["name"])

    def alternation(words: dict[str, str]) -> str:
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))

    name_rx = re.compile(rf"(?<![\w.])(?:{alternation(names)})(?![\w-])(?<!\.\w)")
    adjective_rx = re.compile(rf"(?<![\w.])(?:{alternation(adjectives)})(?![\w-])")
    return name_rx, names, adjective_rx, adjectives


@lru_cache(maxsize=1)
def _funded_pattern() -> re.Pattern[str]:
    """ "Danish-funded", "US-backed": a national adjective glued to a funding participle."""
    adjectives = _donor_tables()[3]
    return re.compile(rf"(?<![\w.])(?P<adj>{'|'.join(re.escape(a) for a in adjectives)})-(?:funded|financed|backed"
                      r"|sponsored)\b")


def _canonical(table: dict[str, str], written: str) -> str | None:
    return table.get(" ".join(written.split()))


_GIVE_VERB = re.compile(
    r"\b(?:announc\w*|pledg\w*|provid\w*|allocat\w*|approv\w*|commit\w*|give|gives|gave|giving|grant(?:s|ed|ing)?"
    r"|donat\w*|contribut\w*|disburs(?!ements?\b)\w*|transferr?\w*|send|sends|sending|sent|earmark\w*|unveil\w*|offer\w*"
    r"|lend|lends|lending|lent|loaned|deliver\w*|fund(?:s|ed|ing)?|financ\w*|promis\w*|set\s+aside|releas\w*"
    r"|authori[sz]\w*|signed\s+off|agreed\s+to\s+(?:provide|give|lend|send)|rolled\s+out|prepar\w*|paid|pays|pay"
    r"|sets?\s+aside|setting\s+aside|included|includes|appropriat\w*|(?P<signed>signed|signs|sign)"
    r"|extend(?:s|ed|ing)?|mobili[sz]\w*|channel\w*|spend|spends|spent|spending)\b",
    re.IGNORECASE,
)
_GOVERNMENT_WORD = re.compile(
    r"['’]s\s+(?:(?:draft|new|executive|\d{4})\s+){0,2}(?:government|cabinet|parliament|finance|defen[cs]e|foreign"
    r"|treasury|ministry|board|budget)", re.IGNORECASE
)
_SUPPORT_NOUN = r"(?:support|aid|assistance|contributions?|commitments?|funding|loans?|financing|package)"
_AUXILIARY = r"(?:(?:has|have|had|will|would|is|was|already|also|so\s+far)\s+)*"
_AID_NOUN = (r"(?:aid|assistance|package|loan|loans|grant|grants|funding|support|tranche|contribution|financing"
             r"|guarantee|guarantees)")
_JOINER = re.compile(r"^(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?$")
_FROM_DONOR = re.compile(
    r"^(?:\s+[\w'’-]+){0,6}?\s+(?:from|by|of)\s+(?:the\s+)?(?=\S)", re.IGNORECASE
)


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of the whole text (parse.py's, the readers' one splitter)."""
    return list(sentences(text))


def _sentence_around(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """Bounds of the amount's sentence, cut to 300 characters either side."""
    index = bisect.bisect_right(spans, (start, float("inf"))) - 1
    left, right = spans[index] if index >= 0 else (0, end)
    return max(left, start - 300), max(min(right, end + 300), end)


def _joined(names: list[str]) -> str | None:
    unique = list(dict.fromkeys(n for n in names if n))
    if len(unique) <= 1:
        return unique[0] if unique else None
    return ", ".join(unique[:-1]) + " and " + unique[-1]


def _is_actor(text: str, end: int) -> bool:
    """A donor name is the actor unless it owns something other than its government ("Ukraine's partners")."""
    return not re.match(r"['’]s\b", text[end:]) or bool(_GOVERNMENT_WORD.match(text[end:]))


def _donor_chain(text: str, matches: list[re.Match[str]], last: int, table: dict[str, str]) -> str | None:
    """The donor named by ``matches[last]`` with the ones coordinated before it ("Denmark, Sweden and Norway")."""
    chain = [matches[last]]
    index = last
    while index > 0 and _JOINER.match(text[matches[index - 1].end() : matches[index].start()]):
        index -= 1
        chain.insert(0, matches[index])
    return _joined([_canonical(table, m.group(0)) or "" for m in chain])


def _donor(text: str, start: int, end: int, spans: list[tuple[int, int]], sent: list[str]) -> str | None:
    """Who gives the amount at ``text[start:end]``, read from its sentence (see the module docstring); a donor
    that sends, provides, gives or delivers it is also appended to ``sent``."""
    name_rx, names, adjective_rx, adjectives = _donor_tables()
    left, right = _sentence_around(spans, start, end)
    before = text[left:start]
    # 1. "the EU's €50 billion", "Germany's new EUR 1.4 billion package".
    possessive = re.search(r"['’]s\s+(?:(?:new|latest|additional|next|first|second|fresh|own)\s+)?$", before)
    if possessive:
        stem = before[: possessive.start()]
        found = list(name_rx.finditer(stem))
        if found and found[-1].end() == len(stem):
            return _donor_chain(stem, found, len(found) - 1, names)
    # 1b. "the IMF approved ... a review of its $15.6 billion programme": the sentence's giver.
    if re.search(r"\bits\s+(?:(?:new|latest|additional|own|current)\s+)?$", before):
        found = [m for m in name_rx.finditer(before) if _is_actor(before, m.end())]
        if found:
            return _donor_chain(before, found, 0, names)
    # 2. "$20 million from Japan", "a package funded by the World Bank".
    after = text[end:right]
    # 2b. "the £3 billion a year the UK has pledged".
    relative = re.match(
        rf"^(?:\s+(?:a|per|each)\s+(?:year|month))?\s+(?:that\s+|which\s+)?(?:the\s+)?(?P<donor>{name_rx.pattern})"
        rf"\s+{_AUXILIARY}(?:{_GIVE_VERB.pattern})", after, re.IGNORECASE)
    if relative and _canonical(names, relative.group("donor")):
        return _canonical(names, relative.group("donor"))
    # "€4.2 billion (UAH 182 billion) from the EU": the giver after the amount's conversion in brackets.
    bracket = re.match(r"\s\([^()]{1,60}\)", after)
    clause_after = _CLAUSE_END.split(after[bracket.end() :] if bracket else after, maxsplit=1)[0]
    link = _FROM_DONOR.match(clause_after)
    if link:
        donor = name_rx.match(clause_after, link.end())
        # The preposition itself, not the article after it ("as part of the G7's ERA loans" is "of").
        word_before = re.search(r"(\w+)\s+(?:the\s+)?$", clause_after[: link.end()]).group(1).lower()
        if donor and (word_before != "of" or re.search(_AID_NOUN, clause_after[: link.end()], re.IGNORECASE)):
            found = [donor]
            position = donor.end()
            while (more := re.match(r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?", clause_after[position:])) and (
                    nxt := name_rx.match(clause_after, position + more.end())):
                found.append(nxt)
                position = nxt.end()
            donor_name = _joined([_canonical(names, m.group(0)) or "" for m in found])
            return donor_name
    # 3. "a German aid package worth €X", "a $400 million U.S. aid package".
    near = text[max(left, start - 40) : min(right, end + 40)]
    for match in re.finditer(rf"(?P<adj>{adjective_rx.pattern})\s+(?:[\w-]+\s+){{0,2}}?{_AID_NOUN}\b", near):
        return _canonical(adjectives, match.group("adj"))
    # 3c. "a Danish-funded contract worth DKK 1.3 billion".
    funded = list(_funded_pattern().finditer(before))
    if funded:
        donor = _canonical(adjectives, funded[-1].group("adj"))
        if donor:
            sent.append(donor)
        return donor
    # 3b. "bringing Berlin's total support to about €28 billion", "total IMF support under the arrangement to $9.8bn";
    # "Denmark's latest aid package, its 26th, is worth DKK 4.2 billion": what is worth the amount is the subject.
    worth = re.search(rf"\b(?:worth|valued\s+at)\s+(?:(?:{HEDGE})\s+)?$", before, re.IGNORECASE)
    clause_before = before if worth else re.split(r"[,;:]\s", before)[-1]
    supported = list(re.finditer(rf"(?P<donor>{name_rx.pattern})(?:['’]s)?\s+(?:(?!(?:its|their)\b)[\w-]+\s+){{0,2}}?"
                                 rf"{_SUPPORT_NOUN}\b",
                                 clause_before))
    if supported and _canonical(names, supported[-1].group("donor")):
        return _canonical(names, supported[-1].group("donor"))
    # "The World Bank's board approved ..., bringing its total support since 2022 to more than $50 billion": "its" is
    # the sentence's giver (the first actor named before).
    its_total = rf"\bits\s+(?:[\w-]+\s+){{0,2}}?(?:{_SUPPORT_NOUN}|total)\b[^.;:]{{0,40}}\bto\s+(?:(?:{HEDGE})\s+)?$"
    if re.search(its_total, before, re.IGNORECASE):
        found = [m for m in name_rx.finditer(before) if _is_actor(before, m.end())
                 or re.match(r"['’]s\s+board", before[m.end() :])]
        if found:
            return _donor_chain(before, found, 0, names)
    # 3d. "The IMF's board completed its review, allowing a disbursement of about $500 million": a payout named as a
    # noun is the sentence's giver's (the first actor, or the board it speaks through).
    if re.search(rf"\b(?:disbursement|tranche|payout|instal(?:l)?ment)\s+of\s+(?:(?:{HEDGE})\s+)?$", before,
                 re.IGNORECASE):
        found = [m for m in name_rx.finditer(before) if _is_actor(before, m.end())
                 or re.match(r"['’]s\s+(?:executive\s+)?board", before[m.end() :])]
        if found:
            return _donor_chain(before, found, 0, names)
    # 4. The subject of a giving verb: "Germany will provide EUR 1.4 billion", "with USAID contributing $465m".
    verbs = [m for m in _GIVE_VERB.finditer(before) if before[m.start() - 1 : m.start()] != "-"
             and (not re.search(r"[,;:]\s", before[m.end() :]) or len(before) - m.end() < 60)]
    if not verbs:
        return None
    verb = verbs[-1]
    if len(before) - verb.end() > 110:
        return None
    # "Britain signed a £2.26 billion loan agreement": signing gives only what is lent, granted or given.
    if verb.group("signed") and not re.match(rf"\s*(?:[\w-]+\s+){{0,2}}?{_AID_NOUN}\b", text[end:right], re.IGNORECASE):
        return None
    subject_zone = before[: verb.start()]
    found = [m for m in name_rx.finditer(subject_zone) if _is_actor(subject_zone, m.end())]
    if not found:
        return None
    last = found[-1]
    # A name after "to", "for", "in" is a receiver or a place ("soldiers fighting in Ukraine are paid"), no giver.
    if len(subject_zone) - last.end() > 70 or re.search(r"\b(?:to|for|into|on|in|inside|from|across)\s*$",
                                                         subject_zone[: last.start()]):
        return None
    donor = _donor_chain(subject_zone, found, len(found) - 1, names)
    if donor and (_SENDING.fullmatch(verb.group(0)) or re.match(r"\s+out\b", before[verb.end() :])):
        sent.append(donor)  # "sent", "provided", "paid out"
    return donor


# "bringing Berlin's total support since 2022 to about €28 billion": a state's support is aid.
_SENDING = re.compile(r"send|sends|sending|sent|provid\w*|give|gives|gave|giving|deliver\w*|donat\w*|releas\w*"
                      r"|transferr?\w*|disburs\w*", re.IGNORECASE)
_SUPPORT_AFTER = re.compile(r"\s+(?:in|of|for)\s+(?:\w+\s+)?support\b", re.IGNORECASE)
_SUPPORT_BEFORE = re.compile(r"\bsupport\b[^.;:,]*$", re.IGNORECASE)
_CONVERSION = re.compile(rf"\s*(?:\(\s*|,\s*or\s+|or\s+)(?:(?:{HEDGE})\s+)?(?=\S)", re.IGNORECASE)


_FROM_DONORS = re.compile(r"\s+from\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|a\s+dozen|several|[a-z]+"
                          r"\s+partner)\s+(?:countries|donors|partners|allies|states|nations|governments)\b",
                          re.IGNORECASE)
_CONTRACTS_WORTH = re.compile(rf"\bsign(?:s|ed|ing)?\s+(?:[\w-]+\s+){{0,2}}?contracts?\s+worth\s+(?:(?:{HEDGE})\s+)?$",
                              re.IGNORECASE)
_SPEND_BEFORE = re.compile(r"\bspen(?:d|ds|t|ding)\s+(?:[\w-]+\s+){0,3}?$", re.IGNORECASE)
_PER_MONTH = re.compile(r"\s+(?:a|per|each|every)\s+month\b|\s+monthly\b", re.IGNORECASE)
_PART_BEFORE = re.compile(
    rf"(?:\bincluding|\bwith(?:\s+an?)?(?:\s+[\w-]+)?(?:\s+(?:disbursement|tranche|payment)\s+of)?|(?P<which>\bof\s+which))"
    rf"\s+(?:(?:{HEDGE})\s+)?$",
    re.IGNORECASE,
)
_COMPARED_BEFORE = re.compile(
    rf"\b(?:up\s+from|down\s+from|on\s+top\s+of|in\s+addition\s+to|compared\s+(?:with|to))\s+(?:(?:{HEDGE})\s+)?$",
    re.IGNORECASE,
)


_MAKE_BEFORE = re.compile(r"\b(?:make|makes|made|making)\s+(?:(?:an?\s+)?(?:additional|further|extra|another)\s+)?$",
                          re.IGNORECASE)


def _made_available(text: str, start: int, end: int, spans: list[tuple[int, int]], sent: list[str]) -> str | None:
    """The giver of "Switzerland will make CHF 5 billion available for Ukraine's reconstruction" (the subject of
    "make", which the giving verbs do not list: "made a profit of $X" gives nothing); appended to ``sent``."""
    make = _MAKE_BEFORE.search(text, max(0, start - 40), start)
    if make is None or not re.match(r"\s+available\b", text[end : end + 12]):
        return None
    name_rx, names = _donor_tables()[:2]
    subject_zone = text[_sentence_around(spans, start, end)[0] : make.start()]
    found = [m for m in name_rx.finditer(subject_zone) if _is_actor(subject_zone, m.end())]
    if not found or re.search(r"\b(?:to|for|into|on|in)\s*$", subject_zone[: found[-1].start()]):
        return None
    donor = _donor_chain(subject_zone, found, len(found) - 1, names)
    if donor:
        sent.append(donor)
    return donor


def _to_recipient(text: str, end: int, donor: str) -> bool:
    """Whether the amount's clause goes on to name another state or body as the receiver ("NOK 85 billion to
    Ukraine", "CHF 5 billion for Ukraine's reconstruction"): money one party allocates to another is aid."""
    clause = _CLAUSE_END.split(text[end : end + 80], maxsplit=1)[0]
    name_rx, names = _donor_tables()[:2]
    for match in re.finditer(r"\b(?:to|for)\s+(?:the\s+)?(?=\S)", clause):
        receiver = name_rx.match(clause, match.end())
        if receiver and _canonical(names, receiver.group(0)) not in (None, donor):
            return True
    return False


_ARMING = re.compile(r"\s+(?:to|for)\s+(?:train|training|arm|arming|equip|equipping)\b[^.;:]{0,40}?\s(?=\w)")


def _arms_others(text: str, end: int, donor: str) -> bool:
    """Whether the money trains, arms or equips another state's soldiers ("Canada will spend C$60 million to train
    about 2,000 Ukrainian soldiers"): spent on another state's army, so aid."""
    arming = _ARMING.match(text, end)
    if arming is None:
        return False
    adjective_rx, adjectives = _donor_tables()[2:]
    name_rx, names = _donor_tables()[:2]
    after = text[arming.end() - 1 : arming.end() + 60]
    for match in re.finditer(rf"(?P<adj>{adjective_rx.pattern})\s+(?:[\w-]+\s+)?(?:soldiers|troops|forces|army"
                             r"|servicem[ae]n|personnel|pilots|recruits)\b", after):
        if _canonical(adjectives, match.group("adj")) not in (None, donor):
            return True
    return any(_canonical(names, m.group(0)) not in (None, donor) and re.match(r"['’]s\s", after[m.end() :])
               for m in name_rx.finditer(after))


@lru_cache(maxsize=1)
def _default_purposes() -> dict[str, str]:
    """Donor -> the purpose all its money has (donors.yaml's ``purpose``: the IMF only lends)."""
    raw = resources.files("warbrief.data").joinpath("entities", "donors.yaml").read_text("utf-8")
    items = (yaml.safe_load(raw) or {}).get("donors", [])
    return {item["name"]: item["purpose"] for item in items if item.get("purpose")}


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
    if lowered in _WORDS:
        return _WORDS[lowered]
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
    results, links, spans = _read_by_words(text)
    if any(v["purpose"] is None or v["donor"] is None for _, _, v in results):
        _refine_by_parse(text, spans, results)
        for index, link in enumerate(links):
            if link is not None:  # a conversion or part takes what the parse found for the amount it belongs to
                values, first = results[index][2], results[link][2]
                values["purpose"] = values["purpose"] or first["purpose"]
                values["donor"] = values["donor"] or (first["donor"] if values["purpose"] != "budget" else None)
        for _, _, values in results:
            if values["purpose"] == "budget":  # "Russia spent ... a day on the war": its own budget, no donor
                values["donor"] = None
    return results


def parse_sentences(text: str) -> list[str]:
    """The sentences ``find_money`` will parse in ``text`` (for a batched parse before the readers run:
    troops.prefetch_parses). Reads the amounts by their words once more, which costs far less than a parser call."""
    if not text or not _CURRENCY_HINT.search(text):
        return []
    results, _, spans = _read_by_words(text)
    return [sentence for *_, sentence in _parse_wanted(text, spans, results)]


def _read_by_words(text: str) -> tuple[list[tuple[int, int, dict]], list[int | None], list[tuple[int, int]]]:
    """(amounts with the values their words give, the amount each converts or is part of, sentence spans)."""
    results: list[tuple[int, int, dict]] = []
    links: list[int | None] = []  # the amount each one converts, is part of or is compared with
    last_end = -1
    spans = _sentences(text)
    for match, currency in _candidates(text):
        start, end = match.start(), match.end()
        if start < last_end or _is_range(text, start, end):
            continue
        groups = match.groupdict()
        amount = _amount(groups["amount"], groups.get("scale"), groups.get("suffix"))
        if amount is None or amount <= 0:
            continue
        previous = results[-1] if results else None
        link = None
        sent: list[str] = []
        donor = _donor(text, start, end, spans, sent) or _made_available(text, start, end, spans, sent)
        last_end = end
        values = {
            "amount": amount,
            "currency": currency,
            "text": text[start:end],
            "purpose": _purpose(text, start, end, text[slice(*_sentence_around(spans, start, end))]),
            "approximate": bool(HEDGE_BEFORE.search(text[max(0, start - 20) : start])),
            "donor": donor,
        }
        if values["purpose"] is None and _FROM_DONORS.match(text, end):
            # "financed with about €2 billion from 18 countries": money pooled from donors is aid.
            values["purpose"] = "aid"
        if values["purpose"] is None and _CONTRACTS_WORTH.search(text, max(0, start - 60), start):
            # "Ukraine's defence ministry signed contracts worth UAH 70 billion": a state's own procurement.
            values["purpose"] = "budget"
        if values["purpose"] is None and donor is not None and (
                sent or _SUPPORT_BEFORE.search(text[max(0, start - 80) : start]) or _SUPPORT_AFTER.match(text, end)
                or _to_recipient(text, end, donor)):
            # A state's "support", or money a state sends, provides, gives or delivers to another party, is aid.
            values["purpose"] = "aid"
        conversion = _CONVERSION.match(text, previous[1]) if previous is not None else None
        same_sentence = previous is not None and _sentence_around(spans, start, end)[0] <= previous[0]
        apposed = previous is not None and previous[2]["currency"] != currency and re.fullmatch(
            rf",\s*(?:(?:{HEDGE}|roughly|around|about|approximately)\s+)?", text[previous[1] : start], re.IGNORECASE)
        if previous is not None and ((conversion is not None and conversion.end() == start) or apposed):
            # "3.6 million rubles ($34,000)", "650 million Canadian dollars, or roughly US$470 million": the same
            # money in another currency, given and spent like the first.
            values["purpose"] = values["purpose"] or previous[2]["purpose"]
            values["donor"] = values["donor"] or previous[2]["donor"]
            link = len(results) - 1
        elif previous is not None and same_sentence and (part := _PART_BEFORE.search(text, max(0, start - 60), start)):
            # "£283 million ..., including £12 million for repairs", "with CHF 1.5 billion going to the first four
            # years", "with an immediate disbursement of $1.5 billion": a part of the amount before; "of which €1.1
            # billion was a grant" says what the part is.
            if part.group("which"):
                values["purpose"] = values["purpose"] or previous[2]["purpose"]
            else:
                values["purpose"] = previous[2]["purpose"] or values["purpose"]
            values["donor"] = values["donor"] or previous[2]["donor"]
            link = len(results) - 1
        elif previous is not None and same_sentence and _COMPARED_BEFORE.search(text, max(0, start - 40), start):
            # "up from NOK 35 billion this year", "on top of 400,000 rubles": the same kind of money, another time.
            values["purpose"] = values["purpose"] or previous[2]["purpose"]
            values["donor"] = values["donor"] or previous[2]["donor"]
            link = len(results) - 1
        if values["purpose"] == "bonus" and _PER_MONTH.match(text, end):
            # "lured by payments of up to $2,000 a month": monthly pay, not a signing bonus.
            values["purpose"] = None
        if values["purpose"] == "budget" and donor is not None and _SPEND_BEFORE.search(
                text, max(0, start - 40), start) and (_to_recipient(text, end, donor)
                                                      or _arms_others(text, end, donor)):
            # "Canada will spend C$100 million to buy drones for Ukraine": spent for another state, so aid.
            values["purpose"] = "aid"
        if values["purpose"] in ("budget", "bonus"):
            # A state's own budget has no donor ("the Verkhovna Rada approved ... spending of UAH 2.8 trillion"), nor
            # has a payment to its own recruits ("Kyiv will pay a one-off 50,000 hryvnias to each resident who signs").
            values["donor"] = None
        lender = _default_purposes().get(values["donor"] or "")
        if lender and values["purpose"] in (None, "aid"):
            # The IMF only lends: its "support", "arrangement" or "disbursement" is a loan.
            values["purpose"] = lender
        results.append((start, end, values))
        links.append(link)
    return results, links, spans


def extract_money(article_id: str, text: str) -> list[Fact]:
    """One ``money`` Fact per statement found in ``text`` (source and status are set by claims.py)."""
    return [
        Fact(article_id=article_id, kind="money", start=start, end=end, values=values)
        for start, end, values in find_money(text)
    ]


# ---------------------------------------------------------------------------------------------------------------
# The parse's reading (parse.py) of an amount whose purpose or donor the word windows above leave open: what the
# amount measures ("estimate the damage ... at 37 billion rubles", "the budget deficit ... is projected at UAH 1.84
# trillion", "the seventh tranche ..., totalling €3.05 billion") and who gives it (the subject of the giving verb
# the amount hangs from, however far: "The European Commission paid out the seventh tranche ..., totalling").

_MEASURE_VERBS = frozenset({"total", "amount", "worth", "value", "reach", "be", "stand", "exceed", "come", "top"})
_GIVING_LEMMAS = frozenset({
    "provide", "give", "pay", "release", "disburse", "allocate", "pledge", "approve", "send", "transfer", "grant",
    "lend", "extend", "commit", "donate", "contribute", "announce", "earmark", "cover", "fund", "finance", "deliver",
    "unveil", "offer", "promise", "mobilise", "mobilize", "channel",
})
_SENDING_LEMMAS = frozenset({"provide", "give", "send", "transfer", "disburse", "release", "deliver", "donate"})
_UP = frozenset({"dobj", "pobj", "prep", "acl", "advcl", "amod", "appos", "conj", "attr", "npadvmod", "relcl", "xcomp",
                 "nsubjpass", "quantmod", "nummod", "compound", "oprd", "nmod"})


def _amount_head(doc: Any, start: int, end: int) -> Any | None:
    """The token of the amount ``doc.text[start:end]`` whose head lies outside it."""
    inside = [t for t in doc if start <= t.idx < end]
    for token in inside:
        if not (start <= token.head.idx < end) or token.head is token:
            return token
    return None


def _phrase_words(noun: Any) -> str:
    """The noun with its own modifiers ("budget deficit", "seventh tranche", "damage")."""
    words = [c.text for c in noun.children if c.dep_ in ("compound", "amod") and c.i < noun.i]
    return " ".join([*words, noun.text])


def _measured(head: Any) -> Any | None:
    """The noun an amount is the size of, by the grammar: "estimate the damage ... at X", "the deficit is projected
    at X", "the tranche ..., totalling X", "a package valued at X"."""
    governor = head.head
    if head.dep_ == "pobj" and governor.lower_ == "at":
        above = governor.head
        if above.pos_ in ("NOUN", "PROPN"):
            return above
        if above.pos_ in ("VERB", "AUX"):
            for child in above.children:
                if child.dep_ in ("dobj", "nsubjpass"):
                    return child
            if above.dep_ in ("acl", "amod") and above.head.pos_ in ("NOUN", "PROPN"):
                return above.head  # "a package valued at X"
        return None
    if head.dep_ in ("dobj", "attr", "pobj", "npadvmod") and governor.lemma_.lower() in _MEASURE_VERBS:
        if governor.dep_ in ("acl", "amod") and governor.head.pos_ in ("NOUN", "PROPN"):
            return governor.head  # "a package worth X"
        if governor.dep_ == "advcl":
            for child in governor.head.children:  # "paid out the seventh tranche ..., totalling X"
                if child.dep_ in ("dobj", "nsubjpass"):
                    return child
        for child in governor.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ in ("NOUN", "PROPN"):
                return child
    return None


def _makes_available(verb: Any) -> bool:
    """ "Switzerland will make CHF 5 billion available for Ukraine's reconstruction": making it available gives it."""
    return verb.lemma_.lower() == "make" and any(c.lower_ == "available" for c in verb.children)


def _giver(head: Any) -> tuple[Any | None, Any | None]:
    """(the giving verb the amount hangs from, its subject), climbing through objects, prepositions and clauses."""
    current = head
    for _ in range(6):
        if current.head is current:
            return None, None
        if current.dep_ not in _UP:
            return None, None
        current = current.head
        if current.pos_ in ("VERB", "AUX") and (current.lemma_.lower() in _GIVING_LEMMAS or _makes_available(
                current)) and (current.lemma_.lower() != "pay" or any(c.lower_ == "out" for c in current.children)):
            subjects = [c for c in current.children if c.dep_ == "nsubj"]
            if not subjects and current.dep_ == "conj":  # "Washington will send ... and has approved a $1.2 billion"
                subjects = [c for c in current.head.children if c.dep_ == "nsubj"]
            return current, (subjects[0] if subjects else None)
    return None, None


def _parse_wanted(text: str, spans: list[tuple[int, int]], results: list[tuple[int, int, dict]]
                  ) -> list[tuple[int, int, dict, int, str]]:
    """(start, end, values, sentence offset, sentence) of the amounts whose purpose or donor the words left open."""
    wanted: list[tuple[int, int, dict, int, str]] = []
    for start, end, values in results:
        if values["purpose"] is not None and values["donor"] is not None:
            continue
        index = bisect.bisect_right(spans, (start, float("inf"))) - 1
        if index < 0:
            continue
        left, right = spans[index]
        if right - left > MAX_SENTENCE or end > right:
            continue
        wanted.append((start, end, values, left, text[left:right]))
        if len(wanted) >= MAX_SENTENCES:
            break
    return wanted


def _refine_by_parse(text: str, spans: list[tuple[int, int]], results: list[tuple[int, int, dict]]) -> None:
    """Fill the purpose and donor the windows left open from the parse of the amount's sentence (in place)."""
    wanted = _parse_wanted(text, spans, results)
    if not wanted:
        return
    name_rx, names = _donor_tables()[:2]
    docs = parse([sentence for *_, sentence in wanted])
    for (start, end, values, left, _), doc in zip(wanted, docs, strict=True):
        head = _amount_head(doc, start - left, end - left)
        if head is None:
            continue
        if values["purpose"] is None:
            measured = _measured(head)
            if measured is not None:
                values["purpose"] = _purpose_in(_phrase_words(measured), frozenset())
            elif head.dep_ == "dobj" and head.head.lemma_.lower() == "spend":
                values["purpose"] = "budget"  # "Russia spent an estimated 1.5 billion rubles a day on the war"
        verb, subject = _giver(head)
        if values["donor"] is None and subject is not None and values["purpose"] not in ("budget", "bonus"):
            phrase = doc[subject.left_edge.i : subject.right_edge.i + 1].text
            found = name_rx.search(phrase)
            donor = _canonical(names, found.group(0)) if found and _is_actor(phrase, found.end()) else None
            if donor:
                values["donor"] = donor
                if values["purpose"] is None and verb is not None and (
                        verb.lemma_.lower() in _SENDING_LEMMAS or any(c.lower_ == "out" for c in verb.children)
                        or _makes_available(verb)):
                    values["purpose"] = "aid"  # money a state sends, gives or pays out to another party
        lender = _default_purposes().get(values["donor"] or "")
        if lender and values["purpose"] in (None, "aid"):
            values["purpose"] = lender
