"""``rvucalc compare`` and the renderers for one code in every locality and for a comparison.

Register with ``register(app)``. ``render_all_localities`` serves ``rvucalc price CODE
--locality [all|NAME] [--state XX]``. Data goes to stdout; warnings to stderr.
"""

from __future__ import annotations

import csv
import re
import sys
from decimal import Decimal
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any

import typer

from rvucalc.cli import ANESTHESIA_CF_NOTE, _format, anesthesia_minutes, errors_in_output, translate_errors

if TYPE_CHECKING:  # the models load only when a command runs: `rvucalc --version` stays fast
    from rvucalc.lookup.compare_models import AllLocalities, CodeChange, Comparison, LocalityAmount
    from rvucalc.models import SettingAmount, Source

BAR_WIDTH = 24
_EIGHTHS = " ▏▎▍▌▋▊▉"


def register(app: typer.Typer) -> None:
    """Add ``compare`` to the app (one line in ``rvucalc.cli``)."""
    app.command("compare")(compare_command)


@translate_errors
@errors_in_output  # an error ending the run (a release or ZIP not installed): its object in JSON or CSV, as price's
def compare_command(
    ctx: typer.Context,
    codes: Annotated[
        list[str] | None,
        typer.Argument(metavar="CODE", help="HCPCS/CPT code(s), optionally CODE-MOD (71046-26)."),
    ] = None,
    from_: Annotated[
        str,
        typer.Option(
            "--from",
            help="Earlier release: a year (2025), a release (2025A, 2026-04), a date, or a PFS month (2025-01: the "
            "release in force on its first day). An ASC/OPPS quarter or date whose file is not installed: the release "
            "rvucalc price uses (the newest of its year, warned).",
        ),
    ] = "",
    to: Annotated[str, typer.Option("--to", help="Later release: a year, a release name, a date or a PFS month.")] = "",
    zip_code: Annotated[
        str | None, typer.Option("--zip", help="ZIP code: its PFS locality (ASC/OPPS: its CBSA).")
    ] = None,
    locality: Annotated[
        str | None, typer.Option("--locality", help="7-digit MAC+locality or a locality name (PFS).")
    ] = None,
    codes_file: Annotated[
        Path | None,
        typer.Option(
            "--codes",
            help="Codes one a line, or a CSV or an Excel workbook (.xlsx, .xlsm) with a code column (code, CPT Code, "
            "HCPCS ...; another name with --columns code=COLUMN).",
        ),
    ] = None,
    columns: Annotated[
        str | None,
        typer.Option(
            "--columns",
            help="--codes FILE's code column, as rvucalc batch takes it: code=MyCol (modifier=COLUMN too; other roles "
            "are batch's and unused here).",
        ),
    ] = None,
    all_codes: Annotated[bool, typer.Option("--all", help="The whole schedule (sorted by change).")] = False,
    what: Annotated[str, typer.Option("--what", help="pfs (default), asc or opps (quarterly releases).")] = "pfs",
    sort: Annotated[
        str | None,
        typer.Option(
            "--sort",
            help="code, change or percent: by the size of the change, up or down, largest first; given: named codes "
            "in the order given (the default for them; --all's is change).",
        ),
    ] = None,
    changed_only: Annotated[
        bool,
        typer.Option(
            "--changed-only",
            help="Leave out the rows whose change is unchanged. Kept: changed (an amount, RVU, GPCI, CF or indicator "
            "moved; a $0.00 difference where only inputs moved, such as an unpaid code's RVUs or a capped amount's "
            "CF), added, deleted, not_comparable and not_found.",
        ),
    ] = False,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Show the first N codes (after sorting).")] = None,
    qp: Annotated[bool, typer.Option("--qp", help="Qualifying APM participant conversion factor (2026 on).")] = False,
    conversion_factor: Annotated[
        str | None,
        typer.Option("--conversion-factor", help="What-if CF for the --to side, e.g. 32.8409 (not a CMS rate)."),
    ] = None,
    base_units: Annotated[
        list[str] | None,
        typer.Option(
            "--base-units",
            help="Anesthesia codes: base units (ASA relative value guide), once for every anesthesia code or once per "
            "anesthesia code, in order; with --minutes, priced as rvucalc price prices them.",
        ),
    ] = None,
    minutes: Annotated[
        list[int] | None,
        typer.Option(
            "--minutes",
            parser=anesthesia_minutes,
            metavar="<minutes>",
            help="Anesthesia codes: time in minutes, once for every anesthesia code or once per anesthesia code, in "
            "order.",
        ),
    ] = None,
    provider: Annotated[
        str,
        typer.Option(
            "--provider",
            help="Who bills the named lines, as rvucalc price takes it: physician, np / pa / cns (85%), csw, "
            "psychologist, chiropractor, cnm, dietitian, or a credential or CMS specialty (FNP, PA-C, LCSW ...).",
        ),
    ] = "physician",
    output: Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")] = "table",
) -> None:
    """What changed between two releases, code by code: amounts, difference and percent, and
    whether it came from the RVUs, the GPCIs or the conversion factor; status changes, codes
    added or deleted. ASC and OPPS quarters with --what. Anesthesia codes with --base-units and
    --minutes (each release's anesthesia CF for the place).

    The parts (CSV *_from_rvu, *_from_gpci, *_from_conversion_factor) move one input at a time, the
    others held: the RVUs first (at the earlier GPCIs and CF), then the GPCIs (at the later RVUs and
    the earlier CF), then the CF; each step's amount is rounded to the cent, so the parts add up to
    the difference exactly. The percent is the difference over the earlier amount."""
    from rvucalc.batch.columns import parse_column_overrides
    from rvucalc.cli import provider_stated
    from rvucalc.errors import UsageError
    from rvucalc.lookup.compare import compare
    from rvucalc.lookup.credentials import provider_word
    from rvucalc.lookup.pricer import Pricer

    fmt = _format(output)
    overrides = parse_column_overrides(columns)  # batch's syntax and messages (one implementation)
    if overrides and codes_file is None:
        raise UsageError("--columns says which column of --codes FILE holds the codes: give --codes FILE too.")
    if not from_ or not to:
        raise UsageError("Give --from and --to: years (2025), release names (2025A, 2026-04) or dates (2026-04-15).")
    wanted = list(codes or [])
    lines: list[int | None] = [None] * len(wanted)  # a code typed: malformed, the request's error (exit 2)
    if codes_file is not None:
        read = read_code_lines(codes_file, overrides)
        wanted += [code for code, _ in read]
        lines += [number for _, number in read]
    result = compare(
        Pricer(), wanted, from_=from_, to=to, zip_code=zip_code, locality=locality, what=what, all_codes=all_codes,
        changed_only=changed_only, sort=sort, qp=qp, conversion_factor=conversion_factor,
        base_units=base_units or None, minutes=minutes or None, provider=provider_word(provider), lines=lines,
        # --provider md names the physician, as price's (90834-AJ, 00840-QZ refused); its default word names no one
        provider_stated=provider_stated(ctx, provider),
    )  # fmt: skip
    if limit is not None and len(result.codes) > limit:
        result.notes.append(f"Showing the first {limit} of {len(result.codes)} codes (--limit).")
        result.codes = result.codes[:limit]
    render_comparison(result, fmt)
    shares = provider_shares_line(result) if fmt.value in ("csv", "json") else None
    if shares:  # the table says it in its notes; a CSV or JSON reader's terminal, here
        typer.echo(f"rvucalc: note: {shares}", err=True)
    for warning in result.warnings:
        typer.echo(f"warning: {warning}", err=True)
    from rvucalc.lookup.compare import NOT_ON_THE_PFS

    # A code another schedule pays (a lab, a drug, DME; G0008, Q3014 paid apart) is answered: its not comparable row
    # says compare covers the PFS and how to price it. Neither not found nor not payable (README's exit codes), it is
    # no exit 1, named or by --all alike (an analyst's trial: `compare 99213 80053` exited 1 with no row in error).
    apart = [change for change in result.codes if change.change == "not_comparable"
             and NOT_ON_THE_PFS in (change.not_comparable_reason or "")]  # fmt: skip
    not_found = [change for change in result.codes if change.change == "not_found"]
    # A lab, drug or DME line is found, on its own schedule: not "search by words" (its row says how to price it).
    elsewhere = ["-".join([c.code, *([c.modifier] if c.modifier else [])]) for c in [*not_found, *apart]
                 if NOT_ON_THE_PFS in (c.explanation or "") and not all_codes]  # fmt: skip
    # "Search by words" only for a code on no installed schedule: a line whose code is on one (93000-26: 93000; 99213
    # --what asc: on the PFS) has its row say why (a trial).
    # A code deleted from CPT or HCPCS (engine.pfs.deleted_code_message): its row says so and what is billed instead,
    # in price's words; said as is, not "Search by words" (an urgent care trial's `compare U0005 --from 2025 --to 2026`
    # read "not in 2025D or 2026C: U0005. Search by words", its row saying the PHE codes ended on 2023-05-12).
    from rvucalc.engine.pfs import deleted_code_message

    deleted = [c for c in not_found if c.error_kind is None and not c.on_a_schedule and c.explanation
               and deleted_code_message(c.code, result.to_release.year)]  # fmt: skip
    for change in deleted:
        typer.echo(f"rvucalc: {change.explanation}", err=True)
    missing = ["-".join([c.code, *([c.modifier] if c.modifier else [])]) for c in not_found
               if NOT_ON_THE_PFS not in (c.explanation or "") and not c.on_a_schedule
               and c.error_kind is None and c not in deleted]  # fmt: skip
    if elsewhere:
        # A drug's ASC and hospital rates are compared with --what asc / opps (lookup.compare._facility_hints).
        # Only the settings a row names (no OPPS release installed for a compared year: none).
        named = {label: f"--what {what}" for what, label in (("asc", "ASC"), ("opps", "hospital outpatient"))
                 if any(f" --what {what}" in (c.explanation or "") and NOT_ON_THE_PFS in (c.explanation or "")
                        for c in [*not_found, *apart])}  # fmt: skip
        facility = (f"; a drug's {' and '.join(named)} {'rates compare' if len(named) > 1 else 'rate compares'} "
                    f"with {' and '.join(named.values())}" if named else "")  # fmt: skip
        typer.echo(f"rvucalc: not on the PFS, paid from their own fee schedules: {', '.join(elsewhere)} (each row "
                   f"says how to price it{facility}).", err=True)  # fmt: skip
    for change in not_found:  # each line on a schedule, though not in either release as given: why, as its row says
        if change.on_a_schedule and NOT_ON_THE_PFS not in (change.explanation or "") and change.line is None:
            typer.echo(f"rvucalc: {change.explanation}", err=True)
        elif change.error_kind is not None:  # a codes file's line (malformed, or in neither release): named with it
            said = change.explanation.partition(f" (line {change.line}): ")[2] or change.explanation
            typer.echo(f"rvucalc: --codes {codes_file} line {change.line}: {said}", err=True)
    if not_found and not missing:
        raise typer.Exit(1)
    if missing:
        typer.echo(
            f"rvucalc: not in {result.from_release.release} or {result.to_release.release}: {', '.join(missing)}. "
            'Search by words with: rvucalc search "..."',
            err=True,
        )
        raise typer.Exit(1)


def read_codes(path: Path, overrides: dict[str, str] | None = None) -> list[str]:
    """Codes from a file (``read_code_lines``, without where each was read)."""
    return [code for code, _ in read_code_lines(path, overrides)]


def read_code_lines(path: Path, overrides: dict[str, str] | None = None) -> list[tuple[str, int]]:
    """Codes from a file, each with its line in the file (a workbook's: its row in the sheet): one a line (``#``
    comments), or a CSV or an Excel workbook whose header has a ``code`` column.

    Read in the encodings batch reads its input in (``batch.files.sniff_encoding``: UTF-8 with or without a
    byte-order mark, UTF-16 with one, Windows-1252); a byte none of them defines is a usage error naming the line. A
    workbook (.xlsx, .xlsm) is read as batch reads one (``batch.workbook_input``: its first visible sheet, each cell as
    its CSV export would show it), its rows then as a CSV's (a trial: `batch claims.xlsx` priced the file that
    `compare --codes claims.xlsx` refused).

    The code column is found as batch finds it (``batch.columns.resolve_columns``), ``overrides`` (``--columns``,
    ``parse_column_overrides``) naming it; only the code and modifier roles are read. A file of several columns whose
    first cell is no code and whose header names no code column is refused with batch's words (an ENT group's trial:
    a claim export headed `Procedure` had its claim numbers compared, its header too, each 'not a HCPCS/CPT code')."""
    from rvucalc.batch.columns import MODIFIER_SLOTS
    from rvucalc.batch.files import sniff_encoding
    from rvucalc.batch.workbook_input import is_workbook
    from rvucalc.errors import UsageError

    wanted = {role: column for role, column in (overrides or {}).items() if role == "code" or role in MODIFIER_SLOTS}
    try:
        with path.open("rb") as handle:
            head = handle.read(4)
        if is_workbook(path):
            lines, numbers = _workbook_lines(path, wanted)
        elif head == b"PAR1":  # what sniff_encoding refuses in batch's words: --codes reads text or a workbook
            raise UsageError(
                f"--codes {path}: a binary file (Parquet). Give codes one a line, a CSV with a 'code' column or an "
                "Excel workbook: save or export it as CSV."
            )
        else:
            text = path.read_text(encoding=sniff_encoding(path))
            kept = [(number, line) for number, line in enumerate(text.splitlines(), 1)
                    if line.strip() and not line.lstrip().startswith("#")]  # fmt: skip
            numbers, lines = [number for number, _ in kept], [line for _, line in kept]
    except UsageError as exc:
        message = str(exc)
        if not message.startswith("--codes"):  # batch's words name the file, or not ("Every sheet ... is hidden")
            message = f"--codes {message}" if message.startswith(str(path)) else f"--codes {path}: {message}"
        raise UsageError(message) from None
    except OSError as exc:
        raise UsageError(f"--codes {path}: cannot read it ({exc.strerror}).") from None
    if not lines:
        raise UsageError(f"--codes {path}: the file holds no codes.")
    header = [cell.strip() for cell in next(csv.reader([lines[0]]))]
    # A header naming the code column as batch reads claim files (`CPT Code`, `HCPCS`, `Proc Code`): a trial's batch
    # file given to --codes was read as codes, its header first ('CPT CODE' is not a HCPCS/CPT code). A column named
    # `code` (else `hcpcs`) is the code, as before; a modifier column's cells join its code (71046-26), as batch
    # reads them (a review: 71046 was compared where the file said 71046-26).
    from rvucalc.batch.columns import names_a_code, resolve_columns

    if wanted.get("code"):  # --columns code=COLUMN: that column, as batch reads it (its message when none is so named)
        try:
            columns = resolve_columns(header, wanted)
        except UsageError as exc:
            raise UsageError(f"--codes {path}: {exc}") from None
        return _column_cells(lines, numbers, columns.position("code"), list(columns.positions("modifier")))
    if not names_a_code(header):
        # A list of codes (one a line, with or without a header; a comment after a comma) is read as before; a file
        # of several columns with no code among its first cells is a claim file: its code column found as batch finds
        # it (CamelCase names too), else refused as batch refuses it (exit 2, "--columns code=COLUMN").
        if len(header) < 2 or _CODE_CELL.fullmatch(header[0]) is not None:
            return [(line.split(",")[0].strip(), number) for line, number in zip(lines, numbers, strict=True)]
        try:
            columns = resolve_columns(header, wanted)
        except UsageError as exc:
            raise UsageError(f"--codes {path}: {exc}") from None
        return _column_cells(lines, numbers, columns.position("code"), list(columns.positions("modifier")))
    lowered = [name.lower() for name in header]
    try:
        columns = resolve_columns(header, wanted)
        code, modifiers = columns.position("code"), list(columns.positions("modifier"))
    except UsageError:
        if "code" not in lowered and "hcpcs" not in lowered:
            raise UsageError(
                f"--codes {path}: more than one column could be the code ({', '.join(header)}): keep one, or name "
                "it 'code'."
            ) from None
        code = lowered.index("code" if "code" in lowered else "hcpcs")
        # The code column named, the modifier columns are found as batch finds them (a review: 71046-26 compared as
        # 71046 in a file with `code`, `hcpcs` and `modifier`).
        modifiers = list(resolve_columns(header, {**wanted, "code": header[code]}).positions("modifier"))
    if "code" in lowered or "hcpcs" in lowered:
        code = lowered.index("code" if "code" in lowered else "hcpcs")
    assert code is not None
    return _column_cells(lines, numbers, code, modifiers)


def _column_cells(
    lines: list[str], numbers: list[int], code: int | None, modifiers: list[int]
) -> list[tuple[str, int]]:
    """The code column's cells under the header ``lines[0]``, each joined with its modifier cells (71046-26), and each
    cell's line in the file."""
    assert code is not None
    found = []
    reader = csv.reader(lines[1:])
    start = 0  # the record's first line among lines[1:] (a quoted cell may hold a line break)
    for row in reader:
        cell = row[code].strip() if len(row) > code else ""
        if cell:
            given = [row[m].strip() for m in modifiers if len(row) > m and row[m].strip()]
            found.append(("-".join([cell, *given]), numbers[1 + start]))
        start = reader.line_num
    return found


# A workbook's first cell that is a code, not a header (a list of codes with none): its rows are read as codes. A code
# is shaped as ``lookup.lines.CODE_SHAPE`` says (a trial's claim export headed 'Visit ID' was read as code VISIT with
# modifier ID, its visit numbers compared as codes, not refused as batch refuses the file).
_CODE_CELL = re.compile(r"(?:[0-9]{4}[0-9A-Za-z]|[A-Za-z][0-9]{4})(?:[-\s]+[A-Za-z0-9]{2})*")


def _workbook_lines(path: Path, overrides: dict[str, str] | None = None) -> tuple[list[str], list[int]]:
    """A workbook's rows as CSV lines: from its header naming a code column (``batch.columns.names_a_code``; title
    rows above it skipped, as batch skips them), or from its first row whose first cell is a code (a list of codes
    with no header), each cell as batch reads it; and each line's row in the sheet."""
    import io

    from rvucalc.batch.columns import names_a_code
    from rvucalc.batch.workbook_input import read_workbook_chunks

    def starts(cells: list[str]) -> bool:
        return names_a_code(cells, overrides) or _CODE_CELL.fullmatch(cells[0].strip()) is not None

    numbers: list[int] = []
    rows: list[list[str]] = []
    for number, (table, _) in enumerate(read_workbook_chunks(path, 10_000, starts, numbers=numbers)):
        if number == 0:
            rows.append(table.column_names)
        rows += [list(row) for row in zip(*(column.to_pylist() for column in table.columns), strict=True)]
    lines: list[tuple[str, int]] = []
    for row, number in zip(rows, numbers, strict=True):
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerow(row)
        lines += [(line, number) for line in out.getvalue().splitlines() if line.strip(", ")]
    return [line for line, _ in lines], [number for _, number in lines]


# -- shared -------------------------------------------------------------------------


def _money(amount: Decimal | None) -> str:
    return "—" if amount is None else f"${amount:,.2f}"


def _signed(amount: Decimal | None) -> str:
    if amount is None:
        return "—"
    return f"{'+' if amount >= 0 else '-'}${abs(amount):,.2f}"


def _percent(value: Decimal | None) -> str:
    return "—" if value is None else f"{'+' if value >= 0 else ''}{value}%"


def _blank(value: Any) -> Any:
    return "" if value is None else value


def _console(out: IO[str]) -> Any:
    from rvucalc.cli.tables import data_console

    return data_console(out)


def _sources(console: Any, sources: list[Source]) -> None:
    for source in sources:
        console.print(f"  source: {source.cms_name} [{source.release}] sha256 {source.sha256[:12]}", markup=False)


def _write_csv(rows: list[dict[str, Any]], out: IO[str]) -> None:
    from rvucalc.cli.render import write_csv

    write_csv(out, list(rows[0]) if rows else [], rows)


# -- one code in every locality ---------------------------------------------------------

LOCALITY_OPTION = "--locality"


def expand_bare_locality(args: list[str]) -> list[str]:
    """``--locality`` given without a value means every locality: ``--locality all``.

    typer (0.29) has no optional-value options, so ``main()`` rewrites the command line:
    a ``--locality`` that ends it, or is followed by another option, gets ``all``."""
    out = []
    for index, arg in enumerate(args):
        out.append(arg)
        if arg == LOCALITY_OPTION:
            following = args[index + 1] if index + 1 < len(args) else None
            if following is None or (following.startswith("-") and following != "-"):
                out.append("all")
    return out


def price_localities(
    code: str,
    *,
    locality: str | None,
    state: str | None,
    modifier: str | None = None,
    year: int | None = None,
    date_of_service: Any = None,
    qp: bool = False,
    conversion_factor: str | None = None,
    base_units: list[str] | None = None,
    minutes: list[int] | None = None,
    fmt: Any = None,
) -> None:
    """``rvucalc price CODE --locality [all|NAME|PREFIX] [--state XX]`` when it means several
    localities (or ``--state`` alone): the table of every one. Exit 1 when none pays."""
    from rvucalc.cli.render import OutputFormat
    from rvucalc.lookup.localities import price_everywhere, resolve_locality
    from rvucalc.lookup.pricer import Pricer

    pricer = Pricer()
    ids = resolve_locality(pricer, locality, state, year=year, date_of_service=date_of_service)
    result = price_everywhere(
        pricer, code, modifier=modifier, state=state, localities=ids, year=year, date_of_service=date_of_service,
        qp=qp, conversion_factor=conversion_factor, base_units=base_units, minutes=minutes,
    )  # fmt: skip
    for warning in result.warnings:
        typer.echo(f"warning: {warning}", err=True)
    if conversion_factor is not None and result.anesthesia is not None:
        typer.echo(ANESTHESIA_CF_NOTE, err=True)  # as at one place: the what-if PFS CF prices no anesthesia line
    if not any(getattr(e.pfs, s).payable for e in result.localities for s in ("facility", "non_facility")):
        # stdout carries data only: nothing on it when the exit is not 0
        typer.echo(f"rvucalc: {result.code} is not payable in any locality. {result.notes[-1]}", err=True)
        raise typer.Exit(1)
    render_all_localities(result, fmt or OutputFormat.table)


def _render(result: Any, fmt: Any, out: IO[str] | None, csv_rows: Any, table: Any) -> None:
    """``--format`` for the compare-and-plan results: the one JSON writer, their CSV rows, their table."""
    from rvucalc.cli.render import OutputFormat, closed_pipe_exit, to_json

    out = out or sys.stdout
    try:  # as render.render: `compare ... | head` exited 1, the "not found" code (an operations trial)
        if fmt is OutputFormat.json:
            out.write(to_json(result) + "\n")
        elif fmt is OutputFormat.csv:
            _write_csv(csv_rows(result), out)
        else:
            table(result, out)
        out.flush()
    except BrokenPipeError:
        closed_pipe_exit()


def render_all_localities(result: AllLocalities, fmt: Any, out: IO[str] | None = None) -> None:
    _render(result, fmt, out, all_localities_csv_rows, _all_localities_table)


def all_localities_csv_rows(result: AllLocalities) -> list[dict[str, Any]]:
    rows = []
    for entry in [result.national, *result.localities]:
        row: dict[str, Any] = {
            "code": result.code,
            "modifier": "-".join(result.modifiers),
            "year": result.year,
            "release": result.release,
            "locality": entry.locality,
            "locality_name": entry.name,
            "state": entry.state or "",
            "status": result.status,
            "conversion_factor": result.conversion_factor,
            "gpci_work": entry.gpci.work,
            "gpci_pe": entry.gpci.pe,
            "gpci_mp": entry.gpci.mp,
        }
        for name in ("non_facility", "facility"):
            setting: SettingAmount = getattr(entry.pfs, name)
            row[f"{name}_payable"] = setting.payable
            row[f"{name}_amount"] = _blank(setting.amount)
            row[f"{name}_non_par_amount"] = _blank(setting.non_par_amount)
            row[f"{name}_limiting_charge"] = _blank(setting.limiting_charge)
            row[f"{name}_difference_from_national"] = _blank(getattr(entry.difference_from_national, name))
            row[f"{name}_percent_vs_national"] = _blank(getattr(entry.difference_from_national, f"{name}_percent"))
            row[f"{name}_reason"] = setting.reason or ""
        row["scenario"] = result.scenario or ""
        # Columns added later go last: an anesthesia code's units and this locality's anesthesia CF (blank for others).
        units = result.anesthesia
        row["anesthesia_base_units"] = "" if units is None else units.base_units
        row["anesthesia_minutes"] = "" if units is None else units.minutes
        row["anesthesia_time_units"] = "" if units is None else units.time_units
        row["anesthesia_conversion_factor"] = _blank(entry.anesthesia_conversion_factor)
        rows.append(row)
    return rows


def bar(amount: Decimal | None, maximum: Decimal | None, width: int = BAR_WIDTH) -> str:
    """A horizontal bar in eighths of a character: amount / maximum of ``width``."""
    if amount is None or not maximum or amount <= 0:
        return ""
    eighths = int((amount * width * 8 / maximum).to_integral_value())
    return "█" * (eighths // 8) + (_EIGHTHS[eighths % 8] if eighths % 8 else "")


def _cells(setting: SettingAmount, difference: Decimal | None) -> list[str]:
    if not setting.payable:
        return ["not payable", "—"]
    return [_money(setting.amount), _signed(difference)]


def _all_localities_table(result: AllLocalities, out: IO[str]) -> None:
    from rich.table import Table

    console = _console(out)
    # 109 localities' amounts, their differences and a bar need ~140 columns: a narrower table cut them ("$1,559…").
    console.width = max(console.width, 140)
    code = "-".join([result.code, *result.modifiers])
    console.print(f"{code}  {result.description}", markup=False, style="bold")
    console.print(f"Release {result.release}: {result.release_title}", markup=False)
    if result.scenario:
        console.print(f"SCENARIO: {result.scenario}", markup=False, style="bold")
    where = f"{len(result.localities)} localities" + (f" in {result.state}" if result.state else "")
    units = result.anesthesia
    # An anesthesia code's CF is each locality's anesthesia CF (its own column), not the PFS's; it has no RVUs.
    cf = "each locality's anesthesia CF" if units is not None else f"CF ${result.conversion_factor}"
    console.print(
        f"Status {result.status}: {result.status_meaning} · {cf} · {where}, "
        f"sorted by the {'office' if result.sorted_by == 'non_facility' else 'facility'} amount",
        markup=False,
    )
    if units is not None:
        from rvucalc.cli.tables import anesthesia_units_text

        console.print(
            f"Anesthesia: {anesthesia_units_text(units)} x the locality's anesthesia CF (its Anes CF column; "
            f"national ${units.conversion_factor})",
            markup=False,
        )
    else:
        console.print(
            f"RVUs work {result.rvu.work}, PE {result.rvu.pe_non_facility} office / {result.rvu.pe_facility} "
            f"facility, MP {result.rvu.mp}",
            markup=False,
        )
    shown = result.sorted_by
    maximum = result.summary[shown].maximum
    table = Table(show_header=True, header_style="bold")
    for column in ("Locality", "St", "Name"):
        table.add_column(column, no_wrap=True, max_width=34 if column == "Name" else None,
                         overflow="ellipsis")  # fmt: skip
    if units is not None:
        table.add_column("Anes CF", justify="right", no_wrap=True)
    for column in ("Office", "vs national", "Facility", "vs national"):
        table.add_column(column, justify="right", no_wrap=True)
    table.add_column("Office" if shown == "non_facility" else "Facility")
    for entry in [result.national, *result.localities]:
        cells = _locality_row(entry, shown, maximum)
        if units is not None:
            cells.insert(3, _money_cf(entry.anesthesia_conversion_factor))
        table.add_row(*cells, style="bold" if entry is result.national else None)
    console.print(table)
    for name, label in (("non_facility", "Office"), ("facility", "Facility")):
        spread = result.summary[name]
        if spread.payable_localities:
            console.print(
                f"{label}: min {_money(spread.minimum)} ({spread.minimum_locality}) · median {_money(spread.median)} "
                f"· max {_money(spread.maximum)} ({spread.maximum_locality}) over {spread.payable_localities} "
                "localities",
                markup=False,
            )
        else:
            reason = result.national.pfs.non_facility if name == "non_facility" else result.national.pfs.facility
            console.print(f"{label}: not payable in any locality. {reason.reason or ''}".strip(), markup=False)
    for note in result.notes:
        console.print(f"Note: {note}", markup=False)
    _sources(console, result.sources)


def _money_cf(value: Decimal | None) -> str:
    return "—" if value is None else f"${value}"


def _locality_row(entry: LocalityAmount, shown: str, maximum: Decimal | None) -> list[str]:
    diff = entry.difference_from_national
    amount: SettingAmount = getattr(entry.pfs, shown)
    return [
        entry.locality if entry.locality != "0000000" else "national",
        entry.state or "",
        entry.name,
        *_cells(entry.pfs.non_facility, diff.non_facility),
        *_cells(entry.pfs.facility, diff.facility),
        bar(amount.amount if amount.payable else None, maximum),
    ]


# -- what changed --------------------------------------------------------------------------

AMOUNT_COLUMNS = {
    "pfs": (("non_facility", "Office"), ("facility", "Facility")),
    "asc": (("rate", "ASC rate"),),
    "opps": (("rate", "OPPS rate"),),
}


def render_comparison(result: Comparison, fmt: Any, out: IO[str] | None = None) -> None:
    _render(result, fmt, out, comparison_csv_rows, _comparison_table)


def _provider_notes(result: Comparison, change: Any) -> list[str]:
    """A --provider comparison's note and the line's share of the fee (the np's 85%), which the table and JSON say in
    their notes: the CSV's scenario column says them (a trial's `--provider np --format csv` never said whose amounts
    they were)."""
    from rvucalc.lookup.compare import PROVIDER_NOTE, SHARE_NOTE_WORDS

    said = [note for note in result.notes if note.startswith(PROVIDER_NOTE.partition("{")[0])]
    if not said:
        return []
    return [*said, *(note for note in change.notes if SHARE_NOTE_WORDS in note)]


def provider_shares_line(result: Comparison) -> str | None:
    """The stderr line of a --provider comparison written as CSV or JSON: whose amounts they are, with the shares."""
    from rvucalc.lookup.compare import PROVIDER_NOTE, SHARE_NOTE_WORDS

    said = [note for note in result.notes if note.startswith(PROVIDER_NOTE.partition("{")[0])]
    if not said:
        return None
    shares: dict[str, list[str]] = {}
    for change in result.codes:
        for note in change.notes:
            if SHARE_NOTE_WORDS in note and " are " in note:
                share = note.partition(" are ")[2].partition(SHARE_NOTE_WORDS)[0]
                shares.setdefault(share, []).append(change.code)
    which = "; ".join(f"{share} of the fee ({', '.join(codes)})" for share, codes in shares.items())
    return said[0].rstrip(".") + (f": the amounts are {which}." if which else ".")


def comparison_csv_rows(result: Comparison) -> list[dict[str, Any]]:
    names = [name for name, _ in AMOUNT_COLUMNS[result.what]]
    extra = {"pfs": [], "asc": ["coinsurance"], "opps": ["copayment"]}[result.what]
    rows = []
    for change in result.codes:
        row: dict[str, Any] = {
            "code": change.code,
            "modifier": change.modifier or "",
            "description": change.description or "",
            "change": change.change,
            "from_release": result.from_release.release,
            "to_release": result.to_release.release,
            "locality": result.locality or "",
            "zip": result.zip or "",
        }
        for name in [*names, *extra]:
            amount = change.amounts.get(name)
            row[f"{name}_before"] = _blank(amount.before if amount else None)
            row[f"{name}_after"] = _blank(amount.after if amount else None)
            row[f"{name}_difference"] = _blank(amount.difference if amount else None)
            row[f"{name}_percent"] = _blank(amount.percent if amount else None)
            if result.what == "pfs":
                for part in ("from_rvu", "from_gpci", "from_conversion_factor", "from_other"):
                    row[f"{name}_{part}"] = _blank(getattr(amount, part) if amount else None)
        row["components"] = " | ".join(f"{c.component} {c.before} -> {c.after}" for c in change.components)
        row["indicators"] = " | ".join(f"{i.field} {i.before or ''} -> {i.after or ''}" for i in change.indicators)
        row["explanation"] = change.explanation
        row["scenario"] = "; ".join([result.scenario or "", *_provider_notes(result, change)]).strip("; ")
        # Columns added later go last: scripts that read the earlier ones by position keep working.
        row["not_comparable_reason"] = change.not_comparable_reason or ""
        for name in [*names, *extra]:  # why an amount is blank: not paid there (NA), MAC-priced (status C), ...
            amount = change.amounts.get(name)
            row[f"{name}_reason_before"] = (amount.reason_before if amount else None) or ""
            row[f"{name}_reason_after"] = (amount.reason_after if amount else None) or ""
        if result.what == "pfs":  # the CF of each side: single (CY2025), qp (--qp), non_qp or what_if (the user's)
            row["conversion_factor_kind_before"] = result.from_release.conversion_factor_kind or ""
            row["conversion_factor_kind_after"] = result.to_release.conversion_factor_kind or ""
        # CMS's descriptor in each release, where they differ (JSON's descriptor_changed): blank where they do not.
        descriptor = change.descriptor_changed
        row["descriptor_before"] = descriptor.before if descriptor is not None else ""
        row["descriptor_after"] = descriptor.after if descriptor is not None else ""
        # A codes file's line refused as written (a malformed code or modifier): its line, and the error's kind.
        row["line"] = change.line if change.line is not None else ""
        row["error_kind"] = change.error_kind or ""
        # asc/opps: the CBSA whose wage index adjusts the rates (lookup.compare._facility_area), last as the columns
        # added after it are: beside `zip` it moved rate_before and every column after it one place on.
        if result.what != "pfs":
            row["cbsa"] = result.cbsa or ""
        if result.what == "pfs":  # the OPPS imaging cap set the amount in that release (JSON's capped_before/after)
            for name in names:
                amount = change.amounts.get(name)
                row[f"{name}_capped_before"] = bool(amount and amount.capped_before)
                row[f"{name}_capped_after"] = bool(amount and amount.capped_after)
        rows.append(row)
    return rows


def _comparison_table(result: Comparison, out: IO[str]) -> None:
    from rich.table import Table

    from rvucalc.lookup.compare import NOT_ON_THE_PFS

    console = _console(out)
    # Two releases' amounts side by side (and their Δ and %) need ~160 columns: a narrower table cut them ("$125.…").
    console.width = max(console.width, 160)
    before, after = result.from_release, result.to_release
    place = "national"
    if result.locality:
        place = f"{result.locality_name} (locality {result.locality})"
    if result.zip:
        place = f"ZIP {result.zip}" + (f", {place}" if result.locality else "")
    if result.cbsa:  # asc/opps: the CBSA whose wage index adjusts the rates (lookup.compare._facility_area)
        place += f", CBSA {result.cbsa} ({result.cbsa_name})" if result.cbsa_name else f", CBSA {result.cbsa}"
    # Which CMS CF each side is priced with, when --qp makes them differ in kind (2025's single CF, 2026's QP CF).
    kinds = {"single": "single CF", "qp": "QP CF", "non_qp": "non-QP CF", "what_if": "what-if CF"}
    labelled = "qp" in (before.conversion_factor_kind, after.conversion_factor_kind)

    def side(release: Any) -> str:
        kind = f", {kinds.get(release.conversion_factor_kind, '')}" if labelled else ""
        return f"{release.release} (from {release.effective_from}{kind})"

    console.print(
        f"{result.what.upper()}: {side(before)} -> {side(after)} · {place}",
        markup=False,
        style="bold",
    )
    if result.scenario:
        console.print(f"SCENARIO ({after.release} side): {result.scenario}", markup=False, style="bold")
    table = Table(show_header=True, header_style="bold")
    # Amounts never wrap or get cut ("$125.…"): the reason column wraps instead.
    table.add_column("Code", no_wrap=True)
    table.add_column("Change", no_wrap=True)
    for _, label in AMOUNT_COLUMNS[result.what]:
        table.add_column(f"{label} {before.release}", justify="right", no_wrap=True)
        table.add_column(f"{label} {after.release}", justify="right", no_wrap=True)
        table.add_column("Δ", justify="right", no_wrap=True)
        table.add_column("%", justify="right", no_wrap=True)
    table.add_column("Why")
    for change in result.codes:
        kind = "not comparable" if change.change == "not_comparable" else change.change
        if result.what == "asc" and kind == "deleted":  # off the quarter's ASC tables (compare.ASC_REMOVED)
            kind = "removed"
        cells = ["-".join([change.code, *([change.modifier] if change.modifier else [])]), kind]
        # A lab or drug the RVU file lists with a status the PFS does not pay (80053, J9271) is paid from its own
        # schedule: no PFS amount to show, as for a code the RVU file lacks (E0143), never "not payable" (a trial).
        elsewhere = NOT_ON_THE_PFS in (change.not_comparable_reason or "")
        for name, _ in AMOUNT_COLUMNS[result.what]:
            amount = None if elsewhere else change.amounts.get(name)
            if amount is None:
                cells += ["—", "—", "—", "—"]
                continue
            # A packaged code's $0.00 (OPPS SI N, ASC PI N1) is said "packaged", never a price of $0.00 "unchanged".
            both = amount.packaged_before and amount.packaged_after
            cells += [
                _amount_cell(amount.before, amount.payable_before, amount.packaged_before, amount.reason_before),
                _amount_cell(amount.after, amount.payable_after, amount.packaged_after, amount.reason_after),
                "—" if both or amount.difference is None else _signed(amount.difference),
                "—" if both else _percent(amount.percent),
            ]
        cells.append(_why(change, result))
        table.add_row(*cells)
    console.print(table)
    summary = result.summary
    # ``compare.primary``: a code is counted up or down by its office amount, or by its facility one where the office
    # has no difference (not payable in one release or both).
    labels = [label for _, label in AMOUNT_COLUMNS[result.what]]
    by = labels[0] + "".join(f", or {label} where {labels[0]} is not payable in one release or both"
                             for label in labels[1:])  # fmt: skip
    count = sum(summary.get(k, 0) for k in ("changed", "unchanged", "added", "deleted", "not_found", "not_comparable"))
    # A changed code whose counted amount did not move (99396, status N in both releases: its RVUs moved, no amount
    # is paid; or one payable in one release alone): "10 changed (6 up, 3 down ...)" left one unaccounted for (a
    # practice manager's trial).
    from rvucalc.lookup.compare import primary

    still = sum(
        1 for change in result.codes if change.change == "changed" and not getattr(primary(change), "difference", None)
    )
    neither = (
        f"; {still} neither: no amount in both releases to compare (not payable in one or both) or the same amount"
        if still
        else ""
    )
    console.print(
        f"{count} code{'' if count == 1 else 's'}: "
        f"{summary['changed']} changed ({summary['increased']} up, {summary['decreased']} down, by {by}{neither}), "
        f"{summary['unchanged']} unchanged, {summary['added']} added, "
        f"{summary['deleted']} {'removed from the ASC lists' if result.what == 'asc' else 'deleted'}"
        + (f", {summary['not_found']} in neither" if summary["not_found"] else "")
        + (f", {summary['not_comparable']} not comparable" if summary.get("not_comparable") else "")
        + "".join(
            f"; by {label}: {summary[f'{name}_increased']} up, {summary[f'{name}_decreased']} down"
            for name, label in AMOUNT_COLUMNS[result.what][1:]
            if f"{name}_increased" in summary
        ),
        markup=False,
    )
    for note in result.notes:
        console.print(f"Note: {note}", markup=False)
    _sources(console, result.sources)


def _amount_cell(amount: Decimal | None, payable: bool, packaged: bool, reason: str | None = None) -> str:
    from rvucalc.engine.pfs import CONTRACTOR_PRICED_REASON
    from rvucalc.lookup.compare import NO_ANESTHESIA_UNITS

    if packaged:
        return "packaged"
    if payable:
        return _money(amount)
    from rvucalc.engine.facility import UNPRICED_REASONS

    if reason in UNPRICED_REASONS.values():  # an APC rvucalc has not (G0410's per diem): not priced, as `price` says
        return "not priced"
    if reason == CONTRACTOR_PRICED_REASON:  # status C (or zero RVUs): paid, at the MAC's fee (as price's "MAC-priced")
        return "MAC-priced"
    # An anesthesia code compared without its base units and minutes has no amount: not "not payable" (it is paid).
    # Nor is a Maryland hospital's OPPS amount (engine.hospitals): paid at rates rvucalc has not, "not priced".
    from rvucalc.engine.hospitals import MARYLAND_OPPS_REASON
    from rvucalc.engine.wage_choices import is_choice_reason

    if reason == MARYLAND_OPPS_REASON or is_choice_reason(reason):  # payable: no one wage index (engine.wage_choices)
        return "not priced"
    return "needs units" if reason == NO_ANESTHESIA_UNITS else "not payable"


PACKAGED = "paid within another procedure's payment, no separate payment ({indicator})."


def _why(change: CodeChange, result: Comparison) -> str:
    """The factors behind the change: the attribution of the first amount, what moved, indicators; and why an
    amount shown "not payable" is not (status C: the MAC prices it; NA; a status the PFS does not pay)."""
    from rvucalc.engine.hospitals import MARYLAND_OPPS_REASON
    from rvucalc.engine.pfs import CONTRACTOR_PRICE_CAP
    from rvucalc.lookup.compare import AMOUNT_LABELS, COMPONENT_LABELS, IMAGING_CAP, cf_label, rules_label

    if change.change in ("added", "deleted", "not_found"):
        return change.explanation
    parts = []
    if change.descriptor_changed is not None:  # first: the amounts beside it may not be one service's
        from rvucalc.lookup.compare import descriptor_words

        said = descriptor_words(change.descriptor_changed)
        parts.append(said[0].upper() + said[1:])
    unpaid: dict[str, dict[str, list[str]]] = {}  # reason -> release -> the amounts it leaves unpaid
    for name, _ in AMOUNT_COLUMNS[result.what]:
        amount = change.amounts.get(name)
        if amount is None:
            continue
        for payable, reason, release in (
            (amount.payable_before, amount.reason_before, result.from_release.release),
            (amount.payable_after, amount.reason_after, result.to_release.release),
        ):
            if not payable and reason:
                unpaid.setdefault(reason, {}).setdefault(release, []).append(AMOUNT_LABELS.get(name, name))
    # A code the PFS pays in neither release for a reason of its own (paid from another schedule, paid apart: G0008,
    # 90686): its not comparable reason alone, never first the PFS status's "Not payable ... status X: Statutory
    # exclusion" it replaces (a review). Amounts one side pays (national against wage-adjusted) keep their reasons.
    from rvucalc.engine.pfs import CONTRACTOR_PRICED, CONTRACTOR_PRICED_REASON, FACILITY_PART_REASONS
    from rvucalc.lookup.compare import mac_priced_in_both

    if change.not_comparable_reason and not any(
        amount.payable_before or amount.payable_after for amount in change.amounts.values()
    ):
        # A code MAC-priced in both keeps its "Priced by the MAC" line, which its not comparable reason builds on, and
        # the facility setting's reason of a MAC-priced technical component (77520: the facility's part there).
        mac = mac_priced_in_both(change)
        kept = {CONTRACTOR_PRICED_REASON, *FACILITY_PART_REASONS}
        unpaid = {reason: where for reason, where in unpaid.items() if mac and reason in kept}

    for reason, where in unpaid.items():
        said = ", ".join(f"{release} {' and '.join(labels)}" for release, labels in where.items())
        if reason == CONTRACTOR_PRICED_REASON:  # paid at the MAC's fee, not unpaid (a trial: 0449T "not payable")
            parts.append(f"Priced by the MAC ({said}){reason[len(CONTRACTOR_PRICED) :]}")
            continue
        from rvucalc.engine.wage_choices import COMPARE_CHOICE, is_choice_reason

        choice = is_choice_reason(reason)
        verdict = "Not priced" if reason == MARYLAND_OPPS_REASON or choice else "Not payable"  # _amount_cell's
        parts.append(f"{verdict} ({said}): {reason}{COMPARE_CHOICE if choice else ''}")
    if change.not_comparable_reason:
        parts.append(f"Not comparable: {change.not_comparable_reason}.")
    packaged = [
        (release.release, [name for name, amount in change.amounts.items() if getattr(amount, side)])
        for release, side in ((result.from_release, "packaged_before"), (result.to_release, "packaged_after"))
    ]
    why = PACKAGED.format(indicator="SI N" if result.what == "opps" else "PI N1")
    if all(names for _, names in packaged):
        parts.append(f"Packaged in both {result.from_release.release} and {result.to_release.release}: {why}")
    else:
        parts += [f"Packaged in {release}: {why}" for release, names in packaged if names]
    # Each amount's own split, named by its column where there are two (an analyst's trial: 11102's facility -$6.17
    # sat beside the office's "RVUs -$3.24, CF +$3.02", which sums to the office's -$0.22; the facility's own was RVUs
    # -$7.12, CF +$0.95).
    columns = AMOUNT_COLUMNS[result.what]
    for name, label in columns:
        amount = change.amounts.get(name)
        if amount is None or not amount.difference:
            continue
        steps = [
            f"{part} {_signed(value)}"
            for part, value in (
                ("RVUs", amount.from_rvu),
                ("GPCIs", amount.from_gpci),
                (cf_label(change), amount.from_conversion_factor),
                (rules_label(amount, "rules"), amount.from_other),
            )
            if value
        ]
        if steps:
            said = ", ".join(steps)
            parts.append(said if len(columns) == 1 else f"{label} {_signed(amount.difference)}: {said}")
    moved = [
        f"{COMPONENT_LABELS.get(c.component, c.component)} {'—' if c.before is None else c.before} -> "
        f"{'—' if c.after is None else c.after}"
        for c in change.components
    ]
    if moved:
        parts.append("; ".join(moved))
    parts += [f"{i.field} {i.before or '—'} -> {i.after or '—'}" for i in change.indicators]
    # A bare 98940-98942 compared at its fee: the denial without AT, as the explanation says it.
    parts += [note for note in change.notes if "billed without AT" in note]
    # What the OPPS imaging cap did (compare.capped_note): why moved RVUs and CF paid nothing, or what it took off.
    parts += [note for note in change.notes if note.startswith(f"The {IMAGING_CAP}")]
    # The OPPS-based cap on a MAC-priced code's price (compare._mac_cap_notes): what bounds the fee compare cannot give.
    parts += [note for note in change.notes if CONTRACTOR_PRICE_CAP in note]
    return "\n".join(parts) if parts else ""
