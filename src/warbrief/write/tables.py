"""The numbers every reader looks for first: the losses table, the civilian count, the source list.

Each comes from stored facts, never from free text, and keeps a citation to the exact span that states
it, so the table can be checked against its source like any summary sentence.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from warbrief.records import Article, Briefing, Citation, CivilianCasualties, Fact, LossCount, SourceRef
from warbrief.understand.consistency import LossMismatch

_SOURCE_LINE = re.compile(r"^(?P<name>.+?)\s+[–—-]\s+(?P<domain>[a-z0-9.-]+\.[a-z]{2,})/?$", re.IGNORECASE)


def span_citation(article: Article, start: int, end: int) -> Citation:
    """A citation whose quote is exactly the article's text over [start, end)."""
    return Citation(article_id=article.id, quote=article.text[start:end], start=start, end=end,
                    outlet=article.outlet, url=article.url, origin=article.origin, title=article.title)


def _loss_report_weight(fact: Fact) -> tuple[int, int, int]:
    values = fact.values
    totals = sum(1 for v in values.values() if isinstance(v, dict) and v.get("total") is not None)
    todays = sum(1 for v in values.values() if isinstance(v, dict) and v.get("today") is not None)
    personnel = (values.get("personnel") or {}).get("total") or 0
    return (totals, todays, int(personnel))


def losses_table(
    facts: Sequence[Fact], articles: Mapping[str, Article]
) -> tuple[dict[str, LossCount], list[Citation]]:
    """The day's most complete loss report (most categories, then the highest running total)."""
    reports = [f for f in facts if f.kind == "losses" and f.article_id in articles]
    if not reports:
        return {}, []
    best = max(reports, key=_loss_report_weight)
    table = {
        category: LossCount(today=value.get("today"), total=value.get("total"))
        for category, value in best.values.items()
        if isinstance(value, dict)
    }
    return table, [span_citation(articles[best.article_id], best.start, best.end)]


def civilian_casualties(
    facts: Sequence[Fact], articles: Mapping[str, Article]
) -> CivilianCasualties | None:
    """The day's civilian count: a stated day total if a source gives one, else the sum of incidents.

    Incidents repeated by several outlets (same place, same numbers) are counted once.
    """
    found = [f for f in facts if f.kind == "civilian_casualties" and f.article_id in articles]
    if not found:
        return None
    totals = [f for f in found if f.values.get("scope") == "day_total"]
    if totals:
        chosen = max(totals, key=lambda f: (f.values.get("killed") or 0) + (f.values.get("injured") or 0))
        return CivilianCasualties(
            killed=chosen.values.get("killed"),
            injured=chosen.values.get("injured"),
            citations=[span_citation(articles[chosen.article_id], chosen.start, chosen.end)],
        )
    seen: set[tuple[object, object, object]] = set()
    killed = injured = 0
    citations = []
    for fact in found:
        key = (fact.values.get("place"), fact.values.get("killed"), fact.values.get("injured"))
        if key in seen:
            continue
        seen.add(key)
        killed += fact.values.get("killed") or 0
        injured += fact.values.get("injured") or 0
        citations.append(span_citation(articles[fact.article_id], fact.start, fact.end))
    return CivilianCasualties(killed=killed, injured=injured, citations=citations)


def source_list(cited: Sequence[Article], source_items: Sequence[Article]) -> list[SourceRef]:
    """Every document the briefing cites, then the sources that ingested digests name themselves."""
    refs: list[SourceRef] = []
    seen: set[str] = set()
    digest_items: dict[str, list[Article]] = {}
    for article in cited:
        if article.kind in ("digest_item", "digest_summary"):
            digest_items.setdefault(article.raw_id, []).append(article)
        elif article.id not in seen:
            seen.add(article.id)
            refs.append(SourceRef(outlet=article.outlet, url=article.url, title=article.title,
                                  article_id=article.id, origin=article.origin))
    # A digest is one source however many of its paragraphs are cited.
    for items in digest_items.values():
        first = items[0]
        count = len({a.id for a in items})
        refs.append(SourceRef(outlet=first.outlet, url=first.url, article_id=first.id, origin=first.origin,
                              title=f"daily digest ({count} item{'s' if count != 1 else ''} cited)"))
    for item in source_items:
        for line in item.paragraphs:
            match = _SOURCE_LINE.match(line.strip())
            if match and match.group("domain").lower() not in seen:
                seen.add(match.group("domain").lower())
                refs.append(SourceRef(outlet=match.group("name").strip(), url=f"https://{match.group('domain')}",
                                      title=f"cited by {item.source_label}", article_id=item.id,
                                      origin=item.origin))
    return refs


def flag_losses_mismatches(briefing: Briefing, mismatches: Sequence[LossMismatch], losses_section: str) -> None:
    """Say, above the losses table, where a day's "+today" is not its total minus the previous day's total.

    The figures stay as the source printed them (a reader compares them with the source); the note and the
    stats tell that they contradict each other, instead of the briefing silently choosing one.
    """
    if not mismatches:
        return
    parts = [
        f"{m.category.replace('_', ' ')}: +{m.stated_today:,} stated, but {m.total:,} − {m.previous_total:,} "
        f"(the previous day's total) = {m.expected_today:+,}"
        for m in mismatches
    ]
    note = "Check: the day's figures do not add up with the previous day's report — " + "; ".join(parts) + "."
    for section in briefing.sections:
        if section.id == losses_section:
            section.preamble = f"{section.preamble} {note}" if section.preamble else note
    briefing.stats["losses_check"] = [
        {"category": m.category, "stated_today": m.stated_today, "expected_today": m.expected_today,
         "total": m.total, "previous_total": m.previous_total}
        for m in mismatches
    ]
