"""Pieces every ``warbrief`` command shares: options, day parsing, settings, the pipeline and progress bars.

Command modules (``warbrief.cli`` and the ``commands`` module of each feature package) import from here so that
each stays a thin wrapper over the library and errors read the same everywhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from warbrief.config import SCHEDULER_SCHEMES, ConfigError, Settings, load_settings
from warbrief.pipeline import Pipeline
from warbrief.scale.errors import RunnerError
from warbrief.store import StoreError
from warbrief.taxonomy import TaxonomyError
from warbrief.textdates import parse_iso_day

# soft_wrap: paths in messages must stay on one line for grep and copy-paste.
err = Console(stderr=True, soft_wrap=True)

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="SQLite store file, or a postgresql://USER@HOST/DB URL "
                 "[env: WARBRIEF_DB; default ./warbrief.db]"),
]
SchedulerOption = Annotated[
    str | None,
    typer.Option("--scheduler", help="Run extract and understand on this Dask scheduler, e.g. tcp://HOST:8786 "
                 "[env: WARBRIEF_DASK; default: in this process]"),
]
TaxonomyOption = Annotated[
    str | None, typer.Option("--taxonomy", help="Briefing taxonomy YAML [default: the shipped one]")
]
ConfigOption = Annotated[str | None, typer.Option("--config", help="Settings TOML file [env: WARBRIEF_CONFIG]")]


def parse_day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return parse_iso_day(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint=option) from exc


def settings_from(config: str | None, db: str | None, taxonomy: str | None) -> Settings:
    try:
        return load_settings(config).with_overrides(db=db, taxonomy=taxonomy)
    except ConfigError as exc:
        raise typer.BadParameter(str(exc), param_hint="--config") from exc


def with_scheduler(settings: Settings, scheduler: str | None) -> Settings:
    """``settings`` with the --scheduler option applied (checked like the setting it overrides)."""
    if scheduler is not None and not scheduler.startswith(SCHEDULER_SCHEMES):
        raise typer.BadParameter(f"{scheduler!r} is not a scheduler address; use tcp://HOST:8786",
                                 param_hint="--scheduler")
    return settings.with_overrides(dask_scheduler=scheduler)


@contextmanager
def open_pipeline(settings: Settings) -> Iterator[Pipeline]:
    try:
        pipeline = Pipeline.open(settings)
    except (StoreError, TaxonomyError, RunnerError) as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from exc
    try:
        yield pipeline
    except RunnerError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from exc
    finally:
        pipeline.close()


@contextmanager
def progress_bars() -> Iterator[Progress]:
    with Progress(
        SpinnerColumn(), TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=False,
    ) as bars:
        yield bars


def reporter(bars: Progress):  # type: ignore[no-untyped-def]
    tasks: dict[str, int] = {}

    def report(stage: str, done: int, total: int | None) -> None:
        if stage not in tasks:
            tasks[stage] = bars.add_task(stage, total=total)
        bars.update(tasks[stage], completed=done, total=total)

    return report
