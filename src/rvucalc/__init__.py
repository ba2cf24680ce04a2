"""rvucalc: what Medicare pays for a code, here, in each setting — offline, to the cent."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rvucalc._version import __version__

if TYPE_CHECKING:
    from rvucalc.lookup.pricer import Pricer, price

__all__ = ["Pricer", "__version__", "price"]


def __getattr__(name: str) -> Any:
    # Lazy, so `rvucalc --help` does not pay for the engine and the data.
    if name in ("Pricer", "price"):
        from rvucalc import api

        return getattr(api, name)
    raise AttributeError(name)
