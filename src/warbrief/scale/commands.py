"""``warbrief reprocess``: a thin wrapper over ``warbrief.scale.reprocess`` on the runner the options name."""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from warbrief.clikit import (
    ConfigOption,
    DbOption,
    SchedulerOption,
    TaxonomyOption,
    err,
    open_pipeline,
    parse_day,
    progress_bars,
    reporter,
    settings_from,
    with_scheduler,
)
from warbrief.scale.errors import RunnerError


def reprocess_command(
    from_: Annotated[str, typer.Option("--from", help="First day, YYYY-MM-DD")],
    to: Annotated[str | None, typer.Option("--to", help="Last day, YYYY-MM-DD [default: --from]")] = None,
    stage: Annotated[str | None, typer.Option(
        "--stage", help="Re-run from this stage on: extract, understand, group or write [default: extract]")] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, max=256,
                                         help="Without --scheduler: start a local Dask cluster of N workers")] = 1,
    out: Annotated[Path | None, typer.Option("--out", help="Also write each day's briefing files here")] = None,
    db: DbOption = None,
    taxonomy: TaxonomyOption = None,
    config: ConfigOption = None,
    scheduler: SchedulerOption = None,
) -> None:
    """Re-run stages over the stored days FROM..TO, in parallel on a cluster, resumable (run it again to continue).

    Use after a model, taxonomy or extractor change; stored briefings of those days are replaced.

    Example: warbrief reprocess --from 2024-12-01 --to 2024-12-31 --stage understand --workers 2
    """
    from warbrief.scale.reprocess import ReprocessError, reprocess
    from warbrief.scale.runner import DaskRunner, InProcessRunner
    from warbrief.scale.worker import StageJob, WorkerContext

    start = parse_day(from_, "--from")
    end = parse_day(to, "--to") or start
    assert start is not None and end is not None
    settings = with_scheduler(settings_from(config, db, taxonomy), scheduler)
    out_dir = str(out.resolve()) if out else None
    with ExitStack() as stack:
        # Without --scheduler, open_pipeline stays in this process; the runner is chosen here.
        pipeline = stack.enter_context(open_pipeline(settings.with_overrides(dask_scheduler="")))
        job = StageJob(pipeline.store.location, settings, out_dir)
        try:
            if settings.dask_scheduler:
                runner = DaskRunner.connect(settings.dask_scheduler, job)
            elif workers > 1:
                runner = DaskRunner.local(workers, job)
            else:
                runner = InProcessRunner(WorkerContext(pipeline.store, settings, pipeline.taxonomy, out_dir))
        except RunnerError as exc:
            err.print(f"[red]error:[/red] {escape(str(exc))}")
            raise typer.Exit(2) from exc
        stack.callback(runner.close)
        try:
            with progress_bars() as bars:
                report = reprocess(pipeline.store, runner, start, end, stage, progress=reporter(bars))
        except ReprocessError as exc:
            raise typer.BadParameter(str(exc), param_hint="--stage / --from / --to") from exc
    resumed = " (resumed)" if report.resumed else ""
    counts = ", ".join(f"{name} {count}" for name, count in report.documents.items())
    err.print(f"reprocessed {start.isoformat()}..{end.isoformat()}{resumed}: {counts}; "
              f"{len(report.days)} day(s) briefed in {report.seconds:.1f} s")
    for day in report.days:
        typer.echo(day.isoformat())


def register(app: typer.Typer) -> None:
    app.command("reprocess")(reprocess_command)
