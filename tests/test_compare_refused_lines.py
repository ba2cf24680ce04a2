"""A named line refused for its modifiers, and a bare chiropractic manipulation, in `rvucalc compare`.

A review: `compare --codes FILE` with 19303-55-AS on one line (a split-care modifier on an assistant's line, which no
claim line carries) exited 2 and printed nothing for the other codes; 36475-80 (assistant indicator 1) exited 1. And
`compare 98940 98941` said not comparable ("without AT"), where `--all` compared their fees ($29.58 -> $29.72 in
Manhattan for 98940).
"""

from __future__ import annotations

import csv
import io
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.lookup.compare import compare

runner = CliRunner()


def _rows(output: str) -> dict[tuple[str, str], dict[str, str]]:
    return {(row["code"], row["modifier"]): row for row in csv.DictReader(io.StringIO(output))}


def test_a_refused_line_of_a_codes_file_is_its_row_and_the_others_are_compared(tmp_path: Path) -> None:
    source = tmp_path / "codes.txt"
    source.write_text("99213\n19303-55-AS\n36475-80\n27447-50-RT\n99214\n")
    result = runner.invoke(
        app, ["compare", "--codes", str(source), "--from", "2025", "--to", "2026", "--zip", "10001", "-f", "csv"]
    )
    assert result.exit_code == 0, result.output  # as a denied line's row (99214-GY) exits
    rows = _rows(result.stdout)
    assert list(rows) == [("99213", ""), ("19303", "55-AS"), ("36475", "80"), ("27447", "50-RT"), ("99214", "")]
    assert rows[("99213", "")]["change"] == rows[("99214", "")]["change"] == "changed"
    compared = (rows[("99213", "")], rows[("99214", "")])
    assert all(row["non_facility_before"] and row["non_facility_after"] for row in compared)
    refused = {key: rows[key] for key in (("19303", "55-AS"), ("36475", "80"), ("27447", "50-RT"))}
    assert all(row["change"] == "not_comparable" and not row["non_facility_before"] for row in refused.values())
    assert "55 and AS conflict" in refused[("19303", "55-AS")]["not_comparable_reason"]
    assert "assistant indicator 1" in refused[("36475", "80")]["not_comparable_reason"]
    assert "50 (bilateral) and RT" in refused[("27447", "50-RT")]["not_comparable_reason"]
    assert refused[("19303", "55-AS")]["description"] == "Mast simple complete"


def test_a_malformed_modifier_is_still_the_request_s_error() -> None:
    result = runner.invoke(app, ["compare", "99213", "99214-Q9Z", "--from", "2025", "--to", "2026"])
    assert result.exit_code == 2
    assert "'Q9Z' is not a modifier" in result.output


def test_a_bare_chiropractic_manipulation_compares_its_fee_as_all_does(pricer) -> None:  # type: ignore[no-untyped-def]
    options = {"from_": 2025, "to": 2026, "zip_code": "10001"}
    named = {c.code: c for c in compare(pricer, ["98940", "98941", "98942"], **options).codes}
    whole = {c.code: c for c in compare(pricer, None, all_codes=True, **options).codes
             if c.code in named and c.modifier is None}  # fmt: skip
    for release, change_side in ((2025, "before"), (2026, "after")):
        # CMS's RVU file and GPCIs for Manhattan (locality 1320201): RVUs x GPCIs x CF, rounded half-up once
        store = pricer.store([r for r in pricer.releases if r.year == release][-1])
        row, place = store.rvu("98940", ""), store.locality("1320201")
        total = sum(Decimal(row[rvu]).scaleb(-2) * Decimal(place[gpci]).scaleb(-3) for rvu, gpci in (
            ("work_rvu", "gpci_work"), ("pe_nonfac_rvu", "gpci_pe"), ("mp_rvu", "gpci_mp")))  # fmt: skip
        fee = (total * Decimal(row["conv_factor"]).scaleb(-4)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        assert getattr(named["98940"].amounts["non_facility"], change_side) == fee
    assert (named["98940"].amounts["non_facility"].before, named["98940"].amounts["non_facility"].after) == (
        Decimal("29.58"), Decimal("29.72"))  # fmt: skip
    for code, change in named.items():
        other = whole[code]
        assert change.change == other.change == "changed", code
        assert change.not_comparable_reason is None, code
        assert change.amounts == other.amounts, code
        assert change.explanation == other.explanation, code
        assert change.notes == other.notes, code
        assert any("without AT" in note and "SE1602" in note for note in change.notes), code
        assert "Medicare denies the line" in change.explanation, code


def test_a_chiropractic_line_with_a_denial_modifier_stays_denied(pricer) -> None:  # type: ignore[no-untyped-def]
    changes = compare(pricer, ["98940-GA", "98941-AT"], from_=2025, to=2026).codes
    assert [c.change for c in changes] == ["not_comparable", "changed"]
    assert "without AT" in (changes[0].not_comparable_reason or "")
