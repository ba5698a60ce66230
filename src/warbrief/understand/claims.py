"""Who states a fact, and how much the text itself trusts it.

A war briefing must say "Russia's Ministry of Defense claimed" rather than state a belligerent's tally as
fact. Attribution is read from the sentence that holds the fact: "X said/claimed/reported ...", "... , X said",
"according to X", "as stated by X", "X, citing Y, said" (Y is the source). Looking further back would attribute
a digest's next item to the previous item's official, and a wrong source is worse than none; the one exception
is a sentence whose speaker is only a pointer back ("It said ...", "The statement said ..."), which takes the
institution the previous sentence of its paragraph names.

Sources are canonical ids (eval/data/README.md, claims_labeled.jsonl, documents the scheme):

* an institution: the names of ``INSTITUTION_PATTERNS`` (``RUSSIAN_MOD``, ``GENERAL_STAFF``,
  ``UKRAINIAN_AIR_FORCE``, "Institute for the Study of War", "Russian military bloggers" ...); a spokesperson
  of one ("Air Force spokesperson Yurii Ihnat", "Kremlin spokesman Dmitry Peskov") speaks for it;
* the head of a region: ``governor:<region>`` (a Ukrainian oblast's governor or military-administration head,
  or a Russian region's governor: "governor:belgorod", "governor:kharkiv", "governor:kyiv-city"),
  ``installed:<region>`` (a Russian-installed head of an occupied region: "installed:crimea") and
  ``mayor:<city>``; read from the title ("Belgorod Governor", "head of the Zaporizhzhia regional military
  administration", "Sumy Oblast Military Administration") or from a table of well-known office holders
  (``_OFFICE_HOLDERS``, which dates: update it when heads change);
* anyone else: the name as the text writes it, without titles and nationality ("Ukrainian President Volodymyr
  Zelenskiy" -> "Volodymyr Zelenskiy", "NATO Secretary General Mark Rutte" -> "Mark Rutte"); a person's side is
  read from a nationality before the title ("Ukrainian naval spokesman ..."), a capital speaking ("Moscow said")
  or the side the entity lexicon gives a named official (data/entities/aliases.yaml, which dates too). Also
  sources: the owner of a figure ("the General Staff's figure of", "Zelenskyy's estimate of"), another
  state's body in lower case ("Romania's defence ministry said"), a numbered unit that speaks ("The 3rd
  Assault Brigade said": Ukraine's).

``status`` follows the FactStatus vocabulary of records.py, in this order of precedence:

* ``unverified``: the sentence, or the next one of its paragraph, says the claim could not be verified
  ("could not be independently verified", "unconfirmed", "ISW has not observed confirmation", "without
  providing evidence", "there was no way to verify", "no one has confirmed", "it was unclear whether X had
  actually happened", "independent observers could not reach the area"); the next sentence counts only when it
  is not about a claim of its own ("While Russian sources claimed X, these claims remain unconfirmed" unverifies
  X, not the sentence before it);
* ``claimed``: the sentence uses a claim verb ("claimed", "claims", "alleged", "accused", "purportedly"), or a
  belligerent's own military or government reports its own side's success (the side whose weapons were downed, whose
  troops or equipment were lost, is the other side): Russia's MoD on drones it downed, the General Staff
  on Russian losses;
* ``confirmed``: the text says the event was confirmed by evidence or geolocated ("geolocated footage",
  "satellite images show", "video verified by the BBC", "Reuters confirmed the location of the video",
  "identified by name", "confirmed ... after inspecting the damage");
* ``reported``: everything else, unless the learned status model (status_model.py), which reads the words of the
  fact's sentence and the next and the speaker found, gives ``reported`` less than its threshold and another status
  enough: the rules list only the wordings their rounds of labelled text used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from warbrief.records import Fact, FactStatus
from warbrief.understand import doubt, status_model
from warbrief.understand.confirmation import says_confirmed
from warbrief.understand.entities import load_lexicon
from warbrief.understand.force_cues import named_by_force
from warbrief.understand.losses import GENERAL_STAFF, sentence_bounds, sentence_starts
from warbrief.understand.sides import other_side

RUSSIAN_MOD = "Russian Ministry of Defense"
UKRAINIAN_AIR_FORCE = "Ukrainian Air Force"
UKRAINIAN_MILITARY_INTELLIGENCE = "Ukrainian military intelligence"
UK_MOD = "UK Ministry of Defence"

# Institutions under one canonical name each, with the side they speak for. Order matters: the first
# pattern that matches a stretch of text names it.
_INSTITUTIONS: tuple[tuple[str, str | None, str], ...] = (
    (
        RUSSIAN_MOD,
        "russia",
        r"(?:Russia['’]s|Moscow['’]s|the\s+Russian|Russian)\s+(?:Ministry\s+of\s+Defen[cs]e|[Dd]efen[cs]e\s+[Mm]inistry"
        r"|MoD|MOD)|(?:Ministry\s+of\s+Defen[cs]e|[Dd]efen[cs]e\s+[Mm]inistry)\s+(?:of\s+(?:the\s+)?Russia(?:n\s+Federation)?"
        r"|in\s+Moscow)",
    ),
    (
        GENERAL_STAFF,
        "ukraine",
        r"(?:Ukraine['’]s\s+|Ukrainian\s+|the\s+)?(?<!Russian\s)General\s+Staff(?!\s+of\s+(?:the\s+)?Russia)"
        r"(?:\s+of\s+(?:the\s+)?(?:Armed\s+Forces\s+of\s+Ukraine|Ukrainian\s+Armed\s+Forces|AFU))?",
    ),
    (
        UKRAINIAN_AIR_FORCE,
        "ukraine",
        r"(?:Ukraine['’]s|the\s+Ukrainian|Ukrainian)\s+[Aa]ir\s+[Ff]orce|(?<![Rr]ussian\s)\b[Tt]he\s+Air\s+Force\b"
        r"|(?<![Rr]ussian\s)(?<!U\.S\.\s)(?<!US\s)\bAir\s+Force(?=\s+(?:[Ss]pokes(?:person|man|woman)|[Cc]ommander))"
        # Its spokesman speaks for it, by name alone too ("Yurii Ihnat said").
        r"|(?:Yuri[iy]?\s+)?\bIhnat\b",
    ),
    (
        UKRAINIAN_MILITARY_INTELLIGENCE,
        "ukraine",
        r"(?:Ukraine['’]s|the\s+Ukrainian|Ukrainian)\s+(?:[Mm]ilitary|[Dd]efen[cs]e)\s+[Ii]ntelligence"
        r"|\b(?:HUR|GUR)\b|Main\s+(?:Military\s+)?Intelligence\s+Directorate",
    ),
    (
        "Security Service of Ukraine",
        "ukraine",
        r"\bSBU\b|Security\s+Service\s+of\s+Ukraine|Ukraine['’]s\s+Security\s+Service"
        # "citing a source in the Security Service": capitalised alone, not the FSB's full name or another state's.
        r"|(?<![Ff]ederal\s)(?<![Ss]tate\s)\bSecurity\s+Service\b(?!\s+of\s+(?!Ukraine))",
    ),
    ("FSB", "russia", r"\bFSB\b|(?:Russia['’]s\s+)?Federal\s+Security\s+Service"),
    (
        UK_MOD,
        None,
        r"(?:the\s+)?(?:UK|U\.K\.|British)\s+(?:Ministry\s+of\s+Defen[cs]e|[Dd]efen[cs]e\s+[Mm]inistry|MoD)"
        r"|British\s+(?:military|[Dd]efen[cs]e)\s+intelligence|UK\s+[Dd]efen[cs]e\s+[Ii]ntelligence"
        # "Britain's Defence Intelligence estimated", "Britain's defence ministry said": the state's name, possessive.
        r"|(?:Britain|the\s+United\s+Kingdom)['’]s\s+(?:Ministry\s+of\s+Defen[cs]e|[Dd]efen[cs]e\s+[Mm]inistry|MoD"
        r"|(?:[Mm]ilitary|[Dd]efen[cs]e)\s+[Ii]ntelligence)",
    ),
    (
        "Russian military",
        "russia",
        r"(?:Russia['’]s|the\s+Russian|Russian)\s+(?:military|army|armed\s+forces|forces|troops|officers?|soldiers?"
        r"|servicem[ae]n|commanders?)(?!\s+(?:bloggers?|sources?|correspondents?|intelligence))"
        # Russia's groupings speak through their spokesmen: "a spokesman for Russia's Zapad group of forces told TASS",
        # "the Vostok grouping said", "Russia's Centre group of forces".
        r"|(?:Russia['’]s\s+|the\s+Russian\s+|Russian\s+)?\b(?:Zapad|Vostok|Tsentr|Yug|Sever|Dnepr)\s+(?:[Gg]roup(?:ing)?"
        r"|[Bb]attle\s*[Gg]roup)(?:\s+of\s+(?:[Ff]orces|[Tt]roops))?"
        r"|(?:Russia['’]s|the\s+Russian|Russian)\s+(?:Cent(?:er|re)|West|East|South|North|Dnieper)\s+[Gg]roup(?:ing)?"
        r"(?:\s+of\s+(?:[Ff]orces|[Tt]roops))?",
    ),
    (
        "Ukrainian military",
        "ukraine",
        r"(?:Ukraine['’]s|the\s+Ukrainian|Ukrainian)\s+(?:military|army|armed\s+forces|forces|troops|battalion|brigade"
        r"|defen[cs]e\s+forces|officers?|soldiers?|servicem[ae]n|commanders?"
        # "a Ukrainian artillery battalion", "Ukrainian drone units".
        r"|(?:drone|artillery|assault|special\s+forces|reconnaissance|air\s+defen[cs]e|mechani[sz]ed|marine)\s+"
        r"(?:units?|battalions?|brigades?|regiments?|companies|company|crews?))(?!\s+intelligence)"
        r"|(?:Khortytsia|Tavria)\s+(?:[Gg]roup(?:\s+of\s+[Ff]orces)?|[Oo]perational[- ][Ss]trategic\s+[Gg]roup)"
        r"|(?:Southern|Northern|Eastern)\s+Defen[cs]e\s+Forces"
        # A numbered unit that speaks is Ukraine's ("The 3rd Assault Brigade said"): Russian units issue no statements.
        r"|(?<!Russian\s)(?<!Russia['’]s\s)\b\d+(?:st|nd|rd|th)\s+(?:Separate\s+)?(?:[A-Z][\w-]*\s+){0,2}"
        r"(?:Brigade|Battalion|Regiment|Corps)\b",
    ),
    (
        "Russian military bloggers",
        "russia",
        r"(?:Russian|[Pp]ro-Kremlin|[Pp]ro-Russian)\s+(?:military\s+|war\s+)?(?:bloggers?|milbloggers?|correspondents?)"
        r"|[Pp]ro-(?:Russian|Kremlin|war)\s+(?:military\s+)?Telegram\s+channels?(?:\s+(?:[A-Z][\w-]*\s+){0,2}[A-Z][\w-]*)?"
        # "Several pro-war Russian channels posted".
        r"|[Pp]ro-(?:war|Kremlin)\s+Russian\s+(?:military\s+)?(?:Telegram\s+)?(?:channels?|bloggers?|milbloggers?)"
        # Russian milbloggers and war correspondents the press quotes by name.
        r"|(?:[Mm]il-?blogger\s+|[Ww]ar\s+correspondent\s+)?(?:Alexander\s+|Aleksandr\s+)?\bKots\b"
        r"|(?:[Mm]il-?blogger\s+)?(?:Yuri\s+|Yuriy\s+)?\bPodolyak[ai]\b|\bDva\s+Mayora\b|\bWarGonzo\b"
        r"|(?:Semyon\s+)?\bPegov\b|(?:Yevgeny\s+)?\bPoddubny\b|(?:Alexander\s+)?\bSladkov\b|\bStarshe\s+Eddy\b"
        r"|\bZ-?(?:channels?|bloggers?)\b|\bMilitary\s+Informant\b|\bFighterbomber\b"
        r"|(?:[Mm]il-?|[Mm]ilitary\s+)blogger\s+(?=[A-Z])(?:[A-Z][\w-]*\s+){0,2}[A-Z][\w-]*|(?:Boris\s+)?\bRozhin\b"
        r"|\bRybar\b|\bTwo\s+Majors\b"
        # A Russian or pro-Kremlin channel named after its description: "The Russian Telegram channel Shot",
        # "the pro-Kremlin channel Two Majors".
        r"|(?:\bRussian|[Pp]ro-(?:Russian|Kremlin|war))\s+(?:Telegram\s+|news\s+)?channel\s+"
        # Not an independent outlet ("the Russian channel Astra reported"): that is the outlet.
        r"(?!(?:Astra|Agentstvo|Verstka|Mediazona|Meduza|iStories|SOTA|Dozhd|TV\s+Rain|Novaya)\b)"
        r"(?:[A-Z][\w-]*\s+)?[A-Z][\w-]*",
    ),
    (
        "Russian sources",
        "russia",
        r"Russian\s+(?:(?:law\s+enforcement|security|military|government|regional|local|occupation|insider|defen[cs]e"
        r"|emergency)\s+){0,3}(?:sources?|officials?|authorities|state\s+media)",
    ),
    (
        "Ukrainian officials",
        "ukraine",
        r"Ukrainian\s+(?:(?:law\s+enforcement|security|military|government|regional|local|defen[cs]e|emergency)\s+){0,3}"
        r"(?:sources?|officials?|authorities|prosecutors)"
        # "the Kherson regional prosecutor's office", "Kharkiv regional prosecutors".
        r"|(?:Kharkiv|Kherson|Kyiv|Zaporizhzhia|Dnipropetrovsk|Donetsk|Sumy|Mykolaiv|Odesa|Chernihiv|Luhansk|Poltava)\s+"
        r"(?:regional\s+|oblast\s+)?prosecutor(?:s\b|['’]s\s+office)",
    ),
    # "Ukrainian Telegram channels circulated reports of a blast": unnamed channels of one side, as a group.
    ("Ukrainian Telegram channels", "ukraine", r"\b(?<!pro-)Ukrainian\s+Telegram\s+channels\b"),
    # The Kremlin's spokesman speaks for it, as any spokesperson does for a body.
    ("Kremlin", "russia", r"(?:the\s+)?\bKremlin\b(?![-‑])|(?:Dmitry\s+|Dmitri\s+)?\bPeskov\b"),
    ("Pentagon", None, r"(?:the\s+)?\bPentagon\b"),
    ("IAEA", None, r"\bIAEA\b|International\s+Atomic\s+Energy\s+Agency"),
    ("Rosgvardia", "russia", r"\bRosgvardiy?a\b|Russia['’]s\s+National\s+Guard|Russian\s+National\s+Guard"),
    ("Institute for the Study of War", None, r"(?:the\s+)?Institute\s+for\s+the\s+Study\s+of\s+War|\bISW\b"),
)

# --- heads of regions and cities: governor:<region>, installed:<region>, mayor:<city> ------------------

# Region id -> (side, how texts write its name).
_REGIONS: dict[str, tuple[str, str]] = {
    "belgorod": ("russia", "Belgorod"), "kursk": ("russia", "Kursk"), "bryansk": ("russia", "Bryansk"),
    "voronezh": ("russia", "Voronezh"), "rostov": ("russia", "Rostov"), "krasnodar": ("russia", "Krasnodar"),
    "oryol": ("russia", "Oryol|Orel"), "tula": ("russia", "Tula"), "lipetsk": ("russia", "Lipetsk"),
    "kaluga": ("russia", "Kaluga"), "smolensk": ("russia", "Smolensk"), "tambov": ("russia", "Tambov"),
    "moscow": ("russia", "Moscow"), "leningrad": ("russia", "Leningrad"), "saratov": ("russia", "Saratov"),
    "ryazan": ("russia", "Ryazan"), "volgograd": ("russia", "Volgograd"), "samara": ("russia", "Samara"),
    "pskov": ("russia", "Pskov"), "astrakhan": ("russia", "Astrakhan"),
    "kharkiv": ("ukraine", "Kharkiv|Kharkov"), "dnipropetrovsk": ("ukraine", "Dnipropetrovsk"),
    "zaporizhzhia": ("ukraine", "Zaporizhzhia|Zaporizhia|Zaporizhzhya|Zaporozhye"), "kherson": ("ukraine", "Kherson"),
    "donetsk": ("ukraine", "Donetsk"), "luhansk": ("ukraine", "Luhansk|Lugansk"), "sumy": ("ukraine", "Sumy"),
    "mykolaiv": ("ukraine", "Mykolaiv|Mykolayiv|Nikolaev"), "odesa": ("ukraine", "Odesa|Odessa"),
    "kyiv": ("ukraine", r"Kyiv(?!\s+[Cc]ity)|Kiev(?!\s+[Cc]ity)"), "kyiv-city": ("ukraine", r"Kyiv\s+[Cc]ity"),
    "chernihiv": ("ukraine", "Chernihiv"), "poltava": ("ukraine", "Poltava"), "lviv": ("ukraine", "Lviv"),
    "volyn": ("ukraine", "Volyn"), "rivne": ("ukraine", "Rivne"), "zhytomyr": ("ukraine", "Zhytomyr"),
    "vinnytsia": ("ukraine", "Vinnytsia"), "khmelnytskyi": ("ukraine", "Khmelnytskyi"),
    "ternopil": ("ukraine", "Ternopil"), "ivano-frankivsk": ("ukraine", "Ivano-Frankivsk"),
    "chernivtsi": ("ukraine", "Chernivtsi"), "zakarpattia": ("ukraine", "Zakarpattia"),
    "cherkasy": ("ukraine", "Cherkasy"), "kirovohrad": ("ukraine", "Kirovohrad"),
}
# Ukrainian regions Russia occupies (in part) and has installed heads for; Crimea and Sevastopol have only those.
_OCCUPIED: dict[str, str] = {
    "crimea": "Crimea", "sevastopol": "Sevastopol", "donetsk": "Donetsk", "luhansk": "Luhansk|Lugansk",
    "zaporizhzhia": "Zaporizhzhia|Zaporizhia|Zaporozhye", "kherson": "Kherson",
}
# City id -> (side, name).
_CITIES: dict[str, tuple[str, str]] = {
    "kyiv": ("ukraine", "Kyiv|Kiev"), "kharkiv": ("ukraine", "Kharkiv"), "lviv": ("ukraine", "Lviv"),
    "odesa": ("ukraine", "Odesa|Odessa"), "dnipro": ("ukraine", r"Dnipro(?!petrovsk)"),
    "zaporizhzhia": ("ukraine", "Zaporizhzhia|Zaporizhia"), "mykolaiv": ("ukraine", "Mykolaiv"),
    "kherson": ("ukraine", "Kherson"), "sumy": ("ukraine", "Sumy"), "chernihiv": ("ukraine", "Chernihiv"),
    "poltava": ("ukraine", "Poltava"), "moscow": ("russia", "Moscow"), "belgorod": ("russia", "Belgorod"),
    # Occupied since 2014: its mayor is Moscow-installed.
    "horlivka": ("russia", "Horlivka|Gorlovka"),
}
# Well-known office holders (names change: keep this table current). Common surnames need the first name.
_OFFICE_HOLDERS: dict[str, str] = {
    "governor:belgorod": r"(?:Vyacheslav\s+)?Gladkov",
    "governor:kursk": r"(?:Alexander\s+|Aleksandr\s+)?Khinshtein|Alexe[iy]\s+Smirnov",
    "governor:bryansk": r"(?:Alexander\s+|Aleksandr\s+|Oleksandr\s+)?(?:Bogomaz|Bohomaz)",
    "governor:voronezh": r"(?:Alexander\s+|Aleksandr\s+)?Gusev",
    "governor:rostov": r"(?:Yuri\s+)?Slyusar|Vasily\s+Golubev",
    "governor:krasnodar": r"(?:Veniamin\s+)?Kondratyev",
    "governor:oryol": r"(?:Andrei\s+|Andrey\s+)?Klychkov",
    "governor:volgograd": r"(?:Andrei\s+|Andrey\s+)?Bocharov",
    "governor:kharkiv": r"(?:Oleh\s+)?(?:Syniehubov|Synyehubov|Sinegubov)",
    "governor:dnipropetrovsk": r"Serh(?:i[iy]|iy)\s+Lysak",
    "governor:zaporizhzhia": r"Ivan\s+Fedorov",
    "governor:kherson": r"(?:Oleksandr\s+)?Prokudin",
    "governor:donetsk": r"(?:Vadym\s+)?Filashkin",
    "governor:mykolaiv": r"Vitali[iy]?\s+Kim",
    "governor:odesa": r"(?:Oleh\s+)?Kiper",
    "governor:kyiv": r"Ruslan\s+Kravchenko|Mykola\s+Kalashnyk",
    "governor:kyiv-city": r"(?:Serhi[iy]\s+)?Popko|Tymur\s+Tkachenko",
    "governor:chernihiv": r"(?:Viacheslav\s+|Vyacheslav\s+)?Chaus",
    "governor:lviv": r"(?:Maksym\s+)?Kozytskyi",
    "governor:sumy": r"(?:Volodymyr\s+)?Artiukh|Oleh\s+Hryhorov",
    "governor:luhansk": r"(?:Artem\s+)?Lysohor",
    "installed:crimea": r"(?:Sergei\s+|Sergey\s+)?(?:Aksyonov|Aksenov)",
    "installed:sevastopol": r"(?:Mikhail\s+)?Razvozhayev",
    "installed:zaporizhzhia": r"(?:Yevgeny\s+|Yevgeniy\s+)?Balitsky",
    "installed:donetsk": r"(?:Denis\s+)?Pushilin",
    "installed:luhansk": r"(?:Leonid\s+)?Pasechnik",
    "installed:kherson": r"(?:Vladimir\s+)?Saldo",
    "mayor:kyiv": r"(?:Vitali[iy]?\s+)?Klitschko",
    "mayor:kharkiv": r"(?:Ihor\s+)?Terekhov",
    "mayor:lviv": r"(?:Andri[iy]\s+)?Sadovyi",
    "mayor:dnipro": r"Borys\s+Filatov",
    "mayor:moscow": r"(?:Sergei\s+|Sergey\s+)?Sobyanin",
    "mayor:horlivka": r"(?:Ivan\s+)?Prikhodko",
}
_REGION_WORD = r"(?:\s+(?:[Rr]egion|[Oo]blast|[Pp]rovince))?"
_ADMINISTRATION = (
    r"(?:[Rr]egional|[Oo]blast|[Rr]egion(?:al)?)\s+(?:[Mm]ilitary\s+|[Ss]tate\s+)?(?:[Aa]dministration|authorities)"
)
_INSTALLED = r"(?:Russian|Moscow|Kremlin)[- ](?:installed|appointed|backed)"


def _governor_pattern(names: str) -> str:
    """"Belgorod Governor", "governor of the Chernihiv region", "head of the Zaporizhzhia regional military
    administration", "Sumy Oblast Military Administration" ("head of Kyiv ..." alone is not enough)."""
    return (
        rf"\b(?:{names}){_REGION_WORD}(?:['’]s)?\s+(?:[Aa]cting\s+|[Rr]egional\s+)*[Gg]overnor\b"
        # "Poltava regional head Volodymyr Kohut", "Sumy Oblast military administration head".
        rf"|\b(?:{names}){_REGION_WORD}(?:['’]s)?\s+(?:[Rr]egional|[Oo]blast)\s+(?:[Mm]ilitary\s+)?(?:[Aa]dministration\s+)?"
        r"[Hh]ead\b"
        rf"|\b[Gg]overnor\s+of\s+(?:the\s+)?(?:{names})\b"
        rf"|\b[Hh]ead\s+of\s+(?:the\s+)?(?:{names}){_REGION_WORD}\s+(?:(?:[Rr]egional|[Oo]blast|[Cc]ity)\s+)?"
        r"(?:[Mm]ilitary\s+|[Ss]tate\s+)?[Aa]dministration"
        rf"|\b(?:{names})(?:['’]s)?\s+(?:{_ADMINISTRATION}|[Cc]ity\s+(?:[Mm]ilitary\s+)?[Aa]dministration)"
    )


def _installed_pattern(names: str) -> str:
    return (
        rf"\b{_INSTALLED}\s+(?:[\w-]+\s+){{0,3}}?(?:of\s+)?(?:the\s+)?(?:occupied\s+|annexed\s+)?(?:parts?\s+of\s+)?"
        rf"(?:{names})\b|\b(?:{names}){_REGION_WORD}(?:['’]s)?\s+{_INSTALLED}"
    )


def _regional_heads() -> tuple[tuple[str, str | None, str, str], ...]:
    """(id, side, pattern, hint) per head of a region or city; ``hint`` (its place or holder names) must occur
    in a text for the pattern to match, which spares running every pattern over every sentence."""
    heads: list[tuple[str, str | None, str, str]] = []
    for region, names in _OCCUPIED.items():
        key = f"installed:{region}"
        parts = [_installed_pattern(names)]
        if region in ("crimea", "sevastopol"):
            parts.append(_governor_pattern(names))
        heads.append((key, "russia", *_with_holder(key, parts, names)))
    for city, (side, names) in _CITIES.items():
        key = f"mayor:{city}"
        parts = [rf"\b(?:{names})(?:['’]s)?\s+[Mm]ayor\b|\b[Mm]ayor\s+of\s+(?:the\s+)?(?:city\s+of\s+)?(?:{names})\b"]
        heads.append((key, side, *_with_holder(key, parts, names)))
    for region, (side, names) in _REGIONS.items():
        key = f"governor:{region}"
        heads.append((key, side, *_with_holder(key, [_governor_pattern(names)], names)))
    return tuple(heads)


def _with_holder(key: str, parts: list[str], names: str) -> tuple[str, str]:
    holder = _OFFICE_HOLDERS.get(key)
    if holder:
        return "|".join([*parts, rf"\b(?:{holder})\b"]), f"{names}|{holder}"
    return "|".join(parts), names


_HEADS = _regional_heads()
_ALL_INSTITUTIONS = _INSTITUTIONS + tuple((name, side, rx) for name, side, rx, _ in _HEADS)
INSTITUTION_PATTERNS: tuple[tuple[str, str | None, re.Pattern[str]], ...] = tuple(
    (name, side, re.compile(rx)) for name, side, rx in _ALL_INSTITUTIONS
)
_INSTITUTION_PATTERNS = INSTITUTION_PATTERNS  # the name write/attribution.py imports
_BASE_COUNT = len(_INSTITUTIONS)
_Entry = tuple[str, str | None, re.Pattern[str]]
# A head's pattern needs one of its place or holder names: the capitalised words of its hint, as tokens.
_TOKEN = re.compile(r"[A-Z][\w-]*")
_HEAD_KEYWORDS = tuple(frozenset(_TOKEN.findall(hint)) for _, _, _, hint in _HEADS)


# A base institution's pattern needs one of these strings (a cheap test before the regular expression).
_BASE_NEEDS: dict[str, tuple[str, ...]] = {
    RUSSIAN_MOD: ("efen", "MoD", "MOD"),
    GENERAL_STAFF: ("Staff",),
    UKRAINIAN_AIR_FORCE: ("Air", "air", "Ihnat"),
    UKRAINIAN_MILITARY_INTELLIGENCE: ("ntelligence", "HUR", "GUR"),
    "Security Service of Ukraine": ("SBU", "Security"),
    "FSB": ("FSB", "Federal"),
    UK_MOD: ("UK", "U.K.", "British", "Britain", "United Kingdom"),
    "Russian military": ("Russia", "Zapad", "Vostok", "Tsentr", "Yug", "Sever", "Dnepr"),
    "Ukrainian military": ("Ukrain", "Khortytsia", "Tavria", "Defen", "Brigade", "Battalion", "Regiment", "Corps"),
    "Russian military bloggers": ("Russian", "Kremlin", "Rybar", "war", "Kots", "Podolyak", "Mayora", "WarGonzo",
                                  "Pegov", "Poddubny", "Sladkov", "Eddy", "Informant", "Fighterbomber", "ilblogger",
                                  "Z-", "Z ", "Majors", "logger", "Rozhin"),
    "Russian sources": ("Russian",),
    "Ukrainian officials": ("Ukrainian", "rosecutor"),
    "Ukrainian Telegram channels": ("Telegram",),
    "Kremlin": ("Kremlin", "Peskov"),
    "Pentagon": ("Pentagon",),
    "IAEA": ("IAEA", "Atomic"),
    "Rosgvardia": ("Rosgvardi", "National"),
    "Institute for the Study of War": ("Institute", "ISW"),
}


def _patterns_for(text: str) -> list[_Entry]:
    """The entries of INSTITUTION_PATTERNS that can match in ``text`` (in priority order)."""
    tokens = set(_TOKEN.findall(text))
    base = [entry for entry in INSTITUTION_PATTERNS[:_BASE_COUNT]
            if any(need in text for need in _BASE_NEEDS[entry[0]])]
    heads = [entry for entry, keywords in zip(INSTITUTION_PATTERNS[_BASE_COUNT:], _HEAD_KEYWORDS, strict=True)
             if not keywords.isdisjoint(tokens)]
    return [*base, *heads]


def institution_patterns() -> tuple[tuple[str, str | None, re.Pattern[str]], ...]:
    """(canonical source, side, pattern) of every source claims.py recognises by name, in priority order.

    ``pattern.search(text)`` finds how a text writes that source ("the General Staff", "Belgorod Governor",
    "Gladkov"), which is what write/attribution.py quotes when it frames a claim.
    """
    return INSTITUTION_PATTERNS


_SPEECH = (
    # "states" the verb, not the noun: "Zakharova said European states had sent Kyiv weapons".
    r"(?:said|says|say|stated|states(?!\s+(?:had|have|has|were|are|will|would|could|should|must|did|do|and|of|in|to)\b)"
    r"|reported|reports|report|claimed|claims|claim|announced|announces"
    r"|revealed|reveals|confirmed|confirms|wrote|writes|told|added|noted|estimated|estimates|alleged|saying"
    r"|reporting|claiming|stating|announcing|revealing|mentioned|posted|assessed|assesses|assess|observed"
    r"|accused|accuses|warned|acknowledged|admitted|insisted|insists|asserted|asserts|indicated|complained|conceded"
    r"|boasted|argued|grumbled|judged|judges|proclaimed|contended|contends|charged(?=\s+that\b)"
    # "Peskov blamed Ukrainian saboteurs for a rail explosion": an accusation.
    r"|blamed|blames"
    # "The SBU shared details of an operation in which its drones hit", "gave an account of".
    r"|(?:shared|gave|released|published|offered|provided)(?=\s+(?:new\s+|more\s+|further\s+)?(?:details|an?\s+account)"
    r"\s+of\b)"
    # "the General Staff listed 1,060 Russian personnel losses".
    r"|listed(?=\s+(?:about\s+|some\s+)?\d)"
    # "Ukraine's Air Force counted 412 attack drones", "Estonia's intelligence service believes", "X found that".
    r"|counted(?=\s+(?:about\s+|some\s+|at\s+least\s+)?\d)|believes|believed|found(?=\s+that\b)"
    # "Apti Alaudinov trumpeted on state television that", "credited its drone units with pushing ... back".
    r"|trumpeted|trumpets|bragged|brags|credited(?=\s+(?:[\w'’-]+\s+){1,4}?with\b)"
    # A verifier's count: "WarSpotting ... has now logged 31 Russian Tor systems", "Mediazona has named 412".
    r"|logged|(?:has|have|had)\s+(?:now\s+)?named(?=\s+(?:[\w'’-]+\s+){0,2}?\d)"
    # "Oryx has recorded the loss of 21 Russian T-90M tanks".
    r"|recorded(?=\s+(?:the\s+)?(?:loss(?:es)?|deaths?|destruction|damage|(?:about\s+|some\s+|at\s+least\s+)?\d))"
    # "Kyiv maintains that its troops still hold", but not "Russia maintains a garrison there".
    r"|maintain(?:s|ed)(?=\s+(?:that\b|(?:its|their|his|her)\s+(?:troops|forces|units|soldiers|men|defenders)\s+"
    r"(?:still\s+)?(?:hold|held|control|controlled|are|were|have|had)\b))"
    r"|lamented|t(?:ook|akes)\s+credit"
    # "the defence ministry hailed the capture of X", "channels circulated reports of a blast".
    r"|hailed|touted|circulated(?=\s+(?:(?:unconfirmed|unverified)\s+)?(?:reports?|claims?|rumou?rs?|footage|videos?))"
    r"|stressed|verified|identified|analy[sz]ed|documented|lists|established|matched|pinpointed|traced|authenticated"
    r"|corroborated|concluded|(?:has|have|had)\s+(?:now\s+|already\s+|also\s+)?seen(?=\s+(?:the\s+)?(?:[a-z-]+\s+)?"
    r"(?:documents?|footage|videos?|images?|imagery|photos?|records?))"
    # "put Ukraine's losses over the past 24 hours at 1,350": a figure stated.
    r"|put(?=\s+(?:[\w'’-]+\s+){0,3}?(?:losses|toll|casualties|number|figure|count)\b)"
    # "BBC Verify has geolocated the video", but not "Additional geolocated footage shows".
    r"|(?:has|have|had)\s+geolocated|geolocated(?=\s+(?:the|a|an|this|that|it|them)\b)"
    # "DeepState later geolocated drone footage showing ...".
    r"|geolocated(?=\s+[\w-]+\s+(?:footage|videos?|clips?|images?|photos?)\b)"
    r"|(?:was|were)\s+able\s+to\s+(?:independently\s+)?(?:confirm|verify))"
)
# A speech verb right after a source, also after its report ("the General Staff's morning report said").
_VERB_AFTER = re.compile(
    r"(?:['’]s\s+(?:[\w-]+\s+){0,2}?(?:report|statement|update|summary|post|briefing|data|figures|assessment"
    r"|service|office|spokes(?:man|woman|person)|channel|bulletin|release|communiqu[eé])s?"
    # "The Rybar channel wrote", "A HUR representative told": the body's channel or spokesperson, no possessive.
    r"|\s+(?:Telegram\s+)?(?:channel|blog)|\s+(?:spokes(?:man|woman|person)|representative|press\s+(?:service|office)"
    # "an SBU source told Ukrainska Pravda", "HUR sources said", "an SBU official confirmed": the body's unnamed
    # people speak for it.
    r"|sources?|officials?))?"
    rf",?\s+(?:has\s+|have\s+|had\s+|also\s+|as\s+(?=say|stat))?(?:{_SPEECH}\b"
    # A body that publishes footage states what it shows: "a Ukrainian drone unit published footage it said ...".
    r"|(?:published|released|posted|shared)\s+(?:a\s+|the\s+)?(?:footage|videos?|photos?|images?)\b)"
)
_CLAIM_VERB = re.compile(r"\b(?:claim(?:ed|s|ing)?|alleg(?:ed|es|ing|edly)|accus(?:ed|es|ing)"
                         # "a missile purportedly sank a patrol boat": a hedge on a claim, as "allegedly".
                         r"|purport(?:ed|edly|s|ing)?|supposedly|ostensibly"
                         # "The Russian army's so-called liberation of X": the writer's hedge on a claimed success
                         # (not on a name: "a so-called shadow-fleet tanker").
                         r"|so-called\s+[\"“‘']?(?:liberation|capture|seizure|victory|destruction|encirclement"
                         r"|breakthrough|rout|defeat|annihilation|clearing|cleansing|downing|sinking|repulsion)"
                         # "took credit for an explosion", "boasted that a Lancet had knocked out".
                         r"|t(?:ook|akes|aking)\s+credit|boast(?:ed|s|ing)?|trumpet(?:ed|s|ing)|brag(?:ged|s|ging)"
                         r"|credit(?:ed|s|ing)\s+(?:[\w'’-]+\s+){1,4}?with"
                         # "Pushilin proclaimed Toretsk under Russian control", "Amnesty charged that".
                         r"|proclaim(?:ed|s|ing)|contend(?:ed|s|ing)|charg(?:ed|es|ing)(?=\s+that\b))\b", re.IGNORECASE)
# The other party's claim a verdict refutes: "footage shows Ukrainian forces in X, contrary to Russian claims that".
# It makes claimed only the facts inside it, not the verdict's own fact before it.
_REFUTED_CLAIM = re.compile(
    r"\b(?:contrary\s+to|despite|refuting|disproving|contradicting|debunking)\s+(?:[\w'’-]+\s+){0,3}?claims?\b",
    re.IGNORECASE,
)
_UNVERIFIED = re.compile(
    r"\b(?:(?:could|can)\s*(?:not|n['’]t)\s+(?:be\s+)?(?:immediately\s+)?(?:independently\s+)?"
    r"(?:verif|confirm|corroborat|determine|establish|check|assess|substantiat|authenticat|test(?:ed)?\b)\w*"
    # "The Kyiv Post said it could not vouch for the footage's authenticity".
    r"|(?:could|can)\s*(?:not|n['’]t)\s+vouch\s+for"
    # "UN monitors said they were working to verify reports that": not verified yet.
    r"|\b(?:working|trying|seeking|attempting|still\s+trying)\s+to\s+(?:independently\s+)?(?:verify|confirm|corroborate)\b"
    r"|(?:unable|(?:was|were|is|are|has\s+been|have\s+been)\s+not\s+able)\s+to\s+(?:independently\s+)?"
    r"(?:verify|confirm|corroborate|authenticate|substantiate"
    # "the outlet was unable to check the claim", not "rescuers were unable to check the upper floors".
    r"|check\s+(?:it|them|(?:the|this|that|its|their|his|her|these|those)\s+(?:[\w-]+\s+)?(?:claims?|reports?|accounts?"
    r"|figures?|statements?|assertions?|numbers?|tally|toll|count|footage|videos?|clips?|images?|photos?)\b))"
    r"|unverified|unconfirmed|uncorroborated"
    # "a tally that is unverifiable", "The strike has yet to be confirmed by any independent source".
    r"|unverifiable|uncheckable|\b(?:has|have|had|is|are|was|were|remains?|remained)\s+yet\s+to\s+be\s+"
    r"(?:independently\s+)?(?:confirmed|verified|corroborated|authenticated|substantiated)"
    r"|\bremains?\s+to\s+be\s+(?:independently\s+)?(?:confirmed|verified|corroborated)"
    r"|unsubstantiated|unauthenticated|not\s+(?:yet\s+)?(?:been\s+)?(?:independently\s+)?(?:verified|confirmed"
    r"|corroborated|authenticated)"
    r"|(?:neither|none)\s+(?:[\w'’-]+\s+){0,3}?(?:could|can)\s+be\s+(?:independently\s+)?(?:verified|confirmed"
    r"|checked|corroborated|substantiated|authenticated)"
    r"|not\s+(?:yet\s+)?(?:observed|seen|found)\s+(?:any\s+)?(?:visual\s+|independent\s+)?(?:evidence|confirmation|footage"
    # "ISW has not seen imagery backing the ministry's assertion".
    r"|(?:imagery|images|videos?|photo(?:graph)?s)(?=\s+(?:backing|supporting|confirming|corroborating|of)\b))"
    r"|no\s+(?:visual\s+|independent\s+)?(?:evidence|confirmation)\s+(?:of|for|to)"
    # "No satellite imagery of the base after the attack had surfaced by Monday evening".
    r"|\bno\s+(?:satellite\s+|visual\s+|independent\s+)?(?:imagery|images|footage|photos?|photographs|videos?|evidence"
    r"|confirmation)\s+(?:[\w'’-]+\s+){0,8}?(?:had|has|have)\s+(?:yet\s+)?(?:surfaced|emerged|appeared|been\s+(?:published"
    r"|released|presented|produced|provided|made\s+public))"
    r"|without\s+(?:(?:providing|offering|giving|citing|presenting|producing|showing|publishing)\s+)?(?:any\s+)?"
    r"(?:evidence|proof)"
    # "published no images of the damage", "releasing no footage", "did not provide evidence".
    r"|(?:offer|provid|giv|gave|present|produc|show|publish|releas|post|shar)(?:ed|ing|e|es|s)?\s+no\s+(?:[\w-]+\s+)?"
    r"(?:evidence|proof|images?|footage|photo(?:graph)?s?|videos?|basis|sources?)"
    # "He cited no source for the estimate."
    r"|\bcit(?:ed|es|ing)\s+no\s+(?:[\w-]+\s+)?(?:sources?|evidence|proof|basis|data)\b"
    # "It did not name him or release its customary video of the arrest".
    r"|(?:did|does|do)\s*(?:not|n['’]t)\s+(?:(?:[\w'’-]+\s+){1,3}?or\s+)?(?:provide|offer|present|give|show|publish"
    r"|release|produce|cite)\s+(?:any\s+|(?:its|their)\s+(?:customary\s+|usual\s+)?)?"
    r"(?:evidence|proof|images?|footage|photo(?:graph)?s?|videos?|wreckage|debris)"
    # "ISW wrote that no footage it had reviewed supported their accounts".
    r"|\bno\s+(?:satellite\s+|visual\s+)?(?:imagery|images|footage|photos?|videos?|evidence)\s+(?:[\w'’-]+\s+){0,5}?"
    r"(?:supported|supports|backed|backs|corroborated|corroborates|matched|bore\s+out|bears\s+out)\b"
    r"|\bno\s+independent\s+(?:confirmation|verification|check|checking|corroboration)"
    # "without giving details or publishing images", "has seen no geolocated evidence to support",
    # "None of the geolocated footage ISW has reviewed supports these claims", "Neither Ukraine nor ... have confirmed".
    r"|without\s+[^.;]{0,40}?\b(?:publishing|releasing|providing|showing|sharing|presenting|offering|giving)\s+(?:any\s+)?"
    r"(?:evidence|proof|images?|footage|photo(?:graph)?s?|videos?)"
    r"|(?:seen|found|observed)\s+no\s+(?:[\w-]+\s+){0,2}?(?:evidence|footage|confirmation|images?)"
    r"|\bnone\s+of\s+the\s+(?:[\w'’-]+\s+){0,6}?(?:supports?|confirms?|corroborates?)\b"
    r"|\bneither\s+[^.;]{0,60}?\bnor\s+[^.;]{0,60}?\b(?:has|have|had)\s+(?:yet\s+)?(?:independently\s+)?"
    r"(?:confirmed|verified|corroborated)"
    r"|not\s+(?:yet\s+)?provided\s+(?:any\s+)?(?:evidence|proof)"
    # "The BBC has not been able to verify the figure", "Independent verification was impossible", "It was not
    # possible to verify either account", "have not been substantiated", "without citing a source for the number".
    r"|(?:has|have|had)\s*(?:not|n['’]t)\s+been\s+able\s+to\s+(?:independently\s+)?(?:verify|confirm|corroborate)"
    r"|(?:verification|confirmation)\s+(?:was|is|has\s+been|remains|remained)\s+(?:impossible|not\s+possible"
    r"|(?:not\s+|un)available|lacking)"
    # "offering nothing to back up the statement", "did not back up the claim".
    r"|\b(?:offer|provid|giv|gave|present|produc|show|publish|cit|post|shar|releas)\w*\s+nothing\s+to\s+(?:back"
    r"|support|substantiate"
    r"|corroborate|prove|confirm)"
    r"|(?:did|does|do)\s*(?:not|n['’]t)\s+(?:back\s+up|substantiate|support)\s+(?:the|its|his|her|their|this|that)\s+"
    r"(?:claim|statement|assertion|account|report|figure)"
    # "It was impossible to verify", "The toll remains impossible to verify".
    r"|(?:not\s+possible|impossible)\s+to\s+(?:independently\s+)?(?:verify|confirm|check|corroborate|judge|tell"
    r"|determine)"
    r"|not\s+(?:yet\s+)?(?:been\s+)?substantiated"
    r"|without\s+citing\s+(?:a|any)\s+source"
    # "there was no way to verify the number", "with no means of checking the figure".
    r"|\bno\s+(?:way|means)\s+(?:to|of)\s+(?:independently\s+)?(?:verify|verifying|confirm|confirming|check|checking"
    r"|corroborate|corroborating|test|testing)\b"
    # "claimed four missiles had been intercepted, offering neither wreckage nor video".
    r"|\b(?:offer|provid|giv|gave|present|produc|show|publish|releas|post|shar)\w*\s+neither\s+(?:[\w-]+\s+){0,2}?"
    r"(?:evidence|proof|wreckage|debris|images?|imagery|footage|photo(?:graph)?s?|videos?|names|details|documents)\s+nor\b"
    # "No one outside the military has seen evidence", "nobody has confirmed the loss": no witness to the claim.
    r"|\b(?:no\s+one|nobody)\s+(?:[\w'’-]+\s+){0,4}?(?:has|have|had)\s+(?:yet\s+|so\s+far\s+)?(?:independently\s+)?"
    r"(?:seen|found|produced|verified|confirmed|corroborated)\b"
    # "Nothing outside the Ukrainian military corroborates the number", "no one else confirms the loss".
    r"|\b(?:nothing|no\s+one|nobody)\s+(?:[\w'’-]+\s+){0,5}?(?:corroborates|confirms|verifies|substantiates|backs\s+up)\b"
    # "independent observers have not been able to reach the area", "journalists were unable to access the site":
    # no one who could check was there.
    r"|\b(?:independent|outside|foreign)\s+(?:observers|journalists|reporters|monitors|media|investigators|experts)\s+"
    r"(?:(?:have|has|had)\s*(?:not|n['’]t)\s+been\s+able|(?:were|are|was|is|have\s+been|has\s+been)\s+unable"
    r"|(?:could|can)\s*(?:not|n['’]t))\s+(?:to\s+)?(?:reach|access|visit|enter|get\s+to)\b"
    r"|\bno\s+(?:independent|outside)\s+(?:access|observers?|journalists?|monitors?)\s+(?:to|in|at|on)\b"
    # "it was unclear whether the village had actually changed hands": a doubt on the claim itself, not another
    # question ("it was not immediately clear whether the driver had survived").
    r"|\b(?:unclear|not\s+(?:immediately\s+)?clear)\s+(?:whether|if)\s+[^.;]{0,80}?\b(?:actually|really|in\s+fact"
    r"|indeed|truly)\b"
    r"|\b(?:unclear|not\s+(?:immediately\s+)?clear)\s+(?:whether|if)\s+(?:the|that|this|these|those|its|their|his|her)\s+"
    r"(?:claims?|reports?|accounts?|figures?|statements?|assertions?|tally|count)\s+(?:was|were|is|are)\s+"
    r"(?:true|accurate|correct|genuine)"
    # "no footage of the wreckage has emerged", "no images have been published".
    r"|\bno\s+(?:[\w-]+\s+){0,2}?(?:footage|evidence|images?|photos?|videos?|confirmation|proof|wreckage|debris)\s+"
    r"(?:[\w'’-]+\s+){0,4}?(?:(?:has|have)\s+(?:yet\s+|so\s+far\s+)?(?:emerged|surfaced|appeared"
    r"|been\s+(?:published|released|shown|provided|presented))"
    # "no video of the crossing emerged", "no wreckage surfaced".
    r"|(?:emerged|surfaced))"
    # "no footage was released", "no evidence was offered".
    r"|\bno\s+(?:[\w-]+\s+){0,2}?(?:footage|evidence|images?|photos?|videos?|proof|wreckage)\s+(?:was|were)\s+"
    r"(?:released|published|shown|provided|presented|offered|produced|posted|shared|made\s+public))"
    # "AFP was not in a position to verify the claim", "a claim no outside observer has been able to test".
    r"|\bnot\s+in\s+a\s+position\s+to\s+(?:independently\s+)?(?:verify|confirm|check|corroborate)"
    r"|\bno\s+(?:outside|independent|other|foreign)\s+(?:observer|journalist|monitor|analyst|source|expert)s?\s+"
    r"(?:(?:has|have|had)\s+been|(?:was|were|is|are))\s+able\s+to\s+(?:verify|confirm|check|test|corroborate)"
    # "Neither side offered proof for its version", "the ministry gave no indication of how it arrived at the number".
    r"|\b(?:offer|provid|giv|gave|present|produc|show|publish|releas|post|shar)(?:ed|ing|e|es|s)?\s+(?:any\s+)?"
    r"(?:proof|evidence)\s+(?:for|of)\s+(?:its|his|her|their|the|this|that|either)\b"
    r"|\bgave\s+no\s+indication\s+of\s+how\b|\bno\s+indication\s+of\s+how\s+(?:it|they|he|she)\s+arrived"
    # "there was no independent way to gauge the figure", "Reuters found no trace of the strike".
    r"|\bno\s+(?:independent\s+)?way\s+to\s+(?:gauge|test|assess|measure|check)\b"
    r"|\bfound\s+no\s+(?:trace|sign|record)\s+of\s+(?:the|this|that|such|any)\b"
    # "satellite pictures from the following day show no sign of a blaze there".
    r"|\b(?:shows?|showed|showing|reveals?|revealed)\s+no\s+(?:sign|trace)s?\s+of\b"
    # "The statement was not accompanied by any imagery", "it has yet to show up in any imagery".
    r"|\bnot\s+accompanied\s+by\s+(?:any\s+)?(?:[\w-]+\s+)?(?:evidence|proof|imagery|images?|footage|photo(?:graph)?s?"
    r"|videos?)\b"
    r"|\byet\s+to\s+(?:show\s+up|appear|surface|emerge)\s+(?:in|on)\s+(?:any\s+)?(?:[\w-]+\s+)?(?:imagery|images?"
    r"|footage|photo(?:graph)?s?|videos?)\b"
    # "His post carried no photograph of the tank or of the strike", "the video ... cuts off before any impact".
    r"|\b(?:post|statement|video|clip|report|message|release|footage)\s+(?:carried|contained|included|showed|had)\s+no\s+"
    r"(?:[\w-]+\s+)?(?:photo(?:graph)?s?|images?|footage|videos?|evidence|proof|pictures?)\b"
    r"|\bcuts?\s+off\s+before\s+(?:any|the)\s+(?:impact|explosion|strike|hit)\b"
    r"|\bnothing\s+(?:beyond|but|except|other\s+than|apart\s+from)\s+[^.;]{0,60}?\bto\s+(?:support|back|corroborate"
    r"|confirm|substantiate)\b"
    # "ISW has so far found nothing in published footage to bear out", "Nothing he posted backs that up", "Nothing seen
    # since lends weight to the figure".
    r"|\b(?:found|seen|turned\s+up|located|identified)\s+nothing\s+[^.;]{0,60}?\bto\s+(?:bear\s+out|support|back\s+up"
    r"|corroborate|confirm|substantiate)\b"
    r"|\bnothing\s+[^.;]{0,40}?\b(?:backs?|backed|bears?|bore)\s+(?:that|this|it|them|the\s+[\w-]+)\s+(?:up|out)\b"
    r"|\bnothing\s+(?:[\w-]+\s+){0,4}?(?:lends?|lent|gives?|gave|adds?|added)\s+(?:any\s+)?(?:weight|credence"
    r"|support)\s+to\b"
    # "The available footage does not make clear who holds the position now".
    r"|\b(?:footage|video|clip|images?|imagery|photos?|evidence)\s+(?:[\w-]+\s+){0,3}?(?:does|did|do)\s*(?:not|n['’]t)\s+"
    r"(?:make\s+(?:it\s+)?clear|show\s+who|prove|establish)\b"
    # "Zelensky said about 1,000 ... had been killed, without saying where the count came from".
    r"|\b(?:without|did\s+not|didn['’]t)\s+(?:saying|say|explaining|explain|specifying|specify|disclosing|disclose)\s+"
    r"(?:where|how)\s+(?:[\w-]+\s+){0,4}?(?:came\s+from|arrived\s+at|knew|know|obtained|calculated|counted)\b",
    re.IGNORECASE,
)
# A claim or statement of its own before a next sentence's verdict: the verdict is about that one.
_OWN_CLAIM = re.compile(
    r"\b(?:claimed|claiming|alleged|alleging|said|says|reported|reporting|stated|announced|wrote|told|accused"
    r"|insisted|insists|maintained|maintains|asserted|asserts|argued|contended|countered|boasted)\b"
    # A claim whose content the sentence states: "Russian claims that the whole village had been taken could not be
    # verified" (not "Its claim could not be verified", which points back).
    r"|\bclaims?\s+that\b"
)
# "The Kyiv Post said it could not vouch for": a speaker's own verdict, not a claim of its own.
# So is one opening with the verdict: "ISW wrote that no footage it had reviewed supported their accounts".
_OWN_VERDICT = re.compile(r"\s+(?:(?:that\s+)?(?:it|they|he|she|we)\s+(?:[a-z]+\s+){0,2}|that\s+)\Z")
# Independent verifiers: monitors, inspectors, media and open-source analysts whose "verified" or "confirmed" is
# their own check of the evidence, unlike a belligerent's "confirmed" (a speech verb).
_VERIFIER = (
    r"(?:(?:U\.?N\.?\s+)?Human\s+Rights\s+Monitoring\s+Mission(?:\s+in\s+Ukraine)?"
    r"|U\.?N\.?|United\s+Nations|OHCHR|HRMMU|IAEA|International\s+Atomic\s+Energy\s+Agency|OSCE|Oryx|Bellingcat"
    r"|BBC(?:\s+News\s+(?:Russian|Ukrainian))?|Reuters|Associated\s+Press|AP|AFP|Agence\s+France-Presse|CNN|New\s+York\s+Times|Washington\s+Post"
    r"|Financial\s+Times|Wall\s+Street\s+Journal|Mediazona|Meduza|The\s+Insider|iStories|Amnesty\s+International"
    r"|Human\s+Rights\s+Watch|ISW|Institute\s+for\s+the\s+Study\s+of\s+War|DeepState|GeoConfirmed"
    r"|Conflict\s+Intelligence\s+Team|Conflict\s+Armament\s+Research|Maxar|Planet\s+Labs|NASA|FIRMS|Guardian"
    r"|Sky\s+News|Kyiv\s+Independent|WarSpotting|Suspilne|Verstka|Novaya\s+Gazeta(?:\s+Europe)?|Radio\s+Liberty"
    r"|RFE/RL|Schemes|Frontelligence(?:\s+Insight)?|Gwara\s+Media|Commission\s+of\s+Inquiry|Airbus"
    r"|Deutsche\s+Welle|DW|Slidstvo\.Info|Centre\s+for\s+Information\s+Resilience|Black\s+Bird\s+Group"
    # Ukrainian outlets, OSINT agencies, think tanks and UN agencies that check for themselves.
    r"|Ukrainska\s+Pravda|Hromadske|Kyiv\s+Post|Molfar|Astra|Agentstvo|Center\s+for\s+Strategic\s+and\s+International\s+Studies|CSIS"
    r"|Royal\s+United\s+Services\s+Institute|RUSI|World\s+Health\s+Organi[sz]ation|UNICEF|UNESCO|UNHCR"
    r"|Le\s+Monde|(?-i:(?:The\s+)?Economist)|Der\s+Spiegel|Bloomberg|OSINT\s+(?:analysts|researchers|investigators)"
    r"|open[- ]source\s+(?:analysts|researchers|investigators))"
)
# A verifier's people who saw for themselves: "Associated Press journalists at the scene saw", "the IAEA team ...
# observed", "IAEA inspectors visiting the plant confirmed".
_VERIFIER_PEOPLE = (
    r"(?:journalists?|reporters?|correspondents?|inspectors|monitors|experts|team|investigators|staff|researchers"
    r"|analysts|photographers?|photojournalists?|producers?|videographers?|camera\s+crew|crew|contributors?"
    r"|cameram[ae]n|camerawom[ae]n|stringers?|freelancers?|fact-?checkers?"
    r"|witness(?:es)?|(?:visual\s+)?investigation|analysis|review)\b"
    # "An AFP journalist travelling with a Ukrainian artillery unit near Huliaipole watched".
    r"(?:,?\s+(?:at|on|in|visiting|from|who\s+visited|who\s+reached|stationed\s+at|based\s+at|drawing\s+on"
    r"|travell?ing\s+with|embedded\s+with|accompanying|who\s+(?:travell?ed|accompanied|was\s+embedded)"
    r"|(?:reached|visited|travelled\s+to|went\s+to|went\s+through|(?:was|were)\s+at)\b[^.;]{0,90}?\band"
    # "A Reuters cameraman standing on Sumska Street filmed", "UN monitors who interviewed 62 released prisoners".
    # "An Economist analysis of NASA fire-detection data found".
    r"|(?<=analysis\s)of|(?<=investigation\s)of|(?<=review\s)of"
    r"|(?:standing|positioned|waiting)\s+(?:at|on|in|near|outside)|who\s+(?:interviewed|spoke\s+(?:to|with)|examined"
    r"|inspected|toured)"
    # "Associated Press journalists who arrived soon afterwards counted".
    r"|who\s+(?:arrived|drove|came|went|got))\b[^.;]{0,80}?,?)?"
)
# What a verifier does to evidence: "Reuters pinpointed the footage", "Photos that Novaya Gazeta Europe authenticated".
_VERIFIER_ACTS = (
    r"(?:verified|confirmed|geo-?located|identified|documented|established|matched|cross-referenced|pinpointed|traced"
    r"|authenticated|corroborated|located|concluded"
    # "BBC News Russian has put names to 2,300 soldiers": identified one by one.
    r"|put\s+names?\s+to|compiled\s+(?:the\s+)?names)"
)
# What a verifier's people do with their own eyes or tools.
_WITNESS_VERBS = (r"(?:saw|watched|observed|witnessed|found|counted|photographed|checked|examined|established|matched"
                  r"|compared|placed|pinned(?!\s+down)"
                  r"|tied(?=\s+(?:the\s+)?(?:video|footage|clip|images?|photos?)\s+to)"
                  r"|heard|filmed|obtained|traced|cross-checked|cross-referenced|(?:has|have|had)\s+seen"
                  # "An AP photographer ... recorded the moment", "fact-checkers dated the footage".
                  r"|recorded|dated(?=\s+(?:the\s+)?(?:video|footage|clip|images?|photos?)))")
# Evidence a verifier examined: "Photographs reviewed by the Guardian show", "Drone footage analysed by Sky News".
_EXAMINED = (
    r"(?:footage|videos?|photo(?:graph)?s?|images?|imagery|pictures?|data|debris|fragments|documents|records|papers)"
    r"\s+(?:[\w-]+\s+){0,2}?"
    r"(?:reviewed|analy[sz]ed|examined|checked|verified|geolocated|inspected|seen|obtained)\s+by"
)
# Evidence that lets a verifier check: "Shadows in the video allowed BBC Verify to place it", "Timestamps on the clips
# let the New York Times work out that".
_LET_VERIFIER_AT = (
    rf"\b(?:allowed|allows|let|lets|enabled|enables|helped|helps)\s+(?:the\s+)?(?P<who>{_VERIFIER}(?:\s+Verify)?)\s+"
    r"(?:to\s+)?(?:place|locate|geolocate|verify|confirm|pinpoint|date|work\s+out|establish|determine|identify"
    r"|reconstruct|time)\b"
)
# Confirmation by evidence, not a belligerent's "confirmed" used as a speech verb ("Zelensky confirmed").
_CONFIRMED = re.compile(
    r"\b(?:geo-?located|(?:independently|visually)\s+(?:confirmed|verified)|confirmed\s+by\s+(?:footage|satellite|images)"
    r"|(?:footage|images?|video|photos?|satellite\s+imagery|data)\s+(?:\w+\s+){0,5}?(?:confirm(?:ed|ing|s)|verif(?:ied|ying|ies))"
    r"|satellite\s+(?:images?|imagery|photos?|pictures?)\s+(?:[\w-]+\s+){0,9}?(?:shows?|showed|showing|indicates?|reveals?)"
    # A verifier's work on evidence: "confirmed the location of the video", "verified the footage",
    # "identified by name", "documented by photos", "confirmed ... after inspecting the damage".
    r"|(?:confirm|verif|establish)\w*\s+the\s+(?:location|authenticity|date|origin)\s+of"
    r"|verified\s+(?:the\s+|this\s+|that\s+)?(?:video|footage|images?|photos?|imagery)"
    r"|identified\s+by\s+name|documented\s+(?:with|by|in|through)\s+(?:photos?|videos?|footage|images?)"
    r"|(?:confirm|verif)\w*\s+(?:[\w-]+\s+){0,8}?(?:after|by|through|from)\s+(?:inspecting|examining|analy[sz]ing"
    r"|reviewing|studying)"
    # A verifier's own check: "the UN monitoring mission said it had verified 164 deaths", "Reuters was able to
    # confirm the location", "casualties verified by the UN", "journalists at the scene saw the bodies".
    rf"|\b{_VERIFIER}\b[^.;]{{0,120}}?\b(?:{_VERIFIER_ACTS}|photographed|(?:has|have|had)\s+seen\s+(?:the\s+)?"
    r"(?:documents?|footage|videos?|images?|photos?|records?)|(?:was|were)\s+able\s+to\s+(?:independently\s+)?"
    r"(?:confirm|verify))"
    # "is visible on satellite photos of the runway", "can be seen in footage".
    r"|\b(?:visible|seen)\s+(?:on|in)\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){0,2}?(?:satellite\s+)?(?:photos?|photographs?"
    r"|images?|imagery|footage|videos?)"
    # "An investigation by the Washington Post found", "Forensic analysis by CAR ... showed", "Geolocation by X places".
    rf"|\b(?:investigation|analysis|geolocation|review|examination)\s+(?:[\w-]+\s+){{0,2}}?by\s+(?:the\s+)?{_VERIFIER}"
    r"\b[^.;]{0,80}?\b(?:found|showed|shows|established|concluded|revealed|places|placed|confirmed)"
    rf"|{_EXAMINED}\s+(?:the\s+)?{_VERIFIER}\b"
    # "photographed by Associated Press reporters", "Images from a Sentinel-2 satellite show", "FIRMS shows".
    rf"|\bphotographed\s+by\s+(?:the\s+)?{_VERIFIER}"
    r"|(?:images?|imagery|photos?|pictures?)\s+(?:from|by|taken\s+by)\s+(?:a\s+|the\s+)?(?:[\w-]+\s+){0,3}?satellites?"
    r"\s+(?:[\w-]+\s+){0,6}?(?:shows?|showed|showing|indicates?|reveals?)"
    r"|fire[- ]detection\s+data|\bFIRMS\b"
    # "NASA fire-detection satellites registered a large blaze at the plant that night".
    r"|\bsatellites?\s+(?:registered|detected|recorded|picked\s+up|spotted|captured)\b"
    # "Shadows in the video allowed BBC Verify to place it", "Sentinel-1 radar images from Thursday show".
    rf"|{_LET_VERIFIER_AT}"
    # "Radar images from Capella Space, taken through cloud on Tuesday, show": a commercial satellite operator.
    r"|(?:images?|imagery|photos?|pictures?)\s+(?:from|by|taken\s+by)\s+(?:Capella(?:\s+Space)?|ICEYE|Umbra|Maxar"
    r"|Planet(?:\s+Labs)?|Airbus)\b[^.;]{0,80}?\b(?:shows?|showed|showing|indicates?|reveals?)\b"
    # "Planet Labs imagery from Saturday shows scorched ground".
    r"|\b(?:Capella(?:\s+Space)?|ICEYE|Umbra|Maxar(?:\s+Technologies)?|Planet(?:\s+Labs)?|Airbus)\s+(?:satellite\s+"
    r"|radar\s+)?(?:images?|imagery|photos?|pictures?)\b[^.;]{0,80}?\b(?:shows?|showed|showing|indicates?|reveals?)\b"
    # "Human Rights Watch, after going through hospital records and interviewing 18 survivors, found", "Having gone
    # through morgue lists and spoken to relatives, the UN ... mission put the death toll at".
    rf"|\b{_VERIFIER}\s*,\s*(?:after|having)\s+[^.;]{{0,120}}?,\s+(?:has\s+|have\s+)?(?:found|concluded|established"
    r"|determined|counted|confirmed|verified|put)\b"
    r"|\b(?:after|having)\s+(?:going|gone|combing|combed|sifting|sifted|interviewing|interviewed|examining|examined"
    rf"|reviewing|reviewed|checking|checked|cross-checking|visiting|visited)\b[^.;]{{0,120}}?,\s+(?:the\s+)?{_VERIFIER}\b"
    r"|\bSentinel-?\d\w*\s+(?:[\w-]+\s+){0,2}?(?:images?|imagery|photos?|pictures?)\s+(?:[\w-]+\s+){0,6}?"
    r"(?:shows?|showed|showing|indicates?|reveals?)"
    rf"|(?:verified|confirmed|documented|geo-?located|corroborated|authenticated)\s+by\s+(?:the\s+)?{_VERIFIER}\b"
    rf"|\b{_VERIFIER}(?:['’]s)?\s+(?:[a-z][a-z-]*\s+)?{_VERIFIER_PEOPLE}\s*(?:(?:has|have|had)\s+)?{_WITNESS_VERBS}"
    rf"|\b(?:journalists|reporters|correspondents|investigators|inspectors|monitors|experts|researchers|analysts|crews?"
    rf"|teams?)\s+(?:from|of|with|for|at)\s+(?:the\s+)?(?:[a-z][\w-]*\s+){{0,3}}(?:[A-Z][\w'’.-]*\s+){{0,3}}{_VERIFIER}\b"
    rf"[^.;]{{0,100}}?\b(?:{_WITNESS_VERBS}|{_VERIFIER_ACTS})\b"
    # "the Oryx blog, which lists only losses backed by photographic or video evidence".
    r"|backed\s+by\s+(?:photographic|photo|video|visual|documentary)\b"
    # "Oryx lists ... with a photograph or video attached to every entry": each item backed by its own evidence.
    r"|(?:photo(?:graph)?|video|image|picture)s?\s+(?:or\s+(?:a\s+)?(?:photo(?:graph)?|video|image|picture)s?\s+)?"
    r"(?:attached\s+to|(?:as\s+)?(?:proof|evidence)\s+(?:of|for))\s+(?:every|each)\b"
    # "GeoConfirmed placed the ambush on the road west of X", "BBC Verify dated the clip".
    rf"|\b{_VERIFIER}(?:\s+Verify|\s+Fact[- ]?[Cc]heck)?\s+(?:has\s+|have\s+|had\s+)?(?:placed|dated)\s+"
    r"(?:the|it|them|this|that)\b)\b",
    re.IGNORECASE,
)
_NAME_WORD = r"[A-Z][\w'’.-]*"
_LET_VERIFIER = re.compile(_LET_VERIFIER_AT)
# Capitalised words, joined by "of (the)", "for (the)", "and" too ("General Staff of the Armed Forces of Ukraine",
# "Center for Strategic and International Studies").
_NAME = (rf"(?:{_NAME_WORD}(?:\s+(?:of|for)(?:\s+the)?|\s+and|\s+(?:von|van|de|der|den|du|da)(?:\s+(?:der|den))?)?\s+)"
         rf"{{0,5}}{_NAME_WORD}")
# A name or title right before a speech verb: "Governor Alexander Gusev reported", "Zelensky said".
_NAMED_SPEAKER = re.compile(
    # "The Atesh partisan movement said", "The Rybar channel ... conceded": the name, not what it is.
    rf"(?P<who>{_NAME})(?P<desc>\s+(?:partisan\s+)?(?:movement|collective|group)|\s+(?:Telegram\s+)?channel"
    # "Suspilne's Kharkiv bureau reported", "the World Health Organization's Europe director said": its people.
    r"|['’]s\s+(?:[\w-]+\s+){0,2}?(?:bureau|correspondent|reporter|desk|director(?:-general)?|chief"
    r"|spokes(?:man|woman|person)|representative))?"
    rf"(?P<apposition>,\s+[^,]{{1,90}},)?(?:,\s+who)?"
    # "Maria Zakharova on Thursday accused", "DeepState later geolocated".
    rf"(?:\s+(?:(?:late|early|earlier)\s+)?on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))?"
    rf"\s+(?:(?:has|have|had|also|visually|independently|now|still|already|later|earlier|again)\s+){{0,2}}"
    rf"{_SPEECH}\b(?!\s+by\s+(?:the\s+)?[A-Z])"  # not "Footage verified by CNN"
)
_ACCORDING_TO = re.compile(
    r"\b[Aa]ccording\s+to\s+(?P<who>(?:the\s+)?(?:[\w'’.-]+\s+){0,11}?[\w'’.-]+?)\.?(?=\s*[,.;)]|$)"
)
# "as stated by the Belarusian Ministry of Defense", "video verified by the BBC", "released by Ukraine's military".
_BY_AGENT = re.compile(
    # The verb or noun may open the sentence: "Geolocation by GeoConfirmed places the footage"; "claims by X".
    r"\b(?i:stated|reported|announced|claimed|claims?|said|published|released|confirmed|verified|posted|poll|survey|study"
    r"|geolocated|reviewed|analy[sz]ed|documented|identified|reports?|statements?|geolocation|photographed"
    r"|corroborated|authenticated|pinpointed|traced|obtained"
    # "Procurement documents seen by the Financial Times show".
    r"|(?<=documents\s)seen|(?<=papers\s)seen|(?<=records\s)seen"
    r"|analysis|investigation|(?:comparison|analysis|review|examination)\s+of\s+[^.;]{0,60}?)\s+by\s+(?:the\s+)?"
    # "geolocated by the Finnish analysts of Black Bird Group": the people's body is the agent.
    r"(?:(?:[\w-]+\s+)?(?:analysts|researchers|investigators|journalists|reporters|experts|team|staff)\s+(?:of|from|at)"
    r"\s+(?:the\s+)?)?"
    rf"(?P<who>{_NAME_WORD}['’]s\s+[a-z]+|{_NAME}"
    # "claimed by the pro-Kremlin channel Two Majors": a description before the name, read only as an institution.
    r"|[Pp]ro-[A-Z][\w-]*\s+(?:[a-z]+\s+){0,2}[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)"
)
# "Ukraine's navy said", "Russia's foreign ministry said": a body written in lower case after its state.
_POSSESSIVE_BODY = re.compile(
    rf"\b(?P<who>(?:Ukraine|Russia|Moscow|Kyiv)['’]s\s+(?:[a-z][\w-]*\s+){{0,2}}[a-z][\w-]*)\s+(?:has\s+|have\s+|also\s+)?"
    rf"{_SPEECH}\b"
)
# "Romania's defence ministry said": another state's body in lower case, when its last word is a body's.
_FOREIGN_BODY = re.compile(
    rf"\b(?!(?:Ukraine|Russia|Moscow|Kyiv)['’]s)(?P<who>[A-Z][a-z]+['’]s\s+(?:[a-z][\w-]*\s+){{0,2}}(?:ministry|navy|army|military|police|government|command"
    rf"|forces|guard|agency|service|intelligence|parliament))\s+(?:has\s+|have\s+|also\s+)?{_SPEECH}\b"
)
_PRESS_SERVICE = re.compile(r"(?P<owner>[A-Z][a-z]+)['’]s\s+(?:press\s+service|press\s+office)")
# "the Ukrainian General Staff's figure of", "President Zelenskyy’s estimate of": the owner states the fact.
# "The General Staff's figures for Tuesday add another 1,140", "In Moscow's telling, Russian troops now hold".
_OWN_FIGURE = re.compile(
    rf"(?P<who>{_NAME})['’]s\s+(?:[a-z]+\s+)?(?:figures?|estimates?|tally|count|claims?"
    r"|statements?|assertions?|accusations?|allegations?|announcements?)"
    r"\s+(?:of|that|(?:(?:for|from)\s+[\w-]+\s+)?(?:adds?|shows?|puts?|lists?|gives?|counts?|records?|includes?))\b"
    rf"|\b[Ii]n\s+(?P<teller>{_NAME})['’]s\s+(?:telling|version|account|words|reading|view),"
)
# "X, citing Y, said", "X reported, quoting Y": Y is the source.
_CITING = re.compile(r"\b(?:citing|quoting)\s+(?:(?:an?\s+)?(?:unnamed\s+|senior\s+)?sources?\s+"
                     r"(?:in|at|within|close\s+to)\s+)?"
                     r"(?P<who>(?:the\s+)?(?:[\w'’.-]+\s+){0,6}?[\w'’.-]+?)\.?(?=\s*[,.;)]|$)")
_GENERIC_MOD = re.compile(r"^(?:the\s+)?(?:[Dd]efen[cs]e\s+[Mm]inistry|[Mm]inistry\s+of\s+[Dd]efen[cs]e|MoD)$")
_COUNTRY_WORD = re.compile(r"\b(?:Russia|Russian|Moscow|TASS|RIA|Ukraine|Ukrainian|Kyiv|Ukrinform)\b")
# A person's office in lower case, as a pointer back to the person named before ("The commander-in-chief said").
_PERSON_TITLE = (r"commander-in-chief|commander|president|prime\s+minister|(?:foreign\s+|defen[cs]e\s+)?minister"
                 r"|governor|mayor|general|spokes(?:man|woman|person)|chief|official|ombudsman")
# A sentence whose speaker only points back: "It said ...", "The ministry said ...".
_ANAPHORIC_SPEAKER = re.compile(
    # "..., he wrote on Telegram", "the think tank wrote", "The brigade said", "Its tally also included".
    r"(?:^|[,;]\s+|\b(?:and|but)\s+)(?:It|it|They|they|(?P<pronoun>He|he|She|she)|[Tt]he\s+(?:ministry|statement|report"
    r"|agency|update"
    r"|summary|military|post|briefing|department|staff|command|think\s+tank|brigade|committee|group|service|mission"
    rf"|(?P<title>{_PERSON_TITLE}))|Its\s+(?:tally|figures|count|report|update|summary|statement))\s+(?:also\s+)?"
    rf"(?:{_SPEECH}|included|includes|showed|shows)\b"
)
# A person named after a title ("Navy spokesman Dmytro Pletenchuk", "Governor Oleh Syniehubov"): whom "he said" means.
_TITLED_PERSON = re.compile(
    r"\b(?:[Ss]pokes(?:man|woman|person)|[Gg]overnor|[Mm]ayor|[Mm]inister|[Cc]ommander|[Pp]resident|[Aa]dvis[eo]r"
    r"|[Oo]mbudsman|[Pp]rosecutor(?:-[Gg]eneral)?)\s+(?P<who>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2})"
)
# An "according to" that points at evidence or back at a text rather than naming a source.
_NOT_A_SOURCE = re.compile(
    r"^(?:(?:their|its|his|her|this|that|these|those|the|a|an)\s+)?(?:(?:latest|recent|new|daily|preliminary|official"
    r"|initial|geolocated|satellite|available|local)\s+)*(?:footage|video|images?|imagery|photos?|data|reports?|statements?"
    r"|figures|estimates?|information|assessments?|sources?|analysis|records?|documents?|accounts?|polls?|surveys?"
    r"|stud(?:y|ies)|investigations?)\b"
    r"|^(?:their|its|his|her|they|them|him|it)\b",
    re.IGNORECASE,
)
# Between a named institution and the person who speaks for it: "Air Force spokesperson", "regional governor".
_ROLE_GAP = re.compile(
    r"(?:['’]s)?,?\s*(?:(?:a|an|the|of|for|regional|oblast|city|military|administration|acting|deputy|head|chief"
    r"|spokes(?:person|man|woman)|press|secretary|governor|mayor|commander|official|representative|group|forces)"
    r",?\s+)*"
)
_NOT_A_SPEAKER = frozenset(
    "The This That It He She They We A An In On At But And Meanwhile However While Although Though After As When"
    " Since If Still Also Yet So Then Later Earlier Separately Additionally Monday Tuesday Wednesday Thursday"
    " Friday Saturday Sunday January February March April May June July August September October November"
    " December"
    # Unnamed groups that open a sentence ("Analysts established ...") name no one in particular.
    " Analysts Officials Experts Researchers Journalists Reporters Residents Witnesses Sources Observers"
    # Evidence and hedges that open a sentence ("Videos posted on social media appeared to show").
    " Videos Video Footage Images Photos Photographs Pictures Clips Clip Unconfirmed Unverified Several".split()
)
# A body's name ends in one of these: its words are kept whole ("Ukraine’s Foreign Ministry").
_BODY_WORDS = frozenset(
    "Ministry Service Office Forces Force Command Staff Agency Committee Council Department Administration"
    " Directorate Headquarters Guard Police Navy Army Institute Bureau Commission Court Parliament Government"
    " Intelligence Operations".split()
)
# A nationality alone before a speech verb ("Russian claims that ..."): that side's generic sources.
_NATIONALITY_SOURCES = {"Russian": ("Russian sources", "russia"), "Ukrainian": ("Ukrainian officials", "ukraine")}
# Titles and descriptions before a person's name, dropped from the source ("Ukrainian President Volodymyr
# Zelenskiy" -> "Volodymyr Zelenskiy").
_TITLES = frozenset(
    "President Prime Minister Secretary General Governor Mayor Director Colonel Col. Captain Capt. Major Maj."
    " Lieutenant Lt. Gen. Commander Spokesperson Spokesman Spokeswoman Chief Head Deputy Acting Senator Sen."
    " Chairman Chairwoman Chancellor Advisor Adviser Ambassador Admiral Sergeant Sgt. Speaker Envoy Commissioner"
    " Representative Rep. Dr. Mr. Mrs. Ms. Foreign Defense Defence Interior Press Department Forces Officer"
    " Marshal Brigadier Premier Vice Commander-in-chief Commander-in-Chief".split()
)

_REACH = 600
_LEADER = re.compile(r"\b(?:chief|head|director|commander|minister|secretary|General|Director|Chief|Head|Commander)\b")


@dataclass(frozen=True, slots=True)
class Attribution:
    source: str | None
    side: str | None
    status: FactStatus


def _institution(text: str) -> tuple[str, str | None] | None:
    for name, side, pattern in _patterns_for(text):
        if pattern.search(text):
            return name, side
    return None


# A speaker that opens with its own owner ("Russia's Investigative Committee") is no role of a body before it ("shot
# dead by Ukrainian soldiers, Russia's Investigative Committee said").
_OWNER_FIRST = re.compile(r"[A-Z][\w.-]*['’]s\s")


def _institution_at(text: str, start: int, end: int,
                    patterns: list[_Entry] | None = None) -> tuple[str, str | None] | None:
    """The institution named inside ``text[start:end]`` or right before it, joined by role words only
    ("Air Force spokesperson Yurii Ihnat", "Kharkiv regional governor Oleh Syniehubov")."""
    for name, side, pattern in patterns if patterns is not None else _patterns_for(text):
        for match in pattern.finditer(text, max(0, start - 60), end):
            if match.end() > start:
                if name in _BASE_NEEDS and _LEADER.match(text, match.end() + 1, end) and match.end() < end:
                    return None  # "IAEA Director General Rafael Grossi": the leader, named after the title
                return name, side
            if _ROLE_GAP.fullmatch(text, match.end(), start) and not _OWNER_FIRST.match(text, start, end):
                # A body's leader speaks in his own name ("Russian army chief Valery Gerasimov", "IAEA Director
                # General Rafael Grossi"); a spokesperson speaks for the body. A region's head is an office.
                if name in _BASE_NEEDS and _LEADER.search(text, match.end(), start):
                    return None
                return name, side
    return None


_NATIONALITY_WORD = re.compile(r"(?P<side>Russia|Ukrain)(?:e|ian|n)?s?(?:['’]s)?(?!\w)")


def _side_of(word: str) -> str | None:
    """The side a speaker's first word names ("Russian Governor ...", "Ukraine's navy", "Russian-installed ...");
    only a nationality or a state does, not a name built on one ("Ukrainska Pravda", an independent outlet)."""
    nationality = _NATIONALITY_WORD.match(word)
    if nationality is None:
        return None
    return "russia" if nationality.group("side") == "Russia" else "ukraine"


# The side of a capital as a speaker ("Moscow said", "Kyiv claims").
_CAPITALS = {"Moscow": "russia", "Kremlin": "russia", "Kyiv": "ukraine", "Kiev": "ukraine"}
# National leaders and officials whose side a text does not repeat (names change: keep this table current).
@lru_cache(maxsize=1)
def _person_sides() -> re.Pattern[str]:
    """The aliases of the people, state bodies and companies whose side the entity lexicon (data/entities/aliases.yaml,
    institutions.yaml) gives as Ukraine or Russia, one named group per side: the lexicon is the one table of who is
    whose official ("Ukrenergo said" speaks for Ukraine as its grid operator, as "Peskov said" for Russia)."""
    by_side: dict[str, list[str]] = {"russia": [], "ukraine": []}
    lexicon = load_lexicon()
    for entity_id, entry in lexicon.entries.items():
        if entry.label in ("PERSON", "INSTITUTION", "ORG") and entry.side in by_side:
            by_side[entry.side] += [alias for alias, _ in lexicon.aliases[entity_id]]
    # The commanders, officials and bodies force_cues.yaml names for one army ("Apti Alaudinov", "Andriy Biletskyi",
    # "the Coordination Headquarters").
    for group in ("people", "institutions"):
        for side, names in named_by_force(group).items():
            if side in by_side:
                by_side[side] += names
    groups = [
        rf"\b(?P<{side}>{'|'.join(re.escape(a) for a in sorted(set(names), key=len, reverse=True))})\b"
        for side, names in by_side.items() if names
    ]
    return re.compile("|".join(groups) or r"(?!)")


# A nationality before a person's lower-case title ("Ukrainian naval spokesman Dmytro Pletenchuk").
_NATIONALITY_BEFORE = re.compile(
    r"\b(?P<side>Ukrain|Russia)(?:n|ian|e?['’]s)\s+(?:[a-z][\w-]*\s+){0,2}(?:spokes(?:person|man|woman)|officials?"
    r"|commanders?|officers?|ministers?|advis[eo]rs?|chief|head|representatives?|envoys?|ombudsman|soldiers?"
    r"|servicem[ae]n|negotiators?|diplomats?|prosecutors?|lawmakers?)\s+$"
)


# A side the speaker's description takes ("The pro-Ukrainian Telegram channel Crimean Wind").
_PRO_SIDE_BEFORE = re.compile(r"\b[Pp]ro-(?P<side>Ukrain|Russia|Kremlin|Moscow|Kyiv)\w*\s+(?:[a-zA-Z][\w-]*\s+){0,3}$")


def _person_side(name: str, before: str) -> str | None:
    """The side of a named person: a well-known official's, else a nationality right before the title."""
    known = _person_sides().search(name)
    if known:
        return known.lastgroup
    if " " not in name and name in _CAPITALS:
        return _CAPITALS[name]
    nationality = _NATIONALITY_BEFORE.search(before) or _PRO_SIDE_BEFORE.search(before)
    if nationality:
        return "ukraine" if nationality.group("side") in ("Ukrain", "Kyiv") else "russia"
    return None


def _person(words: list[str]) -> tuple[str, str | None] | None:
    """A named speaker without leading connectives, titles and nationality, and the side its first word names."""
    while words and words[0] in _NOT_A_SPEAKER:
        words = words[1:]
    # "Residents of Novorossiysk reported": what is left after an unnamed group ("of Novorossiysk") is no name.
    if not words or (words[0][:1].islower() and not _I_NAME.match(words[0])):
        return None
    if len(words) == 1 and words[0] in _NATIONALITY_SOURCES:
        return _NATIONALITY_SOURCES[words[0]]
    side = _side_of(words[0])
    titled = [i for i, word in enumerate(words) if word in _TITLES]
    if titled and titled[-1] + 1 < len(words) and words[-1] not in _BODY_WORDS:
        words = words[titled[-1] + 1 :]
    return " ".join(words), side


_ONE_VERIFIER = re.compile(_VERIFIER)
_JOINT_VERIFIERS = re.compile(rf"(?:the\s+)?(?P<first>{_VERIFIER})\s+and\s+(?:the\s+)?{_VERIFIER}")


def _verifier_owner(who: str) -> str:
    """"Amnesty International's Crisis Evidence Lab" -> "Amnesty International": a verifier's unit speaks for it.
    "the UN's Human Rights Monitoring Mission" is the mission; "Mediazona and BBC News Russian" the first named."""
    joined = re.sub(r"^the\s+", "", re.sub(r"['’]s\s+", " ", who))
    if _ONE_VERIFIER.fullmatch(joined):
        return joined
    if first := _JOINT_VERIFIERS.fullmatch(who):
        return first.group("first")
    owner = re.match(r"(?:the\s+)?(?P<owner>.+?)['’]s\s+[A-Z]", who)
    if owner and _ONE_VERIFIER.fullmatch(owner.group("owner")):
        return owner.group("owner")
    return who


_I_NAME = re.compile(r"i[A-Z]")
_MEDIUM = re.compile(r"\s+(?:Telegram(?:\s+channel)?|blog|website|news\s+site|channel)$")


# Outlets the labels write in full: "An AP analysis of satellite photos shows" is the Associated Press's.
_SHORT_NAMES = {"AP": "Associated Press", "NYT": "New York Times", "WSJ": "Wall Street Journal"}


def _named(who: str) -> tuple[str, str | None] | None:
    """An "according to" / "by" phrase as a source: an institution it names, else the name itself."""
    known = _institution(who)
    if known:
        return known
    if _NOT_A_SOURCE.match(who):
        return None
    if who.endswith(".") and not re.search(r"(?:^|[\s.])[A-Z]\.$", who):  # "Defense." but not "U.S."
        who = who[:-1]
    # "the Oryx blog", "the Astra Telegram channel": the outlet, not its medium; "Radio Liberty's Schemes project": the
    # outlet, not its programme.
    who = _MEDIUM.sub("", _verifier_owner(who))
    who = _SHORT_NAMES.get(who, who)
    words = who.split()
    if words and words[0] == "the":
        words = words[1:]
    # A lower-case phrase ("local residents", "the defence ministry") names no one in particular.
    # "iStories": a name may open with a lower-case "i".
    return _person(words) if words and (words[0][:1].isupper() or _I_NAME.match(words[0])) else None


# An unnamed body's office a speaker passes on ("citing the plant's Russian-installed management", "citing the regional
# emergency services"): the statement is the body's, not the speaker's, so it has no named source.
_UNNAMED_BODY = re.compile(r"\b(?:management|administration|authorities|operator|services|ministry|department"
                           r"|headquarters|command|utility|company)$")


def _cited(sentence: str) -> list[tuple[int, str | None, str | None, str]]:
    """Sources that a speaker cites ("state media reported, citing the defence ministry"), with the words citing them;
    an unnamed group in lower case ("citing the regional emergency services") as a source of None."""
    found: list[tuple[int, str | None, str | None, str]] = []
    for match in _CITING.finditer(sentence):
        who = match.group("who")
        if _GENERIC_MOD.match(who):
            # The ministry of the side the sentence last named before it ("Russian state media ... citing").
            countries = _COUNTRY_WORD.findall(sentence, 0, match.start())
            if countries and countries[-1] in ("Russia", "Russian", "Moscow", "TASS", "RIA"):
                found.append((match.start(), RUSSIAN_MOD, "russia", who))
            continue
        named = _named(who)
        if named:
            found.append((match.start(), *named, who))
        elif who[:1].islower() and not sentence[max(0, match.start() - 8) : match.start()].endswith("without "):
            found.append((match.start(), None, None, who))
    return found


# "Journalists from the public broadcaster Suspilne who reached Kupiansk saw", "War-crimes investigators from the UN
# Commission of Inquiry on Ukraine, who examined the bodies, established": the verifier's people, named first.
_VERIFIER_NAME = (r"(?:[A-Z][\w'’.-]*(?:\s+(?:of|on|for|and)(?:\s+the)?)?\s+){0,6}(?:[A-Z]|i(?=[A-Z]))[\w'’.-]*")
_PEOPLE_OF_VERIFIER = re.compile(
    r"\b(?:[Jj]ournalists|[Rr]eporters|[Cc]orrespondents|[Ii]nvestigators|[Ii]nspectors|[Mm]onitors|[Ee]xperts"
    r"|[Rr]esearchers|[Aa]nalysts|[Cc]rews?|[Tt]eams?)\s+(?:from|of|with|for|at)\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,3}"
    rf"(?P<who>{_VERIFIER_NAME})\b[^.;]{{0,100}}?\b(?:{_WITNESS_VERBS}|{_VERIFIER_ACTS})\b"
)
_VERIFIER_WITNESS = re.compile(
    rf"(?P<who>{_VERIFIER})(?:['’]s)?\s+(?:[a-z][a-z-]*\s+){{0,2}}{_VERIFIER_PEOPLE}\s*(?:(?:has|have|had)\s+)?(?:{_SPEECH}"
    rf"|{_WITNESS_VERBS}|{_VERIFIER_ACTS})\b"
)


_NEWS_AGENCY = re.compile(r"TASS|RIA(?:\s+Novosti)?|Interfax(?:-Ukraine)?|Ukrinform|UNIAN|Reuters|Associated\s+Press|AP"
                          r"|AFP|Suspilne|RBC-Ukraine|Izvestia|Kommersant")


# "GeoConfirmed placed the ambush", "Footage that ISW geolocated on Tuesday": a verifier's own act names it.
_VERIFIER_DOES = re.compile(
    # "The BBC's Ukrainian service compared the photographs", "The New York Times examined fragments".
    # "Radio Liberty's Schemes project compared satellite images": the outlet's investigative project.
    rf"\b(?P<who>{_VERIFIER}(?:\s+Verify)?)(?:\s+Fact[- ]?[Cc]heck)?"
    r"(?:['’]s\s+(?:[A-Z]?[a-z]+\s+)?(?:service|desk|unit|team|lab|project"
    r"|programme|program))?\s+"
    r"(?:on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s+)?"
    rf"(?:has\s+|have\s+|had\s+|also\s+)?(?:{_VERIFIER_ACTS}|placed|pinned(?!\s+down)|dated|examined|inspected|analy[sz]ed|compared"
    # "DeepState on Saturday redrew its map to place Petrivka under Russian control".
    r"|counted|reviewed|cross-checked|checked|(?:redrew|updated|amended)\s+its\s+maps?"
    # "In its Tuesday map update, DeepState shaded another stretch of farmland ... as Russian-held".
    r"|shaded|coloured|colored|greyed\s+out"
    # "WarSpotting listed a Buk-M3 launcher destroyed" (not "shows": "FIRMS data shows" is evidence, no speaker).
    r"|listed)\b"
)
# Evidence a verifier's people made: "Video filmed by an Associated Press crew at the site shows", "Photographs taken
# the next morning by a Novaya Gazeta Europe contributor", "were seen lying on the road ... by a Sky News team".
_MADE_BY_VERIFIER = re.compile(
    r"\b(?:taken|filmed|shot|recorded|captured|seen|photographed|counted|witnessed|observed|heard|found)\s+"
    rf"(?:[\w'’-]+\s+){{0,8}}?by\s+(?:an?\s+|the\s+)?(?P<who>{_VERIFIER})(?:['’]s)?\s+(?:[a-z][a-z-]*\s+)?"
    rf"{_VERIFIER_PEOPLE}"
)
# A verifier's own work as the subject: "ISW's geolocation of a drone video puts Russian infantry inside", "Oryx's list,
# which adds a loss only once documented, now counts".
_VERIFIERS_WORK = re.compile(
    # "A Washington Post analysis of satellite imagery shows that": the outlet's name as an adjective, for its own
    # analysis (not "The WarSpotting list, which includes only losses backed by photo evidence, counts": the evidence).
    rf"\b(?P<who>{_VERIFIER})(?:['’]s\s+(?:own\s+|latest\s+)?(?:geolocation|analysis|investigation|review|list|database"
    r"|tally|count|tracker|examination)|\s+(?:analysis|investigation|examination"
    # "Associated Press video shows 120 freed soldiers": the outlet's own footage.
    r"|video|footage|photographs|photos|pictures))\b[^.;]{0,120}?\b(?:puts|put|places"
    r"|placed|shows|showed|counts|counted|lists"
    r"|listed|records|recorded|found|finds|confirms|confirmed|establishes|established|includes|stands)\b"
)
# A place phrase between a speaker and its verb: "... in Ukraine said", "... near Pokrovsk told".
_PLACE_PREP = re.compile(r"\s(?:in|near|outside|around)\s+(?:the\s+)?\Z")
_NAME_AT_END = re.compile(rf"(?P<who>{_NAME})\Z")


def _located_body(sentence: str, end: int, patterns: list[_Entry]) -> tuple[str, str | None] | None:
    """The institution or capitalised body that ends at ``end``, right before a place phrase."""
    known = _institution_at(sentence, end, end, patterns)
    if known:
        return known
    name = _NAME_AT_END.search(sentence, max(0, end - 120), end)
    if name is None or _NOT_A_SOURCE.match(name.group("who")):
        return None
    return _person(name.group("who").split())


# "..., the regional governor said", "regional governor Andrei Bocharov said": a head whose title names no region.
_UNNAMED_REGION_HEAD = re.compile(
    rf"\b(?:[Tt]he\s+)?(?:[Rr]egional|[Oo]blast)\s+(?:[Aa]cting\s+)?[Gg]overnor(?:\s+(?P<name>{_NAME}))?"
)
_REGION_NAMES = tuple((region, side, re.compile(rf"\b(?:{names})\b")) for region, (side, names) in _REGIONS.items())


def _region_of(sentence: str) -> tuple[str, str | None] | None:
    """The governor of the one region a sentence names ("In the Bryansk region, ..., the regional governor said"),
    none when it names several (whose governor would be a guess)."""
    found = {(f"governor:{region}", side) for region, side, names in _REGION_NAMES if names.search(sentence)}
    return found.pop() if len(found) == 1 else None


# A speaker after an inverted verb, as quotes are closed: "“...,” said Serhiy Lysak, head of the Dnipropetrovsk regional
# military administration." The name ends its clause, so "..., said Russian forces had" names no one.
_SAID_BEFORE = re.compile(
    rf"[,”\"’]\s*(?:said|says|added|wrote|told\s+(?:[A-Z][\w-]*\s+){{1,3}}?)\s*(?:on\s+[A-Z][a-z]+\s+)?"
    rf"(?P<who>{_NAME})(?P<apposition>,\s+[^,.;]{{1,90}})?(?=\s*[,.;)]|\s*$)"
)
# The sentence's subject, whose statement a participle after the comma gives.
_SUBJECT_THEN_SAYING = re.compile(
    rf"\s*(?:The\s+)?(?P<who>{_NAME})\s+(?!(?:said|says|say)\b)[a-z][^.;:,]{{0,120}}?,\s+(?:saying|adding|claiming|alleging"
    r"|stating)\b"
)
# Unnamed people inside a body the sentence has already named: "a source in the security service told", "two sources in
# the agency said".
_INSIDER_OF_NAMED = re.compile(
    r"\b(?:an?|one|two|three|several)\s+(?:senior\s+)?(?:sources?|officials?)\s+(?:in|within|at|inside)\s+the\s+"
    r"(?:security\s+service|agency|service|ministry|intelligence\s+(?:agency|directorate|service)|directorate)"
    r",?\s+(?:told|said|says)\b"
)
# "according to the annual report of Estonia's Foreign Intelligence Service": the report's owner is the source.
_REPORT_OF = re.compile(
    r"(?:the\s+|a\s+)?(?:[a-z][\w-]*\s+){0,2}(?:report|assessment|data|figures|estimates?|statement|update|analysis"
    # "a statement on Wednesday from the UN Human Rights Monitoring Mission": when it was issued may come between.
    r"|bulletin|summary|tally)(?:\s+(?:on|late\s+on|early\s+on)\s+[A-Z][a-z]+day)?\s+(?:of|from|by)\s+"
    r"(?P<owner>(?:the\s+)?[A-Z].*)"
)
# "According to Viktor Trehubov, spokesman for the Khortytsia group, ...": the spokesperson speaks for the body.
_SPOKESPERSON_OF = re.compile(
    r",\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+)?spokes(?:man|woman|person)\s+(?:for|of)\s+(?P<body>[^,.;]{1,80})"
)


# A title in apposition before the name, the verb after it: "..., the head of Russia's delegation, Vladimir Medinsky,
# said." The title's nationality is the person's side; a spokesperson's title names the body spoken for.
_TITLE_THEN_NAME = re.compile(
    # "..., NATO's top commander, General Alexus Grynkewich, told reporters": a body's possessive opens the title.
    # So may the sentence: "Russia's chief of the general staff, Valery Gerasimov, told commanders".
    rf"(?:^|,\s+)(?P<title>(?:the|a|an)\s+[a-z][^,;]{{0,80}}?|[A-Z][\w.-]*['’]s\s+[a-z][^,;]{{0,60}}?),\s+(?P<who>{_NAME}),\s+"
    r"(?:has\s+|had\s+)?"
    r"(?:said|says|told|added|wrote|stated|reported|announced|noted)\b"
)
# A named body's report as the speaker: "the UN Human Rights Monitoring Mission's half-year update says".
_OWN_REPORT = re.compile(
    rf"(?P<who>{_NAME})['’]s\s+(?:[\w-]+\s+){{0,2}}?(?:report|update|statement|summary|bulletin|assessment|review"
    rf"|briefing|analysis|release)\s+(?:has\s+|also\s+)?(?:{_SPEECH})\b"
)
# A described source after an inverted verb: "..., wrote the pro-war channel Two Majors", "..., said the independent
# outlet Meduza." The description names the kind of medium; the name ends the clause.
_SAID_BEFORE_DESCRIBED = re.compile(
    r"[,”\"’]\s*(?:said|says|added|wrote|writes|reported|reports|posted|claimed|claims)\s+(?:on\s+[A-Z][a-z]+\s+)?"
    r"(?:the\s+|a\s+)?(?P<desc>(?:[\w-]+\s+){0,2}?(?:channel|blog|outlet|newspaper|broadcaster|website|site|agency"
    rf"|project|monitor|tracker|account|milblogger|blogger))\s+(?P<who>{_NAME})(?=\s*[,.;)]|\s*$)"
)
# A headline's source after a dash or a colon: "Russian forces take Kamianka in Kharkiv region — Russia's defence
# ministry", "Air defence downs 61 of 78 drones overnight: Ukrainian Air Force"; or before a colon, when it is an
# institution ("Ukrainian Air Force: 61 of 78 drones downed").
_HEADLINE_SOURCE_AFTER = re.compile(r"(?:\s[—–-]|:)\s+(?P<who>[^—–:.;!?]{2,60}?)\s*\Z")
_HEADLINE_SOURCE_BEFORE = re.compile(r"\A\s*(?P<who>[^:.;!?]{2,60}?):\s")
_SENTENCE_ENDED = re.compile(r"[.!?\"”’)]\s*\Z")
_SPOKES_TITLE = re.compile(r"\b(?:spokes(?:man|woman|person)|representative|press\s+(?:secretary|officer))\b")


def _institution_from(text: str, position: int, patterns: list[_Entry]) -> tuple[str, str | None] | None:
    """The institution whose name starts at ``position`` ("Russian milbloggers", "Ukrainian drone units")."""
    for name, side, pattern in patterns:
        if pattern.match(text, position):
            return name, side
    return None


def _speakers(sentence: str) -> list[tuple[int, str, str | None]]:
    """(offset, source, side) of every source the sentence names near a speech verb."""
    found: list[tuple[int, str, str | None]] = []
    patterns = _patterns_for(sentence)
    # "Associated Press journalists at the scene saw", "IAEA inspectors visiting the plant confirmed": the body whose
    # people saw is the source, not a name inside the phrase ("the Zaporizhzhia Nuclear Power Plant").
    witnessed: list[tuple[int, int]] = []
    for match in _PEOPLE_OF_VERIFIER.finditer(sentence):
        who = match.group("who")
        if re.search(rf"\b{_VERIFIER}\b", who) and (named := _named(who)):
            found.append((match.start(), *named))
            witnessed.append((match.start(), match.end()))
    for match in _VERIFIER_WITNESS.finditer(sentence):
        # "UN monitors who interviewed ... documented" is "UN monitors", as the labels write the mission.
        un_monitors = re.fullmatch(r"U\.?N\.?|United\s+Nations", match.group("who")) and re.match(
            r"\s+monitors\b", sentence[match.end("who"):])
        named = ("UN monitors", None) if un_monitors else _named(match.group("who"))
        if named:
            found.append((match.start(), *named))
            witnessed.append((match.start(), match.end()))
    for match in _ACCORDING_TO.finditer(sentence):
        spokesperson = _SPOKESPERSON_OF.match(sentence, match.end())
        body = spokesperson and _institution_at(sentence, spokesperson.start("body"), spokesperson.end("body"),
                                                patterns)
        # "according to the annual report of Estonia's Foreign Intelligence Service": the report's owner.
        owner = _REPORT_OF.match(match.group("who"))
        named = body or _named(owner.group("owner") if owner else match.group("who"))
        if named:
            found.append((match.start(), *named))
    if (saying := _SUBJECT_THEN_SAYING.match(sentence)) and (
            named := _institution_from(sentence, saying.start("who"), patterns)
            or _institution_at(sentence, saying.start("who"), saying.end("who"), patterns)
            or (None if re.search(r"['’]s$", saying.group("who")) else _named(saying.group("who")))):
        # "Russia's Investigative Committee opened a criminal case on Monday, saying Ukrainian drones had attacked".
        found.append((saying.start("who"), *named))
    for match in _INSIDER_OF_NAMED.finditer(sentence):
        # "Drones operated by the SBU hit the refinery, a source in the security service told the Kyiv Independent".
        named_before = [(m.start(), name, side) for name, side, pattern in patterns
                        for m in pattern.finditer(sentence, 0, match.start())]
        if named_before:
            found.append((match.start(), *max(named_before)[1:]))
    if "overnor" in sentence:
        for match in _UNNAMED_REGION_HEAD.finditer(sentence):
            if (match.group("name") or _VERB_AFTER.match(sentence, match.end())) and (head := _region_of(sentence)):
                found.append((match.start(), *head))
                witnessed.append((match.start(), match.end()))
    for match in _SAID_BEFORE.finditer(sentence):
        apposition = match.group("apposition")
        end = match.end("apposition") if apposition else match.end("who")
        known = _institution_at(sentence, match.start("who"), end, patterns)
        if (known and known[0] in _BASE_NEEDS and apposition and _LEADER.search(apposition)
                and not _institution_at(sentence, match.start("who"), match.end("who"), patterns)):
            known = None  # "..., said Kyrylo Budanov, head of HUR": a leader speaks in his own name
        person = known or _person(match.group("who").split())
        if person:
            name, side = person
            found.append((match.start(), name, side or _person_side(name, "")))
            witnessed.append((match.start(), match.end()))
    for match in _SAID_BEFORE_DESCRIBED.finditer(sentence):
        named = (_institution_at(sentence, match.start("desc"), match.end("who"), patterns)
                 or _named(match.group("who")))
        if named:
            found.append((match.start(), named[0], named[1] or _person_side(named[0], "")))
            witnessed.append((match.start(), match.end()))
    for match in _BY_AGENT.finditer(sentence):
        # "claims by Russian milbloggers": an institution written with lower-case words the name stops before.
        named = _institution_from(sentence, match.start("who"), patterns) or _named(match.group("who"))
        if named:
            found.append((match.start(), *named))
    for match in _TITLE_THEN_NAME.finditer(sentence):
        title = match.group("title")
        body = _institution(title) if _SPOKES_TITLE.search(title) else None
        if body:
            found.append((match.start(), *body))
        elif office := _institution(match.group("who")):
            # "the city's Moscow-installed mayor, Ivan Prikhodko": a known office holder is his office.
            found.append((match.start(), *office))
        elif person := _person(match.group("who").split()):
            name = person[0]
            nationality = _NATIONALITY_WORD.search(title)
            side = _person_side(name, "") or (nationality and ("russia" if nationality.group("side") == "Russia"
                                                                else "ukraine"))
            found.append((match.start(), name, side or None))
    if not _SENTENCE_ENDED.search(sentence):
        # A headline: no closing punctuation.
        if (after := _HEADLINE_SOURCE_AFTER.search(sentence)) and (
                named := _institution_at(sentence, after.start("who"), after.end("who"), patterns)
                or _named(after.group("who"))):
            found.append((after.start(), *named))
    # "UN Human Rights Monitoring Mission: 214 civilians killed": an institution or a verifier before the colon, in a
    # headline or opening a live blog's entry ("WarGonzo: tonight our forces hit the airfield with 4 Kinzhals."); so is
    # an official the lexicon knows ("Zelensky: Ukrainian troops have pushed Russians out of three villages").
    if (before := _HEADLINE_SOURCE_BEFORE.match(sentence)) and (
            known := _institution_at(sentence, before.start("who"), before.end("who"), patterns)
            or (_ONE_VERIFIER.fullmatch(before.group("who")) and _named(before.group("who")))
            or ((official := _person_sides().fullmatch(before.group("who").strip()))
                and (official.group(0), official.lastgroup))):
        found.append((before.start(), *known))
    for regex in (_VERIFIER_DOES, _MADE_BY_VERIFIER, _VERIFIERS_WORK, _LET_VERIFIER):
        for match in regex.finditer(sentence):
            named = _named(match.group("who"))
            if named:
                found.append((match.start(), *named))
    for match in _NAMED_SPEAKER.finditer(sentence):
        if any(start < match.start("who") < end for start, end in witnessed):
            continue
        if match.group("who").count(" ") < 2 and (place := _PLACE_PREP.search(sentence, max(0, match.start("who") - 20),
                                                                            match.start("who"))):
            # "The UN mission in Ukraine said", "a Ukrainian battalion near Pokrovsk told": the place is not the
            # speaker, the body before it is (none when that is an unnamed group: "Social media users in X posted").
            body = _located_body(sentence, place.start(), patterns)
            if body:
                found.append((match.start(), *body))
            continue
        known = _institution_at(sentence, match.start("who"), match.end("apposition") if match.group("apposition")
                                else match.end("desc") if match.group("desc") else match.end("who"), patterns)
        apposition = match.group("apposition")
        if (known and known[0] in _BASE_NEEDS and apposition and _LEADER.search(apposition)
                and not _institution_at(sentence, match.start("who"), match.end("who"), patterns)):
            # "Kyrylo Budanov, head of HUR, said": a body's leader, titled after his name, speaks in his own name
            # (as "HUR chief Kyrylo Budanov"); a spokesperson so titled still speaks for the body.
            known = None
            witnessed.append((match.start("apposition"), match.end("apposition")))
        if known:
            found.append((match.start(), *known))
            continue
        if (match.group("desc") or "").endswith("channel"):
            continue  # "A pro-Russian Telegram channel alleged": a channel speaks by a name the institutions know
        who = _verifier_owner(match.group("who"))
        person = None if _NOT_A_SOURCE.match(who) else _person(who.split())
        if person:
            name, side = person
            if side is None:
                side = _person_side(name, sentence[max(0, match.start("who") - 60) : match.start("who")])
            found.append((match.start(), name, side))
    for match in _OWN_FIGURE.finditer(sentence):
        group = "who" if match.group("who") else "teller"
        known = _institution_at(sentence, match.start(group), match.end(group), patterns)
        person = known or _person(match.group(group).split())
        if person:
            found.append((match.start(), person[0], person[1] or _person_side(person[0], "")))
    for match in _OWN_REPORT.finditer(sentence):
        known = _institution_at(sentence, match.start("who"), match.end("who"), patterns)
        person = known or _named(match.group("who"))
        if person:
            found.append((match.start(), person[0], person[1] or _person_side(person[0], "")))
    for match in _FOREIGN_BODY.finditer(sentence):
        who = match.group("who")
        owner = _PRESS_SERVICE.fullmatch(who)
        if owner:
            # "Gladkov's press service said": the press service speaks for its principal, as a spokesperson does.
            known = _institution_at(sentence, match.start("who"), match.start("who") + owner.end("owner"), patterns)
            name = owner.group("owner")
            found.append((match.start(), *(known or (name, _person_side(name, "")))))
        else:
            # "Britain's defence ministry said": a body the institutions know by another name.
            known = _institution_at(sentence, match.start("who"), match.end("who"), patterns)
            found.append((match.start(), *(known or (who, None))))
    for match in _POSSESSIVE_BODY.finditer(sentence):
        known = _institution_at(sentence, match.start("who"), match.end("who"), patterns)
        who = match.group("who")
        found.append((match.start(), *(known or (who, _side_of(who)))))
    for name, side, pattern in patterns:
        for match in pattern.finditer(sentence):
            if _VERB_AFTER.match(sentence, match.end()) and not any(start <= match.start() < end
                                                                    for start, end in witnessed):
                found.append((match.start(), name, side))
    # One source per position, the first found (an institution named inside a speaker phrase wins).
    found = sorted({position: (position, name, side) for position, name, side in reversed(found)}.values())
    for position, name, side, who in _cited(sentence):
        citing = [i for i, speaker in enumerate(found) if speaker[0] < position]
        if name is None:
            # "TASS reported, citing the regional emergency services": a news agency only passes on an unnamed
            # group, which is no source (a body that cites "unnamed witnesses" still speaks for itself).
            if citing and (_NEWS_AGENCY.fullmatch(found[citing[-1]][1]) or _UNNAMED_BODY.search(who)):
                del found[citing[-1]]
            continue
        if citing:  # the citing speaker passes the source on
            found[citing[-1]] = (found[citing[-1]][0], name, side)
        else:
            found.append((position, name, side))
    return sorted(found)


def _speaker(sentence: str, position: int) -> tuple[str, str | None] | None:
    """The source nearest before ``position`` in the sentence, else the first after it."""
    speakers = _speakers(sentence)
    if not speakers:
        return None
    before = [s for s in speakers if s[0] <= position]
    if before:
        chosen = before[-1]
    else:
        # "imagery shows scorched ground at the air base, which Ukraine says it struck": a speaker inside a relative
        # clause after the fact states that clause, not the fact.
        after = [s for s in speakers if not _RELATIVE_BEFORE.search(sentence, max(position, s[0] - 12), s[0])]
        if not after:
            return None
        chosen = after[0]
    return chosen[1], chosen[2]


_RELATIVE_BEFORE = re.compile(r",\s+(?:which|where|whom|that)\s+$")


def _next_sentence(text: str, starts: list[int], end: int) -> str:
    _, sentence_end = sentence_bounds(starts, len(text), max(end - 1, 0))
    if sentence_end >= len(text) or text[sentence_end - 1 : sentence_end] == "\n":
        return ""
    next_start, next_end = sentence_bounds(starts, len(text), sentence_end)
    return text[next_start : min(next_end, next_start + _REACH)]


def _previous_sentence(text: str, starts: list[int], sentence_start: int) -> str:
    if sentence_start <= 0 or "\n" in text[max(0, sentence_start - 2) : sentence_start]:
        return ""
    previous_start, _ = sentence_bounds(starts, len(text), sentence_start - 1)
    if "\n" in text[previous_start:sentence_start].rstrip():
        return ""
    return text[max(previous_start, sentence_start - _REACH) : sentence_start]


_OPENING = re.compile(r"\s*(?:(?P<body>(?:Ukraine|Russia|Moscow|Kyiv)['’]s\s+(?:[A-Za-z][\w-]*\s+){0,2}?[A-Z][\w-]*)"
                      rf"|(?P<who>{_NAME}))\s+(?:has\s+|had\s+|also\s+)?[a-z]")


def _opening_speaker(sentence: str) -> tuple[str, str | None] | None:
    """The body or person a sentence opens with, as the one an "It said" / "He said" after it points back to."""
    match = _OPENING.match(sentence)
    if match is None:
        return None
    if match.group("body"):
        return match.group("body"), _side_of(match.group("body"))
    who = match.group("who")
    named = None if who.split()[0] in _NOT_A_SPEAKER else _named(who)
    if named and named[1] is None:
        return named[0], _person_side(named[0], "")
    return named


# "the agency's team at the plant saw", "the outlet's reporters counted": a verifier's people, named by a pointer back
# to the verifier the sentence names ("..., the IAEA said"), saw for themselves.
_POINTER_WITNESS = re.compile(
    r"\b(?:the\s+)?(?:agency|watchdog|mission|organi[sz]ation|outlet|newspaper|paper|broadcaster|network|group|monitors)"
    rf"['’]s?\s+(?:own\s+)?{_VERIFIER_PEOPLE}\s*(?:(?:has|have|had)\s+)?{_WITNESS_VERBS}\b",
    re.IGNORECASE,
)
_NAMED_VERIFIER = re.compile(rf"\b{_VERIFIER}\b")
# A verifier's own check described by its method: "Oryx added the jet to its list after matching photographs of the
# wreckage to the crash site", "by comparing satellite images". Confirmation only where the sentence names a verifier.
_CHECKED_EVIDENCE = re.compile(
    r"\b(?:after|by|through)\s+(?:matching|comparing|cross-checking|cross-referencing|geolocating|analy[sz]ing"
    r"|examining|inspecting)\s+(?:the\s+|a\s+|its\s+)?(?:[\w-]+\s+){0,2}?(?:photo(?:graph)?s?|images?|imagery|footage"
    r"|videos?|clips?|satellite)\b",
    re.IGNORECASE,
)
# Footage of unknown provenance ("Videos shared by residents showed", "footage posted on social media") is no check:
# without a verifier's own wording the word model does not promote it to confirmed.
_UNVETTED_FOOTAGE = re.compile(
    r"\b(?:footage|videos?|clips?|photos?|photographs?|images?|pictures?)\s+(?:[\w-]+\s+){0,2}?(?:shared|posted|circulat"
    r"(?:ed|ing)|uploaded|published|spread)\s+(?:online\s+|widely\s+)?(?:by|on|in|to|across)\s+(?:the\s+)?(?:local\s+)?"
    r"(?:residents|locals|users|witnesses|eyewitnesses|people|passers-by|social\s+media|Telegram|X|Twitter|TikTok"
    r"|VKontakte|channels?)\b",
    re.IGNORECASE,
)


def _says_unverified_next(sentence: str) -> bool:
    """Whether a following sentence calls the claim before it unverified (not one of its own)."""
    match = _UNVERIFIED.search(sentence)
    if not match:
        return False
    own = _OWN_CLAIM.search(sentence, 0, match.start())
    return own is None or bool(_OWN_VERDICT.match(sentence, own.end(), match.start()))


def says_unverified(text: str) -> bool:
    """Whether ``text`` says that something could not be verified (the ``unverified`` status's words)."""
    return bool(_UNVERIFIED.search(text))


# "..., Gladkov said, and he claimed that the air defences had destroyed 17 other drones": a claim verb after the fact
# that opens a clause of its own claims what that clause says, not the fact.
_OPENS_CLAUSE = re.compile(r"\s+that\b")


# A first-person speaker whose own forces did what the fact reports ("Our forces have destroyed 12 Russian tanks",
# "we shot down 14 of them") speaks for the side the fact is a success of: only a belligerent says "our forces".
_OUR_SIDE_ACTS = re.compile(
    r"\b(?:[Oo]ur\s+(?:[\w-]+\s+){0,2}?(?:forces|troops|units?|soldiers|defenders|fighters|gunners|pilots|operators"
    r"|crews?|brigade|battalion|regiment|guys|boys|air\s+defen[cs]es?|navy|artillery)|\b[Ww]e)"
    r"\s+(?:have\s+|had\s+|also\s+|just\s+|successfully\s+)*"
    r"(?:destroyed|downed|shot\s+down|hit|struck|repelled|repulsed|liberated|captured|took|eliminated|wiped\s+out"
    r"|knocked\s+out|intercepted|sank|sunk|pushed|cleared|killed|neutrali[sz]ed|burned|burnt|taken|retaken|recaptured)\b"
)


def _own_side_acts(sentence: str, fact_end: int) -> bool:
    """Whether the sentence, up to the fact's end, has a first-person force doing the fact (``_OUR_SIDE_ACTS``)."""
    return _OUR_SIDE_ACTS.search(sentence, 0, fact_end) is not None


def _claims_the_fact(sentence: str, fact_end: int) -> bool:
    """Whether a claim verb (or hedge) of the sentence bears on the fact that ends at ``fact_end``."""
    return any(match.start() < fact_end or not _OPENS_CLAUSE.match(sentence, match.end())
               for match in _CLAIM_VERB.finditer(sentence))


def _without_refuted_claim(sentence: str, position: int) -> str:
    """The sentence without a refuted claim's words that come after the fact at ``position``."""
    refuted = _REFUTED_CLAIM.search(sentence, position)
    return sentence if refuted is None else sentence[: refuted.start()] + sentence[refuted.end() :]


def _fact_sentence(text: str, start: int, end: int, starts: list[int]) -> tuple[int, int]:
    """Where the sentence (or sentences) of ``text[start:end]`` begins and ends, at most ``_REACH`` either side."""
    sentence_start, _ = sentence_bounds(starts, len(text), start)
    _, sentence_end = sentence_bounds(starts, len(text), max(end - 1, start))
    # A "sentence" of a page without punctuation can be megabytes long; a source is named close by.
    return max(sentence_start, start - _REACH), min(sentence_end, end + _REACH)


def _context(sentence: str, following: str) -> str:
    """The fact's sentence and the next, unless the next has a claim of its own and so keeps its verdict to itself."""
    return sentence if _OWN_CLAIM.search(following) else f"{sentence} {following}"


def fact_context(text: str, start: int, end: int, starts: list[int] | None = None) -> str:
    """The words ``attribute`` gives the doubt and status models: the fact's sentence and, unless it has a claim of its
    own, the next."""
    starts = starts if starts is not None else sentence_starts(text)
    sentence_start, sentence_end = _fact_sentence(text, start, end, starts)
    return _context(text[sentence_start:sentence_end], _next_sentence(text, starts, sentence_end))


def _speaker_of(text: str, starts: list[int], sentence_start: int, sentence: str,
                unrefuted: str, start: int) -> tuple[str | None, str | None]:
    """(source, side) of the fact starting at ``start`` in ``sentence`` (``unrefuted`` is the sentence without a claim
    it refutes after the fact)."""
    speaker = _speaker(unrefuted, start - sentence_start)
    if speaker is None and (anaphor := _ANAPHORIC_SPEAKER.search(sentence)) is not None:
        # "It said ...": the institution the previous sentence of the paragraph names, else the one it opens with
        # ("Ukraine's Navy gave an update on Friday. It said ...", "President Zelensky spoke ... He said ...").
        previous = _previous_sentence(text, starts, sentence_start)
        spoke_before = _speakers(previous)
        if spoke_before:
            # "In its Sunday assessment, ISW judged that Russian forces likely hold ... the think tank wrote": the one
            # who spoke in the previous sentence, not a body it names.
            speaker = spoke_before[0][1:]
        elif anaphor.group("title"):
            # "The commander-in-chief said": the person the previous sentence opens with, before a body it names.
            speaker = _opening_speaker(previous) or _institution(previous)
        elif anaphor.group("pronoun") and (titled := _TITLED_PERSON.search(previous)) is not None:
            # "Navy spokesman Dmytro Pletenchuk spoke on television. ... he said": the person, not his title's body.
            named = _named(titled.group("who"))
            speaker = (named[0], _person_side(named[0], previous[: titled.start("who")])) if named and not named[1] \
                else named
        else:
            speaker = _institution(previous) or _opening_speaker(previous)
    return speaker if speaker else (None, None)


def speaker_of(text: str, start: int, end: int, starts: list[int] | None = None) -> tuple[str | None, str | None]:
    """(source, side) of the fact stated at ``text[start:end]``, as ``attribute`` reads them, without reading its
    status: for readers that only ask who speaks (whose count a tally is, whose attack a governor reports)."""
    if not text:
        return None, None
    starts = starts if starts is not None else sentence_starts(text)
    sentence_start, sentence_end = _fact_sentence(text, start, end, starts)
    sentence = text[sentence_start:sentence_end]
    return _speaker_of(text, starts, sentence_start, sentence, _without_refuted_claim(sentence, start - sentence_start),
                       start)


@dataclass(frozen=True, slots=True)
class _Pending:
    """A fact no rule gives a status: what the status model reads of it (``_learned_statuses``)."""

    source: str | None
    side: str | None
    beneficiary: str | None
    context: str


def attribute(text: str, start: int, end: int, beneficiary: str | None = None,
              starts: list[int] | None = None, learned_fallback: bool = True) -> Attribution:
    """Source and status of the fact stated at ``text[start:end]``.

    ``beneficiary`` is the side whose success the fact is (the defender for downed drones, the attacker
    for strikes, Ukraine for Russian losses), when the fact has one; a source of that same side makes the
    fact a claim. ``starts`` are ``losses.sentence_starts(text)``, to share them across facts. Without
    ``learned_fallback`` a fact no rule reads is ``reported``, as the status model's training reads the rules.
    """
    found = _by_rules(text, start, end, beneficiary, starts)
    if isinstance(found, Attribution):
        return found
    if not learned_fallback:
        return Attribution(found.source, found.side, "reported")
    return _learned_statuses([found])[0]


def _learned_statuses(pending: list[_Pending]) -> list[Attribution]:
    """Each fact's status by the status model: the words of its context, the rules' speaker and, for a model that
    reads them, the context's sentence embedding (one batch for all the facts)."""
    model = status_model.shipped_model()
    vectors = status_model.context_vectors([p.context for p in pending]) if model.reads_vectors and pending else None
    found = []
    for i, p in enumerate(pending):
        features = status_model.features(p.context, p.beneficiary, p.side, p.source is not None)
        status = model.choose(features, admission=status_model.is_admission(p.side, p.beneficiary),
                              vector=None if vectors is None else vectors[i])
        found.append(Attribution(p.source, p.side, status))
    return found


def _by_rules(text: str, start: int, end: int, beneficiary: str | None,
              starts: list[int] | None) -> Attribution | _Pending:
    """The rules' attribution of the fact, or what the status model needs where no rule gives its status."""
    if not text:
        return Attribution(None, None, "reported")
    starts = starts if starts is not None else sentence_starts(text)
    sentence_start, sentence_end = _fact_sentence(text, start, end, starts)
    sentence = text[sentence_start:sentence_end]
    # A claim the sentence refutes after the fact is neither the fact's source nor makes it a claim.
    unrefuted = _without_refuted_claim(sentence, start - sentence_start)
    source, side = _speaker_of(text, starts, sentence_start, sentence, unrefuted, start)
    following = _next_sentence(text, starts, sentence_end)
    # What the doubt and status models read: a next sentence with a claim of its own keeps its verdict to itself.
    context = _context(sentence, following)
    # The word model reads doubt written in ways the rules do not list.
    if _UNVERIFIED.search(sentence) or _says_unverified_next(following) or doubt.says_unverified(context):
        status: FactStatus = "unverified"
    elif (_claims_the_fact(unrefuted, end - sentence_start) or (side is not None and side == beneficiary)
          or (beneficiary is not None and _own_side_acts(sentence, end - sentence_start))):
        status = "claimed"
    elif (_CONFIRMED.search(sentence)
          or ((_POINTER_WITNESS.search(sentence) or _CHECKED_EVIDENCE.search(sentence))
              and _NAMED_VERIFIER.search(sentence))
          # A verifier's people made or saw the evidence ("seen ... by a Sky News team"), or its own work is the
          # subject ("ISW's geolocation of the video puts ...").
          or _MADE_BY_VERIFIER.search(sentence) or _VERIFIERS_WORK.search(sentence)
          or (not _UNVETTED_FOOTAGE.search(sentence) and says_confirmed(f"{sentence} {following}"))):
        # The rules' wordings, else the word model that reads verification written in ways they do not list.
        status = "confirmed"
    else:
        # No wording the rules list: the status model reads the fact's sentence and the next, and the rules' speaker.
        return _Pending(source, side, beneficiary, context)
    return Attribution(source, side, status)


_SOURCE_SIDES: dict[str, str | None] = {name: side for name, side, _ in _ALL_INSTITUTIONS}


_ALLY_OF: dict[str, str] = {"north_korea": "russia", "belarus": "russia"}


def _beneficiary(fact: Fact) -> str | None:
    """The side whose success the fact reports, if it has one (see the module docstring)."""
    values = fact.values
    if fact.kind == "losses":
        return "ukraine"
    if fact.kind == "strike":
        return values.get("attacker")
    if fact.kind == "air_defense":
        return other_side(values.get("attacker"))
    if fact.kind == "troops" and values.get("role") in ("killed", "wounded", "casualties", "captured"):
        # North Korea's troops fight on Russia's side: their losses are Ukraine's success.
        return other_side(_ALLY_OF.get(values.get("force") or "", values.get("force")))
    return None


def attribute_facts(text: str, facts: list[Fact]) -> None:
    """Set ``source`` (unless an extractor already knew it) and ``status`` of every fact, in place."""
    if not facts:
        return
    starts = sentence_starts(text)
    found = [_by_rules(text, fact.start, fact.end, _beneficiary(fact), starts) for fact in facts]
    learned = iter(_learned_statuses([f for f in found if isinstance(f, _Pending)]))
    for fact, by_rules in zip(facts, found, strict=True):
        attribution = by_rules if isinstance(by_rules, Attribution) else next(learned)
        if fact.source is None:
            fact.source = attribution.source
            side = attribution.side
        else:
            side = _SOURCE_SIDES.get(fact.source, attribution.side if attribution.source == fact.source else None)
        status = attribution.status
        if status == "reported" and side is not None and side == _beneficiary(fact):
            status = "claimed"
        fact.status = status
