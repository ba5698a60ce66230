"""Articles from plain-text page dumps: a single article, a listing of teasers, or a headed digest.

Text dumps arrive without markup, so the page type is read from its shape: a digest is a run of
headings the taxonomy knows, each over one-line paragraphs; a listing repeats "Read More" or section
labels between teasers; anything else is one article buried in page chrome, recovered by the line
classifier in :mod:`warbrief.extract.boilerplate`.

Paragraphs are kept verbatim (stripped lines, or a prefix of one), except that the pieces of a
hard-wrapped paragraph are joined by single spaces (:mod:`warbrief.extract.reflow`). The stored article text
is built from these paragraphs, and later stages check that quoted sentences occur character for character
in it.
"""

from __future__ import annotations

import datetime
import itertools
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from warbrief.extract.boilerplate import (
    LineClassifier,
    LineRole,
    byline_name,
    classify_line,
    ends_with_period,
    is_end_of_article_phrase,
    is_separator_line,
    line_repeats,
    main_content_run,
    mark_teasers,
    normalize_for_matching,
    published_date,
    starts_like_heading,
    strip_inline_continuation,
    words_of,
)
from warbrief.extract.reflow import reflow
from warbrief.taxonomy import SectionSpec, Taxonomy
from warbrief.textdates import publication_date_from_text

log = logging.getLogger(__name__)

RoleOf = Callable[[str], LineRole]

MIN_DIGEST_HEADINGS = 3
MIN_LISTING_SEPARATORS = 2
MAX_TITLE_WORDS = 12
MAX_LABEL_WORDS = 4
MAX_DIGEST_HEADING_WORDS = 14
TITLE_SEARCH_LINES = 10
DOMINANT_ARTICLE_SHARE = 0.5  # an article page with teasers: the article holds half the text ...
DOMINANT_ARTICLE_FACTOR = 3  # ... and three times the median teaser

_HEADER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*(.*)$")
_LANGUAGE_MENU_ENTRY = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z]{2,4})?\s+\S+$")
_MEDIA_HEADING = re.compile(
    r"^(?:picture|photo|photograph|image|video|map|graphic|infographic|chart)s?\b(?:\s+of\s+the\s+\w+)?$"
)
_FIGURE_TOKEN = re.compile(r"^[\d.,:+\-–|/%()]+$")
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr gen lt col sgt maj capt adm st no jr sr vs etc inc corp co govt dept fig approx".split()
)


@dataclass(slots=True)
class TextItem:
    """One article (or digest/listing item) found in a text page, before it becomes an Article."""

    title: str
    paragraphs: list[str]
    kind: str
    section_hint: str | None = None
    label: str | None = None
    published: datetime.date | None = None
    byline: str | None = None


@dataclass(slots=True)
class _Page:
    """The stripped, non-empty lines of a page, and what its ` date YYYY-MM-DD title` header said."""

    lines: list[str]
    header_date: datetime.date | None = None
    header_title: str | None = None
    # Without a header: the date the top of the page states ("Published: 27 December 2024", a dateline).
    stated_date: datetime.date | None = None
    role_of: LineClassifier = field(default_factory=LineClassifier)


def extract_text_page(text: str, taxonomy: Taxonomy) -> list[TextItem]:
    """Every article-like item on a plain-text page, in page order; [] when there is none.

    Never raises: a page we cannot read is logged and yields nothing, so one bad file cannot stop a run.
    """
    if not isinstance(text, str) or not text.strip():
        return []
    try:
        return _extract(text, taxonomy)
    except Exception:  # the contract is "never raise"; a bug here must not stop a whole ingest run
        log.exception("text page extraction failed; page skipped")
        return []


def _extract(text: str, taxonomy: Taxonomy) -> list[TextItem]:
    page = read_page(text)
    if not page.lines:
        return []
    if looks_like_digest(page.lines, taxonomy):
        items = extract_digest(page, taxonomy)
        if items:
            return items
    article = extract_article(page)
    if looks_like_listing(page.lines, page.role_of):
        items = extract_listing(page)
        if items and not is_article_with_teasers(article, items):
            return items
    return article


def _text_size(items: list[TextItem]) -> int:
    return sum(len(p) for item in items for p in item.paragraphs)


def is_article_with_teasers(article: list[TextItem], listing: list[TextItem]) -> bool:
    """An article page whose related-news teasers end in "Read more" is not a listing page.

    On a real listing the items are of a size; under an article the teasers are much smaller than it.
    """
    if not article:
        return False
    if len(listing) < 2:
        return True
    article_size = _text_size(article)
    sizes = sorted(_text_size([item]) for item in listing)
    median_other = sizes[:-1][len(sizes[:-1]) // 2]
    return (
        article_size >= DOMINANT_ARTICLE_SHARE * sum(sizes)
        and article_size >= DOMINANT_ARTICLE_FACTOR * median_other
    )


# --- reading the page -------------------------------------------------------------------------------


def read_page(text: str) -> _Page:
    """Split into stripped non-empty lines and consume the optional ` date YYYY-MM-DD title` header.

    A hard-wrapped dump is re-flowed to one line per paragraph (``reflow``); the header line is taken off
    first, since it is not wrapped with the text. Without a header, the date stated at the top of the page
    (``warbrief.textdates``) dates the page's article or digest items.
    """
    lines = [line.strip() for line in text.splitlines()]
    first = next((index for index, line in enumerate(lines) if line), None)
    page = _Page(lines=[])
    if first is not None:
        match = _HEADER.match(lines[first]) if len(lines[first]) < 2000 else None
        if match is not None:
            page.header_date = _iso_date(match.group(1))
            page.header_title = match.group(2).strip() or None
            lines = lines[first + 1 :]
    page.lines = reflow(lines)
    if page.header_date is None:
        page.stated_date = publication_date_from_text(text)
    return page


def _iso_date(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def header_title_is_usable(title: str | None) -> bool:
    """A crawler header sometimes carries menu text ("en English") instead of the headline."""
    if not title:
        return False
    words = words_of(title)
    if len(words) < 3 or not starts_like_heading(title):
        return False
    if _LANGUAGE_MENU_ENTRY.match(title) or is_end_of_article_phrase(title):
        return False
    return classify_line(title) in (LineRole.HEADING, LineRole.CONTENT)


# --- titles -----------------------------------------------------------------------------------------


def first_sentence(text: str) -> str:
    """The first sentence of a paragraph, not fooled by 'Gen.' or 'U.S.'."""
    for match in _SENTENCE_BREAK.finditer(text, 0, min(len(text), 2000)):
        before = text[: match.start() + 1]
        last_word = re.sub(r"[^\w.]", "", before.split()[-1]) if before.split() else ""
        stem = last_word.rstrip(".").lower()
        if stem in _ABBREVIATIONS or (len(stem) == 1 and stem.isalpha()) or "." in last_word[:-1]:
            continue
        return text[: match.start() + 1]
    return text[:2000]


def shorten_title(text: str, max_words: int = MAX_TITLE_WORDS) -> str:
    """At most ``max_words`` words, cut at a word boundary and marked with '…' when cut."""
    words = text.split()
    if len(words) <= max_words:
        return " ".join(words).rstrip(".")
    return " ".join(words[:max_words]).rstrip(",;:–-—") + "…"


def title_from_text(paragraph: str) -> str:
    return shorten_title(first_sentence(paragraph.strip()))


# --- digest pages -----------------------------------------------------------------------------------


def digest_heading(line: str, taxonomy: Taxonomy) -> str | None:
    """The section a digest heading names; paragraphs that merely start with a place name do not count."""
    if len(line) > 160 or len(words_of(line)) > MAX_DIGEST_HEADING_WORDS or ends_with_period(line):
        return None
    return taxonomy.match_heading(line)


def looks_like_digest(lines: list[str], taxonomy: Taxonomy) -> bool:
    """At least three distinct taxonomy headings; stops early, since matching costs per line."""
    found: set[str] = set()
    for line in dict.fromkeys(lines):
        section = digest_heading(line, taxonomy)
        if section is not None:
            found.add(section)
            if len(found) >= MIN_DIGEST_HEADINGS:
                return True
    return False


def is_media_heading(line: str) -> bool:
    """'Picture of the Day:' and the like: a caption block, not reporting."""
    return bool(_MEDIA_HEADING.match(normalize_for_matching(line)))


def is_unknown_subheading(line: str) -> bool:
    """A short 'Something:' line that the taxonomy does not know: a label inside the current section."""
    stripped = line.rstrip()
    return stripped.endswith(":") and len(words_of(stripped)) <= 6 and not any(c.isdigit() for c in stripped)


def is_figure_line(line: str) -> bool:
    """A table row such as 'DEATHS: 6 INJURIES: 6': numbers and capitals only, no sentence."""
    words = words_of(line)
    if not words or len(words) > 10 or not any(c.isdigit() for c in line):
        return False
    return all(_FIGURE_TOKEN.match(word) or not any(c.islower() for c in word) for word in words)


def is_figure_lead_in(line: str) -> bool:
    """A line that introduces figures ('The casualty count ... 24 hours: (Russian War Crimes)')."""
    return ":" in line and not ends_with_period(line) and len(words_of(line)) <= 20


def split_digest_sections(lines: list[str], taxonomy: Taxonomy) -> list[tuple[str | None, list[str]]]:
    """(section id, body lines) per digest heading; caption blocks and trailing page chrome are dropped."""
    sections: list[tuple[str | None, list[str]]] = [(None, [])]
    skipping = False
    for line in lines:
        section = digest_heading(line, taxonomy)
        if section is not None:
            sections.append((section, []))
            skipping = False
        elif is_media_heading(line) or is_end_of_article_phrase(line) or is_separator_line(line):
            skipping = True
        elif not skipping and not is_unknown_subheading(line):
            sections[-1][1].append(line)
    return [(section, body) for section, body in sections if body]


def group_digest_lines(body: list[str]) -> list[list[str]]:
    """One group per line, except that a lead-in and the figure rows under it stay together."""
    groups: list[list[str]] = []
    index = 0
    while index < len(body):
        starts_figures = is_figure_line(body[index]) or (
            is_figure_lead_in(body[index]) and index + 1 < len(body) and is_figure_line(body[index + 1])
        )
        if not starts_figures:
            groups.append([body[index]])
            index += 1
            continue
        end = index + 1
        while end < len(body) and is_figure_line(body[end]):
            end += 1
        groups.append(body[index:end])
        index = end
    return groups


def _digest_kind(section: str | None, taxonomy: Taxonomy) -> str:
    if section is not None and section in taxonomy and taxonomy[section].kind == "summary":
        return "digest_summary"
    return "digest_item"


def _is_one_block_section(spec: SectionSpec | None) -> bool:
    """A losses table or a source list means something only as a whole; later stages parse it so."""
    return spec is not None and spec.kind in ("losses", "sources")


def extract_digest(page: _Page, taxonomy: Taxonomy) -> list[TextItem]:
    """One item per digest paragraph; a losses table or a source list is one item as a whole."""
    items: list[TextItem] = []
    for section, body in split_digest_sections(page.lines, taxonomy):
        spec = taxonomy[section] if section is not None and section in taxonomy else None
        if spec is None:  # text above the first heading: keep prose only, not the page's masthead
            body = [line for line in body if page.role_of(line) is LineRole.CONTENT]
        groups = [body] if _is_one_block_section(spec) else group_digest_lines(body)
        for group in groups:
            if not group:
                continue
            items.append(
                TextItem(
                    title=spec.title if spec is not None and _is_one_block_section(spec)
                    else title_from_text(group[0]),
                    paragraphs=list(group),
                    kind=_digest_kind(section, taxonomy),
                    section_hint=section,
                    published=page.header_date or page.stated_date,
                )
            )
    return items


# --- listing pages ----------------------------------------------------------------------------------


def _teaser_end(line: str, role_of: RoleOf) -> tuple[bool, str]:
    """(does this line close a teaser, the line to keep): separators close it and are dropped."""
    if is_separator_line(line):
        return True, ""
    stripped = strip_inline_continuation(line)
    if stripped is not None and role_of(stripped) is LineRole.CONTENT:
        return True, stripped
    return False, line


def looks_like_listing(lines: list[str], role_of: RoleOf) -> bool:
    """Several "Read More"/"Continue Reading" links, or a short label repeated before several titles."""
    separators = sum(1 for line in lines if _teaser_end(line, role_of)[0])
    if separators >= MIN_LISTING_SEPARATORS:
        return True
    return any(count >= 3 for count in _repeated_labels(lines, role_of).values())


def _is_label_shaped(line: str, role_of: RoleOf) -> bool:
    return role_of(line) is LineRole.HEADING and len(words_of(line)) <= MAX_LABEL_WORDS


def _repeated_labels(lines: list[str], role_of: RoleOf) -> dict[str, int]:
    """Short heading lines that recur directly above another heading: section labels of teasers."""
    counts: dict[str, int] = {}
    for line, following in itertools.pairwise(lines):
        if _is_label_shaped(line, role_of) and role_of(following) is LineRole.HEADING:
            counts[line] = counts.get(line, 0) + 1
    return counts


def split_teasers(lines: list[str], role_of: RoleOf) -> list[list[str]]:
    """Cut the page at every separator; only text and headings are kept, inline markers stripped."""
    segments: list[list[str]] = [[]]
    for line in lines:
        closes, kept = _teaser_end(line, role_of)
        if kept and role_of(kept) in (LineRole.CONTENT, LineRole.HEADING):
            segments[-1].append(kept)
        if closes:
            segments.append([])
    return [segment for segment in segments if segment]


def _leading_headings(segment: list[str], role_of: RoleOf) -> list[str]:
    headings = []
    for line in segment:
        if role_of(line) is not LineRole.HEADING:
            break
        headings.append(line)
    return headings


def known_labels(segments: list[list[str]], lines: list[str], role_of: RoleOf) -> set[str]:
    """Labels: short lines that open a teaser above its title, or recur above titles on the page."""
    labels = {label for label, count in _repeated_labels(lines, role_of).items() if count >= 2}
    for segment in segments:
        heads = _leading_headings(segment, role_of)
        opens_with_label = len(heads) >= 2 and _is_label_shaped(heads[0], role_of)
        if opens_with_label and len(words_of(heads[0])) < len(words_of(heads[1])):
            labels.add(heads[0])
    return labels


def split_at_labels(segment: list[str], labels: set[str], role_of: RoleOf) -> list[list[str]]:
    """A teaser that runs into the next without a separator is cut where the next label appears."""
    parts: list[list[str]] = [[]]
    seen_content = False
    for index, line in enumerate(segment):
        following = segment[index + 1] if index + 1 < len(segment) else ""
        opens_next = (
            seen_content
            and line in labels
            and following
            and role_of(following) is LineRole.HEADING
        )
        if opens_next:
            parts.append([])
            seen_content = False
        parts[-1].append(line)
        seen_content = seen_content or role_of(line) is LineRole.CONTENT
    return [part for part in parts if part]


def _teaser_item(
    segment: list[str], labels: set[str], repeats: dict[str, int], role_of: RoleOf
) -> TextItem | None:
    """Label, title, optional deck (dropped unless it is a sentence), then the body paragraphs."""
    heads = _leading_headings(segment, role_of)
    label = None
    if len(heads) >= 2 and heads[0] in labels:
        label, heads = heads[0], heads[1:]
    roles = [role_of(line) for line in segment]
    body_lines = segment[len(heads) + (1 if label else 0):]
    body_roles = roles[len(segment) - len(body_lines):]
    paragraphs = _body_paragraphs(body_lines, body_roles, heads[0] if heads else None, repeats)
    if not paragraphs:
        return None
    title = heads[0] if heads else title_from_text(paragraphs[0])
    return TextItem(title=title, paragraphs=paragraphs, kind="listing_item", label=label)


def _body_paragraphs(
    lines: list[str], roles: list[LineRole], title: str | None, repeats: dict[str, int]
) -> list[str]:
    """Content lines, plus subheadings that sit between two of them (not the title said again)."""
    last_content = max((i for i, role in enumerate(roles) if role is LineRole.CONTENT), default=-1)
    paragraphs = []
    for index, (line, role) in enumerate(zip(lines, roles, strict=True)):
        if role is LineRole.CONTENT:
            paragraphs.append(line)
        elif (
            role is LineRole.HEADING
            and paragraphs
            and index < last_content
            and line != title
            and repeats.get(line, 1) <= 1
        ):
            paragraphs.append(line)
    return paragraphs


def extract_listing(page: _Page) -> list[TextItem]:
    """One item per teaser; a page-wide label (the topic of a topic page) applies to every item."""
    segments = split_teasers(page.lines, page.role_of)
    labels = known_labels(segments, page.lines, page.role_of)
    repeats = line_repeats(page.lines)
    items = [
        item
        for segment in segments
        for part in split_at_labels(segment, labels, page.role_of)
        if (item := _teaser_item(part, labels, repeats, page.role_of)) is not None
    ]
    labelled = [item for item in items if item.label]
    if len(labelled) == 1 and items and items[0].label and len(items) > 1:
        for item in items:
            item.label = labelled[0].label
    for item in items:  # not the date stated at the top: on a listing it belongs to the first teaser only
        item.published = page.header_date
    return items


# --- single article pages ---------------------------------------------------------------------------


def _title_before_body(lines: list[str], roles: list[LineRole], body_start: int) -> str | None:
    """The headline: a heading just above the body, preferring one the page repeats, then the nearest.

    Only the few lines above the body are searched: menus and mastheads higher up repeat too.
    """
    repeats = line_repeats(lines)
    best: tuple[int, int] | None = None
    for index in range(max(0, body_start - TITLE_SEARCH_LINES), body_start):
        line = lines[index]
        if roles[index] is not LineRole.HEADING or len(words_of(line)) < 3:
            continue
        score = (min(repeats.get(line, 1), 3), index)
        if best is None or score > best:
            best = score
    return lines[best[1]] if best is not None else None


def extract_article(page: _Page) -> list[TextItem]:
    """The main run of prose on the page, with the title, date and byline found around it."""
    lines = page.lines
    roles = mark_teasers(lines, [page.role_of(line) for line in lines])
    run = main_content_run(lines, roles)
    if run is None:
        return []
    paragraphs = [lines[i] for i in run.kept]
    before_body = lines[: run.start]
    if header_title_is_usable(page.header_title):
        title = page.header_title or ""
    else:
        title = _title_before_body(lines, roles, run.start) or title_from_text(paragraphs[0])
    published = page.header_date or next(
        (found for line in before_body if (found := published_date(line)) is not None), page.stated_date
    )
    byline = next((name for line in before_body if (name := byline_name(line)) is not None), None)
    return [
        TextItem(
            title=title,
            paragraphs=paragraphs,
            kind="article",
            published=published,
            byline=byline,
        )
    ]
