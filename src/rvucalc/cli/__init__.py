"""The ``rvucalc`` command: parses options, calls the core, renders. Nothing else.

Errors from the core (``RvucalcError``) are translated here, in
``translate_errors``: one line on stderr, exit 2 for usage, 1 otherwise.
Tracebacks only with ``--debug``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import functools
import gc
import io
import os
import signal
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from typer.exceptions import TyperException

from rvucalc._version import __version__

F = TypeVar("F", bound=Callable[..., Any])

app = typer.Typer(
    name="rvucalc",
    help="What Medicare pays for a code, here, in each setting: offline, to the cent, from CMS's own files.",
    # CMS's files carry CPT descriptors, which rvucalc shows: the AMA's notice goes with them (data/README.md).
    epilog="CPT codes and descriptions only are copyright American Medical Association; all rights reserved (CMS's "
    "notices: data/README.md in the package's source).",
    no_args_is_help=True,
    add_completion=True,  # --install-completion, --show-completion (the single-command fast path has none)
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class _Command(typer.core.TyperCommand):
    """A usage line as it is typed: ``rvucalc price [OPTIONS] CODE...``, ``compare [OPTIONS] [CODE...]``, ``zip
    [OPTIONS] ZIP_CODE``. typer writes a required argument as ``{CODE}`` (its metavar in braces, a variadic one's
    ``...`` left out) and one without a metavar by its parameter's name (``{zip_code}``)."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name != "argument":  # typer's arguments are no click.Argument
                pieces.extend(param.get_usage_pieces(ctx))
                continue
            name = (param.metavar or param.name or "").upper() + ("..." if param.nargs == -1 else "")
            pieces.append(name if param.required else f"[{name}]")
        return pieces

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        _refuse_an_option_for_a_file(self.get_params(ctx), args)
        _refuse_repeated_options(self.get_params(ctx), args)
        return super().parse_args(ctx, args)


# Options whose value is a file name, and what they expect. click gives such an option the next word even when it is
# another option, so `batch in.csv --summary -o out.xlsx` failed with "Got unexpected extra argument(s) (out.xlsx)"
# (--summary had taken -o), and `batch in.csv --summary --quiet -o out.xlsx` wrote the totals to a file named
# "--quiet" with exit 0. Such an option followed by one of the command's options, or by nothing, is a usage error.
_FILE_VALUES = {
    "--summary": "a file name for the run's totals (JSON), e.g. --summary totals.json, or '-' for stdout with -o FILE",
}


def _refuse_an_option_for_a_file(params: list[Any], args: list[str]) -> None:
    """``--summary`` given no file name (the next word another option, or none) is a usage error naming what it
    expects (_FILE_VALUES), not click's "unexpected extra argument" about the option's own value. Another option's
    value is passed over (``--columns --summary`` is --columns' to refuse); '--' (the end of the options) and a
    cluster of short flags (``-qo``) are options too: a review found ``--summary -qo out.csv`` said "unexpected extra
    argument(s) (out.csv)" and ``--summary --`` wrote the totals to a file named "--", exit 0."""
    options = [param for param in params if param.param_type_name == "option"]
    names = {name for param in options for name in (*param.opts, *param.secondary_opts)}
    takes_value = {name for param in options if not param.is_flag and not param.count
                   for name in (*param.opts, *param.secondary_opts)}  # fmt: skip

    def an_option(word: str) -> bool:
        return word == "--" or word.partition("=")[0] in names or (
            len(word) > 2 and word[0] == "-" and word[1] != "-" and word[:2] in names)  # fmt: skip

    at = 0
    while at < len(args):
        arg = args[at]
        if arg == "--":
            break
        if arg in _FILE_VALUES and arg in names:
            following = args[at + 1] if at + 1 < len(args) else None
            if following is None or an_option(following):
                got = "nothing after it" if following is None else f"{following!r}, an option"
                raise typer.BadParameter(f"needs {_FILE_VALUES[arg]}; got {got}.", param_hint=f"'{arg}'")
        elif arg in takes_value:  # its value, whatever it reads, is its own (click takes it so)
            at += 1
        at += 1


def _refuse_repeated_options(params: list[Any], args: list[str]) -> None:
    """A one-value option given twice is a usage error: click keeps the last silently, so ``price 99309 99223
    --setting 32 --setting 21`` priced both lines at POS 21 (a trial read it as one setting per code)."""
    takes_value = {
        name: param
        for param in params
        if param.param_type_name == "option" and not param.multiple and not param.is_flag and not param.count
        for name in (*param.opts, *param.secondary_opts)
    }
    seen: dict[str, list[str]] = {}
    at = 0
    while at < len(args):
        arg = args[at]
        if arg == "--":
            break
        name, equals, value = arg.partition("=")
        param = takes_value.get(name if arg.startswith("--") else arg)
        if param is not None:
            if not equals:
                value = args[at + 1] if at + 1 < len(args) else ""
                at += 1
            seen.setdefault(param.opts[0], []).append(value)
        at += 1
    for name, values in seen.items():
        if len(values) > 1:
            hint = (
                " (one run prices every line in one place and setting: for lines in different places or settings, "
                "use rvucalc batch with zip and setting columns)"
                if name in {"--setting", "--zip", "--locality", "--state", "--date"}
                else f" (join the roles with commas: --columns '{','.join(values)}')"
                if name == "--columns"
                else ""
            )
            times = "twice" if len(values) == 2 else f"{len(values)} times"
            given = ", ".join(values)
            raise typer.BadParameter(f"given {times} ({given}): give it once{hint}.", param_hint=f"'{name}'")


class _State:
    debug = False


state = _State()


_WRITE_FAILED = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})  # translate_errors: exit 3


def translate_errors(func: F) -> F:
    """Turn core errors into a one-line message and an exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from rvucalc.errors import RvucalcError

        try:
            return func(*args, **kwargs)
        except RvucalcError as exc:
            _say_recovered()
            if state.debug:
                raise
            from rvucalc.cli.flags import FLAGS  # messages name API parameters: the CLI shows its flags

            typer.echo(f"rvucalc: {exc.render(FLAGS)}", err=True)
            raise typer.Exit(exc.exit_code) from None
        except (TyperException, typer.Exit, typer.Abort, SystemExit, BrokenPipeError):
            raise  # usage errors and exits: typer reports them (exit 2 for usage); a closed pipe: main()
        except KeyboardInterrupt:
            typer.echo("rvucalc: interrupted", err=True)
            raise typer.Exit(130) from None
        except Exception as exc:
            if state.debug:
                raise
            if isinstance(exc, OSError) and exc.errno in _WRITE_FAILED:
                # A write that failed (a full disk, /dev/full as stdout, a quota, a file too large): the run failed
                # after it started, exit 3 as batch's and export's (README's exit codes), not 1 (not found) as a bug.
                where = exc.filename if exc.filename else "the output"
                typer.echo(f"rvucalc: could not write {where}: {exc.strerror or exc}", err=True)
                raise typer.Exit(3) from None
            typer.echo(
                f"rvucalc: unexpected error ({type(exc).__name__}: {exc}). "
                "Run again with --debug for the traceback, and please report it.",
                err=True,
            )
            raise typer.Exit(1) from None

        finally:
            _say_recovered()

    return wrapper  # type: ignore[return-value]


def errors_in_output(func: F) -> F:
    """A command whose ``--format`` is json or csv writes its error there too when it ends with one (exit 1, not a
    usage error's 2): the same error object as a result's ``errors`` (``rvucalc.cli.render.render_errors``), the
    message on stderr still (``translate_errors``, outside it). A script asking for JSON gets JSON: `price 99999 -f
    json` wrote nothing, where `price 99213 99999 -f json` wrote the unknown line's error object."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from rvucalc.errors import RvucalcError

        try:
            return func(*args, **kwargs)
        except RvucalcError as exc:
            fmt = str(kwargs.get("output") or "").strip().lower()
            # ``output_written``: the command wrote its errors beside its result (`modifiers GP ZZ`), once.
            if exc.exit_code == 1 and fmt in ("json", "csv") and not getattr(exc, "output_written", False):
                from rvucalc.cli.flags import FLAGS
                from rvucalc.cli.render import render_errors

                # The lines' errors an encounter collected (``price``: each unknown, denied or refused code), or
                # the one error, of no line (an unknown ZIP, a year not installed).
                said = getattr(exc, "output_errors", None) or [
                    {"line": None, "code": None, "error_kind": exc.kind.value, "error": exc.render(FLAGS)}
                ]
                render_errors(fmt, said)
            raise

    return wrapper  # type: ignore[return-value]


def _say_recovered() -> None:
    """What finishing or undoing an interrupted refresh did (before this command read the data), on stderr."""
    install = sys.modules.get("rvucalc.reference.refresh.install")
    notes = getattr(install, "RECOVERY_NOTES", None)
    while notes:
        typer.echo(f"rvucalc: {notes.pop(0)}", err=True)


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
    """A --date as batch reads a date cell (``lookup.dates``: ISO, US month-first, compact CCYYMMDD)."""
    from rvucalc.lookup.dates import date_from_text

    if value is None:
        return None
    try:
        return date_from_text(value)
    except ValueError as exc:
        reason = str(exc).removeprefix(f"date {value!r} ").removeprefix("is not a date").lstrip(":; ")
        raise typer.BadParameter(f"{value!r} is not a date: {reason}. Use YYYY-MM-DD or MM/DD/YYYY.") from None


YearOption = Annotated[
    int | None, typer.Option("--year", min=1990, max=2100, help="Calendar year of the fee schedule.")
]
DateOption = Annotated[
    str | None,
    typer.Option("--date", help="Date of service (YYYY-MM-DD or MM/DD/YYYY): picks the release in force."),
]


def _format(value: str) -> Any:
    from rvucalc.cli.render import OutputFormat

    try:
        return OutputFormat(value.lower())
    except ValueError:
        raise typer.BadParameter(f"{value!r}: choose table, json or csv.", param_hint="--format") from None


def anesthesia_minutes(value: str) -> int:
    """--minutes as batch reads a minutes cell (``batch.dates.minutes_text``): 95, 95.0, or hours:minutes 1:35 (an
    anesthesia record's time; a review: price refused '1:35', exit 2, where batch priced it as 95 minutes)."""
    from rvucalc.batch.dates import minutes_text

    minutes = minutes_text(value).strip()
    if not (minutes.isascii() and minutes.isdigit()):
        raise typer.BadParameter(
            f"{value!r}: anesthesia time is a whole number of minutes (95) or hours:minutes (1:35).",
            param_hint="--minutes",
        )
    return int(minutes)


def assistant_lines(
    codes: list[str], modifier: list[str] | None, provider: str
) -> tuple[list[str], str, dict[int, str]]:
    """--provider PTA (OTA): the codes priced as batch prices a PTA's (OTA's) rows (``credentials.assistant_modifier``:
    a GP (GO) line gets CQ (CO), 85%), billed by the therapist (provider 'therapist'), each line's note on stderr;
    the codes given CQ/CO (by position), whose errors then name who furnished the line, not the modifier."""
    from rvucalc.lookup.credentials import FROM_FLAG, assistant_modifier, assistant_of

    which = assistant_of(provider) if provider.strip() else None
    if not which:
        return codes, provider, {}
    given = "-".join(m.strip() for m in modifier) if modifier else ""
    priced: list[str] = []
    implied: dict[int, str] = {}
    for number, code in enumerate(codes):
        text, note = assistant_modifier(code, given, which, where=FROM_FLAG)
        if text != given:
            code, implied[number] = f"{code}-{which}", which
        priced.append(code)
        if note:
            typer.echo(f"rvucalc: note: {code.partition('-')[0]}: {note}", err=True)
    return priced, "therapist", implied  # the practice's therapist bills it (engine.therapists.ASSISTANT_WHO)


# Whose claim the stderr sentence of a facility setting with no facility fee priced names (``claim_holder``): an
# emergency medicine trial's `--provider pa` read "The physician's claim there is paid ... $144.15", a PA's 85%.
_CLAIM_HOLDERS = {"crna": "the CRNA's", "psychologist": "the psychologist's", "chiropractor": "the chiropractor's",
                  "cnm": "the nurse-midwife's", "dietitian": "the registered dietitian's",
                  "therapist": "the therapist's", "slp": "the speech-language pathologist's",
                  "audiologist": "the audiologist's"}  # fmt: skip


def claim_holder(provider: str, noun: str) -> str:
    """Whose ``noun`` ('claim', 'total') a line of --provider ``provider`` is: "the physician's claim", "the
    practitioner's claim (PA, 85%)" for a practitioner paid a percentage of the PFS amount
    (``engine.therapists.PERCENT_PRACTITIONERS``: an NP's, PA's or CNS's 85%, 42 CFR 414.52 and 414.56(c); a CSW's
    75%, 42 CFR 414.53), or the practitioner's name ("the CRNA's claim")."""
    from rvucalc.engine.therapists import PERCENT_PRACTITIONERS

    key = provider.lower()
    if key in PERCENT_PRACTITIONERS:
        _, short, share = PERCENT_PRACTITIONERS[key]
        return f"the practitioner's {noun} ({short}, {share.split()[0]})"
    holder = _CLAIM_HOLDERS.get(key, "the physician's")
    return f"{holder} {noun}"


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _option_given(ctx: typer.Context, name: str) -> bool:
    """Whether the command's option ``name`` was given (on the command line or from the environment), not left at
    its default."""
    source = ctx.get_parameter_source(name)
    return source is not None and source.name in ("COMMANDLINE", "ENVIRONMENT")


def provider_stated(ctx: typer.Context, provider: str) -> bool:
    """Whether --provider names the physician as a batch provider cell 'MD' does (given, as MD, DO, Anesthesiologist
    ...; not its default word physician, which names no one): ``lookup.lines.check_practitioner``'s ``stated``, one
    rule for price, batch and compare."""
    return _option_given(ctx, "provider") and provider.strip().lower() != "physician"


def _site_label(site: str, setting: str | None) -> str:
    """A site as the not-payable message names it: the place of service asked for (``--setting 20``: "POS 20 (Urgent
    care facility)", not "office", the rate it is priced at: an urgent care trial), else the site's own name."""
    from rvucalc.engine.place_of_service import resolve_site
    from rvucalc.errors import RvucalcError

    if setting:
        with contextlib.suppress(RvucalcError):
            choice = resolve_site(setting)
            if choice.pos is not None:
                return f"POS {choice.pos} ({choice.name})"
    return site


def _say_unpriced_lines(lines: list[Any], where: str) -> None:
    """An encounter some of whose lines are priced (exit 0): each line priced nowhere is named on stderr with its
    reason, as a code alone is (exit 1), so a script reading JSON or CSV is told (a trial's `price 99213 81099` said
    nothing where `price 81099` exits 1). Exit 1 stays for an encounter nothing of which is priced.
    Beside an office site not paid, a hospital or ASC site of $0.00 (a packaged line's: no separate payment) is no
    amount either (a review: `price 99213 J3490 -f json` said nothing of J3490, which the office total leaves out,
    its ASC site $0.00 as packaged); it is said with the reason. With --setting hopd or asc, that $0.00 is the
    answer.
    A trial: where no line has an amount at the site (`price 99214-25 96413 J9271-JZ --setting 22` in a year whose
    OPPS file is not installed: the hospital's total is not priced, J9271-JZ's ASP amount is its drug line's alone),
    "the encounter's other lines are priced" was not so: said as it is."""
    at_site = any(site.payable for line in lines for site in line.sites)
    own = [
        "-".join([line.code, *line.modifiers])
        for line in lines
        if any(s is not None and s.payable for s in (line.clfs, line.drug, line.dmepos))
    ]
    for line in lines:
        schedules = [s for s in (line.clfs, line.drug, line.dmepos) if s is not None]
        office_unpaid = any(site.setting == "office" and not site.payable for site in line.sites)
        zero = [site.setting for site in line.sites if site.payable and site.setting in ("hopd", "asc")
                and office_unpaid and not site.total]  # fmt: skip
        if any(site.payable and site.setting not in zero for site in line.sites) or any(s.payable for s in schedules):
            continue
        told = [site for site in line.sites if site.reason and site.setting not in zero][:1]  # the office's first
        said = [f"{told[0].setting}: {(told[0].reason or '').rstrip('.')}"] if told else []
        # At a hospital or ASC, the PFS's own reason first (status B: bundled, no payment anywhere), as the office's
        # is: an anesthesia trial's 99100 at POS 22 was said with OPPS's "SI B ... another code may apply" alone.
        pfs = getattr(line, "pfs", None)
        facility = getattr(pfs, "facility", None)
        # Not when the site's reason is that very text (POS 31, a PFS facility place: a wound care trial's Q4101 read
        # "(PFS: Not priced in the facility setting: a skin substitute ...; facility: Not priced in the facility
        # setting: a skin substitute ...)", the same 500 characters twice).
        if (
            told
            and told[0].setting != "office"
            and facility is not None
            and not facility.payable
            and facility.reason
            and facility.reason.rstrip(".") != (told[0].reason or "").rstrip(".")
        ):
            said.insert(0, f"PFS: {facility.reason.rstrip('.')}")
        said += [f"{' and '.join(zero)}: $0.00, no separate facility payment"] if zero else []
        why = f" ({'; '.join(said)})" if said else ""
        code = "-".join([line.code, *line.modifiers])
        if at_site:
            rest = "the encounter's other lines are priced, and its totals say which lines they leave out."
        else:
            there = "at this site" if where == "here" else "in any site"
            rest = f"no line of the encounter is priced {there}: its totals are not priced either" + (
                f" ({', '.join(own)}: its lab, drug or DME amount alone, not the site's)." if own else "."
            )
        typer.echo(f"rvucalc: {code} has no amount {where}{why}; {rest}", err=True)


@app.command()
@translate_errors
@errors_in_output
def price(
    ctx: typer.Context,
    codes: Annotated[
        list[str],
        typer.Argument(
            metavar="CODE", help="HCPCS/CPT code(s), optionally CODE-MOD[-MOD] (27447-50); several = one encounter."
        ),
    ],
    zip_code: Annotated[str | None, typer.Option("--zip", help="ZIP code: prices in its PFS locality.")] = None,
    locality: Annotated[
        str | None,
        typer.Option(
            "--locality",
            help="7-digit MAC+locality (1320201), a name or unique prefix (MANHATTAN); 'all' or no value: every "
            "locality.",
        ),
    ] = None,
    modifier: Annotated[
        list[str] | None,
        typer.Option("--modifier", "-m", help="Modifier(s) for a single code, e.g. 26 or 50-59 (or -m 50 -m 59)."),
    ] = None,
    conversion_factor: Annotated[
        str | None, typer.Option("--conversion-factor", help="What-if CF, e.g. 32.8409 (not a CMS rate).")
    ] = None,
    anesthesia_cf: Annotated[
        str | None, typer.Option("--anesthesia-cf", help="What-if national anesthesia CF (not a CMS rate).")
    ] = None,
    percent_of_medicare: Annotated[
        str | None, typer.Option("--percent-of-medicare", help="Contract rate as a percentage of Medicare, e.g. 110.")
    ] = None,
    paid_for: Annotated[
        str | None,
        typer.Option(
            "--paid-for",
            help="What --percent-of-medicare's contract is of, as batch's --paid-for: site (the site's whole allowed "
            "amount, facility fee included; the default), professional (a physician's claim: the professional fee "
            "alone) or facility (a hospital's or ASC's claim: its OPPS or ASC payment alone).",
        ),
    ] = None,
    year: YearOption = None,
    date: DateOption = None,
    qp: Annotated[bool, typer.Option("--qp", help="Qualifying APM participant conversion factor (2026 on).")] = False,
    wage_index: Annotated[
        str | None,
        typer.Option("--wage-index", help="A hospital's own wage index for the OPPS rate, e.g. 1.31 (not the ASC's)."),
    ] = None,
    asc_wage_index: Annotated[
        str | None,
        typer.Option(
            "--asc-wage-index",
            help="The ASC's wage index for the ASC rate, e.g. 0.7158 (where CMS's file gives the place several, or "
            "none).",
        ),
    ] = None,
    hospital: Annotated[
        str | None,
        typer.Option(
            "--hospital",
            help="The hospital's kind, where it changes its OPPS payment: rural-sch (a rural sole community "
            "hospital: the 7.1% OPPS add-on, not on drugs, and exempt from the 40% clinic visit rate at an "
            "off-campus department, G0463-PO). Default: an ordinary OPPS hospital.",
        ),
    ] = None,
    setting: Annotated[
        str | None,
        typer.Option(
            "--setting", help="Show one site: office, hopd or asc, or a CMS place-of-service code (11, 22, 24, 21 ...)."
        ),
    ] = None,
    sequestration: Annotated[
        bool, typer.Option("--sequestration", help="Take the 2% sequestration off Medicare's share.")
    ] = False,
    provider: Annotated[
        str,
        typer.Option(
            "--provider",
            help="physician, or np / pa / cns billing under their own number (85%), or crna (a nurse anesthetist or "
            "anesthesiologist assistant: assignment only, no limiting charge), or csw (a clinical social worker, "
            "marriage and family therapist or mental health counselor: 75%, as AJ, no limiting charge), or "
            "psychologist (a clinical psychologist: the full amount, no limiting charge; for both, E/M visits, 90792 "
            "and the psychotherapy add-ons to an E/M are denied), or chiropractor (spinal "
            "manipulation 98940-98942 with AT alone is covered; other lines denied), or cnm (a certified "
            "nurse-midwife: the full amount, no limiting charge), or dietitian (a registered dietitian: medical "
            "nutrition therapy at 85%, no limiting charge), or therapist / slp (a physical or occupational "
            "therapist, a speech-language pathologist in private practice: a physician's amounts; a PT's or OT's PC/TC "
            "7 line at POS 19, 21 or 22 is not payable), or audiologist (a physician's amounts; an E/M visit, a "
            "procedure or therapy noted: not an audiologist's to bill). Also a credential or CMS specialty, as a "
            "batch provider column takes it: MD, DO, DPM, DC, FNP, PA-C, LCSW, PhD, CNM, RD, PT, OT, SLP, AUD, 50, "
            "42, 71 ...",
        ),
    ] = "physician",
    base_units: Annotated[
        list[str] | None,
        typer.Option(
            "--base-units",
            help="Anesthesia base units (ASA relative value guide): once for every line, or once per code, in order "
            "(00811 00812 --base-units 4 --base-units 3).",
        ),
    ] = None,
    minutes: Annotated[
        list[int] | None,
        typer.Option(
            "--minutes",
            parser=anesthesia_minutes,
            metavar="<minutes>",
            help="Anesthesia time in minutes (95, or hours:minutes 1:35, as batch reads it): once for every line, or "
            "once per code, in order.",
        ),
    ] = None,
    units: Annotated[
        list[str] | None,
        typer.Option(
            "--units",
            help="Units billed (whole number, at least 1; 2.0 is 2, as in batch). Part B drugs: units of the code's "
            "billing unit (J9271 is per 1 mg: 100 mg = --units 100); the payment limit per unit x units, rounded "
            "once. One --units for every line, or one per code, in order (27447 20610 --units 1 --units 2).",
        ),
    ] = None,
    state_code: Annotated[
        str | None,
        typer.Option(
            "--state",
            help="Two-letter state, e.g. CA; it means one of two things by the code. A PFS code (99213): its "
            "price in every locality of the state, instead of --zip or --locality. A DMEPOS item (E0601-RR): "
            "priced with that state's DMEPOS fee (default: the --zip's state; DMEPOS items need --state or --zip).",
        ),
    ] = None,
    rural: Annotated[
        bool,
        typer.Option(
            "--rural",
            help="DMEPOS: use the state's rural fee instead of the non-rural one (the default). CMS's DMEPOS "
            "rural ZIP file is not installed, so rvucalc cannot tell from a ZIP: say --rural when it is.",
        ),
    ] = False,
    output: Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")] = "table",
) -> None:
    """Price a code (or an encounter of codes) where Medicare pays it: the PFS with CMS's payment
    rules, OPPS and ASC facility rates, clinical labs (CLFS), Part B drugs (ASP) and DMEPOS, and
    the office, hospital outpatient and ASC sites compared."""
    from rvucalc.cli.render import render
    from rvucalc.lookup.pricer import Pricer

    fmt = _format(output)
    from rvucalc.errors import UsageError

    # --provider given as a credential or type a batch provider cell names (MD, DO, DPM, Anesthesiologist ...) names
    # the physician as that cell does (lookup.lines.check_practitioner's ``stated``: 00840-QZ or 90834-AJ conflicts);
    # the option's own word, physician, is its default, which names no one (the modifier says who).
    physician_named = provider_stated(ctx, provider)
    from rvucalc.lookup.credentials import provider_word

    provider = provider_word(provider, setting=setting)
    given_codes = list(codes)  # as typed: a line's error names them (not the CQ/CO --provider PTA adds)
    codes, provider, implied = assistant_lines(codes, modifier, provider)
    given = [("--zip", zip_code), ("--locality", locality), ("--setting", setting), ("--state", state_code),
             ("--wage-index", wage_index), ("--asc-wage-index", asc_wage_index),
             ("--conversion-factor", conversion_factor),
             ("--anesthesia-cf", anesthesia_cf), ("--percent-of-medicare", percent_of_medicare),
             ("--paid-for", paid_for), ("--hospital", hospital), *(("--modifier", m) for m in modifier or []),
             *(("--base-units", b) for b in base_units or [])]  # fmt: skip
    for flag, value in given:
        if value is not None and not value.strip():  # an empty shell variable: never a silent default
            raise UsageError(f"{flag} is empty: give it a value, or leave it out.")
    # A repeated -m adds modifiers (it kept the last one); they are checked together, as 71046-26-TC is.
    modifiers = "-".join(m.strip() for m in modifier) if modifier else None
    # A repeated --units gives each code its own (it kept the last one for every line, silently: a fuzz trial).
    if units and len(units) not in (1, len(codes)):
        raise UsageError(f"--units was given {len(units)} times for {len(codes)} codes: give it once (every line) or "
                         "once per code, in order.")  # fmt: skip
    counts: list[int] = []
    if units:
        from rvucalc.batch.dates import UNITS_WRITTEN, whole_number

        # Batch's reading of a units cell ('2', '2.00'), so a line reads the same in price and batch (a trial: typer's
        # "'2.0' is not a valid int range"); the range is the API's to check, in its words.
        for number, text in enumerate(units):
            count = whole_number(text)
            if count is None:
                on = codes if len(units) == 1 else [codes[number]]
                hint = _drug_units_hint(on, text, year, date)
                raise UsageError(f"--units {text!r}: give a whole number of units in {UNITS_WRITTEN}."
                                 + (f" {hint}" if hint else ""))  # fmt: skip
            if count == 0:  # the one zero-units text, echoing the user's own ('00'), as batch's cell error does
                from rvucalc.errors import ErrorKind
                from rvucalc.lookup.arguments import zero_units

                raise UsageError(zero_units(f"--units {text.strip()}"), kind=ErrorKind.BAD_UNITS)
            counts.append(count)
    line_units: int | list[int] = (counts[0] if len(counts) == 1 else counts) if counts else 1
    _warn_small_percent(percent_of_medicare)
    pricer = Pricer()
    every_locality = locality is not None and locality.strip().lower() == "all"
    # --state: every locality of the state, but for a DMEPOS code, whose fee column it chooses (with --locality too).
    tabled = every_locality or bool(state_code and not _on_dmepos(pricer, codes))
    schedule: str | None = None  # a lab's or drug's code: the CLFS or ASP file lists it, the PFS does not pay it
    if tabled:
        if len(codes) != 1:
            raise UsageError("--locality all and --state show one code in every locality: give one code.")
        schedule = _another_schedules_code(pricer, codes[0], modifiers, year, date)
    if schedule and state_code and not every_locality:
        # One national amount, whatever the state: the line priced, its --units and --setting applied, as a DMEPOS
        # item's --state prices it (A4253-NU --units 2 --state TX). The state checked first: a review's --state ZZ
        # was told "priced once" before it was refused.
        from rvucalc.lookup.pricer import parse_state

        parse_state(state_code)
        # A place with it is a conflict (it priced at --zip 10001, MANHATTAN, NY, and said "every locality of TX"):
        # refused naming both, as a PFS code's --state refuses --zip and --zip refuses --locality.
        place = [flag for flag, value in (("--zip", zip_code), ("--locality", locality)) if value is not None]
        if place:
            raise UsageError(
                f"Give --state or {' and '.join(place)}, not both: {codes[0]} is not paid under the PFS; its "
                f"{schedule} amount is one national amount, which --state prices once for every locality of the "
                f"state, while {' and '.join(place)} {'prices' if len(place) == 1 else 'price'} it at one place "
                "(with the sites' rates there)."
            )
        typer.echo(f"rvucalc: {codes[0]} is not paid under the PFS: its {schedule} amount is one national amount, "
                   f"the same in every locality of {state_code.strip().upper()}; priced once.", err=True)  # fmt: skip
    elif tabled:
        from rvucalc.cli.compare_cmd import price_localities

        # The locality table is one unit's PFS amounts: an option it would not apply is refused, never dropped. A
        # code the PFS does not pay has no table: price_localities says how to price it, whatever the options. An
        # anesthesia code's --base-units and --minutes price it in every locality, each with its anesthesia CF.
        ignored = [] if schedule else [flag for flag, given in (
            ("--zip", zip_code is not None), ("--units", line_units != 1), ("--setting", setting is not None),
            ("--wage-index", wage_index is not None), ("--asc-wage-index", asc_wage_index is not None),
            ("--sequestration", sequestration),
            ("--provider", provider.lower() != "physician"), ("--anesthesia-cf", anesthesia_cf is not None),
            ("--percent-of-medicare", percent_of_medicare is not None), ("--paid-for", paid_for is not None),
            ("--rural", rural), ("--hospital", hospital is not None),
        ) if given]  # fmt: skip
        if ignored:
            raise UsageError(
                f"--locality all and --state compare one unit's PFS amounts in every locality; they do not apply "
                f"{', '.join(ignored)}. Drop {'it' if len(ignored) == 1 else 'them'}, or price one locality "
                "(--zip or --locality ID) with them."
            )
        price_localities(
            codes[0], locality=None if locality is None or every_locality else locality,
            state=state_code, modifier=modifiers, year=year, date_of_service=parse_date(date), qp=qp,
            conversion_factor=conversion_factor, base_units=base_units or None, minutes=minutes or None, fmt=fmt,
        )  # fmt: skip
        return
    from rvucalc.lookup.pricer import LINE_ERRORS, DeniedLineError

    # The encounter of the codes rvucalc knows and prices, each unknown, denied or refused code's error on stderr and
    # in the JSON's or CSV's output (exit 1), as batch prices a claim's other rows and errors the unknown, denied or
    # refused one's (README, "Exit codes"); a code alone keeps its error alone. The table too (a trial's `price 63650
    # 63650-59 L8680` printed L8680's error alone, where -f json carried the two 63650 lines; `price 98940 99213` the
    # denial alone; `price 44140 47562-51 36475-80` the refusal of 80 alone: lookup.pricer.LINE_ERRORS).
    kept = list(range(len(codes)))
    unknown: list[tuple[int, Any]] = []
    while True:
        try:
            encounter = pricer.price_encounter(
                [codes[n] for n in kept],
                modifier=modifiers,
                zip_code=zip_code,
                locality=locality,
                year=year,
                date_of_service=parse_date(date),
                qp=qp,
                wage_index=wage_index,
                asc_wage_index=asc_wage_index,
                setting=setting.lower() if setting else None,
                sequestration=sequestration,
                provider=provider.lower(),
                # one for every line, or one per code (lookup.pricer.per_code)
                base_units=_of_lines(base_units, kept, len(codes)) or None,
                minutes=_of_lines(minutes, kept, len(codes)) or None,
                units=_of_lines(line_units, kept, len(codes)),
                state=state_code,
                rural=rural,
                conversion_factor=conversion_factor,
                anesthesia_cf=anesthesia_cf,
                percent_of_medicare=percent_of_medicare,
                paid_for=paid_for or "site",
                denied=[codes[n] for n, error in unknown if isinstance(error, DeniedLineError)],
                hospital=hospital,
                provider_stated=physician_named,
            )
            break
        except LINE_ERRORS as exc:
            at = kept[exc.index] if len(kept) > 1 else kept[0]
            if at in implied:
                from rvucalc.lookup.credentials import implied_assistant_error

                exc.args = (implied_assistant_error(exc.args[0], implied[at], where="--provider"),)
            if len(kept) < 2:  # no code left to price: each line's error said (`price 98940 98941`: both denied)
                _say_unknown_lines(given_codes, unknown, fmt, priced=False)
                # and in the JSON or CSV asked for, as beside a priced encounter (errors_in_output writes them)
                exc.output_errors = _line_errors(given_codes, [*unknown, (at, exc)])  # type: ignore[union-attr]
                raise
            unknown.append((kept.pop(exc.index), exc))
    if unknown:
        _say_unknown_lines(given_codes, unknown, fmt)
    single = len(encounter.lines) == 1 and not unknown
    # A place's wage index listed with several values is a word of the hospital's and ASC's rates: not said on stderr
    # where the setting priced shows neither (an IDTF trial: `price 71046-TC --zip 62901 --date 2025-10-21 --setting
    # 32` was warned "the hospital's (OPPS) and ASC rates CMS wage-adjusts are not priced here"). JSON's warnings and
    # the opps/asc reasons keep it; with no setting, or at the hospital or ASC, it is said as before.
    from rvucalc.reference.geography import is_wage_choice_warning

    facility_shown = any(site.setting in ("hopd", "asc") for line in encounter.lines for site in line.sites)
    for warning in encounter.warnings:
        if facility_shown or not is_wage_choice_warning(warning):
            typer.echo(f"warning: {warning}", err=True)
    if len(counts) == 1 and counts[0] > 1 and not single:
        # One --units is every line's (documented), but a dermatology trial's `price 17000 17003 --units 8` meant 8
        # lesions of 17003 and priced 17000 x 8 too, silently. Said (scripts that mean it keep working), and in JSON.
        every = _units_for_every_code([_line_name(line) for line in encounter.lines], counts[0])
        typer.echo(f"warning: {every}", err=True)
        if fmt == "json":
            encounter.notes.append(every)
    if conversion_factor is not None and any(line.pfs.anesthesia is not None for line in encounter.lines):
        # A trial gave --conversion-factor on 00400-QK: nothing said it priced nothing there.
        typer.echo(ANESTHESIA_CF_NOTE, err=True)
    sites = encounter.lines[0].sites if single else list(encounter.totals.values())
    schedules = [s for line in encounter.lines for s in (line.clfs, line.drug, line.dmepos) if s is not None]
    if any(site.payable for site in sites) or any(s.payable for s in schedules):
        if not single:
            _say_unpriced_lines(encounter.lines, "here" if setting else "in any site")
        _render_known(encounter.lines[0] if single else encounter, fmt, given_codes, unknown)
        return
    what = "-".join([encounter.lines[0].code, *encounter.lines[0].modifiers]) if single else "The encounter"
    facility_fee = any(line.pfs.facility.payable and line.pfs.facility.amount is not None for line in encounter.lines)
    if (setting and physician_paid_there(encounter.lines, sites)) or (not setting and facility_fee):
        # The hospital's or ASC's fee cannot be priced (SI B or C, not on the ASC lists, its file not installed), but
        # the physician's claim in a facility is: the PFS facility amount, batch's professional_allowed (an
        # inpatient-only surgery's surgeon is paid it at POS 21). Show it, not exit 1.
        why = "; ".join(dict.fromkeys(f"{_site_label(site.setting, setting)}: {(site.reason or '').rstrip('.')}"
                                      for site in sites))  # fmt: skip
        shown = {"json": "pfs.facility.amount", "csv": "facility_amount"}.get(fmt, "the PFS table's Facility row")
        # An anesthesia line's amount is its base and time units' whole (a trial: "$62.73 a unit" on 00142-QK).
        per = "" if encounter.lines[0].pfs.anesthesia is not None else " a unit"
        # A global diagnostic test (88305): its 26 row's PFS facility amount, the site's professional fee.
        component = (_component_fee(encounter.lines[0], sites[0], fmt) if single
                     else _encounter_physician_fee(encounter.lines, sites[0], fmt) if setting else None)  # fmt: skip
        paid = component or (
            f"the PFS facility amount, ${encounter.lines[0].pfs.facility.amount:,}{per} ({shown})" if single
            else "each line's PFS facility amount, where the line has one")  # fmt: skip
        unpriced = "no facility fee priced here" if setting else "no office, hospital outpatient or ASC price"
        claim = "there" if setting else "in a facility (an inpatient stay, POS 21, too)"
        # A site's CMS file not installed (OPPS CY2026): said here on stderr, a message to act on, as the other
        # releases not installed are ("warning: ..."), and not again under the table, whose cell reads "not priced"
        # (a trial's `price 52356 52332 --setting 22 > file` read the paragraph twice on the terminal).
        from rvucalc.cli.render import render_with_errors
        from rvucalc.models import NOT_PRICED

        stated = frozenset(site.setting for site in sites if site.status == NOT_PRICED and "not installed" in (
            site.reason or ""))  # fmt: skip
        if setting and all(site.professional_payment is None for site in sites):
            # The physician's total is not priced (a MAC-priced line a multiple procedure rule ranks: engine.facility.
            # physician_fee_ranked_unknown), the facility's payment known or not: said as it is, not "the physician's
            # claim is paid".
            typer.echo(f"rvucalc: {what}: {claim_holder(provider, 'total')} is not priced here ({why}).", err=True)
            render_with_errors(encounter.lines[0] if single else encounter, fmt, [], stated=stated)
            return
        # An ancillary service's ASC rate, for information, as the exit-1 message gave it (a review found it lost).
        typer.echo(f"rvucalc: {what}: {unpriced} ({why}). {_upper_first(claim_holder(provider, 'claim'))} {claim} "
                   f"is paid {paid}."
                   + _asc_rates_for_information(encounter.lines), err=True)  # fmt: skip
        _render_known(encounter.lines[0] if single else encounter, fmt, given_codes, unknown, stated=stated)
        return
    # Nothing priced: the reason on stderr, exit 1, and stdout stays empty (it carries data only).
    if single and encounter.lines[0].pfs.contractor_priced:
        from rvucalc.engine.modifiers import portable_xray_not_payable_reasons
        from rvucalc.models import NOT_PAYABLE

        # --setting asc (or hopd) where the facility does not pay the code (66999, an unlisted code: Addendum EE): that
        # first, the MAC's price of the physician's fee after it, not as if the MAC priced the whole site.
        unpaid = [(site.reason or "").rstrip(".") for site in sites if setting and site.setting in ("hopd", "asc")
                  and site.status == NOT_PAYABLE and site.reason]  # fmt: skip
        # R0070 at a SNF (POS 31) or for a hospital inpatient (POS 21) or outpatient (POS 22, hopd: after the OPPS's
        # SI B): not payable there at all, the SNF's or the hospital's (engine.modifiers.
        # portable_xray_not_payable_reason), not a fee to ask the MAC for; nor is a MAC-priced technical-only code at
        # a hospital or ASC (77520 --setting 24: the facility's part, no physician's fee: engine.pfs.
        # MAC_TECHNICAL_ONLY_IN_FACILITY_REASON)
        own = encounter.lines[0].pfs.facility
        at_place = [*unpaid, (own.reason or "").rstrip(".")] if (
            setting and own.status == NOT_PAYABLE
            and (own.reason in portable_xray_not_payable_reasons().values()
                 or (own.facility_part and all(site.setting != "office" for site in sites)))
        ) else []  # fmt: skip
        if at_place:
            typer.echo(f"rvucalc: {what} is not payable here: {'; '.join(at_place)}.", err=True)
        elif unpaid:
            # The fee named for whom the line is priced (``claim_holder``, as the facility setting's fee not priced
            # above): a session 69 review read "The physician's fee" on `price 0728T --provider np --setting 22`.
            typer.echo(f"rvucalc: {what} is not payable here: {'; '.join(unpaid)}. "
                       f"{_upper_first(claim_holder(provider, 'fee'))} is priced by your Medicare contractor (MAC): "
                       "CMS publishes no national amount.", err=True)  # fmt: skip
        else:
            typer.echo(f"rvucalc: {what} is priced by your Medicare contractor (MAC): CMS publishes no national "
                       "amount. Ask your MAC for its fee.", err=True)  # fmt: skip
        from rvucalc.engine.modifiers import portable_xray_transport_notes

        line = encounter.lines[0]  # the line's coding, which the MAC's fee depends on (R0075 without UN-US), said too
        # a dental code's exclusion and KX (engine.meanings.dental_coverage_note), which the table alone left unsaid
        dental = [note for note in line.notes if note.startswith(f"{line.code} is a dental service")]
        # and a cosmetic procedure's exclusion (engine.meanings.cosmetic_surgery_note: 15828 in the office)
        from rvucalc.engine.meanings import cosmetic_surgery_note

        cosmetic = [note for note in line.notes if note == cosmetic_surgery_note(line.code, "R")]
        told_notes = [*portable_xray_transport_notes(line.code, line.modifiers), *dental, *cosmetic]
        for note in told_notes if fmt == "table" else ():
            typer.echo(f"rvucalc: note: {note}", err=True)
        from rvucalc.engine.pfs import is_contractor_price_cap_note

        # The OPPS-based cap on the MAC's price (engine.pfs.CONTRACTOR_PRICE_CAP): JSON and CSV carry it in notes.
        for note in (n for n in line.notes if is_contractor_price_cap_note(n)) if fmt == "table" else ():
            typer.echo(f"rvucalc: note: {note}", err=True)
        if fmt in ("json", "csv"):
            render(encounter.lines[0], fmt)
        raise typer.Exit(1)
    from rvucalc.lookup.pricer import is_other_schedule_note
    from rvucalc.lookup.schedules import DMEPOS_MODIFIER_NEEDED, dmepos_pricing_modifier
    from rvucalc.models import NOT_PRICED

    # The code's own schedule says why (a DME item's missing modifier, a fee schedule rvucalc does not install): the
    # sites' usual reasons (no PFS payment, no OPPS file for the year) would only bury it. Otherwise the sites'.
    elsewhere = [note for line in encounter.lines for note in line.notes if is_other_schedule_note(note)]
    reasons = [s.reason for s in schedules if s.reason]
    told = [site for site in sites if site.reason] if not (elsewhere or reasons) else []  # the sites' reasons said
    if elsewhere and not reasons and setting:
        # At the hospital or ASC asked for, its own file of the year not installed is said beside the other schedule,
        # as batch's note says both: the hospital pays G0008 under the OPPS (October 2025 Addendum B: SI S, APC 5691),
        # not the office's vaccine administration payment; a rural hospital's trial's `price G0008 --setting 22` in
        # 2026 named the latter alone.
        told = [site for site in sites if site.setting in ("hopd", "asc") and site.reason
                and "not installed" in site.reason]  # fmt: skip
    from rvucalc.engine.hospitals import MARYLAND_OPPS_REASON

    # A Maryland hospital's line (engine.hospitals: the §1814(b)(3) waiver) is not priced for the waiver, said first:
    # not the physician office's ASP file not installed ("Add it with ..."), which its payment would not need.
    maryland = bool(setting) and any(site.reason == MARYLAND_OPPS_REASON for site in sites)
    if maryland and not told and not elsewhere:
        told = [site for site in sites if site.reason]
    if told:
        reasons = [f"{_site_label(site.setting, setting)}: {site.reason}" for site in told]
    # A CMS file rvucalc lacks says nothing about whether Medicare pays: never call that "not payable".
    missing = bool(reasons) and all("not installed" in reason for reason in reasons)
    # The physician's part there is not priced either (27447-53: the MAC prices it): said too, or a trial read
    # "CMS's file is not installed" as all that stood in the way.
    # Named for whom the line is priced (``claim_holder``: "physician's fee", "practitioner's fee (CNS, 85%)"): a
    # session 69 review read "physician's fee" on a CNS's `price 92550 --provider cns --setting 22`.
    fee_of = claim_holder(provider, "fee").removeprefix("the ")
    doctor = [f"{fee_of}: {line.pfs.facility.reason}" for line in encounter.lines
              if setting and any(site.setting in ("hopd", "asc") for site in sites) and line.pfs.in_schedule
              and not line.pfs.facility.payable and line.pfs.facility.reason]  # fmt: skip
    from rvucalc.engine.facility import LAB_AT_FACILITY_REASON

    # A lab test at a place with no facility payment priced (POS 21, 31 ...), its year's CLFS file not installed: not
    # an outside laboratory's there whatever its amount (engine.facility.LAB_AT_FACILITY_REASON), said first; the
    # missing file says only why no CLFS amount is shown.
    lab_there = bool(reasons and sites) and all(site.reason == LAB_AT_FACILITY_REASON for site in sites)
    if lab_there:
        missing, reasons = False, [LAB_AT_FACILITY_REASON, *reasons]
    where = "here" if setting else "in any site"
    verdict = f"cannot be priced {where}: CMS's file is not installed" if missing else f"is not payable {where}"
    # A line its own schedule cannot price (a vaccine the installed ASP file does not list: Part B pays it), its
    # office site not priced (models.SiteStatus) and no site payable: not priced, never "not payable".
    if (
        reasons
        and not told
        and not missing
        and all(
            site.status == NOT_PRICED for line in encounter.lines for site in line.sites if site.setting == "office"
        )
    ):
        verdict = f"cannot be priced {where}"
    if lab_there:  # the facility site's status (not payable), not the office's it does not show
        verdict = f"is not payable {where}"
    # Without any pricing modifier (A4238, E0114, A4238-RT: lookup.schedules._needs_dmepos_modifier), not with one
    # the item does not take (K0001-NU: refused as given)
    bare = not any(dmepos_pricing_modifier(m) for line in encounter.lines for m in line.modifiers)
    if reasons and bare and all(DMEPOS_MODIFIER_NEEDED in reason for reason in reasons):
        modified = any(line.modifiers for line in encounter.lines)
        verdict = f"cannot be priced {where} without a {'pricing ' if modified else ''}modifier"
    # A total that is not payable for one line (66984 in the office: NA) stays so beside a MAC-priced one (29999): its
    # reason names both, and asking the MAC would not help (a trial).
    # Each site's status says which (models.SiteStatus), never its reason's words.
    if told and all(site.status == NOT_PRICED for site in told) and not missing and not maryland:
        # 45385-53 in the office: the MAC prices it (no CMS 53 row), as it prices a status C code: not "not payable".
        verdict = f"cannot be priced {where}: your Medicare contractor (MAC) prices it (ask your MAC for its fee)"
        from rvucalc.engine.facility import asc_special_unpriced

        if all(line.asc is not None and asc_special_unpriced(line.asc) for line in encounter.lines):
            # An ASC special payment Addendum BB has no rate for (C9807, PI L6): its reason says why, no MAC named.
            verdict = f"cannot be priced {where}"
    if (
        told
        and all(site.setting == "facility" for site in told)
        and all(line.pfs.facility.facility_part for line in encounter.lines)
    ):
        # 88305-TC at POS 21: the hospital's service (engine.pfs.TECHNICAL_IN_FACILITY_REASON), not an unpaid one.
        verdict = f"has no physician's fee {where}"
    if elsewhere and not reasons:
        from rvucalc.engine.meanings import PAID_APART, PER_DIEM_CODES

        # A code whose own payment is known (engine.meanings.PAID_APART: its note names it) is not sent to the MAC: a
        # review found G0410 "(ask your MAC)", though it is paid only within the day's PHP/IOP per-diem APC (SI P:
        # "paid partial hospitalization per diem", ResDAC's revenue center payment method table; ch. 4 §260.1).
        apart = {line.code for line in encounter.lines if any(is_other_schedule_note(note) for note in line.notes)}
        advised = any("ask your MAC" in note for note in elsewhere)
        verdict = f"cannot be priced {where}: no fee schedule rvucalc has prices it"
        if apart and apart <= set(PER_DIEM_CODES):
            verdict = f"cannot be priced {where}: paid only within the day's per-diem APC"
        elif not advised and not apart <= PAID_APART.keys():
            verdict += " (ask your MAC)"
    if doctor:
        verdict, reasons = f"cannot be priced {where}", [*reasons, *doctor]
    # A 55 line's place of service is the surgery's (engine.modifiers.POSTOPERATIVE_PLACE_NOTE): why it is not paid in
    # the office, which batch's note says too (a review: `price 66984-55 --setting 11` said only "office: NA").
    from rvucalc.engine.modifiers import POSTOPERATIVE_PLACE_NOTE

    placed = [POSTOPERATIVE_PLACE_NOTE for line in encounter.lines if POSTOPERATIVE_PLACE_NOTE in line.notes][:1]
    from rvucalc.engine.meanings import excluded_item_note

    # A hearing aid's statutory exclusion, a premium lens function's (its line's note), before the sites' reasons: not
    # covered, not "ask your MAC".
    excluded = [note for line in encounter.lines for note in line.notes
                if note == excluded_item_note(line.code, line.pfs.status or "")]  # fmt: skip
    said = dict.fromkeys(reason.rstrip(".") for reason in [*elsewhere, *excluded, *reasons, *placed])
    # An encounter some of whose lines are paid there: its lines are shown (exit 1 still, as batch's rows with an
    # error): a fuzz trial's `price 99213 27447 --setting 11` printed nothing, where batch paid 99213.
    partly = not single and any(site.payable for line in encounter.lines for site in line.sites)
    whole = "not priced" if verdict.startswith("cannot be priced") else "not payable"  # a MAC's fee, a file: unknown
    shown = f" Its lines' own amounts are shown; the encounter as a whole is {whole} there." if partly else ""
    # An ancillary service with no covered surgical procedure: its ASC rate, for information (the table is not shown).
    shown += _asc_rates_for_information(encounter.lines) if not partly else ""
    typer.echo(f"rvucalc: {what} {verdict}. " + "; ".join(said) + "." + shown, err=True)
    if fmt == "table" and not partly:
        from rvucalc.engine.modifiers import portable_xray_transport_notes
        from rvucalc.engine.pfs import is_contractor_price_cap_note

        # Each MAC-priced line's notes that a code alone says (above): the OPPS-based cap on the MAC's price (an IDTF
        # trial's `price 78815 A9552 --setting 11` said only "cannot be priced here", where `price 78815` names its
        # $1,606.49 cap) and a portable X-ray transport line's coding. JSON and CSV carry them in the lines' notes.
        for line in encounter.lines:
            coding = [*portable_xray_transport_notes(line.code, line.modifiers),
                      *(note for note in line.notes if is_contractor_price_cap_note(note))]  # fmt: skip
            for note in coding:
                typer.echo(f"rvucalc: note: {note}", err=True)
    if partly or fmt in ("json", "csv"):
        # A script's JSON or CSV is the result still: its sites' status says not priced or not payable (a payer
        # analyst's trial found 0 bytes where the API returns it). Exit 1 all the same; the table says it on stderr.
        _render_known(encounter.lines[0] if single else encounter, fmt, given_codes, unknown, exit_after=False)
    raise typer.Exit(1)


def _of_lines(values: Any, kept: list[int], count: int) -> Any:
    """A per-line option's values for the codes ``kept`` (positions among ``count`` codes): one value for every line
    stays; one per code keeps the kept codes'."""
    if isinstance(values, (list, tuple)) and len(values) == count:
        return [values[n] for n in kept]
    return values


def _say_unknown_lines(codes: list[str], unknown: list[tuple[int, Any]], fmt: str, priced: bool = True) -> None:
    """Each unknown, denied or refused line's error on stderr; ``priced``: the encounter of the others is priced."""
    from rvucalc.cli.flags import FLAGS

    output = "" if fmt == "table" else "; its error is in the output"
    without = f" The encounter is priced without it{output}." if priced else ""
    for number, error in sorted(unknown, key=lambda pair: pair[0]):
        typer.echo(f"rvucalc: line {number + 1} ({codes[number]}): {error.render(FLAGS)}{without}", err=True)


def _render_known(
    model: Any,
    fmt: str,
    codes: list[str],
    unknown: list[tuple[int, Any]],
    exit_after: bool = True,
    stated: frozenset[str] = frozenset(),
) -> None:
    """The result of the codes rvucalc knows, each unknown code's error in the output (``render_with_errors``); with
    an unknown code, exit 1 after it (``exit_after``). ``stated``: the sites whose reason stderr gave already."""
    from rvucalc.cli.render import render_with_errors

    render_with_errors(model, fmt, _line_errors(codes, unknown), stated=stated)
    if unknown and exit_after:
        raise typer.Exit(1)


def _line_errors(codes: list[str], unknown: list[tuple[int, Any]]) -> list[dict[str, Any]]:
    """Each unknown, denied or refused line's error object (``line``: its code's place among the codes given, from
    1), in the order of the lines."""
    from rvucalc.cli.flags import FLAGS

    return [{"line": number + 1, "code": codes[number], "error_kind": error.kind.value, "error": error.render(FLAGS)}
            for number, error in sorted(unknown, key=lambda pair: pair[0])]  # fmt: skip


def _warn_small_percent(text: str | None) -> None:
    """--percent-of-medicare 1.2 is 1.2%, as asked, but is almost surely meant as 120% (a multiplier): said."""
    from decimal import Decimal, InvalidOperation

    if text is None or text.strip().endswith("%"):
        return
    try:
        small = 0 < Decimal(text.strip()) <= 5  # a valid percentage (the parser refuses the others)
    except InvalidOperation:
        return  # the parser says what is wrong with it
    if small:
        typer.echo(f"warning: --percent-of-medicare {text.strip()} is {text.strip()}% of Medicare; for a multiplier "
                   f"(1.2 = 120%) give the percentage: 120.", err=True)  # fmt: skip


def _line_name(line: Any) -> str:
    return "-".join([line.code, *line.modifiers])


def _units_for_every_code(names: list[str], count: int) -> str:
    """What a single --units above 1 did to an encounter of several codes, and how to give each code its own."""
    example = [1] * (len(names) - 1) + [count]
    return (
        f"--units {count} was applied to every code ({', '.join(f'{name} x {count}' for name in names)}): one --units "
        f"is every line's. For one per code, give --units once per code, in order: "
        f"{' '.join(f'--units {each}' for each in example)} prices "
        f"{', '.join(f'{name} x {each}' for name, each in zip(names, example, strict=True))}."
    )


def physician_paid_there(lines: list[Any], sites: list[Any]) -> bool:
    """Whether a hospital or ASC setting whose facility fee is not priced still has a physician's claim: a line's
    PFS facility amount, or the site's professional fee (a global diagnostic test's: its 26 row's PFS facility amount,
    ``lookup.lines.component_row``), batch's ``professional_allowed`` for the same POS. A dermatology trial: `price
    88305 --setting hopd` (2026, no Addendum B) exited 1 "price the code with 26", where its JSON's site and batch
    carried 88305-26's $34.70 and `--setting 21` showed it."""
    if not sites or not all(site.setting in ("hopd", "asc") for site in sites):
        return False
    own = [site for line in lines for site in line.sites if site.setting in ("hopd", "asc")]
    return any(site.professional_payment is not None for site in [*sites, *own]) or any(
        line.pfs.facility.payable and line.pfs.facility.amount is not None for line in lines)  # fmt: skip


def _component_fee(line: Any, site: Any, fmt: str) -> str | None:
    """The stderr words for a line whose physician's fee at the hospital or ASC is not its own PFS facility amount
    (CMS's 'NA') but its 26 row's (a global diagnostic test, PC/TC indicator 1): the site's professional fee, as shown
    in the table's Professional column, JSON's ``sites[].professional_payment`` and CSV's column of that name."""
    if line.pfs.facility.amount is not None or site.professional_payment is None:
        return None
    shown = {"json": "sites[0].professional_payment", "csv": f"site_{site.setting}_professional_payment"}.get(
        fmt, "the Professional column")  # fmt: skip
    units = f" for {line.units} units" if line.units != 1 else ""
    return f"{line.code}-26's PFS facility amount (PC/TC indicator 1), ${site.professional_payment:,}{units} ({shown})"


def _asc_rates_for_information(lines: list[Any]) -> str:
    """' ASC rates, for information (not paid): 71046 $26.20.' for the lines that are ancillary services with no
    covered surgical procedure (engine.facility.ANCILLARY_WITHOUT_PROCEDURE), '' when none."""
    from rvucalc.engine.facility import ANCILLARY_WITHOUT_PROCEDURE

    rates = [f"{line.code} ${line.asc.rate:,}" for line in lines
             if line.asc is not None and line.asc.rate is not None
             and any(site.reason == ANCILLARY_WITHOUT_PROCEDURE for site in line.sites)]  # fmt: skip
    return f" ASC rates, for information (not paid): {', '.join(rates)}." if rates else ""


def _encounter_physician_fee(lines: list[Any], site: Any, fmt: str) -> str | None:
    """``_component_fee`` for an encounter at one hospital or ASC setting: what its physician's fee (the total site's
    professional_payment) is made of, a global diagnostic test's being its 26 row's PFS facility amount. A review:
    `price 88305 71046 --setting hopd` said "each line's PFS facility amount, where the line has one", though neither
    has one ($49.60 is 88305-26's and 71046-26's)."""
    if site.professional_payment is None:
        return None
    tests: list[str] = []  # global tests (PC/TC indicator 1): the site's professional fee is the 26 row's
    own: list[str] = []  # lines with their own PFS facility amount
    for line in lines:
        mine = next((each for each in line.sites if each.setting == site.setting), None)
        if line.pfs.facility.amount is None and mine is not None and mine.professional_payment is not None:
            tests.append(f"{line.code}-26's")
        elif line.pfs.facility.payable and line.pfs.facility.amount is not None:
            own.append(f"{_line_name(line)}'s")
    if not tests:
        return None

    def listed(names: list[str]) -> str:
        return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"

    parts = [f"{listed(tests)} PFS facility amount{'s' if len(tests) > 1 else ''} (PC/TC indicator 1: "
             f"{'a global diagnostic test' if len(tests) == 1 else 'global diagnostic tests'})"]  # fmt: skip
    if own:
        parts.append(f"{listed(own)} own PFS facility amount{'s' if len(own) > 1 else ''}")
    shown = {"json": f"totals.{site.setting}.professional_payment",
             "csv": f"each line's site_{site.setting}_professional_payment"}.get(fmt)  # fmt: skip
    shown = shown or "the Professional column"
    return f"{' plus '.join(parts)}, ${site.professional_payment:,} in all ({shown})"


@app.command()
@translate_errors
@errors_in_output
def modifiers(
    wanted: Annotated[
        list[str] | None,
        typer.Argument(metavar="MODIFIER", help="Show only these modifiers (e.g. GP CQ 50); default: all."),
    ] = None,
    output: Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")] = "table",
) -> None:
    """The claim modifiers rvucalc knows: meaning, payment effect, schedules and CMS source."""
    from rvucalc.cli.render import ModifierList, render_errors, render_with_errors
    from rvucalc.engine.modifiers import known_and_unknown, table_rows
    from rvucalc.errors import ErrorKind, NotFoundError

    fmt = _format(output)
    rows = table_rows()
    unknown: list[str] = []
    asked: list[str] = []
    if wanted:
        # CODE-MOD habits: "GP-59" or "GP,59" name two modifiers.
        asked = [part for text in wanted for part in text.replace(",", "-").split("-") if part.strip()]
        known, unknown = known_and_unknown(asked)  # no modifier at all ('GQX'): UsageError, "did you mean"
        by_code = {row["modifier"]: row for row in rows}
        rows = [by_code[info.code] for info in known]
    # Each unknown one's error object in the JSON or CSV asked for, as price writes an unknown code's beside the
    # others' result, or alone (errors_in_output): `modifiers ZZ -f json` wrote nothing on stdout.
    errors = _modifier_errors(asked, len(table_rows())) if unknown else []
    if rows:  # the known ones, though others are unknown (exit 1 then, as a lookup that found some of it)
        render_with_errors(ModifierList(count=len(rows), modifiers=rows), fmt, errors, code_column="modifier")
    if unknown:
        listed = f" Listed: {', '.join(row['modifier'] for row in rows)}." if rows else ""
        error = NotFoundError(
            f"Unknown modifier{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}.{listed} `rvucalc modifiers` "
            f"lists the {len(table_rows())} it knows.",
            kind=ErrorKind.BAD_MODIFIER,
        )
        if not rows:  # alone, the CSV's code in the modifier column still
            render_errors(fmt, errors, code_column="modifier")
        error.output_written = True  # type: ignore[attr-defined]
        raise error


def _modifier_errors(asked: list[str], known_count: int) -> list[dict[str, Any]]:
    """Each unknown modifier asked about, once (``line``: its place among those asked, from 1; ``code``: it, as
    given), with its "did you mean" (``engine.modifiers.unknown_modifier_text``)."""
    from rvucalc.engine.modifiers import lookup, unknown_modifier_text

    errors: list[dict[str, Any]] = []
    for number, text in enumerate(asked):
        code = text.strip().upper()
        if lookup(text) is None and code not in [error["code"] for error in errors]:
            errors.append({"line": number + 1, "code": code, "error_kind": "bad_modifier",
                           "error": f"Unknown modifier {unknown_modifier_text(text)}. `rvucalc modifiers` lists the "
                                    f"{known_count} it knows."})  # fmt: skip
    return errors


@app.command()
@translate_errors
@errors_in_output
def localities(
    state_code: Annotated[str | None, typer.Option("--state", help="Two-letter state, e.g. CA.")] = None,
    year: YearOption = None,
    date: DateOption = None,
    output: Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")] = "table",
) -> None:
    """List PFS localities with their GPCIs and counties."""
    from rvucalc.cli.render import render
    from rvucalc.lookup.pricer import Pricer

    fmt = _format(output)
    listed = Pricer().localities(state_code, year=year, date_of_service=parse_date(date))
    for warning in listed.warnings:  # another release than the date's: said, as price says it
        typer.echo(f"warning: {warning}", err=True)
    render(listed, fmt)


@app.command()
@translate_errors
@errors_in_output
def search(
    words: Annotated[
        list[str],
        typer.Argument(
            help="Words or part of a code, e.g. 'craniocervical'; several words with or without quotes "
            "(search vena cava filter = search 'vena cava filter')."
        ),
    ],
    year: YearOption = None,
    limit: Annotated[int, typer.Option("--limit", min=1, max=10_000)] = 50,
    output: Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")] = "table",
) -> None:
    """Find codes by CMS's short descriptor (or part of the code): the PFS RVU file's, and the year's installed
    CLFS, ASP, DMEPOS, OPPS and ASC files' for codes only they list."""
    from rvucalc.cli.render import render
    from rvucalc.errors import NotFoundError
    from rvucalc.lookup.pricer import Pricer

    fmt = _format(output)
    # Unquoted words arrive as several arguments (an interventional radiology trial's `search vena cava filter`
    # was a usage error, "Got unexpected extra argument(s)"): they are one query, as the quoted form is.
    query = " ".join(words)
    result = Pricer().search(query, year=year, limit=limit)
    if not result.matches:  # the message on stderr; JSON's or CSV's error object on stdout too (errors_in_output)
        searched = ", ".join(result.searched) or result.release
        raise NotFoundError(
            f"no code or descriptor in {searched} matches {query!r}. CMS's short descriptors are abbreviated ('Chrnc "
            "care mgmt staff 1st 20', 'Transj care mgmt mod f2f 14d'): try fewer words or CMS's abbreviation (e.g. "
            "'care mgmt'). A code you know can be priced directly: rvucalc price CODE"
        )
    render(result, fmt)


@app.command("zip")
@translate_errors
@errors_in_output
def zip_command(
    zip_code: Annotated[str, typer.Argument(help="5-digit ZIP code.")],
    year: YearOption = None,
    date: DateOption = None,
    output: Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")] = "table",
) -> None:
    """Show what a ZIP maps to: PFS carrier, locality, GPCIs, rural status."""
    from rvucalc.cli.render import render
    from rvucalc.lookup.pricer import Pricer

    fmt = _format(output)
    result = Pricer().zip(zip_code, year=year, date_of_service=parse_date(date))
    render(result, fmt)
    for note in result.notes:
        typer.echo(f"note: {note}", err=True)


@app.command()
@translate_errors
def batch(
    ctx: typer.Context,
    source: Annotated[
        str,
        typer.Argument(
            metavar="FILE",
            help="Input lines: CSV or an Excel workbook (.xlsx, .xlsm); '-' for stdin. Needs a code column.",
        ),
    ],
    output: Annotated[
        str, typer.Option("--output", "-o", help="Output file ('-' for stdout): .csv, .json, .parquet, .xlsx.")
    ] = "-",
    output_format: Annotated[
        str | None, typer.Option("--format", "-f", help="csv, json, parquet or xlsx (default: from the file name).")
    ] = None,
    columns: Annotated[
        str | None,
        typer.Option("--columns", help="Say which column plays a role: code=MyCol,date=Svc (role= for none)."),
    ] = None,
    chunk_rows: Annotated[int, typer.Option("--chunk-rows", min=100, help="Rows priced at a time.")] = 50_000,
    engine: Annotated[
        str,
        typer.Option(
            "--engine", help="arrow (default: Arrow and numpy, no pandas) or dask; 'pandas' is an old name for arrow."
        ),
    ] = "arrow",
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="Dask scheduler address (default: a local cluster).")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar, notes or summary.")] = False,
    conversion_factor: Annotated[
        str | None, typer.Option("--conversion-factor", help="What-if CF for every row (not a CMS rate).")
    ] = None,
    anesthesia_cf: Annotated[
        str | None, typer.Option("--anesthesia-cf", help="What-if national anesthesia CF (not a CMS rate).")
    ] = None,
    percent_of_medicare: Annotated[
        str | None,
        typer.Option("--percent-of-medicare", help="Contract as a % of Medicare: contract_amount, and expected."),
    ] = None,
    paid_for: Annotated[
        str | None,
        typer.Option(
            "--paid-for",
            help="What the paid column pays: site (the site's whole allowed amount, facility fee included), "
            "professional (a physician's or supplier's claim: professional_allowed, no facility fee) or facility (a "
            "hospital's or ASC's claim: its OPPS or ASC payment alone, allowed less professional_allowed). Not "
            "given: site, but a practitioner's line at a hospital or ASC (26, 80/81/82/AS, AA/AD/QK/QX/QY/QZ) is "
            "compared as professional, a 13x or 83x type of bill row as facility (noted).",
        ),
    ] = None,
    paid_is: Annotated[
        str | None,
        typer.Option(
            "--paid-is",
            help="What the paid column is: allowed (the default: the allowed amount, Medicare's and the patient's "
            "shares together, a remit's allowed column) or medicare (Medicare's payment alone, a remit's paid "
            "column: compared with Medicare's share of what --paid-for picks, medicare, professional_medicare or the "
            "facility's, after the 2% with --sequestration; a line paid less by an unmet deductible shows as "
            "underpaid by it).",
        ),
    ] = None,
    hospital: Annotated[
        str | None,
        typer.Option(
            "--hospital",
            help="Every row's hospital kind, as price's --hospital: rural-sch (a rural sole community hospital: "
            "the 7.1% OPPS add-on; G0463-PO keeps the OPPS rate). Default: an ordinary OPPS hospital.",
        ),
    ] = None,
    provider: Annotated[
        str,
        typer.Option(
            "--provider",
            help="Who billed the lines: physician, or np / pa / cns under their own number (85% of the PFS amount), "
            "or crna (assignment only, no limiting charge), or csw (a clinical social worker, marriage and family "
            "therapist or mental health counselor: 75%, as AJ) or psychologist (the full amount; both: no limiting "
            "charge) or chiropractor (98940-98942 with AT alone covered) or cnm (a certified nurse-midwife: the full "
            "amount, no limiting charge) or dietitian (medical nutrition therapy at 85%, no limiting charge) or "
            "therapist / slp (a PT or OT, an SLP in private practice: a physician's amounts; a PT's or OT's PC/TC 7 "
            "line at POS 19, 21 or 22 denied) or audiologist (a physician's amounts; an E/M visit, a procedure or "
            "therapy noted), or a "
            "credential as the provider column takes it (MD, DPM, DC, PA-C, CNM, RD, PT, SLP, AUD ...); a provider "
            "column "
            "(Provider Type, Credential, Specialty ...) wins where "
            "its cell is filled.",
        ),
    ] = "physician",
    summary_file: Annotated[
        str | None,
        typer.Option(
            "--summary",
            help="Write the run's totals (by site and by claim) and error counts as JSON ('-': stdout, with -o FILE).",
        ),
    ] = None,
    zip_code: Annotated[
        str | None,
        typer.Option(
            "--zip",
            help="Where every row was furnished, as price's --zip (the PFS pays by the place of service): wins over "
            "the file's ZIP or locality column (a patient's ZIP).",
        ),
    ] = None,
    locality: Annotated[
        str | None,
        typer.Option("--locality", help="Every row's locality, as price's --locality (1320201, MANHATTAN); as --zip."),
    ] = None,
    rural: Annotated[
        bool,
        typer.Option(
            "--rural",
            help="DMEPOS: the state's rural fee, as price's --rural, for the DME rows whose rural column (Y/N) is "
            "blank or absent.",
        ),
    ] = False,
    wage_index: Annotated[
        str | None,
        typer.Option(
            "--wage-index",
            help="A hospital's own wage index for the OPPS rate, as price's (not the ASC's), for the rows whose "
            "wage index column is blank or absent, e.g. 1.31.",
        ),
    ] = None,
    asc_wage_index: Annotated[
        str | None,
        typer.Option(
            "--asc-wage-index",
            help="The ASC's wage index for the ASC rate, as price's, for the rows whose asc_wage_index column is "
            "blank or absent, e.g. 0.7158.",
        ),
    ] = None,
    sequestration: Annotated[
        bool, typer.Option("--sequestration", help="Take the 2% sequestration off Medicare's share, as price's.")
    ] = False,
    non_par: Annotated[
        bool,
        typer.Option(
            "--non-par",
            help="The practitioners do not participate in Medicare: PFS rows are priced at the non-par amount (95%, "
            "SSA §1848(a)(3)), the patient's and Medicare's shares, expected and variance of it; a lab's, drug's or "
            "DME item's amount is unchanged. A participation column (Y/N, PAR/NONPAR) wins per row.",
        ),
    ] = False,
) -> None:
    """Price a file of lines: every row out once, in order, priced or with its error.

    Columns are recognised under billing systems' names (CPT Code, HCPCS, Mod 1..4, DOS, POS,
    Zip Code, Units, Claim ID...); others pass through. A file output is written whole or not
    at all. Exit 0 all priced, 1 some rows have errors, 2 unusable input, 3 the run failed
    (nothing written), 130/143 interrupted."""
    from rvucalc.batch.atomic import stdout_if_named
    from rvucalc.batch.columns import parse_column_overrides
    from rvucalc.batch.price import Scenario
    from rvucalc.errors import OutputFailedError, RvucalcError, UsageError
    from rvucalc.lookup.pricer import Pricer

    overrides = parse_column_overrides(columns)
    output = stdout_if_named(output)
    summary_file = stdout_if_named(summary_file) if summary_file else summary_file
    if summary_file == "-" and output == "-":
        raise UsageError("--summary - writes the summary to stdout, where the priced lines go: give -o FILE too.")
    if summary_file:
        from rvucalc.batch.atomic import check_second_target

        check_second_target(source, output, summary_file, "--summary")
    for flag, value in (
        ("--zip", zip_code),
        ("--locality", locality),
        ("--wage-index", wage_index),
        ("--asc-wage-index", asc_wage_index),
    ):
        if value is not None and not value.strip():  # an empty shell variable: never a silent default (as price)
            raise UsageError(f"{flag} is empty: give it a value, or leave it out.")
    from rvucalc.batch.price import run_place

    place_zip, place_locality = run_place(Pricer(), zip_code, locality)
    # --provider md names the physician for the rows without a provider cell of their own, as price's does (00840-QZ,
    # 90834-AJ refused: lookup.lines.check_practitioner's ``stated``); the default word, physician, names no one.
    physician_named = provider_stated(ctx, provider)
    from rvucalc.lookup.credentials import provider_word

    provider = provider_word(provider)
    scenario = Scenario.parse(conversion_factor, anesthesia_cf, percent_of_medicare, paid_for, provider,
                              zip_code=place_zip, locality=place_locality, rural=rural, wage_index=wage_index,
                              sequestration=sequestration, hospital=hospital,
                              asc_wage_index=asc_wage_index, paid_is=paid_is, non_par=non_par,
                              provider_stated=physician_named)  # fmt: skip
    _warn_small_percent(percent_of_medicare)

    def note(line: str) -> None:
        if not quiet:
            typer.echo(f"rvucalc: {line}", err=True)

    if output != "-":
        _stderr_may_close()
    if engine == "dask":
        # A missing optional package is the user's setup, said before the run (a newcomer's wheel without the extra
        # got exit 3 and "ModuleNotFoundError: No module named 'distributed'"; nothing was written).
        from importlib.util import find_spec

        missing = [name for name in ("dask", "distributed") if find_spec(name) is None]
        if missing:
            raise UsageError(
                f"--engine dask needs the {' and '.join(missing)} package{'s' if len(missing) > 1 else ''}: install "
                'the dask extra with pip install ".[dask]" in the rvucalc source folder (or use the default engine).'
            )
    # A summary file is written by the run, and committed with the output (files.run_batch): both this run's or both
    # as they were, whatever signal comes when (a trial's SIGTERM between the two left the previous run's summary
    # beside the new output). On stdout it follows the run.
    summary_to = summary_file if summary_file and summary_file != "-" else None
    try:
        if engine == "dask":
            from rvucalc.batch.dask_engine import run_batch_dask

            summary = run_batch_dask(Pricer(), source, output, fmt=output_format, scheduler=scheduler,
                                     chunk_rows=chunk_rows, columns=overrides, report=note,
                                     per_claim=summary_file is not None, scenario=scenario,
                                     summary_target=summary_to)  # fmt: skip
        elif engine in ("arrow", "pandas"):
            if engine == "pandas" and not quiet:
                typer.echo(
                    "rvucalc: --engine pandas is now called --engine arrow (the old name goes in 0.3).", err=True
                )
            from rvucalc.batch.files import run_batch

            with _progress(quiet, source) as advance:
                summary = run_batch(Pricer(), source, output, fmt=output_format, chunk_rows=chunk_rows,
                                    progress=advance, columns=overrides, report=note, scenario=scenario,
                                    per_claim=summary_file is not None, summary_target=summary_to)  # fmt: skip
        else:
            raise typer.BadParameter(f"{engine!r}: choose arrow or dask.", param_hint="--engine")
    except BrokenPipeError:  # `rvucalc batch ... | head`: stdout's reader is done (stderr's: _stderr_may_close)
        _quiet_closed_stdout()
        raise typer.Exit(0) from None
    except (RvucalcError, TyperException, typer.Exit, KeyboardInterrupt):
        raise
    except Exception as exc:  # after the run started: nothing (or, on stdout, a partial stream) was written
        if state.debug:
            raise
        where = "the output on stdout is incomplete" if output == "-" else f"nothing was written to {output}"
        raise OutputFailedError(f"the run failed ({type(exc).__name__}: {exc}); {where}") from None
    for part in _summary_parts(summary.describe()):
        note(part)
    for line in summary.not_installed_lines():  # a year's OPPS or ASC file not installed: its sites' rows unpriced
        note(line)
    for line in summary.anesthesia_inputs_lines():  # anesthesia rows refused for want of a base-units column
        note(line)
    for line in summary.notes:  # said once for the run, on no row (batch.lines.run_notes)
        note(f"note: {line}")
    if summary_file == "-":  # the priced lines went to a file: stdout carries the summary
        summary.write_json(sys.stdout)
        sys.stdout.flush()
    if summary.failed:
        raise typer.Exit(1)


def _summary_parts(text: str) -> list[str]:
    """The run's summary, one part a line (its first unindented, the others under it): a trial's billing lead read
    a 3,000-character line of '; '-joined parts. A '; ' inside parentheses belongs to its part's explanation."""
    parts, depth, start = [], 0, 0
    for at, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and text.startswith("; ", at):
            parts.append(text[start:at])
            start = at + 2
    parts.append(text[start:])
    return [parts[0], *(f"  {part}" for part in parts[1:])]


class _StderrUntilClosed(io.RawIOBase):
    """File descriptor 2 as written, until its reader goes: then what follows is dropped (``_stderr_may_close``)."""

    def __init__(self, descriptor: int) -> None:
        super().__init__()
        self._descriptor = descriptor
        self._gone = False

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._descriptor

    def isatty(self) -> bool:
        return not self._gone and os.isatty(self._descriptor)

    def write(self, data: Any) -> int:
        view = memoryview(data).cast("B")
        done = 0
        while not self._gone and done < len(view):
            try:
                done += os.write(self._descriptor, view[done:])
            except BrokenPipeError:
                self._gone = True
                devnull = os.open(os.devnull, os.O_WRONLY)  # what else writes to it (a warning, at exit) too
                os.dup2(devnull, self._descriptor)
                os.close(devnull)
        return len(view)


def _stderr_may_close() -> None:
    """With -o FILE, messages to a closed stderr are dropped: the run goes on and exits as it would (a trial's
    `rvucalc batch in.csv -o out.csv 2>&1 | head -1` exited 0 with no out.csv, taken for stdout's reader being done;
    with stderr closed a complete file exited 1). Stdout closed early still stops the run with exit 0."""
    try:
        descriptor = sys.stderr.fileno()
    except (AttributeError, OSError, ValueError):  # not a file (a test runner's): nothing to guard
        return
    if isinstance(getattr(sys.stderr, "buffer", None), _StderrUntilClosed):
        return
    with contextlib.suppress(BrokenPipeError):
        sys.stderr.flush()
    sys.stderr = io.TextIOWrapper(
        _StderrUntilClosed(descriptor), encoding=sys.stderr.encoding, errors=sys.stderr.errors,
        line_buffering=True, write_through=True,
    )  # fmt: skip


def _quiet_closed_stdout() -> None:
    """Point stdout at /dev/null so that Python's final flush does not fail on the closed pipe."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


@app.command()
@translate_errors
def export(
    year: YearOption = None,
    what: Annotated[str, typer.Option("--what", help="pfs (default), asc or opps.")] = "pfs",
    cbsa: Annotated[
        list[str] | None,
        typer.Option(
            "--cbsa",
            help="asc/opps: 'all' adds a wage-adjusted rate for every CBSA, CBSAs (35614; repeat or comma list) for "
            "those (one the wage index file lists twice with different values: rate blank, rate_reason says why).",
        ),
    ] = None,
    output: Annotated[
        str, typer.Option("--output", "-o", help="Output: .csv, or .xlsx for an Excel workbook ('-': CSV to stdout).")
    ] = "-",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary line.")] = False,
    conversion_factor: Annotated[
        str | None, typer.Option("--conversion-factor", help="pfs: a what-if CF for every row (not a CMS rate).")
    ] = None,
    release: Annotated[
        str | None,
        typer.Option(
            "--release",
            help="An installed release of the dataset exported (pfs 2025A, asc 2025-07); default: the year's newest.",
        ),
    ] = None,
    locality: Annotated[
        list[str] | None,
        typer.Option(
            "--locality", help="pfs: these localities only (1320201, a name or a unique prefix; repeat or comma list)."
        ),
    ] = None,
    state_code: Annotated[
        list[str] | None,
        typer.Option(
            "--state",
            help="pfs: every locality of these states, as price --state (two-letter, e.g. FL; repeat or comma list).",
        ),
    ] = None,
    zip_code: Annotated[
        str | None,
        typer.Option(
            "--zip",
            help="pfs: the ZIP's locality only, as price --zip places it (not with --locality); "
            "asc/opps: the ZIP's CBSA (as --cbsa).",
        ),
    ] = None,
    qp: Annotated[
        bool, typer.Option("--qp", help="pfs: CMS's qualifying APM participant conversion factor (2026 on).")
    ] = False,
) -> None:
    """Write a full fee schedule: every payable code x every locality (pfs), or the facility tables.

    A file output is written whole or not at all (exit 3 when the write fails)."""
    from rvucalc.batch.atomic import atomic_output, check_target, stdout_if_named
    from rvucalc.export import export_table, left_out_summary
    from rvucalc.lookup.pricer import Pricer

    output = stdout_if_named(output)
    check_target(output)
    # '-', /dev/null, /dev/stdout (a regular file when stdout is redirected to one), a pipe: not named for a format
    device = output == "-" or output.startswith("/dev/") or (Path(output).exists() and not Path(output).is_file())
    workbook = not device and Path(output).suffix.lower() == ".xlsx"  # batch's workbook writer (batch.xlsx)
    if not device and not workbook and Path(output).suffix.lower() != ".csv":  # never CSV under another name
        from rvucalc.errors import UsageError

        raise UsageError(f"-o {output}: export writes CSV or an Excel workbook; name the file .csv or .xlsx (or '-' "
                         "for CSV to stdout).")  # fmt: skip
    warnings: list[str] = []
    left_out: dict[str, int] = {}
    notices: list[str] = []
    try:
        with atomic_output(output) as destination:
            rows = export_table(Pricer(), what=what, year=year, cbsa=cbsa, target=destination.path,
                                conversion_factor=conversion_factor, warnings=warnings, left_out=left_out,
                                release=release, notices=notices, localities=locality,
                                states=state_code, workbook=workbook, zip_code=zip_code, qp=qp)  # fmt: skip
    except BrokenPipeError:
        _quiet_closed_stdout()
        raise typer.Exit(0) from None
    for warning in warnings:  # what the file has that is not what --cbsa all promises (said even with -q)
        typer.echo(f"warning: {warning}", err=True)
    if not quiet:
        for notice in notices:  # which release, and the year's others
            typer.echo(f"rvucalc: {notice}", err=True)
        typer.echo(f"rvucalc: wrote {rows} rows", err=True)
        summary = left_out_summary(left_out)  # the codes it has no row for, and why: never a silent omission
        if summary:
            typer.echo(f"rvucalc: {summary}", err=True)


data_app = typer.Typer(
    help="Installed CMS data: status, refresh, verify, pin, roll back, remove, prune.", no_args_is_help=True
)
app.add_typer(data_app, name="data")


@data_app.command("status")
@translate_errors
def data_status(
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of a table (as --format json).")] = False,
    output: Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")] = "table",
) -> None:
    """Installed releases, their effective dates and where they live; warns about stale datasets."""
    import json as json_module
    from dataclasses import asdict

    from rvucalc.reference.refresh import status

    fmt = "json" if as_json else _format(output)  # one --format option, as every command has; --json kept
    rows, warnings = status()
    if fmt == "json":
        typer.echo(json_module.dumps({"releases": [asdict(r) for r in rows], "warnings": warnings}, indent=2))
    elif fmt == "csv":
        from rvucalc.cli.render import write_csv

        records = [asdict(r) for r in rows]
        write_csv(sys.stdout, list(records[0]) if records else ["dataset"], records)
    else:
        from rich.table import Table

        from rvucalc.cli.tables import data_console

        table = Table(title="Installed CMS releases")
        for column in ("Dataset", "Release", "In effect from", "Where", "Pinned", "Files"):
            table.add_column(column)
        for row in rows:
            table.add_row(row.dataset, row.release, row.effective_from, row.where, "yes" if row.pinned else "",
                          str(row.files))  # fmt: skip
        data_console().print(table)
    for warning in warnings:
        typer.echo(f"warning: {warning}", err=True)


@data_app.command("refresh")
@translate_errors
def data_refresh(
    source: Annotated[str | None, typer.Option("--from", help="A CMS file you have (path) or its URL.")] = None,
    year: YearOption = None,
    dataset: Annotated[
        str | None, typer.Option("--dataset", help="pfs, opps, asc, zip5, wage, clfs, asp or dmepos.")
    ] = None,
    quarter: Annotated[int | None, typer.Option("--quarter", min=1, max=4, help="Calendar quarter, 1-4.")] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Reinstall; replace an installed release with other content; accept far fewer rows."
        ),
    ] = False,
    allow_changed: Annotated[
        bool,
        typer.Option(
            "--allow-changed", help="Accept a file that differs from CMS's file of that release rvucalc knows."
        ),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="A JSON summary on stdout.")] = False,
) -> None:
    """Fetch and install CMS releases newer than what is installed (or one file with --from).

    Every file is verified before anything changes; installs are atomic; a failure leaves
    the installed data as it was. Each install says what changed against the previous release.
    Exit 0: installed or up to date; 1: a failure; 2: a missing --from path, a --from file that is no CMS file
    rvucalc installs, or --year, --quarter or --dataset that the file contradicts; 130: interrupted (Ctrl-C);
    143: stopped by `kill` (SIGTERM)."""
    if dataset is not None and dataset not in ("pfs", "opps", "asc", "zip5", "wage", "clfs", "asp", "dmepos"):
        raise typer.BadParameter(
            f"{dataset!r}: choose pfs, opps, asc, zip5, wage, clfs, asp or dmepos.", param_hint="--dataset"
        )
    received: list[int] = []
    try:
        with _termination_as_interrupt(received):
            _refresh(source, year, dataset, quarter, force, allow_changed, as_json)
    except KeyboardInterrupt:
        from rvucalc.errors import RunInterrupted

        # What is true of any point a Ctrl-C can come (reference/refresh/install.py): a release appears with one
        # rename and its manifest last; one cut short while it replaced another is finished or undone before the
        # data is next read; releases installed earlier in the run (several, or a ZIP5's re-issues) stay.
        raise RunInterrupted(
            received[0] if received else signal.SIGINT,
            "interrupted: the release being installed was not installed, and the data is as it was before it (had "
            "it begun replacing an installed release, the next rvucalc command finishes or undoes that, and says "
            "which). Releases this run had already installed stay installed: `rvucalc data status` lists them; run "
            "the refresh again for the rest.",
        ) from None


@contextlib.contextmanager
def _termination_as_interrupt(received: list[int]) -> Iterator[None]:
    """SIGTERM and SIGHUP (``kill``, a closed terminal) stop ``data refresh`` as Ctrl-C does: a KeyboardInterrupt, so
    the install's own cleanup runs (its staging folder, a loose file's temporary zip) and the command says what state
    it left, exit 143 or 129. Their default ends the process on the spot, silently (README's exit codes promise the
    message). The signal's number goes to ``received``. A signal the process ignores (SIGHUP under nohup) stays
    ignored; outside the main thread (no handler can be set there) this does nothing."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(number: int, frame: object) -> None:
        received.append(number)
        raise KeyboardInterrupt

    previous: dict[int, Any] = {}
    try:
        for name in ("SIGTERM", "SIGHUP"):
            number = getattr(signal, name, None)
            if number is None or signal.getsignal(number) in (signal.SIG_IGN, None):
                continue
            previous[number] = signal.signal(number, stop)
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _refresh(
    source: str | None, year: int | None, dataset: str | None, quarter: int | None, force: bool,
    allow_changed: bool, as_json: bool,
) -> None:  # fmt: skip
    import json as json_module

    from rvucalc.errors import RvucalcError
    from rvucalc.reference.refresh import RefreshOutcome, refresh_catalogue, refresh_from
    from rvucalc.reference.refresh.install import AlreadyInstalled

    downloader = _downloader_with_progress()
    if source:
        try:
            done = refresh_from(source, year=year, quarter=quarter, force=force, dataset=dataset, downloader=downloader,
                                allow_changed=allow_changed)  # fmt: skip
            outcomes = [RefreshOutcome(done.release, done.dataset, "installed", done.describe(), done.changes)]
        except AlreadyInstalled as exc:
            outcomes = [RefreshOutcome(exc.release, exc.dataset or dataset or "", "up to date", str(exc))]
        except RvucalcError as exc:
            if as_json:  # the shape a catalogue run's failures have, for a script reading stdout
                from rvucalc.cli.flags import FLAGS

                outcome = RefreshOutcome("", dataset or "", "failed", exc.render(FLAGS))
                report = {"summary": "0 installed, 0 up to date, 1 failed", "results": [outcome.__dict__]}
                typer.echo(json_module.dumps(report, indent=2))
            raise  # said on stderr, with its exit code
    else:
        outcomes = refresh_catalogue(year=year, dataset=dataset, quarter=quarter, force=force, downloader=downloader,
                                     allow_changed=allow_changed)  # fmt: skip
    failed = [o for o in outcomes if o.status == "failed"]
    summary = (
        f"{sum(o.status == 'installed' for o in outcomes)} installed, "
        f"{sum(o.status == 'up to date' for o in outcomes)} up to date, {len(failed)} failed"
    )
    if as_json:
        typer.echo(json_module.dumps({"summary": summary, "results": [o.__dict__ for o in outcomes]}, indent=2))
    for outcome in outcomes:
        typer.echo(f"{outcome.status}: {outcome.dataset} {outcome.release} {outcome.message}".strip(), err=True)
        for line in outcome.changes:
            typer.echo(f"  {line}", err=True)
    typer.echo(f"rvucalc data refresh: {summary}", err=True)
    if failed:
        raise typer.Exit(1)


def _downloader_with_progress() -> Any:
    """CMS's hosts, HTTPS only; a rich progress bar on stderr when it is a terminal."""
    from rvucalc.reference.refresh.download import Downloader

    if not sys.stderr.isatty():
        return Downloader()
    from rich.progress import DownloadColumn, Progress, TransferSpeedColumn

    bar = Progress(*Progress.get_default_columns(), DownloadColumn(), TransferSpeedColumn(),
                   console=_stderr_console(), transient=True)  # fmt: skip
    task = bar.add_task("downloading", total=None)

    def advance(done: int, total: int | None) -> None:
        if not bar.live.is_started:
            bar.start()
        bar.update(task, completed=done, total=total)
        if total is not None and done >= total:
            bar.stop()

    return Downloader(progress=advance)


@data_app.command("verify")
@translate_errors
def data_verify(
    fix: Annotated[
        bool, typer.Option("--fix", help="Set aside broken manifests in your data folder so they can be reinstalled.")
    ] = False,
) -> None:
    """Re-hash every installed file against its manifest and CMS's known sha256, and every compiled
    store against what was built (a store that fails is rebuilt)."""
    from rvucalc.reference.refresh import verify

    problems = verify(fix=fix)
    for problem in problems:
        typer.echo(f"mismatch: {problem}", err=True)
    verdict = "all files and compiled data match" if not problems else f"{len(problems)} problem(s)"
    typer.echo(f"rvucalc data verify: {verdict}", err=True)
    if problems:
        raise typer.Exit(1)


@data_app.command("use")
@translate_errors
def data_use(
    release: Annotated[str, typer.Argument(help="A release name, e.g. 2026C or 2026-04.")],
    dataset: Annotated[
        str | None, typer.Option("--dataset", help="pfs, opps, asc, clfs, asp or dmepos, when the name is ambiguous.")
    ] = None,
) -> None:
    """Pin a release: lookups without --date use it (PFS: also without --year; the other datasets: in the pinned
    release's year). `rvucalc data rollback` undoes it."""
    from rvucalc.reference.refresh import use

    chosen = use(release, dataset)
    typer.echo(f"rvucalc: {chosen.dataset} pinned to {chosen.release}", err=True)


@data_app.command("rollback")
@translate_errors
def data_rollback(
    dataset: Annotated[
        str | None,
        typer.Option(
            "--dataset",
            help="pfs, opps, asc, clfs, asp or dmepos. Default: the one dataset with a `data use` to undo; when "
            "several have one, say which.",
        ),
    ] = None,
) -> None:
    """Undo the last `rvucalc data use` for a dataset (without --dataset: the only dataset pinned by `data use`;
    several: an error naming them)."""
    from rvucalc.reference.refresh import rollback, rollback_target

    dataset = dataset or rollback_target()
    previous = rollback(dataset)
    typer.echo(
        f"rvucalc: rolled back {dataset}: {'pinned to ' + previous if previous else 'back to the newest release'}",
        err=True,
    )


@data_app.command("remove")
@translate_errors
def data_remove(
    release: Annotated[str, typer.Argument(help="A release name, e.g. 2026C or 2026-04.")],
    dataset: Annotated[
        str | None, typer.Option("--dataset", help="pfs, opps, asc, clfs, asp or dmepos, when the name is ambiguous.")
    ] = None,
) -> None:
    """Delete one release installed with `rvucalc data refresh` (never one that came with rvucalc, nor a pinned one)."""
    from rvucalc.reference.refresh import remove

    removed = remove(release, dataset)
    what = f"{removed.release.dataset} {removed.release.release}"
    again = "; the copy that came with rvucalc is in use again" if removed.shipped_again else ""
    typer.echo(f"rvucalc: removed {what}{again}", err=True)


@data_app.command("prune")
@translate_errors
def data_prune(keep: Annotated[int, typer.Option("--keep", min=1, help="Releases kept per dataset.")] = 4) -> None:
    """Delete user-installed releases beyond the --keep per dataset nearest today by effective date (never
    the release in force today, shipped or pinned ones)."""
    from rvucalc.reference.refresh import prune

    pruned = prune(keep)
    typer.echo(
        f"rvucalc: removed {', '.join(pruned.removed) if pruned.removed else 'nothing: ' + pruned.why_nothing()}",
        err=True,
    )
    if pruned.kept:
        typer.echo(f"rvucalc: kept {', '.join(pruned.kept)}", err=True)


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


def _single_command_app(args: list[str]) -> typer.Typer | None:
    """An app holding only the command being run: typer builds every registered command's
    parameters on each start, which is a tenth of a single lookup. None: use the full app."""
    words = [arg for arg in args if not arg.startswith("-")]
    if not words or words[0] == "data":
        return None
    registered = {
        info.name or (info.callback.__name__ if info.callback else ""): info for info in app.registered_commands
    }
    info = registered.get(words[0])
    if info is None or info.callback is None:
        return None
    single = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)
    single.callback()(main_options)
    single.command(words[0], help=info.help, cls=info.cls)(info.callback)
    return single


def main() -> None:
    """Console-script entry point."""
    if "--locality" in sys.argv:
        from rvucalc.cli.compare_cmd import expand_bare_locality

        sys.argv = [sys.argv[0], *expand_bare_locality(sys.argv[1:])]
    command = _single_command_app(sys.argv[1:])
    # --debug is accepted anywhere on the line, not only before the command.
    if "--debug" in sys.argv[1:]:
        sys.argv = [sys.argv[0], "--debug", *(arg for arg in sys.argv[1:] if arg != "--debug")]
    try:
        import rvucalc

        if signal.getsignal(signal.SIGINT) is rvucalc._interrupted_while_starting:  # commands handle Ctrl-C now
            signal.signal(signal.SIGINT, signal.default_int_handler)
        (command or app)()
    except KeyboardInterrupt:  # while typer parses the line, before a command's own handler
        typer.echo("rvucalc: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:  # `rvucalc ... | head`: the reader has what it wanted; stop quietly, exit 0
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
    finally:
        # The process ends: what it made is left to the system (frozen), where the collector's full pass at exit
        # walked every object still held, a batch run's pricer and caches among them (~0.5 s of CPU at 200,000
        # realistic lines). Outputs are written and closed by then, stdout is flushed as ever. The console script's
        # alone: a process that runs the app (CliRunner) keeps collecting as before.
        gc.freeze()


def _another_schedules_code(
    pricer: Any, code: str, modifier: str | None, year: int | None, date: str | None
) -> str | None:
    """The schedule's amount ('CLFS', 'ASP', 'DMEPOS') when the PFS does not pay the code and that file lists it
    (lookup.localities); None otherwise, or when its national lookup fails (the options' own checks say why)."""
    from rvucalc.errors import RvucalcError
    from rvucalc.lookup.localities import another_schedules_code

    try:
        result = pricer.price(code, modifier=modifier, year=year, date_of_service=parse_date(date))
    except RvucalcError:
        return None
    if not another_schedules_code(result):
        return None
    return "CLFS" if result.clfs is not None else "ASP" if result.drug is not None else "DMEPOS"


def _drug_units_hint(codes: list[str], typed: str, year: int | None, date: str | None) -> str | None:
    """The billing unit of the first of ``codes`` the ASP file lists (lookup.schedules.drug_units_hint), for --units'
    usage error alone; None when none is a listed drug or the files cannot say (the error stands as it is)."""
    from rvucalc.errors import RvucalcError
    from rvucalc.lookup.pricer import Pricer
    from rvucalc.lookup.schedules import drug_units_hint

    try:
        catalogue = Pricer().catalogue
        day = parse_date(date) if date else None
        for code in codes:
            hint = drug_units_hint(catalogue, code.split("-")[0].strip().upper(), typed, day, year)
            if hint:
                return hint
    except (RvucalcError, ValueError):
        return None
    return None


def _on_dmepos(pricer: Any, codes: list[str]) -> bool:
    """Whether a code is on the installed DMEPOS fee schedule (then --state picks its fee column)."""
    if pricer.catalogue is None:
        return True
    releases = pricer.catalogue.releases("dmepos")
    if not releases:
        return False
    store = pricer.catalogue.store(releases[-1])
    return any(store.dmepos(code.split("-")[0].strip().upper(), None) for code in codes)


# --conversion-factor given for an anesthesia code, at one place or in every locality (compare_cmd.price_localities).
ANESTHESIA_CF_NOTE = (
    "note: --conversion-factor is the PFS's: anesthesia lines are priced with the anesthesia CF (a what-if one: "
    "--anesthesia-cf)."
)

from rvucalc.cli.compare_cmd import register as _register_compare  # noqa: E402  (needs app and translate_errors)

_register_compare(app)
for _info in (*app.registered_commands, *data_app.registered_commands):
    if _info.cls in (None, typer.core.TyperCommand):
        _info.cls = _Command
