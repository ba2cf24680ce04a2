"""rvucalc: what Medicare pays for a code, here, in each setting — offline, to the cent."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from typing import TYPE_CHECKING, Any


def _interrupted_while_starting(signal_number: int, frame: object) -> None:
    sys.stderr.write("rvucalc: interrupted\n")
    raise SystemExit(130)


def _catch_interrupt_while_starting() -> None:
    """Ctrl-C while the command line's modules load (a few tenths of a second, before its own handler) exits 130
    without a traceback. Only for the ``rvucalc`` command itself: below for its console script, which imports this
    package first, and from ``rvucalc/__main__.py`` for ``python -m rvucalc``; never when a program imports the
    library (a ``python -m service`` importing rvucalc also has ``-m`` for ``sys.argv[0]`` while it starts, and kept
    the handler: its own KeyboardInterrupt handling was taken over). ``cli.main()`` restores the default."""
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not when SIGINT is ignored (nohup, `&`)
        with contextlib.suppress(ValueError):  # imported first in another thread: only the main thread sets handlers
            signal.signal(signal.SIGINT, _interrupted_while_starting)


if os.path.basename(sys.argv[0]) in ("rvucalc", "rvucalc.exe"):  # the console script (pyproject: rvucalc.cli:main)
    _catch_interrupt_while_starting()

from rvucalc._version import __version__  # noqa: E402  (after the handler: as early as it can be)

if TYPE_CHECKING:
    from rvucalc.lookup.pricer import Pricer, price

__all__ = ["Pricer", "__version__", "price"]


def __getattr__(name: str) -> Any:
    # Lazy, so `rvucalc --help` does not pay for the engine and the data.
    if name in ("Pricer", "price"):
        from rvucalc import api

        return getattr(api, name)
    raise AttributeError(name)
