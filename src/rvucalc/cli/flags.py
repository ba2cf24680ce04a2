"""The command line's flag for each Python API parameter a message may name (``errors.option``).

Core messages name options by their API parameter; ``translate_errors`` renders them with this
table. tests/test_api_messages.py checks it against the options the typer app declares.
"""

from __future__ import annotations

FLAGS: dict[str, str] = {
    # Pricer.price / price_encounter / rvucalc.price -> rvucalc price
    "zip_code": "--zip",
    "locality": "--locality",
    "modifier": "--modifier",
    "year": "--year",
    "date_of_service": "--date",
    "qp": "--qp",
    "wage_index": "--wage-index",
    "asc_wage_index": "--asc-wage-index",
    "setting": "--setting",
    "sequestration": "--sequestration",
    "provider": "--provider",
    "base_units": "--base-units",
    "minutes": "--minutes",
    "units": "--units",
    "state": "--state",
    "rural": "--rural",
    "conversion_factor": "--conversion-factor",
    "anesthesia_cf": "--anesthesia-cf",
    "percent_of_medicare": "--percent-of-medicare",
    "paid_for": "--paid-for",
    "hospital": "--hospital",
    # lookup.compare.compare -> rvucalc compare
    "from_": "--from",
    "to": "--to",
    "what": "--what",
    "all_codes": "--all",
    "sort": "--sort",
    "changed_only": "--changed-only",
}
