"""``python -m rvucalc``: the command line, as the ``rvucalc`` console script runs it."""

import rvucalc

rvucalc._catch_interrupt_while_starting()  # before the command line's modules load (rvucalc/__init__.py says why)

from rvucalc.cli import main  # noqa: E402  (after the handler)

main()
