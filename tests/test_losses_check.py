"""Today = total − yesterday's total, checked when both days are stored: a contradiction is flagged above the
losses table and in the stats, and the figures stay as the source printed them."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from warbrief.config import Settings
from warbrief.pipeline import Pipeline

REPORT = ("Russia has lost {total} troops in Ukraine since Feb. 24, 2022, including {today} in the past day, "
          "the General Staff of Ukraine's Armed Forces reported. According to the report, Russia has also lost "
          "{tanks} tanks and 369 airplanes.")


def _brief(tmp_path: Path, second_today: str) -> tuple[dict[str, object], str]:
    feed = tmp_path / "losses.jsonl"
    rows = [("2024-12-28", "784,200", "1,690", "9,651"), ("2024-12-29", "785,780", second_today, "9,657")]
    feed.write_text("\n".join(json.dumps({
        "url": f"https://news.test/losses-{d}", "title": f"General Staff report {d}", "date": d,
        "outlet": "news.test", "text": REPORT.format(total=total, today=today, tanks=tanks)})
        for d, total, today, tanks in rows), "utf-8")
    with Pipeline.open(Settings(db=str(tmp_path / "store.db"))) as pipeline:
        pipeline.ingest([feed])
        pipeline.brief(date(2024, 12, 28), tmp_path / "out", formats=["json"])
        report = pipeline.brief(date(2024, 12, 29), tmp_path / "out", formats=["md"])
    losses = next(s for s in report.briefing.sections if s.id == "russian_losses")
    return report.briefing.stats, losses.preamble or ""


def test_a_day_count_that_contradicts_the_totals_is_flagged(tmp_path: Path) -> None:
    stats, preamble = _brief(tmp_path, "1,500")
    assert stats["losses_check"] == [{"category": "personnel", "stated_today": 1500, "expected_today": 1580,
                                      "total": 785780, "previous_total": 784200}]
    assert "personnel: +1,500 stated, but 785,780 − 784,200 (the previous day's total) = +1,580" in preamble
    markdown = (tmp_path / "out" / "briefing-2024-12-29.md").read_text("utf-8")
    assert "do not add up with the previous day's report" in markdown
    assert "+1,500" in markdown  # the source's figure is still printed, flagged rather than replaced


def test_consistent_days_are_not_flagged(tmp_path: Path) -> None:
    stats, preamble = _brief(tmp_path, "1,580")
    assert "losses_check" not in stats
    assert "do not add up" not in preamble
