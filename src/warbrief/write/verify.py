"""The citation check that every briefing must pass before it is published.

Rule of the write stage: nothing is said that a source did not say. So every quote must occur verbatim in
the stored article at its recorded span, and every number and capitalised name in a briefing sentence
must appear in the sentences it cites. Extractive sentences pass by construction; the check is what keeps
the sentence clean-up (cleanup.py: deletions only), the attribution frames (attribution.py) and the optional
generative backend honest.

Two additions of attribution.py are accepted explicitly. A frame "According to <source>, …" names a source
in the article's own words: normally the sentence naming it is cited too, so its names are in the quotes;
when only the article's title names the source, the frame's names may come from the title of a cited
article (``frame_names``). The "(unverified)" marker holds no number or name. Neither says anything the
article does not: the source is who the article itself says the claim comes from, and the marker repeats
the article's own "could not be verified".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping

from warbrief.records import Article, Briefing, Citation
from warbrief.write.select import numbers_in

_NAME = re.compile(r"(?<![\w.])([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*)")


class BriefingCheckFailed(ValueError):
    """A briefing cites something its sources do not say; it must not be published."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(f"{len(problems)} citation problem(s): " + "; ".join(problems[:5]))
        self.problems = problems


def _names(text: str) -> set[str]:
    """Capitalised words that are not merely the first word of the sentence."""
    names = set()
    for match in _NAME.finditer(text):
        if match.start() == 0:
            words = match.group(1).split()[1:]
        else:
            words = match.group(1).split()
        names.update(w for w in words if len(w) > 1)
    return names


def names_in(text: str) -> set[str]:
    """The names the citation check looks for in ``text`` (capitalised words past the first word)."""
    return _names(text)


def unsupported_numbers(text: str, quotes: Iterable[str]) -> set[str]:
    """Numbers ``text`` states that none of ``quotes`` states (the numbers half of the citation check)."""
    return numbers_in(text) - numbers_in(" ".join(quotes))


def unsupported_names(text: str, quotes: Iterable[str]) -> set[str]:
    """Capitalised names of ``text`` that occur in none of ``quotes`` (the names half of the citation check)."""
    quoted = " ".join(quotes)
    return {n for n in _names(text) if n not in quoted}


_FRAME = re.compile(r"^According to (?P<who>[^,]{1,120}), ")


def frame_names(text: str, titles: Iterable[str]) -> set[str]:
    """Names of an "According to <source>, " frame that occur in one of ``titles`` (the cited articles')."""
    match = _FRAME.match(text)
    if not match:
        return set()
    titled = " ".join(titles)
    return {n for n in _names(f"x {match.group('who')}") if n in titled}


def unsupported_terms(text: str, quotes: Iterable[str]) -> set[str]:
    """Everything ``text`` says that its quotes do not: a non-empty answer fails the citation check.

    Shared with the generative backend so that a rewrite is accepted by exactly the rule that will later
    guard publication.
    """
    quotes = list(quotes)
    return unsupported_numbers(text, quotes) | unsupported_names(text, quotes)


def _citation_problems(citation: Citation, articles: Mapping[str, Article], where: str) -> Iterator[str]:
    article = articles.get(citation.article_id)
    if article is None:
        yield f"{where}: cites unknown article {citation.article_id}"
        return
    if article.text[citation.start : citation.end] != citation.quote:
        yield f"{where}: quote is not the stored text of {citation.article_id} at {citation.start}-{citation.end}"
    if citation.quote not in article.text:
        yield f"{where}: quote does not occur in article {citation.article_id}"


def check_briefing(briefing: Briefing, articles: Mapping[str, Article]) -> list[str]:
    """Every problem found; an empty list means the briefing may be published."""
    problems: list[str] = []
    for section in briefing.sections:
        for number, item in enumerate(section.items, start=1):
            for sentence in item.sentences:
                where = f"{section.title} item {number}"
                if not sentence.citations:
                    problems.append(f"{where}: sentence without citation: {sentence.text[:60]!r}")
                    continue
                for citation in sentence.citations:
                    problems.extend(_citation_problems(citation, articles, where))
                quotes = [c.quote for c in sentence.citations]
                missing_numbers = unsupported_numbers(sentence.text, quotes)
                if missing_numbers:
                    problems.append(f"{where}: numbers not in its sources: {sorted(missing_numbers)}")
                missing_names = unsupported_names(sentence.text, quotes)
                if missing_names:
                    titles = [articles[c.article_id].title for c in sentence.citations if c.article_id in articles]
                    missing_names -= frame_names(sentence.text, titles)
                if missing_names:
                    problems.append(f"{where}: names not in its sources: {sorted(missing_names)}")
    for citation in briefing.losses_citations:
        problems.extend(_citation_problems(citation, articles, "losses table"))
    if briefing.civilian_casualties:
        for citation in briefing.civilian_casualties.citations:
            problems.extend(_citation_problems(citation, articles, "civilian count"))
    return problems


def ensure_publishable(briefing: Briefing, articles: Mapping[str, Article]) -> None:
    problems = check_briefing(briefing, articles)
    if problems:
        raise BriefingCheckFailed(problems)
