"""One exception tree for everything rvucalc reports to a user.

Each message says what went wrong *and how to fix it*; the CLI maps the
classes to exit codes in one place (usage: 2, everything else: 1).

A message that names an option is written once, with the option named symbolically
(``option("zip_code")``), and read in its reader's words: ``str(error)`` names the Python
API's parameter (``zip_code``), which batch rows show too (its columns carry the same
names); the CLI's error handler renders the flag (``--zip``, ``rvucalc.cli.flags.FLAGS``).
``cli_only(text)`` holds words only the command line shows (a flag of another command).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass

# Private-use characters: they cannot come from a keyboard, and every message passes through ``render``.
_OPTION_OPEN, _OPTION_CLOSE = "\ue000", "\ue001"
_CLI_OPEN, _CLI_CLOSE = "\ue002", "\ue003"
_MARKS = re.compile("\ue000([^\ue001]*)\ue001|\ue002([^\ue003]*)\ue003")


def option(name: str) -> str:
    """An option named in a message, by its API parameter name (``zip_code``): shown as such to
    Python callers and in batch rows, as its flag (``--zip``) on the command line."""
    return f"{_OPTION_OPEN}{name}{_OPTION_CLOSE}"


def cli_only(text: str) -> str:
    """Words only the command line shows, such as another command's flag (``rvucalc localities
    --state XX``) or an option the API has no parameter for (``--codes FILE``)."""
    return f"{_CLI_OPEN}{text}{_CLI_CLOSE}"


def render(text: str, flags: Mapping[str, str] | None = None) -> str:
    """A message in its reader's words: ``flags`` None, the API's (parameter names, no CLI-only
    words); else the command line's, each parameter as ``flags[name]``."""
    if _OPTION_OPEN not in text and _CLI_OPEN not in text:
        return text

    def word(match: re.Match[str]) -> str:
        name, cli = match.group(1), match.group(2)
        if name is not None:
            return name if flags is None else flags.get(name, name)
        return "" if flags is None else cli

    return _MARKS.sub(word, text)


class ErrorKind(str, enum.Enum):
    """What went wrong, set where the error is raised: batch counts and reports rows by it,
    and single lookups, batch and export agree on it (never inferred from the message)."""

    USAGE = "usage"  # a malformed request: bad flags or values
    MALFORMED_CODE = "malformed_code"  # not shaped like a HCPCS/CPT code
    BAD_MODIFIER = "bad_modifier"  # unknown, malformed, repeated or conflicting modifiers
    UNKNOWN_CODE = "unknown_code"  # well formed, but in none of the installed schedules
    NO_SUCH_ROW = "no_such_row"  # the code exists, but not with that 26/TC/53 row
    UNKNOWN_ZIP = "unknown_zip"
    UNKNOWN_LOCALITY = "unknown_locality"
    BAD_DATE = "bad_date"
    BAD_UNITS = "bad_units"
    BAD_SETTING = "bad_setting"
    BAD_PAID = "bad_paid"  # a paid amount (remittance column) that is not an amount
    BAD_STATE = "bad_state"  # a state (--state, a batch state column) that is no US state or territory postal code
    BAD_RURAL = "bad_rural"  # a batch rural cell that is not Y/N (1/0, true/false, yes/no) nor blank
    BAD_ZIP = "bad_zip"  # a ZIP not shaped like one (5 digits, optionally ZIP+4); unknown_zip: well formed, not in ZIP5
    RELEASE_NOT_INSTALLED = "release_not_installed"
    POLICY_REFUSED = "policy_refused"  # a modifier the code's indicator does not allow
    DENIED = "denied"  # a modifier that has Medicare deny the line (GY, GZ, EY)
    MISSING_INPUT = "missing_input"  # e.g. anesthesia without base units and minutes
    RAGGED_LINE = "ragged_line"  # a CSV line with more cells than the header
    REPORT_LINE = "report_line"  # batch: a report's repeated header, page, title or total line; no service line
    DATA_FILE = "data_file"  # a CMS file is missing or damaged
    NOT_FOUND = "not_found"
    NOT_PAYABLE = "not_payable"  # valid input Medicare pays nothing on: a void (xx8) or non-payment (xx0) bill
    BAD_VOLUME = "bad_volume"  # batch: a volume cell (the cases a row stands for) that is no whole number from 0


class RvucalcError(Exception):
    """Base class: a problem the user can act on."""

    exit_code = 1
    default_kind = ErrorKind.NOT_FOUND

    def __init__(self, message: str = "", *, kind: ErrorKind | None = None) -> None:
        super().__init__(message)
        self.kind = kind or self.default_kind

    def __str__(self) -> str:
        return render(super().__str__())

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self)!r})"

    def render(self, flags: Mapping[str, str] | None = None) -> str:
        """The message for a reader: the API's words (``str(error)``), or with ``flags`` the CLI's."""
        return render(super().__str__(), flags)


class UsageError(RvucalcError):
    """The request itself is malformed (a code like ``2259O``, bad flags)."""

    exit_code = 2
    default_kind = ErrorKind.USAGE


class NotFoundError(RvucalcError):
    """A well-formed code, ZIP or locality that the installed data does not have."""


class ReleaseNotInstalledError(RvucalcError):
    """No installed release covers the requested year or date."""

    default_kind = ErrorKind.RELEASE_NOT_INSTALLED


@dataclass(frozen=True)
class BadCell:
    file: str
    line: int
    column: str
    value: str
    expected: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: column {self.column!r}: {self.value!r} is not {self.expected}"


class DataFileError(RvucalcError):
    """A CMS file is missing, damaged or does not have the expected layout."""

    default_kind = ErrorKind.DATA_FILE

    def __init__(self, message: str, bad_cells: list[BadCell] | None = None) -> None:
        self.bad_cells = bad_cells or []
        shown = "\n".join(f"  {cell}" for cell in self.bad_cells[:20])
        more = len(self.bad_cells) - 20
        if more > 0:
            shown += f"\n  ... and {more} more"
        super().__init__(message + ("\n" + shown if shown else ""))


class OptionContradictsFileError(DataFileError):
    """``rvucalc data refresh --from FILE`` with --year, --quarter or --dataset that the file itself contradicts: the
    request is wrong, not the file (usage: exit 2, as ``price --year`` contradicting ``--date``)."""

    exit_code = 2
    default_kind = ErrorKind.USAGE


class UnrecognisedFileError(DataFileError):
    """``rvucalc data refresh --from FILE`` of a file that is no CMS file rvucalc knows (a payment revision file
    PFREV4.txt, a PDF): an unusable input the user gave, exit 2 as the README's exit codes say (a --from path that does
    not exist is 2 too), not 1, "not found". The message names the files rvucalc does recognise."""

    exit_code = 2
    default_kind = ErrorKind.USAGE


class LocalDataError(RvucalcError):
    """A folder or file rvucalc keeps for itself (cache, user data folder, ``state.json``, a manifest
    written by ``rvucalc data refresh``) cannot be used as it is: the message names it and the fix."""

    exit_code = 2
    default_kind = ErrorKind.DATA_FILE


class OutputFailedError(RvucalcError):
    """A run failed after it started (a full disk, an unreadable input block): the output was
    not written and a file target is left as it was. Exit 3, distinct from 1 (some rows had errors)."""

    exit_code = 3


class RunInterrupted(RvucalcError):
    """A signal stopped a run (Ctrl-C, ``kill``): nothing was written. Exit 128 + the signal's
    number, as shells report it: 130 for SIGINT, 143 for SIGTERM."""

    def __init__(self, signal_number: int, message: str | None = None) -> None:
        import signal

        self.signal_number = signal_number
        self.exit_code = 128 + signal_number
        self.signal_name = signal.Signals(signal_number).name
        super().__init__(message or f"interrupted ({self.signal_name})")
