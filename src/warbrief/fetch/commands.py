"""``warbrief fetch`` and ``warbrief watch``: thin wrappers over ``fetch_sources`` and ``watch``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from warbrief.clikit import (
    ConfigOption,
    DbOption,
    TaxonomyOption,
    err,
    open_pipeline,
    parse_day,
    progress_bars,
    reporter,
    settings_from,
)
from warbrief.fetch.live import FetchReport, fetch_sources
from warbrief.fetch.policy import FetchPolicy, user_agent
from warbrief.fetch.sources import Source, SourcesError, load_sources, select_sources
from warbrief.fetch.watch import CycleReport, IntervalError, parse_interval, watch

STOPPED = "every page stored so far is committed; the rest stay queued (and archived) for the next run"
SourcesOption = Annotated[str | None, typer.Option(
    "--sources", help="Sources YAML (feeds, sitemaps, URL lists) [default: the shipped war list]")]
SourceOption = Annotated[list[str] | None, typer.Option("--source", help="Poll only this source; repeat for several")]
ArchiveOption = Annotated[Path | None, typer.Option(
    "--archive", help="Folder for the WARC archive [default: archive/ beside the store]")]
DelayOption = Annotated[float | None, typer.Option(
    "--delay", help="Seconds between two requests to one host [default 1; robots.txt Crawl-delay can raise it]")]
ContactOption = Annotated[str | None, typer.Option(
    "--contact", help="Your e-mail or URL, added to the User-Agent so site owners can reach you")]


def _sources(path: str | None, names: list[str] | None) -> list[Source]:
    try:
        return select_sources(load_sources(path), names)
    except SourcesError as exc:
        raise typer.BadParameter(str(exc), param_hint="--sources/--source") from exc


def _policy(delay: float | None, contact: str | None) -> FetchPolicy:
    if delay is not None and delay < 0:
        raise typer.BadParameter("must be zero or more seconds", param_hint="--delay")
    return FetchPolicy().with_overrides(per_host_delay=delay, user_agent=user_agent(contact))


def _print_fetch(report: FetchReport) -> None:
    for skip in report.ingest.skipped:
        err.print(str(skip), style="yellow", markup=False, highlight=False)
    unchanged = sum(s.listings_unchanged + s.unchanged for s in report.poll.sources.values())
    archives = ", ".join(str(p) for p in report.archives) or "nothing archived"
    err.print(f"{report.ingest.added} new page(s) stored, {report.ingest.duplicates} already stored, "
              f"{unchanged} unchanged, {report.ingest.articles} article(s) extracted, "
              f"{len(report.ingest.skipped)} skipped; archive: {escape(archives)}")


def fetch(
    sources: SourcesOption = None,
    source: SourceOption = None,
    day: Annotated[str | None, typer.Option("--day", help="Briefing day to file the pages under")] = None,
    archive: ArchiveOption = None,
    delay: DelayOption = None,
    contact: ContactOption = None,
    db: DbOption = None,
    taxonomy: TaxonomyOption = None,
    config: ConfigOption = None,
) -> None:
    """Poll the sources once: fetch new pages politely, archive every response as WARC, store and extract them.

    Feeds and sitemaps are fetched with conditional GET; their pages are fetched once. Without --day a page
    belongs to its publication date, else the day it was fetched. Rebuild any store from the archive with
    `warbrief ingest archive/warbrief-DAY.warc.gz`.

    Example: warbrief fetch --source kyiv-independent --source isw --day 2024-12-28
    """
    parsed_day = parse_day(day, "--day")
    chosen = _sources(sources, source)
    policy = _policy(delay, contact)
    settings = settings_from(config, db, taxonomy)
    with open_pipeline(settings) as pipeline:
        try:
            with progress_bars() as bars:
                report = fetch_sources(pipeline, chosen, policy=policy, archive_dir=archive, day=parsed_day,
                                       progress=reporter(bars))
        except KeyboardInterrupt as exc:
            err.print(f"stopped; {STOPPED}")
            raise typer.Exit(130) from exc
    _print_fetch(report)


def watch_command(
    every: Annotated[str, typer.Option("--every", help="Time between polls, e.g. 30m, 1h, 90s")] = "30m",
    date_: Annotated[str | None, typer.Option("--date", help="Day to brief [default: today, UTC, each cycle]")] = None,
    out: Annotated[Path, typer.Option("--out", help="Folder for briefing-DATE.{html,md,json}")] = Path("out"),
    fmt: Annotated[list[str], typer.Option("--format", help="html, md or json; repeat for several")] = [  # noqa: B006
        "html", "md", "json"],
    cycles: Annotated[int | None, typer.Option("--cycles", help="Stop after this many polls [default: never]")] = None,
    sources: SourcesOption = None,
    source: SourceOption = None,
    archive: ArchiveOption = None,
    delay: DelayOption = None,
    contact: ContactOption = None,
    db: DbOption = None,
    taxonomy: TaxonomyOption = None,
    config: ConfigOption = None,
) -> None:
    """Poll the sources on a schedule, ingest what is new and rebuild the day's briefing, logging what changed.

    Stop it at any moment (Ctrl-C): every stored page is committed, and pages not yet stored stay queued
    (and archived) for the next run.

    Example: warbrief watch --every 30m --out out
    """
    try:
        seconds = parse_interval(every)
    except IntervalError as exc:
        raise typer.BadParameter(str(exc), param_hint="--every") from exc
    day = parse_day(date_, "--date")
    bad = [f for f in fmt if f not in ("html", "md", "json")]
    if bad:
        raise typer.BadParameter(f"unknown format(s) {bad}; choose from html, md, json", param_hint="--format")
    if cycles is not None and cycles < 1:
        raise typer.BadParameter("must be 1 or more", param_hint="--cycles")
    chosen = _sources(sources, source)
    policy = _policy(delay, contact)
    settings = settings_from(config, db, taxonomy)

    def show(report: CycleReport) -> None:
        _print_fetch(report.fetch)
        err.print(escape(report.summary()))
        for title in report.new_titles[:20]:
            err.print(f"  new: {title}", markup=False, highlight=False)
        for kind, path in report.briefing_paths.items():
            typer.echo(f"{kind}: {path}")

    done: list[CycleReport] = []
    with open_pipeline(settings) as pipeline:
        try:
            with progress_bars() as bars:
                done = watch(pipeline, chosen, seconds, out=out, day=day, formats=fmt, policy=policy,
                             archive_dir=archive, cycles=cycles, on_cycle=show, progress=reporter(bars))
        except KeyboardInterrupt:
            err.print(f"stopped; {STOPPED}")
            return
    err.print(f"done after {len(done)} cycle(s)")


def register(app: typer.Typer) -> None:
    """Add ``fetch`` and ``watch`` to the ``warbrief`` command."""
    app.command("fetch")(fetch)
    app.command("watch")(watch_command)
