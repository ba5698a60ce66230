"""A real store for the web tests: the demo corpus (2024-12-28) and a hostile second day (2024-12-29), built by
the real pipeline in-process (models included), once per test session."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from warbrief.config import Settings
from warbrief.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "examples" / "demo"
DAY2 = Path(__file__).resolve().parent / "data" / "web"
DAY1_DATE, DAY2_DATE = date(2024, 12, 28), date(2024, 12, 29)


def build_web_store(root: Path, db: str | None = None) -> Path:
    """The SQLite store ``root/web.db``; or, given ``db`` (a PostgreSQL URL), the same content in that database."""
    store = db or str(root / "web.db")
    day2 = root / "day2"
    shutil.copytree(DAY2, day2, ignore=shutil.ignore_patterns("README.md"))
    with Pipeline.open(Settings().with_overrides(db=store)) as pipeline:
        pipeline.ingest([DEMO], day=DAY1_DATE)
        pipeline.ingest([day2], day=DAY2_DATE)
        pipeline.brief(DAY1_DATE, root / "out", formats=["json"])
        pipeline.brief(DAY2_DATE, root / "out", formats=["json"])
    return root / "web.db"
