"""One exception tree for everything rvucalc reports to a user.

Each message says what went wrong *and how to fix it*; the CLI maps the
classes to exit codes in one place (usage: 2, everything else: 1).
"""

from __future__ import annotations

from dataclasses import dataclass


class RvucalcError(Exception):
    """Base class: a problem the user can act on."""

    exit_code = 1


class UsageError(RvucalcError):
    """The request itself is malformed (a code like ``2259O``, bad flags)."""

    exit_code = 2


class NotFoundError(RvucalcError):
    """A well-formed code, ZIP or locality that the installed data does not have."""


class ReleaseNotInstalledError(RvucalcError):
    """No installed release covers the requested year or date."""


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

    def __init__(self, message: str, bad_cells: list[BadCell] | None = None) -> None:
        self.bad_cells = bad_cells or []
        shown = "\n".join(f"  {cell}" for cell in self.bad_cells[:20])
        more = len(self.bad_cells) - 20
        if more > 0:
            shown += f"\n  ... and {more} more"
        super().__init__(message + ("\n" + shown if shown else ""))


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
