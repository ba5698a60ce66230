"""The ``warbrief`` command: thin wrappers over the library, one function call per command.

Library errors become one-line messages that say what is wrong and how to fix it; progress is drawn with
Rich on stderr so that stdout stays clean for paths and JSON.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.logging import RichHandler
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
from warbrief.extract.inspect import InspectError, extract_path
from warbrief.fetch import commands as fetch_commands
from warbrief.group.explain import UnknownStory, explain_story, format_explanation, format_story_list
from warbrief.pipeline import NothingToBrief
from warbrief.publish import briefing_from_dict, write_briefing
from warbrief.publish.topic import write_topic
from warbrief.scale import commands as scale_commands
from warbrief.store import store_label
from warbrief.web import commands as web_commands
from warbrief.write.topic import TopicQueryError, build_topic
from warbrief.write.verify import BriefingCheckFailed

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Turn a day's raw war news into a cited briefing.")


@app.callback()
def _main(verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log each skipped input")] = False) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.ERROR, format="%(message)s",
                        handlers=[RichHandler(console=err, show_path=False)])


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (.txt, .html, .jsonl, .warc, .gz)")],
    day: Annotated[str | None, typer.Option("--day", help="Briefing day these documents were collected for")] = None,
    db: DbOption = None,
    taxonomy: TaxonomyOption = None,
    config: ConfigOption = None,
    scheduler: SchedulerOption = None,
) -> None:
    """Store raw documents and extract their articles (the same bytes twice are stored once).

    Without --day each article belongs to its publication date, else the file's modification date.

    Example: warbrief ingest examples/demo --day 2024-12-28
    """
    parsed_day = parse_day(day, "--day")
    settings = with_scheduler(settings_from(config, db, taxonomy), scheduler)
    with open_pipeline(settings) as pipeline, progress_bars() as bars:
        report = pipeline.ingest(paths, day=parsed_day, progress=reporter(bars))
    for skip in report.skipped:
        err.print(str(skip), style="yellow", markup=False, highlight=False)
    err.print(
        f"stored {report.added} new document(s), {report.duplicates} already stored, "
        f"{report.articles} article(s) extracted, {len(report.skipped)} skipped -> {store_label(settings.db)}"
    )


@app.command()
def brief(
    date_: Annotated[str, typer.Option("--date", help="The day to brief, YYYY-MM-DD")],
    out: Annotated[Path, typer.Option("--out", help="Folder for briefing-DATE.{html,md,json}")] = Path("out"),
    fmt: Annotated[list[str], typer.Option("--format", help="html, md or json; repeat for several")] = [  # noqa: B006
        "html", "md", "json"],
    db: DbOption = None,
    taxonomy: TaxonomyOption = None,
    config: ConfigOption = None,
    scheduler: SchedulerOption = None,
    llm_url: Annotated[str | None, typer.Option(
        "--llm-url", help="OpenAI-compatible endpoint to rewrite story summaries, e.g. http://127.0.0.1:8080/v1 "
        "[env: WARBRIEF_LLM_BASE_URL; key from WARBRIEF_LLM_API_KEY]")] = None,
) -> None:
    """Build the day's briefing from the store and write it; prints the paths written.

    Example: warbrief brief --date 2024-12-28 --out out
    """
    day = parse_day(date_, "--date")
    assert day is not None
    bad = [f for f in fmt if f not in ("html", "md", "json")]
    if bad:
        raise typer.BadParameter(f"unknown format(s) {bad}; choose from html, md, json", param_hint="--format")
    if llm_url is not None and not llm_url.startswith(("http://", "https://")):
        raise typer.BadParameter(f"{llm_url!r} is not an http(s) URL", param_hint="--llm-url")
    settings = with_scheduler(settings_from(config, db, taxonomy), scheduler).with_overrides(llm_base_url=llm_url)
    with open_pipeline(settings) as pipeline:
        try:
            with progress_bars() as bars:
                report = pipeline.brief(day, out, formats=fmt, progress=reporter(bars))
        except NothingToBrief as exc:
            err.print(f"[red]error:[/red] {escape(str(exc))}; ingest documents with --day {day.isoformat()} first")
            raise typer.Exit(1) from exc
        except BriefingCheckFailed as exc:
            err.print(f"[red]error:[/red] briefing not published: {escape(str(exc))}")
            raise typer.Exit(1) from exc
    if report.stale:
        err.print(f"[yellow]note:[/yellow] {report.stale} stored articles had been understood by another warbrief "
                  "version; this day's were understood again (`warbrief reprocess --stage understand` redoes all days)")
    stats = report.briefing.stats
    err.print(f"{stats.get('articles', 0)} articles, {len(report.stories)} stories, "
              f"{sum(len(s.items) for s in report.briefing.sections)} items")
    llm = stats.get("llm")
    if llm:
        err.print(f"model {escape(str(llm['model']))}: {llm['sentences_rewritten']} sentence(s) rewritten, "
                  f"{sum(llm['sentences_kept'].values())} kept ({escape(str(llm['status']))})")
    for kind, path in report.paths.items():
        typer.echo(f"{kind}: {path}")


@app.command()
def export(
    date_: Annotated[str | None, typer.Option("--date", help="One day; default: every stored briefing")] = None,
    out: Annotated[Path, typer.Option("--out", help="Output folder")] = Path("out"),
    fmt: Annotated[list[str], typer.Option("--format", help="html, md or json")] = ["json"],  # noqa: B006
    articles: Annotated[bool, typer.Option("--articles", help="Export stored articles as JSONL instead")] = False,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Write stored briefings again (or the stored articles as JSONL) without recomputing anything.

    Example: warbrief export --format md --out archive/
    """
    settings = settings_from(config, db, None)
    day = parse_day(date_, "--date")
    with open_pipeline(settings) as pipeline:
        store = pipeline.store
        out.mkdir(parents=True, exist_ok=True)
        if articles:
            path = out / (f"articles-{day.isoformat()}.jsonl" if day else "articles.jsonl")
            with path.open("w", encoding="utf-8") as handle:
                for article in store.articles(day=day):
                    handle.write(json.dumps(_article_json(article), ensure_ascii=False) + "\n")
            typer.echo(f"jsonl: {path}")
            return
        days = [day] if day else store.briefing_days()
        if not days:
            err.print("[red]error:[/red] no briefing stored yet; run `warbrief brief --date YYYY-MM-DD` first")
            raise typer.Exit(1)
        for d in days:
            document = store.briefing(d)
            if document is None:
                err.print(f"[red]error:[/red] no briefing stored for {d.isoformat()}")
                raise typer.Exit(1)
            for kind, path in write_briefing(briefing_from_dict(document), out, formats=tuple(fmt)).items():
                typer.echo(f"{kind}: {path}")


def _article_json(article) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return {
        "id": article.id, "title": article.title, "outlet": article.outlet, "url": article.url,
        "published": article.published.isoformat() if article.published else None, "day": article.day.isoformat(),
        "language": article.language, "kind": article.kind, "section_hint": article.section_hint,
        "origin": article.origin, "text": article.text,
    }


@app.command()
def extract(
    path: Annotated[Path, typer.Argument(help="An HTML, text or JSONL file (gzip allowed)")],
) -> None:
    """Print each article found in a file as one JSON line (title, outlet, url, published, language, text).

    Needs no store: it runs the same reader and extractor as ingest, so what you see is what would be stored.

    Example: warbrief extract examples/demo/003_cfaf5ce1ad127c39.txt
    """
    try:
        articles = extract_path(path)
    except InspectError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(1) from exc
    for article in articles:
        typer.echo(json.dumps(article, ensure_ascii=False))
    if not articles:
        err.print(f"no article found in {escape(str(path))}")


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to find (SQLite FTS5 syntax: phrases in quotes, OR, NOT)")],
    limit: Annotated[int, typer.Option("--limit", min=1, max=500)] = 20,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Full-text search over stored articles, best matches first.

    Example: warbrief search '"Eagle S" OR Estlink'
    """
    import sqlite3

    settings = settings_from(config, db, None)
    with open_pipeline(settings) as pipeline:
        try:
            hits = pipeline.store.search(query, limit=limit)
        except sqlite3.OperationalError as exc:
            err.print(f"[red]error:[/red] cannot search for {escape(repr(query))}: {escape(str(exc))}. "
                      "Put phrases in double quotes.")
            raise typer.Exit(2) from exc
    for hit in hits:
        typer.echo(f"{hit['day']}  {hit['id']}  {hit['title'][:80]}\n    {hit['snippet']}")
    if not hits:
        err.print("no matches")


@app.command()
def topic(
    query: Annotated[str, typer.Argument(help="A section, a place, or words to search for")],
    from_: Annotated[str, typer.Option("--from", help="First day, YYYY-MM-DD")],
    to: Annotated[str | None, typer.Option("--to", help="Last day, YYYY-MM-DD [default: --from]")] = None,
    out: Annotated[Path, typer.Option("--out", help="Folder for topic-SLUG.{html,md}")] = Path("out"),
    db: DbOption = None,
    taxonomy: TaxonomyOption = None,
    config: ConfigOption = None,
) -> None:
    """Write a topic page: every stored story on QUERY between two days, newest first, with its sources.

    Example: warbrief topic "Russia's Allies" --from 2024-12-01 --to 2024-12-31
    """
    start = parse_day(from_, "--from")
    end = parse_day(to, "--to") or start
    assert start is not None and end is not None
    settings = settings_from(config, db, taxonomy)
    with open_pipeline(settings) as pipeline:
        try:
            page = build_topic(pipeline.store, pipeline.taxonomy, query, start, end)
        except TopicQueryError as exc:
            raise typer.BadParameter(str(exc), param_hint="QUERY / --from / --to") from exc
    err.print(f"{len(page.entries)} stories matched by {escape(page.matched_by)}")
    for kind, path in write_topic(page, out).items():
        typer.echo(f"{kind}: {path}")


@app.command()
def explain(
    story_id: Annotated[str | None, typer.Argument(help="A story id (or unique prefix) from a briefing's JSON")] = None,
    date_: Annotated[str | None, typer.Option("--date", help="List the day's stories and their sections")] = None,
    db: DbOption = None,
    taxonomy: TaxonomyOption = None,
    config: ConfigOption = None,
) -> None:
    """Show why a story got its section: matched places, keywords, nearest exemplar and scores.

    Example: warbrief explain --date 2024-12-28 ; warbrief explain story_3f2a
    """
    day = parse_day(date_, "--date")
    if story_id is None and day is None:
        raise typer.BadParameter("give a STORY_ID, or --date YYYY-MM-DD to list the day's stories")
    settings = settings_from(config, db, taxonomy)
    with open_pipeline(settings) as pipeline:
        titles = {s.id: s.title for s in pipeline.taxonomy.sections}
        if story_id is None:
            assert day is not None
            stories = pipeline.store.stories(day=day)
            if not stories:
                err.print(f"[red]error:[/red] no stories stored for {day.isoformat()}; run `warbrief brief` first")
                raise typer.Exit(1)
            typer.echo(format_story_list(stories, titles))
            return
        try:
            explanation = explain_story(pipeline.store, story_id, pipeline.taxonomy)
        except UnknownStory as exc:
            err.print(f"[red]error:[/red] {escape(str(exc.args[0]))}")
            raise typer.Exit(1) from exc
    typer.echo(format_explanation(explanation))


# Feature packages add their commands through ``register(app)`` in their own ``commands`` module.
for _commands in (scale_commands, web_commands, fetch_commands):
    _commands.register(app)


def main() -> None:
    try:
        app()
    except BrokenPipeError:  # pragma: no cover - e.g. `warbrief search x | head`
        sys.exit(0)


if __name__ == "__main__":
    main()
