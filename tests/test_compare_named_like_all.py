"""`rvucalc compare CODE ...` classifies a code as `--all` does (lookup.compare.paid_elsewhere_reason, one function).

An analyst's trial: `compare J1100 36415 --from 2025 --to 2026 --locality 1320201` said not_found for both, while
`--all` said not_comparable: 36415 is in both RVU files (status X, the CLFS pays it), J1100 too (status E, the ASP file
pays it). A code in no installed schedule (a typo) stays not_found.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.lookup.compare import compare

runner = CliRunner()

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


# A review's differences between the named form and --all, one code of each kind: drugs no installed ASP file lists
# (90376 and A9506 in both RVU files, J0528 new in 2026, Q4112 E -> A), codes new in 2026 another schedule pays (81354,
# a lab; 90481, a vaccine), a skin substitute the PFS pays from 2026 (Q4101, status E -> A), a chiropractic manipulation
# billed with AT (98940-AT: AT has no payment effect, its row is 98940's), and codes compared as before.
SAMPLE = ["90376", "A9506", "J0528", "Q4112", "81354", "90481", "Q4101", "98940-AT", "99213", "71046-26", "80053",
          "J1100", "A5500", "0042T", "0988T"]  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("place", [{}, {"locality": "1320201"}])
def test_named_outcome_is_all_s_for_every_kind_of_code(pricer, place) -> None:  # type: ignore[no-untyped-def]
    options = {"from_": 2025, "to": 2026, **place}
    # --from 2025 --to 2026: each year's newest release
    before, after = (pricer.store([r for r in pricer.releases if r.year == year][-1]) for year in (2025, 2026))
    # CMS's RVU files and ASP file, as shipped: what makes each code its kind
    listed = {code for release in pricer.dataset_releases("asp") for code in pricer.store(release).columns(
        "asp", ["hcpcs"])["hcpcs"]}  # fmt: skip
    assert not {"90376", "A9506", "J0528", "Q4112"} & listed
    assert before.rvu("J0528", "") is None and after.rvu("J0528", "") is not None
    assert (before.rvu("Q4101", "")["status"], after.rvu("Q4101", "")["status"]) == ("E", "A")
    assert before.rvu("81354", "") is None and after.rvu("81354", "")["status"] == "X"
    named = compare(pricer, SAMPLE, **options)
    whole = {(c.code, c.modifier or ""): c for c in compare(pricer, None, all_codes=True, **options).codes}
    assert named.locality == place.get("locality")
    for change in named.codes:
        component = change.modifier if change.modifier in ("26", "TC") else ""
        other = whole[(change.code, component)]
        said = f"{change.code}-{change.modifier}"
        assert change.change == other.change, said
        # the same reason; the named form's advice names what the line needs (A5500's --state ST)
        reason = (change.not_comparable_reason or "").split(": price it with")[0]
        assert reason == (other.not_comparable_reason or "").split(": price it with")[0], said
        assert [(a.before, a.after) for a in change.amounts.values()] == [
            (a.before, a.after) for a in other.amounts.values()
        ], said
    kinds = {change.code: change.change for change in named.codes}
    assert kinds["Q4101"] == "changed" and kinds["J0528"] == "added" and kinds["90376"] == "unchanged"
    assert kinds["81354"] == kinds["90481"] == "not_comparable"


def test_the_same_modifiers_in_another_order_are_one_line(pricer) -> None:  # type: ignore[no-untyped-def]
    result = compare(pricer, ["99213-GP-25", "99213-25-GP", "99213"], from_=2025, to=2026)
    assert [(c.code, c.modifier) for c in result.codes] == [("99213", "GP-25"), ("99213", None)]
    assert any("1 repeated code dropped" in w and "99213-GP-25 (2x)" in w for w in result.warnings)


def test_a_denied_line_of_a_codes_file_is_its_row_and_the_others_are_compared(tmp_path: Path) -> None:
    source = tmp_path / "codes.txt"
    source.write_text("99213\n99214-GY\n98940\n98941-AT\n")
    result = runner.invoke(app, ["compare", "--codes", str(source), "--from", "2025", "--to", "2026", "-f", "csv"])
    assert result.exit_code == 0, result.output
    rows = {(row["code"], row["modifier"]): row for row in csv.DictReader(io.StringIO(result.stdout))}
    assert list(rows) == [("99213", ""), ("99214", "GY"), ("98940", ""), ("98941", "AT")]
    assert rows[("99213", "")]["change"] == rows[("98941", "AT")]["change"] == "changed"
    assert rows[("99214", "GY")]["change"] == "not_comparable"
    # A bare 98940 (no AT) compares its fee, as --all does; the denial without AT said (test_compare_refused_lines)
    assert rows[("98940", "")]["change"] == "changed"
    assert "GY" in rows[("99214", "GY")]["explanation"] and "without AT" in rows[("98940", "")]["explanation"]


def test_a_named_compare_of_codes_not_comparable_keeps_its_locality(pricer) -> None:  # type: ignore[no-untyped-def]
    for place, locality in (({"locality": "1320201"}, "1320201"), ({"zip_code": "10001"}, "1320201")):
        result = compare(pricer, ["80053", "J1100"], from_=2025, to=2026, **place)
        assert [c.change for c in result.codes] == ["not_comparable", "not_comparable"]
        assert result.locality == locality
        assert result.locality_name == pricer.store(pricer.releases[-1]).locality(locality)["name"]


@pytest.mark.slow
@pytest.mark.parametrize("place", [{}, {"zip_code": "10001"}])
def test_anesthesia_codes_named_say_what_all_says(pricer, place) -> None:  # type: ignore[no-untyped-def]
    # A review: 00580 named had its anesthesia CF moving and "no amount without its base units and minutes"; --all,
    # no factor and the RVU file's status J reason.
    options = {"from_": 2025, "to": 2026, **place}
    codes = ["00580", "00100", "01967"]
    named = {c.code: c for c in compare(pricer, codes, **options).codes}
    whole = {c.code: c for c in compare(pricer, None, all_codes=True, **options).codes
             if c.code in codes and c.modifier is None}  # fmt: skip
    stores = [pricer.store([r for r in pricer.releases if r.year == year][-1]) for year in (2025, 2026)]
    for code in codes:
        assert all(store.rvu(code, "")["status"] == "J" for store in stores), code  # CMS's RVU files
        assert named[code].model_dump() == whole[code].model_dump(), code
        assert named[code].change == "not_comparable", code
        assert all(not a.payable_before and "base units and minutes" in (a.reason_before or "")
                   for a in whole[code].amounts.values()), code  # fmt: skip
        [unit] = whole[code].components
        # CMS's anesthesia CF (the ANES file's, Manhattan; the national one without a place)
        if place:
            cfs = [Decimal(store.anesthesia_cf("1320201")["anes_cf"]).scaleb(-2) for store in stores]
        else:
            cfs = [Decimal(store.meta("anes_national_non_qp") or "") for store in stores]
        assert unit.component == "anesthesia_conversion_factor", code
        assert (unit.before, unit.after) == (cfs[0], cfs[1]), code


def test_a_lab_or_drug_the_rvu_file_lists_shows_no_pfs_amount_as_a_dme_code_does() -> None:
    """A trial read 80053 and J9271 as "not payable" in both years' columns, beside E0143's "—": all three are paid,
    from the CLFS, ASP and DMEPOS files; the Why column says so."""
    result = runner.invoke(app, ["compare", "80053", "J9271", "E0143", "--from", "2025", "--to", "2026",
                                 "--zip", "60601"], env={"COLUMNS": "220"})  # fmt: skip
    rows = [line for line in result.stdout.splitlines() if line.startswith(("│ 80053", "│ J9271", "│ E0143"))]
    assert len(rows) == 3, result.output
    for row in rows:
        cells = [cell.strip() for cell in row.split("│")[1:-1]]
        assert cells[1] == "not comparable" and set(cells[2:10]) == {"—"}, cells
    assert "not payable │" not in result.stdout and "│  not payable" not in result.stdout
