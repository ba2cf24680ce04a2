"""`rvucalc compare CODE ...` classifies a code as `--all` does (lookup.compare.paid_elsewhere_reason, one function).

An analyst's trial: `compare J1100 36415 --from 2025 --to 2026 --locality 1320201` said not_found for both, while
`--all` said not_comparable: 36415 is in both RVU files (status X, the CLFS pays it), J1100 too (status E, the ASP file
pays it). A code in no installed schedule (a typo) stays not_found.
"""

from __future__ import annotations

import pytest

from rvucalc.lookup.compare import compare

CODES = ["J1100", "36415", "80053"]


@pytest.mark.slow
def test_named_codes_another_schedule_pays_are_not_comparable_as_in_all(pricer) -> None:  # type: ignore[no-untyped-def]
    options = {"from_": 2025, "to": 2026, "locality": "1320201"}
    named = {change.code: change for change in compare(pricer, [*CODES, "99999"], **options).codes}
    whole = {change.code: change for change in compare(pricer, None, all_codes=True, **options).codes
             if change.code in CODES and change.modifier is None}  # fmt: skip
    for code in CODES:
        # in CMS's RVU files, not paid by the PFS (36415 status X, J1100 status E, 80053 status X)
        assert pricer.store(pricer.releases[-1]).rvu(code, "")["status"] in ("X", "E"), code
        assert whole[code].change == "not_comparable", code
        assert named[code].change == whole[code].change, code
        assert named[code].not_comparable_reason == whole[code].not_comparable_reason, code
        assert named[code].description == whole[code].description, code
    assert named["99999"].change == "not_found"
    assert "not in the 2026 fee schedule" in named["99999"].explanation
