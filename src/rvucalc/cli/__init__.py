"""The ``rvucalc`` command: parses options, calls the core, renders. Nothing else.

Errors from the core (``RvucalcError``) are translated here, in
``translate_errors``: one line on stderr, exit 2 for usage, 1 otherwise.
Tracebacks only with ``--debug``.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import sys
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import typer
from typer.exceptions import TyperException

from rvucalc import __version__

F = TypeVar("F", bound=Callable[..., Any])

app = typer.Typer(
    name="rvucalc",
    help="What Medicare pays for a code, here, in each setting: offline, to the cent, from CMS's own files.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class _State:
    debug = False


state = _State()


def translate_errors(func: F) -> F:
    """Turn core errors into a one-line message and an exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from rvucalc.errors import RvucalcError

        try:
            return func(*args, **kwargs)
        except RvucalcError as exc:
            if state.debug:
                raise
            typer.echo(f"rvucalc: {exc}", err=True)
            raise typer.Exit(exc.exit_code) from None
        except (TyperException, typer.Exit, typer.Abort, SystemExit):
            raise  # usage errors and exits: typer reports them (exit 2 for usage)
        except KeyboardInterrupt:
            typer.echo("rvucalc: interrupted", err=True)
            raise typer.Exit(130) from None
        except Exception as exc:
            if state.debug:
                raise
            typer.echo(
                f"rvucalc: unexpected error ({type(exc).__name__}: {exc}). "
                "Run again with --debug for the traceback, and please report it.",
                err=True,
            )
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"rvucalc {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors (anywhere on the line).")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    state.debug = debug


def parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD, e.g. 2026-04-15.") from None


YearOption = Annotated[
    int | None, typer.Option("--year", min=1990, max=2100, help="Calendar year of the fee schedule.")
]
DateOption = Annotated[
    str | None, typer.Option("--date", help="Date of service (YYYY-MM-DD): picks the release in force.")
]


def _format(value: str) -> Any:
    from rvucalc.cli.render import OutputFormat

    try:
        return OutputFormat(value.lower())
    except ValueError:
        raise typer.BadParameter(f"{value!r}: choose table, json or csv.", param_hint="--format") from None


@app.command()
@translate_errors
def price(
    codes: Annotated[
        list[str],
        typer.Argument(help="HCPCS/CPT code(s), optionally CODE-MOD[-MOD] (27447-50); several = one encounter."),
    ],
    zip_code: Annotated[str | None, typer.Option("--zip", help="ZIP code: prices in its PFS locality.")] = None,
    locality: Annotated[
        str | None, typer.Option("--locality", help="7-digit MAC+locality, e.g. 1320201 (Manhattan).")
    ] = None,
    modifier: Annotated[
        str | None, typer.Option("--modifier", "-m", help="Modifier(s) for a single code, e.g. 26 or 50-59.")
    ] = None,
    year: YearOption = None,
    date: DateOption = None,
    qp: Annotated[bool, typer.Option("--qp", help="Qualifying APM participant conversion factor (2026 on).")] = False,
    wage_index: Annotated[
        str | None, typer.Option("--wage-index", help="A specific hospital's wage index for OPPS/ASC, e.g. 1.31.")
    ] = None,
    setting: Annotated[str | None, typer.Option("--setting", help="Show one site: office, hopd or asc.")] = None,
    sequestration: Annotated[
        bool, typer.Option("--sequestration", help="Take the 2% sequestration off Medicare's share.")
    ] = False,
    provider: Annotated[
        str, typer.Option("--provider", help="physician, or np / pa / cns billing under their own number (85%).")
    ] = "physician",
    base_units: Annotated[
        str | None, typer.Option("--base-units", help="Anesthesia base units (ASA relative value guide).")
    ] = None,
    minutes: Annotated[int | None, typer.Option("--minutes", min=0, help="Anesthesia time in minutes.")] = None,
    output: Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")] = "table",
) -> None:
    """Price a code (or an encounter of codes): PFS with CMS's payment rules, OPPS and ASC facility
    rates, and the office, hospital outpatient and ASC sites compared."""
    from rvucalc.api import Pricer
    from rvucalc.cli.render import render

    fmt = _format(output)
    encounter = Pricer().price_encounter(
        codes,
        modifier=modifier,
        zip_code=zip_code,
        locality=locality,
        year=year,
        date_of_service=parse_date(date),
        qp=qp,
        wage_index=wage_index,
        setting=setting.lower() if setting else None,
        sequestration=sequestration,
        provider=provider.lower(),
        base_units=base_units,
        minutes=minutes,
    )
    single = len(encounter.lines) == 1
    render(encounter.lines[0] if single else encounter, fmt)
    for warning in encounter.warnings:
        typer.echo(f"warning: {warning}", err=True)
    sites = encounter.lines[0].sites if single else list(encounter.totals.values())
    if not any(site.payable for site in sites):
        reasons = "; ".join(f"{site.setting}: {site.reason}" for site in sites)
        what = encounter.lines[0].code if single else "The encounter"
        typer.echo(f"rvucalc: {what} is not payable {'here' if setting else 'in any site'}. {reasons}", err=True)
        raise typer.Exit(1)


@app.command()
@translate_errors
def localities(
    state_code: Annotated[str | None, typer.Option("--state", help="Two-letter state, e.g. CA.")] = None,
    year: YearOption = None,
    date: DateOption = None,
    output: Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")] = "table",
) -> None:
    """List PFS localities with their GPCIs and counties."""
    from rvucalc.api import Pricer
    from rvucalc.cli.render import render

    fmt = _format(output)
    render(Pricer().localities(state_code, year=year, date_of_service=parse_date(date)), fmt)


@app.command()
@translate_errors
def search(
    words: Annotated[str, typer.Argument(help="Words or part of a code, e.g. 'craniocervical'.")],
    year: YearOption = None,
    limit: Annotated[int, typer.Option("--limit", min=1, max=10_000)] = 50,
    output: Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")] = "table",
) -> None:
    """Find codes by CMS's short descriptor."""
    from rvucalc.api import Pricer
    from rvucalc.cli.render import render

    fmt = _format(output)
    result = Pricer().search(words, year=year, limit=limit)
    render(result, fmt)
    if not result.matches:
        typer.echo(f"rvucalc: no code in {result.release} matches {words!r}.", err=True)
        raise typer.Exit(1)


@app.command("zip")
@translate_errors
def zip_command(
    zip_code: Annotated[str, typer.Argument(help="5-digit ZIP code.")],
    year: YearOption = None,
    date: DateOption = None,
    output: Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")] = "table",
) -> None:
    """Show what a ZIP maps to: PFS carrier, locality, GPCIs, rural status."""
    from rvucalc.api import Pricer
    from rvucalc.cli.render import render

    fmt = _format(output)
    result = Pricer().zip(zip_code, year=year, date_of_service=parse_date(date))
    render(result, fmt)
    for note in result.notes:
        typer.echo(f"note: {note}", err=True)


@app.command()
@translate_errors
def batch(
    source: Annotated[str, typer.Argument(help="Input CSV of lines ('-' for stdin). Needs a 'code' column.")],
    output: Annotated[
        str, typer.Option("--output", "-o", help="Output file ('-' for stdout): .csv, .json, .parquet.")
    ] = "-",
    output_format: Annotated[
        str | None, typer.Option("--format", "-f", help="csv, json or parquet (default: from the file name).")
    ] = None,
    chunk_rows: Annotated[int, typer.Option("--chunk-rows", min=100, help="Rows priced at a time.")] = 50_000,
    engine: Annotated[str, typer.Option("--engine", help="pandas (default) or dask.")] = "pandas",
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="Dask scheduler address (default: a local cluster).")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
) -> None:
    """Price a file of lines: every row out once, in order, priced or with its error.

    Columns (any case): code (required), modifier, units, zip or locality, year, date,
    setting (office|hopd|asc); others pass through. Exit 0 all priced, 1 some rows
    have errors, 2 unusable input."""
    from rvucalc.api import Pricer

    if engine == "dask":
        from rvucalc.batch_dask import run_batch_dask

        summary = run_batch_dask(Pricer(), source, output, fmt=output_format, scheduler=scheduler)
    elif engine == "pandas":
        from rvucalc.batch_io import run_batch

        with _progress(quiet, source) as advance:
            summary = run_batch(Pricer(), source, output, fmt=output_format, chunk_rows=chunk_rows, progress=advance)
    else:
        raise typer.BadParameter(f"{engine!r}: choose pandas or dask.", param_hint="--engine")
    if not quiet or summary.failed:
        typer.echo(f"rvucalc: {summary.describe()}", err=True)
    if summary.failed:
        raise typer.Exit(1)


@app.command()
@translate_errors
def export(
    year: YearOption = None,
    what: Annotated[str, typer.Option("--what", help="pfs (default), asc or opps.")] = "pfs",
    cbsa: Annotated[
        str | None, typer.Option("--cbsa", help="asc/opps: 'all' adds a wage-adjusted rate for every CBSA.")
    ] = None,
    output: Annotated[str, typer.Option("--output", "-o", help="Output CSV ('-' for stdout).")] = "-",
) -> None:
    """Write a full fee schedule: every payable code x every locality (pfs), or the facility tables."""
    from rvucalc.api import Pricer
    from rvucalc.export import export_table

    rows = export_table(Pricer(), what=what, year=year, cbsa=cbsa, target=output)
    typer.echo(f"rvucalc: wrote {rows} rows", err=True)


class _progress:
    """A rich progress bar on stderr for long runs; nothing when stderr is not a terminal."""

    def __init__(self, quiet: bool, source: str) -> None:
        self.enabled = not quiet and sys.stderr.isatty()
        self.source = source
        self._bar: Any = None

    def __enter__(self) -> Callable[[int], None] | None:
        if not self.enabled:
            return None
        from rich.progress import Progress

        self._bar = Progress(transient=True, console=_stderr_console())
        self._bar.start()
        task = self._bar.add_task("pricing", total=None)
        return lambda rows: self._bar.advance(task, rows)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


def main() -> None:
    """Console-script entry point."""
    # rvucalc's models use no pydantic plugins; looking for them scans every installed
    # package's metadata, a tenth of a single lookup's time. Users can still opt in.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # --debug is accepted anywhere on the line, not only before the command.
    if "--debug" in sys.argv[1:]:
        sys.argv = [sys.argv[0], "--debug", *(arg for arg in sys.argv[1:] if arg != "--debug")]
    try:
        app()
    except BrokenPipeError:  # `rvucalc ... | head`
        sys.stderr.close()
        sys.exit(1)
