"""Two things rvucalc says of a hospital's or an ASC's payment without changing it, in price and batch alike.

- Several conditionally packaged lines (SI Q1, Q2) with nothing on the claim to package them into: the I/OCE may pay
  the highest-paid alone (as coders' sources restate CMS), a rule rvucalc could not check against CMS's own text;
  each line is paid its own APC, as Addendum D1's "in other circumstances" reads, and says so.
- A co-surgeon's or team's line (62, 66) at the hospital or the ASC: each surgeon's claim shows the facility's one
  payment for the procedure (rvucalc cannot link two surgeons' claims of one patient): said on the line.

The amounts are Addendum B's (October 2025), read from the shipped file.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from typing import Any

import pyarrow as pa
from typer.testing import CliRunner

from conftest import run_batch_rows
from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.engine.facility import CO_SURGERY_FACILITY_NOTE, CONDITIONAL_SEVERAL_FIGURES, CONDITIONAL_SEVERAL_NOTE
from rvucalc.lookup.pricer import Pricer
from rvucalc.reference.releases import installed_releases

COLUMNS = ["claim", "code", "modifier", "date", "setting", "zip", "units"]
DAY = {"date": "2025-11-05", "zip": "43215"}  # Columbus, OH: the urology trial's


def _table(rows: list[dict[str, str]]) -> pa.Table:
    return pa.table({name: [row.get(name, "") for row in rows] for name in COLUMNS})


def _money(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    return Decimal(str(value)).quantize(Decimal("0.01"))


def _addendum_b() -> dict[str, tuple[str, Decimal | None]]:
    """Per HCPCS code, October 2025 Addendum B's SI and payment rate (the shipped CMS file)."""
    release = next(r for r in installed_releases("opps") if r.release == "2025-10")
    with open(release.path("addendum_b"), encoding="latin-1", newline="") as handle:
        rows = list(csv.reader(handle))
    start = next(n for n, row in enumerate(rows) if row and row[0].strip() == "HCPCS Code")
    out: dict[str, tuple[str, Decimal | None]] = {}
    for row in rows[start + 1 :]:
        if len(row) > 5 and row[0].strip():
            rate = row[5].strip().lstrip("$").replace(",", "")
            out[row[0].strip()] = (row[2].strip(), Decimal(rate) if rate else None)
    return out


def test_several_conditionally_packaged_lines_with_nothing_to_package_them_say_so_in_price_and_batch(
    pricer: Pricer,
) -> None:
    """A urology trial: 51741, 51798 and 51702 (SI Q1) at POS 22 with no S, T or V service were each paid their own
    APC ($301.52 + $57.51 + $124.81) with no word that the I/OCE may pay the highest-paid alone (HCPro restating CMS;
    not found in CMS's own text here, so the amounts stay). Each line says so, in price and batch; two Q2 lines
    without a T procedure alike. A Q1 line alone, or beside an S service (packaged), does not."""
    addendum = _addendum_b()
    several = {"A": ["51741", "51798", "51702"], "B": ["0447T", "0510T"]}  # three Q1; two Q2, no T
    others = {"C": ["51741"], "D": ["51741", "51798", "0272T"]}  # a Q1 alone; two Q1 beside 0272T (SI S)
    assert [addendum[c][0] for c in several["A"]] == ["Q1"] * 3
    assert [addendum[c][0] for c in several["B"]] == ["Q2"] * 2
    assert addendum["0272T"][0] == "S"
    rows = [{"claim": claim, "code": code, "setting": "22", **DAY}
            for claim, codes in [*several.items(), *others.items()] for code in codes]  # fmt: skip
    out = BatchPricer(pricer).price_table(_table(rows)).to_pylist()
    by_claim: dict[str, list[dict[str, Any]]] = {}
    for given, row in zip(rows, out, strict=True):  # (the output has no claim column)
        by_claim.setdefault(given["claim"], []).append(row)
    for claim, codes in several.items():
        encounter = pricer.price_encounter(codes, zip_code=DAY["zip"], date_of_service=DAY["date"], setting="hopd")
        for code, line, row in zip(codes, encounter.lines, by_claim[claim], strict=True):
            alone = pricer.price(code, zip_code=DAY["zip"], date_of_service=DAY["date"], setting="hopd").opps
            assert line.opps is not None and alone is not None
            assert (line.opps.status_indicator, line.opps.national_rate) == addendum[code], code
            assert line.opps.rate == alone.rate and line.opps.rate and not line.opps.adjustments, code  # unchanged
            assert CONDITIONAL_SEVERAL_NOTE in line.opps.notes, code
            assert CONDITIONAL_SEVERAL_NOTE in row["note"] and _money(row["opps_rate"]) == line.opps.rate, code
    for claim, codes in others.items():
        encounter = pricer.price_encounter(codes, zip_code=DAY["zip"], date_of_service=DAY["date"], setting="hopd")
        for code, line, row in zip(codes, encounter.lines, by_claim[claim], strict=True):
            assert line.opps is not None and CONDITIONAL_SEVERAL_NOTE not in line.opps.notes, code
            assert CONDITIONAL_SEVERAL_NOTE not in row["note"] and _money(row["opps_rate"]) == line.opps.rate, code
    packaged = pricer.price_encounter(others["D"], zip_code=DAY["zip"], date_of_service=DAY["date"], setting="hopd")
    assert [line.opps.rate for line in packaged.lines[:2] if line.opps is not None] == [0, 0]  # beside the S


def test_a_co_surgeons_line_at_the_hospital_or_asc_says_the_facility_is_paid_once(pricer: Pricer) -> None:
    """A co-surgery trial: 47562-62 on claim S1 and on claim S2 (two surgeons' claims), same date, POS 22 or 24: each
    row showed the whole facility payment, so a summary over both claims counted the hospital's payment twice.
    rvucalc cannot link the two claims (no patient id): each 62 (or 66) line priced at a hospital or ASC keeps the
    facility payment it shows (Addendum B's APC rate) and says the facility is paid once for the procedure, in price
    and batch; at the office, or without 62, it does not."""
    addendum = _addendum_b()
    assert addendum["47562"] == ("J1", Decimal("5834.360"))
    settings = {"S1": "22", "S2": "22", "S3": "24", "S4": "11", "S5": "22"}
    rows = [{"claim": claim, "code": "47562", "modifier": "" if claim == "S5" else "62", "setting": setting, **DAY}
            for claim, setting in settings.items()]  # fmt: skip
    out = BatchPricer(pricer).price_table(_table(rows)).to_pylist()
    whole = pricer.price("47562", zip_code=DAY["zip"], date_of_service=DAY["date"], setting="hopd")
    assert whole.opps is not None and whole.asc is not None and whole.opps.national_rate == addendum["47562"][1]
    assert CO_SURGERY_FACILITY_NOTE not in whole.notes
    for setting in ("hopd", "asc", None):
        single = pricer.price("47562-62", zip_code=DAY["zip"], date_of_service=DAY["date"], setting=setting)
        assert single.opps is not None and single.asc is not None
        assert (single.opps.rate, single.asc.rate) == (whole.opps.rate, whole.asc.rate)  # the payment it shows
        assert CO_SURGERY_FACILITY_NOTE in single.notes, setting
    office = pricer.price("47562-62", zip_code=DAY["zip"], date_of_service=DAY["date"], setting="office")
    assert CO_SURGERY_FACILITY_NOTE not in office.notes
    for claim, row in zip(settings, out, strict=True):
        assert (CO_SURGERY_FACILITY_NOTE in row["note"]) == (claim in ("S1", "S2", "S3")), claim
        assert (_money(row["opps_rate"]), _money(row["asc_rate"])) == (whole.opps.rate, whole.asc.rate), claim


def _terminal(*args: str) -> str:
    """`rvucalc price ...`'s table, its lines joined (rich wraps them)."""
    result = CliRunner().invoke(app, ["price", *args])
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


def test_the_table_says_them_too() -> None:
    """The urology trial's encounter at POS 22: JSON and batch said each Q1 line may not be paid its own APC, the
    table did not (its OPPS notes are those it lists). Said once, after the codes it is on, as the composite APC's
    note is; not at the office (its own rules). A co-surgeon's line's note (a line note) and the duplicate 62 line's
    are said at the hospital and the ASC, single code and encounter alike (the amounts: the tests above)."""
    urology = ["51741", "51798", "51702", "--zip", DAY["zip"], "--date", DAY["date"]]
    hospital = _terminal(*urology, "--setting", "22")
    assert f"51741, 51798, 51702: {CONDITIONAL_SEVERAL_NOTE}" in hospital
    assert hospital.count(CONDITIONAL_SEVERAL_NOTE) == 1
    assert CONDITIONAL_SEVERAL_NOTE not in _terminal(*urology, "--setting", "11")
    atlanta = ["--zip", "30309", "--date", "2025-11-12"]
    for setting in ("22", "24"):
        assert CO_SURGERY_FACILITY_NOTE in _terminal("47562-62", "--setting", setting, *atlanta), setting
        twice = _terminal("47562-62", "47562-62", "--setting", setting, *atlanta)
        assert f"47562-62: {CO_SURGERY_FACILITY_NOTE}" in twice and "47562-62: Possible duplicate: this line" in twice


def test_several_conditionally_packaged_lines_give_the_amount_at_stake_in_price_batch_and_table(
    pricer: Pricer, tmp_path: Any
) -> None:
    """An audiology trial: 92557, 92567 and 92550 (SI Q1, Addendum B October 2025: APC 5721 $156.460, 5732 $39.250,
    5721) at POS 22, no S, T or V line: each paid its own APC, the note saying only that this "may overstate"; the
    user's remit (the highest-paid line alone, $0.00 on the others) then read as underpaid by the two packaged lines.
    The rule stays unapplied (not found in CMS's own text here), but every line now says what is at stake: the
    highest-paid line's amount, the lines' total as shown and the difference, the same words in price, batch (the
    paid-for comparison's rows too) and the table, once there."""
    addendum = _addendum_b()
    codes = ["92557", "92567", "92550"]
    assert [addendum[c] for c in codes] == [("Q1", Decimal("156.460")), ("Q1", Decimal("39.250")),
                                            ("Q1", Decimal("156.460"))]  # fmt: skip
    day = {"zip_code": "10001", "date_of_service": "2025-11-03"}
    encounter = pricer.price_encounter(codes, setting="hopd", **day)
    rates = [line.opps.rate for line in encounter.lines if line.opps is not None]
    assert [line.opps.national_rate for line in encounter.lines if line.opps] == [addendum[c][1] for c in codes]
    for code, rate in zip(codes, rates, strict=True):  # each still its own APC: the amounts are not changed
        alone = pricer.price(code, setting="hopd", **day).opps
        assert alone is not None and rate == alone.rate and rate
    top, total = max(r for r in rates if r), sum(r for r in rates if r)
    assert rates.count(top) == 2  # 92557 and 92550 share APC 5721: the note names an amount, not a code
    figures = [n for n in encounter.lines[0].opps.notes if n.startswith(CONDITIONAL_SEVERAL_FIGURES)]  # type: ignore[union-attr]
    assert len(figures) == 1
    said = figures[0]
    assert f"${top:,.2f}" in said and f"${total:,.2f}" in said and f"${total - top:,.2f} less" in said, said
    for line in encounter.lines:
        assert line.opps is not None and said in line.opps.notes and CONDITIONAL_SEVERAL_NOTE in line.opps.notes
    # batch, as the trial ran it: the remit of the highest-paid line alone, compared (--paid-for facility)
    remit = zip(codes, [str(top), "0.00", "0.00"], strict=True)
    rows = [{"Claim #": "H2001", "Visit Date": "11/03/2025", "Proc": code, "Unit(s)": "1", "Place of Svc": "22",
             "Facility Zip": "10001", "Paid": paid} for code, paid in remit]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows, "--paid-for", "facility")
    assert done.exit_code == 0, done.output
    assert len(out) == 3
    for code, rate, row in zip(codes, rates, out, strict=True):
        assert _money(row["opps_rate"]) == rate, code
        assert said in row["note"] and row["note"].count(said) == 1 and CONDITIONAL_SEVERAL_NOTE in row["note"], code
    # the table: once, after the codes
    table = _terminal(*codes, "--zip", "10001", "--date", "2025-11-03", "--setting", "22")
    assert f"92557, 92567, 92550: {said}" in table and table.count(said) == 1
    # a Q1 line alone, or two beside an S service: no figures
    for alone_codes in (["92557"], ["51741", "51798", "0272T"]):
        other = pricer.price_encounter(alone_codes, setting="hopd", **day)
        assert not any(n.startswith(CONDITIONAL_SEVERAL_FIGURES) for line in other.lines if line.opps
                       for n in line.opps.notes)  # fmt: skip


def test_an_office_row_does_not_carry_the_hospital_s_remit_figures(pricer: Pricer, tmp_path: Any) -> None:
    """An allergy trial: claim E1011 at POS 11 (99204-25, 95004 x 50, 95165 x 30). 95004 and 95165 are SI Q1 with no
    S, T or V line beside them, so the hopd_* comparison says the code editor may pay only the highest-paid of them,
    and with it what that would be: "a remit of $52,587.87 on one and $0.00 on the others" (the hospital's figures),
    on office rows paid $170.00 and $419.10. That sentence speaks of the hospital's own claim
    (engine.facility.hospital_remit_only): an office row (as `price --setting office`) leaves it off, the hospital's
    rows of the same claim (POS 22) keep it; the note naming no amount stays, labelled the comparison's."""
    addendum = _addendum_b()
    assert addendum["95004"][0] == "Q1" and addendum["95165"][0] == "Q1"  # Addendum B, October 2025
    codes, units = ["99204-25", "95004", "95165"], [1, 50, 30]
    day = {"zip_code": "55402", "date_of_service": "2025-11-10"}
    hospital = pricer.price_encounter(codes, setting="hopd", units=units, **day)
    (said,) = {n for line in hospital.lines if line.opps for n in line.opps.notes
               if n.startswith(CONDITIONAL_SEVERAL_FIGURES)}  # fmt: skip
    rates = {line.code: line.opps.national_rate for line in hospital.lines if line.opps}
    assert rates["95004"] == addendum["95004"][1] and rates["95165"] == addendum["95165"][1]
    rows = [{"Claim": claim, "Svc Dt": "11/10/2025", "Code": code, "Units": str(n), "POS": pos,
             "Practice ZIP": "55402"}
            for claim, pos in (("E1011", "11"), ("H1011", "22"))
            for code, n in zip(codes, units, strict=True)]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows, "--columns", "date=Svc Dt,zip=Practice ZIP")
    assert done.exit_code == 0, done.output
    office, at_hospital = out[:3], out[3:]
    top = said.split("(")[1].split(")")[0]  # the highest-paid line's amount, as the note gives it
    for row in office[1:]:  # (the hospital's comparison: comparison_note, on a row set in the office)
        said_here = f"{row['note']}; {row['comparison_note']}"
        assert row["site"] == "office" and CONDITIONAL_SEVERAL_NOTE in row["comparison_note"], said_here
        assert CONDITIONAL_SEVERAL_FIGURES not in said_here and top not in said_here, said_here
    for row in at_hospital[1:]:
        assert row["site"] == "hopd" and said in row["note"] and row["note"].count(said) == 1, row["note"]
    table = _terminal(*codes, "--units", "1", "--units", "50", "--units", "30", "--zip", "55402", "--date",
                      "2025-11-10", "--setting", "11")  # fmt: skip
    assert CONDITIONAL_SEVERAL_FIGURES not in table
