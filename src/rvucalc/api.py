"""The public Python API (see ``rvucalc.lookup.pricer`` for the orchestration)."""

from rvucalc.lookup.pricer import Pricer, price

__all__ = ["Pricer", "price"]
