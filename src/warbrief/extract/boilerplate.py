"""Tell page chrome from article text in a plain-text page dump, one line at a time.

A text dump of a news page has lost its markup, so the only evidence left is the shape of each line:
prose paragraphs are long, end like sentences and are full of function words; headings are short and
title-cased; page furniture is a known phrase ("Sign in", "Related news"), a scrap (a lone word, a
count, "6 mins") or a menu glued into one long unpunctuated line. Each test below is one small function
so that a misclassified line can be traced to the single rule that misread it.

Every function here is linear in the length of its input and never raises on any string: pages can be
megabytes of one line, or binary junk decoded as text.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class LineRole(StrEnum):
    """What a line is on the page, as far as its own shape and wording tell."""

    CONTENT = "content"  # a prose paragraph
    HEADING = "heading"  # a short title-like line: title, deck, subheading or section label
    CHROME = "chrome"  # furniture that ends an article: related news, comments, footer, share bar
    FILLER = "filler"  # furniture that may sit inside an article (ads, bylines) or a meaningless scrap


# Lines that are page furniture on any news site, compared after normalize_for_matching().
END_OF_ARTICLE_PHRASES = frozenset(
    {
        "about the author",
        "accept",
        "accept all",
        "accept cookies",
        "all rights reserved",
        "comments",
        "comment",
        "connect with us",
        "contact us",
        "cookie policy",
        "cookie settings",
        "editor's picks",
        "follow us",
        "help",
        "home",
        "latest",
        "latest headlines",
        "latest news",
        "latest stories",
        "leave a comment",
        "leave a reply",
        "log in",
        "log in to comment",
        "login",
        "manage cookies",
        "menu",
        "more from this author",
        "more stories",
        "most popular",
        "most read",
        "most viewed",
        "newsletter",
        "open in app",
        "popular",
        "privacy policy",
        "recommended",
        "recommended for you",
        "register",
        "reject all",
        "related",
        "related articles",
        "related news",
        "related posts",
        "related stories",
        "search",
        "share",
        "share on facebook",
        "share on twitter",
        "share this",
        "share this article",
        "share this story",
        "sign in",
        "sign up",
        "skip to content",
        "skip to main content",
        "stay connected",
        "subscribe",
        "tags",
        "terms of service",
        "terms of use",
        "there are no comments yet",
        "top stories",
        "trending",
        "trending now",
        "you cannot copy content of this page",
        "you may also like",
        "you might also like",
    }
)

# Furniture that a page may drop between two paragraphs of the same article without ending it.
INLINE_FURNITURE_PHRASES = frozenset(
    {
        "ad",
        "advertisement",
        "advertising",
        "scroll to continue",
        "skip advertisement",
        "sponsored",
        "sponsored content",
        "story continues below",
        "story continues below advertisement",
        "article continues below advertisement",
    }
)

# Lines that close one teaser of a listing page and lead to the full article.
SEPARATOR_PHRASES = frozenset(
    {
        "continue reading",
        "full story",
        "keep reading",
        "read full article",
        "read full story",
        "read more",
        "read the full article",
        "read the full story",
    }
)

_RELATED_CONTENT_PREFIXES = (
    "more on ",
    "more from ",
    "more about ",
    "more news",
    "more stories",
    "read next",
    "further reading",
    "you may also",
    "you might also",
    "recommended",
    "related ",
    "also on ",
    "what to read",
)
_INLINE_CONTINUATION = re.compile(r"\s*(?:continue reading|read more)\s*[»›→>]*\s*$", re.IGNORECASE)
_TRAILING_ELLIPSIS_AFTER_SENTENCE = re.compile(r"(?<=[.!?\"”’])\s*(?:…|\.\.\.)$")
_SENTENCE_END = re.compile(r"[.!?…][\"”’'»)\]]*$")
_PERIOD_END = re.compile(r"\.[\"”’'»)\]]*$")
_TOKEN = re.compile(r"\w+")
_TIME_AGO = re.compile(
    r"^(?:\d+|an?|one)\s*(?:s|sec|secs|seconds?|m|min|mins|minutes?|h|hr|hrs|hours?|d|days?|w|weeks?)"
    r"(?:\s+ago)?$"
)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)", re.IGNORECASE)
_BYLINE = re.compile(r"^by:?\s+(.+)$", re.IGNORECASE)
_PUBLISHED = re.compile(
    r"^(?:published|posted|updated|first published)(?:\s+on)?\s*:?\s*(.+)$", re.IGNORECASE
)
_MONTH_DAY_YEAR = re.compile(r"([A-Z][a-z]{2,8})\.?\s+(\d{1,2}),?\s+(\d{4})")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})\s+([A-Z][a-z]{2,8})\.?,?\s+(\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")

# Function words: their share tells prose from menus and headline lists. English plus the commonest
# Ukrainian and Russian ones, since the pages this package reads are often in those languages.
STOPWORDS = frozenset(
    """a about after against all also an and any are as at be because been before being between both but
    by can could did do does during each for from had has have he her his how i if in into is it its
    just may me more most my no nor not now of on once only or other our out over own said same she
    should since so some such than that the their them then there these they this those through to too
    under until up very was we were what when where which while who whom why will with would you your
    і в у на не що та з до за по як це а але від для про або
    и в на не что с по к как это а но от для о из же""".split()
)

# Short words that title case leaves in lower case; they do not count against a title.
_TITLE_CASE_MINOR_WORDS = frozenset(
    "a an and as at but by for from in into nor of on onto or over per the to up via vs with amid".split()
)

MAX_HEADING_WORDS = 25
MAX_DATELINE_WORDS = 8
MIN_CONTENT_WORDS = 6
LONG_PROSE_WORDS = 20
_MAX_PHRASE_CHARS = 120  # known furniture phrases are short; longer lines skip the phrase tests


def normalize_for_matching(line: str) -> str:
    """Fold case, quotes, dashes and surrounding punctuation so furniture phrases compare as read."""
    if len(line) > _MAX_PHRASE_CHARS:
        return ""
    text = unicodedata.normalize("NFKC", line).lower()
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    text = re.sub(r"\s+", " ", text)
    return text.strip(" \t:.!?|»›→>-–—•·*#\"'()[]")


def words_of(line: str) -> list[str]:
    return line.split()


def tokens_of(line: str) -> list[str]:
    """Lower-cased \\w+ tokens (Unicode), the unit for stopword statistics."""
    return [t.lower() for t in _TOKEN.findall(line)]


def stopword_ratio(tokens: list[str]) -> float:
    """Share of function words: prose runs at 0.3-0.5, menus and headline lists near 0."""
    if not tokens:
        return 0.0
    return sum(1 for t in tokens if t in STOPWORDS) / len(tokens)


def title_case_ratio(words: list[str]) -> float:
    """Share of content words that start with a capital: ~1 for headlines, well under 0.7 for prose."""
    counted = 0
    capitalized = 0
    for word in words:
        letters = [c for c in word if c.isalpha()]
        if not letters or word.lower().strip("\"'“‘(") in _TITLE_CASE_MINOR_WORDS:
            continue
        counted += 1
        if letters[0].isupper():
            capitalized += 1
    return capitalized / counted if counted else 0.0


def ends_like_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line[-8:]))


def ends_with_period(line: str) -> bool:
    return bool(_PERIOD_END.search(line[-8:]))


def starts_like_heading(line: str) -> bool:
    """Headings start with a capital, a digit or an opening quote, never with a lower-case word."""
    first = line.lstrip("\"'“‘«([")[:1]
    return bool(first) and (first.isupper() or first.isdigit())


def has_prose_punctuation(line: str) -> bool:
    """Commas and full stops inside the line: prose has them, glued menus do not."""
    return line.count(",") + line.count(". ") >= 2


def looks_like_prose(line: str, tokens: list[str]) -> bool:
    return stopword_ratio(tokens) >= 0.1 or has_prose_punctuation(line)


def is_separator_line(line: str) -> bool:
    """A "Read More" / "Continue Reading" line that closes a teaser on a listing page."""
    return normalize_for_matching(line) in SEPARATOR_PHRASES


def strip_inline_continuation(line: str) -> str | None:
    """The paragraph without a trailing "… Continue reading" link, or None when the line has none.

    The result is always a prefix of ``line``, so it still occurs verbatim in the page.
    """
    tail_start = max(0, len(line) - 40)
    match = _INLINE_CONTINUATION.search(line, tail_start)
    if match is None or match.start() == 0:
        return None
    kept = line[: match.start()].rstrip()
    ellipsis = _TRAILING_ELLIPSIS_AFTER_SENTENCE.search(kept, max(0, len(kept) - 8))
    if ellipsis is not None:
        kept = kept[: ellipsis.start()].rstrip()
    return kept or None


def is_cookie_or_consent_notice(tokens: list[str]) -> bool:
    """Cookie banners read like prose, so they are caught by their vocabulary instead."""
    vocabulary = set(tokens)
    if not vocabulary & {"cookie", "cookies"}:
        return False
    return bool(vocabulary & {"accept", "agree", "consent", "privacy", "experience", "settings", "use"})


def is_subscription_prompt(tokens: list[str]) -> bool:
    """'Sign up for our newsletter', 'Subscribe to get ...': calls to action, not reporting."""
    if len(tokens) > 40:
        return False
    return "newsletter" in tokens or tokens[:1] == ["subscribe"]


def is_end_of_article_phrase(line: str, normalized: str | None = None) -> bool:
    if normalized is None:
        normalized = normalize_for_matching(line)
    return normalized in END_OF_ARTICLE_PHRASES or bool(_COPYRIGHT.match(line.lstrip()))


def is_related_content_heading(normalized: str) -> bool:
    """'More on this topic', 'You may also like': a heading that opens other articles' teasers."""
    if len(normalized.split()) > 6:
        return False
    return normalized.startswith(_RELATED_CONTENT_PREFIXES)


def is_inline_furniture(normalized: str) -> bool:
    """'Advertisement', 'Read also: ...': furniture between two paragraphs of one article."""
    if normalized in INLINE_FURNITURE_PHRASES:
        return True
    return normalized.startswith(("read also", "see also", "read more:", "also read", "related:"))


def is_scrap(line: str, words: list[str], normalized: str) -> bool:
    """Lines no reader would call text: a lone word, a number, a time stamp like '6 mins'."""
    if len(words) <= 1:
        return True
    if len(line) <= _MAX_PHRASE_CHARS and not any(c.isalpha() for c in line):
        return True
    return bool(_TIME_AGO.match(normalized)) or line.startswith("@")


def byline_name(line: str) -> str | None:
    """'BNN Correspondents' from 'By: BNN Correspondents'; None unless the line is a short byline."""
    if len(line) > _MAX_PHRASE_CHARS:
        return None
    match = _BYLINE.match(line.strip())
    if match is None:
        return None
    name = match.group(1).strip()
    words = name.split()
    if not 1 <= len(words) <= 8 or not starts_like_heading(name) or ends_with_period(name):
        return None
    return name


def published_date(line: str) -> date | None:
    """The date a 'Published: December 28, 2023 at 5:48 am EST' line or a bare dateline states."""
    if len(line) > _MAX_PHRASE_CHARS:
        return None
    match = _PUBLISHED.match(line.strip())
    if match is not None:
        return parse_written_date(match.group(1))
    if len(words_of(line)) <= MAX_DATELINE_WORDS:  # a bare dateline: "12 March 2024, 10:45"
        return parse_written_date(line)
    return None


def parse_written_date(text: str) -> date | None:
    """A date written as 'December 28, 2023', '28 Dec 2023' or '2023-12-28'; None if none parses."""
    iso = _ISO_DATE.search(text)
    if iso is not None:
        try:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        except ValueError:
            return None
    for pattern, order in ((_MONTH_DAY_YEAR, ("m", "d", "y")), (_DAY_MONTH_YEAR, ("d", "m", "y"))):
        match = pattern.search(text)
        if match is None:
            continue
        parts = dict(zip(order, match.groups(), strict=True))
        for month_format in ("%B", "%b"):
            try:
                month = datetime.strptime(parts["m"], month_format).month
                return date(int(parts["y"]), month, int(parts["d"]))
            except ValueError:
                continue
    return None


def is_title_cased_heading(line: str, words: list[str]) -> bool:
    """A headline-shaped line: title case, and no full stop (headlines may end in '?' or '!')."""
    return (
        len(words) <= MAX_HEADING_WORDS
        and not ends_with_period(line)
        and title_case_ratio(words) >= 0.75
        and starts_like_heading(line)
    )


def is_content_line(line: str, words: list[str], tokens: list[str]) -> bool:
    """A prose paragraph: ends like a sentence (or is long), reads like prose, is not a headline."""
    if is_title_cased_heading(line, words) and len(words) < LONG_PROSE_WORDS:
        return False
    if not looks_like_prose(line, tokens):
        return False
    if ends_with_period(line) and len(words) >= MIN_CONTENT_WORDS:
        return True
    if ends_like_sentence(line) and len(words) >= MIN_CONTENT_WORDS and title_case_ratio(words) < 0.75:
        return True
    return len(words) >= LONG_PROSE_WORDS and title_case_ratio(words) < 0.75


def is_heading_line(line: str, words: list[str]) -> bool:
    """Short, starts like a title, and no full stop: a title, deck, subheading or section label."""
    return 2 <= len(words) <= MAX_HEADING_WORDS and starts_like_heading(line) and not ends_with_period(line)


def classify_line(line: str) -> LineRole:
    """The role of one stripped, non-empty line, judged from the line alone."""
    normalized = normalize_for_matching(line)
    if (
        is_end_of_article_phrase(line, normalized)
        or normalized in SEPARATOR_PHRASES
        or is_related_content_heading(normalized)
    ):
        return LineRole.CHROME
    if is_inline_furniture(normalized) or byline_name(line) or published_date(line):
        return LineRole.FILLER
    words = words_of(line)
    if is_scrap(line, words, normalized):
        return LineRole.FILLER
    tokens = tokens_of(line)
    if is_cookie_or_consent_notice(tokens) or is_subscription_prompt(tokens):
        return LineRole.CHROME
    if is_content_line(line, words, tokens):
        return LineRole.CONTENT
    if is_heading_line(line, words):
        return LineRole.HEADING
    return LineRole.FILLER


class LineClassifier:
    """classify_line with a memory: listing and title logic ask about the same lines many times."""

    def __init__(self) -> None:
        self._roles: dict[str, LineRole] = {}

    def __call__(self, line: str) -> LineRole:
        role = self._roles.get(line)
        if role is None:
            role = self._roles[line] = classify_line(line)
        return role


def line_repeats(lines: list[str]) -> Counter[str]:
    """How often each line occurs on the page: titles and related headlines repeat, body text does not."""
    return Counter(line for line in lines if len(line) <= 400)


def mark_teasers(lines: list[str], roles: list[LineRole], max_teaser_paragraphs: int = 2) -> list[LineRole]:
    """Roles with every "headline, blurb, Read more" teaser turned into chrome.

    Teasers of other articles often follow the body with no chrome between them but the headline;
    the "Read more" that closes each one (or ends its blurb: "… Continue reading") gives them away.
    """
    marked = list(roles)
    for index, line in enumerate(lines):
        if is_separator_line(line):
            end = index  # the teaser is the lines above the link
        elif roles[index] is LineRole.CONTENT and strip_inline_continuation(line) is not None:
            end = index + 1  # the blurb itself carries the "Continue reading"
        else:
            continue
        start = end - 1
        while start >= 0 and end - start <= max_teaser_paragraphs and roles[start] is LineRole.CONTENT:
            start -= 1
        if 0 <= start < end - 1 and roles[start] is LineRole.HEADING:
            for teaser_line in range(start, end):
                marked[teaser_line] = LineRole.CHROME
    return marked


@dataclass(slots=True)
class ContentRun:
    """A stretch of a page that reads as one article: its kept lines, by index into the page lines."""

    kept: list[int] = field(default_factory=list)
    content_chars: int = 0
    content_words: int = 0

    @property
    def start(self) -> int:
        return self.kept[0]


def _keeps_subheading(line: str, role: LineRole, repeats: Counter[str]) -> bool:
    """A heading between two paragraphs stays with the text unless it repeats (titles, teasers do)."""
    return role is LineRole.HEADING and repeats.get(line, 1) <= 1


def content_runs(lines: list[str], roles: list[LineRole], max_gap: int = 2) -> list[ContentRun]:
    """Group paragraphs into runs; a run breaks at end-of-article chrome or a gap of > max_gap lines.

    An author bio or a related-news blurb reads like prose, but it sits behind a stretch of chrome
    ("Comments", tags, "author", a counter), which is what keeps it out of the article.
    """
    runs: list[ContentRun] = []
    current: ContentRun | None = None
    gap: list[int] = []
    gap_has_chrome = False
    repeats = line_repeats(lines)
    for index, role in enumerate(roles):
        if role is not LineRole.CONTENT:
            gap.append(index)
            gap_has_chrome = gap_has_chrome or role is LineRole.CHROME
            continue
        if current is None or gap_has_chrome or len(gap) > max_gap:
            current = ContentRun()
            runs.append(current)
        else:
            current.kept.extend(i for i in gap if _keeps_subheading(lines[i], roles[i], repeats))
        current.kept.append(index)
        current.content_chars += len(lines[index])
        current.content_words += len(words_of(lines[index]))
        gap = []
        gap_has_chrome = False
    return runs


COMPETING_RUN_SHARE = 0.7
# An article cut in two by a mid-article widget: the widget is at most this many lines, the other part at
# least this many words (eval/results/dumps.md, fix 3).
MAX_WIDGET_LINES = 8
MIN_PART_WORDS = 40
_WIDGET_PREFIXES = (
    "share", "newsletter", "subscribe", "sign up", "follow", "get our", "get the", "join", "listen", "watch",
    "advertisement",
)


def is_widget_line(line: str, role: LineRole) -> bool:
    """A line a page may put inside an article: share bar, newsletter or subscribe box, related links.

    Headings and filler (teaser titles, ads, captions) qualify; chrome only when it is one of those
    widgets, never when it ends the article ("Comments", "About the author", a copyright line) nor when it
    is a "Read more" link (on a listing page those separate the teasers, which must stay apart).
    """
    if role is LineRole.CONTENT:
        return False
    if role is not LineRole.CHROME:
        return True
    normalized = normalize_for_matching(line)
    return (
        normalized.startswith(_WIDGET_PREFIXES)
        or is_related_content_heading(normalized)
        or is_subscription_prompt(tokens_of(line))
    )


def _joinable(first: ContentRun, second: ContentRun, lines: list[str], roles: list[LineRole]) -> bool:
    """Whether only a short widget separates two runs (``first`` above ``second``).

    The gap must hold widget chrome: a gap of headings and scraps alone is what separates an article from
    the author's bio under it.
    """
    gap = range(first.kept[-1] + 1, second.start)
    return (
        len(gap) <= MAX_WIDGET_LINES
        and any(roles[i] is LineRole.CHROME for i in gap)
        and all(is_widget_line(lines[i], roles[i]) for i in gap)
    )


def _merge_widget_split(runs: list[ContentRun], chosen: int, lines: list[str], roles: list[LineRole]) -> ContentRun:
    """The chosen run, joined with the neighbouring parts of the same article across mid-article widgets."""
    first = last = chosen
    while last + 1 < len(runs) and runs[last + 1].content_words >= MIN_PART_WORDS and _joinable(
        runs[last], runs[last + 1], lines, roles
    ):
        last += 1
    while first > 0 and runs[first - 1].content_words >= MIN_PART_WORDS and _joinable(
        runs[first - 1], runs[first], lines, roles
    ):
        first -= 1
    if first == last:
        return runs[chosen]
    merged = ContentRun()
    for run in runs[first : last + 1]:
        merged.kept.extend(run.kept)
        merged.content_chars += run.content_chars
        merged.content_words += run.content_words
    return merged


def main_content_run(lines: list[str], roles: list[LineRole], min_words: int = 20) -> ContentRun | None:
    """The article's run: the earliest run of prose nearly as long as the longest one, with the parts of
    it that a mid-article widget split off.

    Pages put the article before reader comments, related-story blurbs and footer disclaimers, which can
    hold more text than a short article; taking the longest run alone picked them (eval/dumps.py: dev
    shingle F1 .823 -> .841 with the earliest run holding >= 70% of the longest's characters). A "Share
    this article" bar or a newsletter box inside the article is chrome and breaks the run; the part on its
    other side is joined back when it is substantial and the widget short.
    """
    runs = [run for run in content_runs(lines, roles) if run.content_words >= min_words]
    if not runs:
        return None
    longest = max(run.content_chars for run in runs)
    chosen = next(index for index, run in enumerate(runs) if run.content_chars >= COMPETING_RUN_SHARE * longest)
    return _merge_widget_split(runs, chosen, lines, roles)
