"""The briefing as JSON: the stored form of a day, from which HTML and Markdown can be rendered again.

The shape is fixed by ``warbrief/data/briefing.schema.json`` and documented in ``docs/json-schema.md``;
keys are emitted in a fixed order so two runs over the same day produce byte-identical files.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from warbrief.publish.layout import (
    STANDARD_LOSS_CATEGORIES,
    briefing_title,
    dedupe_citations,
    ordered_loss_categories,
    visible_sections,
)
from warbrief.records import (
    SENTENCE_STATUSES,
    Briefing,
    BriefingItem,
    Citation,
    CitedSentence,
    CivilianCasualties,
    LossCount,
    Section,
    SourceRef,
)


def citation_to_dict(c: Citation) -> dict[str, Any]:
    return {
        "article_id": c.article_id,
        "url": c.url,
        "outlet": c.outlet,
        "quote": c.quote,
        "start": c.start,
        "end": c.end,
        "origin": c.origin,
        "title": c.title,
    }


def citation_from_dict(d: dict[str, Any]) -> Citation:
    return Citation(
        article_id=str(d["article_id"]),
        quote=str(d["quote"]),
        start=int(d["start"]),
        end=int(d["end"]),
        outlet=d.get("outlet"),
        url=d.get("url"),
        origin=str(d.get("origin") or ""),
        title=str(d.get("title") or ""),
    )


def sentence_to_dict(s: CitedSentence) -> dict[str, Any]:
    return {"text": s.text, "status": s.status, "citations": [citation_to_dict(c) for c in s.citations]}


def sentence_from_dict(d: dict[str, Any]) -> CitedSentence:
    """A stored sentence; ``status`` is absent from briefings written before it existed (None: nothing to mark)."""
    status = d.get("status")
    return CitedSentence(
        text=str(d["text"]),
        citations=[citation_from_dict(c) for c in d.get("citations", [])],
        status=status if status in SENTENCE_STATUSES else None,
    )


def item_to_dict(item: BriefingItem) -> dict[str, Any]:
    """An item with its text and citation union precomputed, so consumers need not rebuild them."""
    union = dedupe_citations([c for s in item.sentences for c in s.citations])
    return {
        "story_id": item.story_id,
        "title": item.title,
        "corroboration": item.corroboration,
        "status": item.status,
        "since": item.since.isoformat() if item.since else None,
        "text": item.text,
        "sentences": [sentence_to_dict(s) for s in item.sentences],
        "citations": [citation_to_dict(c) for c in union],
    }


def item_from_dict(d: dict[str, Any]) -> BriefingItem:
    """``text`` and ``citations`` are derived from the sentences, so they are not read back."""
    return BriefingItem(
        story_id=d.get("story_id"),
        title=str(d.get("title") or ""),
        sentences=[sentence_from_dict(s) for s in d.get("sentences", [])],
        corroboration=int(d.get("corroboration", 1)),
        status=d.get("status") if d.get("status") in ("new", "continuing", "escalating") else None,
        since=_date_or_none(d.get("since")),
    )


def _date_or_none(value: Any) -> date | None:
    """A stored ISO day; briefings from before story threads have none."""
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def section_to_dict(s: Section) -> dict[str, Any]:
    return {
        "id": s.id,
        "title": s.title,
        "parent": s.parent,
        "preamble": s.preamble,
        "items": [item_to_dict(i) for i in s.items],
    }


def section_from_dict(d: dict[str, Any]) -> Section:
    return Section(
        id=str(d["id"]),
        title=str(d["title"]),
        items=[item_from_dict(i) for i in d.get("items", [])],
        parent=d.get("parent"),
        preamble=d.get("preamble"),
    )


def losses_to_dict(losses: dict[str, LossCount]) -> dict[str, dict[str, int | None]]:
    """Every standard category is always present (null when unknown) so consumers can index blindly."""
    keys = list(STANDARD_LOSS_CATEGORIES) + [
        k for k in ordered_loss_categories(losses) if k not in STANDARD_LOSS_CATEGORIES
    ]
    out: dict[str, dict[str, int | None]] = {}
    for k in keys:
        v = losses.get(k, LossCount(today=None, total=None))
        out[k] = {"today": v.today, "total": v.total}
    return out


def losses_from_dict(d: dict[str, Any]) -> dict[str, LossCount]:
    """Categories with neither number were padding added by ``losses_to_dict``; they are dropped."""
    out: dict[str, LossCount] = {}
    for k, v in d.items():
        today, total = v.get("today"), v.get("total")
        if today is None and total is None:
            continue
        out[k] = LossCount(
            today=None if today is None else int(today), total=None if total is None else int(total)
        )
    return out


def civilians_to_dict(cc: CivilianCasualties | None) -> dict[str, Any] | None:
    if cc is None:
        return None
    return {
        "killed": cc.killed,
        "injured": cc.injured,
        "citations": [citation_to_dict(c) for c in cc.citations],
    }


def civilians_from_dict(d: dict[str, Any] | None) -> CivilianCasualties | None:
    if d is None:
        return None
    return CivilianCasualties(
        killed=d.get("killed"),
        injured=d.get("injured"),
        citations=[citation_from_dict(c) for c in d.get("citations", [])],
    )


def source_to_dict(s: SourceRef) -> dict[str, Any]:
    return {
        "outlet": s.outlet,
        "url": s.url,
        "title": s.title,
        "article_id": s.article_id,
        "origin": s.origin,
    }


def source_from_dict(d: dict[str, Any]) -> SourceRef:
    return SourceRef(
        outlet=d.get("outlet"),
        url=d.get("url"),
        title=str(d.get("title") or ""),
        article_id=str(d["article_id"]),
        origin=str(d.get("origin") or ""),
    )


def _jsonable(value: Any) -> Any:
    """Stats are free-form: make them JSON-safe (dates as ISO strings) with sorted keys for stability."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return [_jsonable(v) for v in items]
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def briefing_to_dict(b: Briefing) -> dict[str, Any]:
    """The briefing as plain data; sections without content are left out, as in every other format."""
    return {
        "date": b.date.isoformat(),
        "generated_at": b.generated_at.isoformat() if b.generated_at else None,
        "title": briefing_title(b),
        "sections": [section_to_dict(s) for s in visible_sections(b)],
        "losses": losses_to_dict(b.losses),
        "losses_citations": [citation_to_dict(c) for c in b.losses_citations],
        "civilian_casualties": civilians_to_dict(b.civilian_casualties),
        "sources": [source_to_dict(s) for s in b.sources],
        "stats": _jsonable(b.stats),
    }


def briefing_from_dict(d: dict[str, Any]) -> Briefing:
    """Rebuild a stored briefing so it can be rendered again; derived fields (title, item text and
    citation unions) are recomputed rather than trusted."""
    generated = d.get("generated_at")
    return Briefing(
        date=date.fromisoformat(d["date"]),
        sections=[section_from_dict(s) for s in d.get("sections", [])],
        losses=losses_from_dict(d.get("losses") or {}),
        losses_citations=[citation_from_dict(c) for c in d.get("losses_citations", [])],
        civilian_casualties=civilians_from_dict(d.get("civilian_casualties")),
        sources=[source_from_dict(s) for s in d.get("sources", [])],
        generated_at=datetime.fromisoformat(generated) if generated else None,
        stats=dict(d.get("stats") or {}),
    )


def render_json(b: Briefing) -> str:
    """Pretty, UTF-8 JSON with a trailing newline; key order is fixed by ``briefing_to_dict``."""
    return json.dumps(briefing_to_dict(b), indent=2, ensure_ascii=False) + "\n"
