"""A clinical social worker's or clinical psychologist's E/M visit, 90792 or psychotherapy add-on to an E/M (a
behavioral health practice manager's trial).

The trial's LCSW lines 99214 + 90838 were priced $99.96 + $101.10 (75%), a PhD's 90792 at the full fee and an LCSW's
90833 at $60.33, with no word. Their benefits are mental health care, not medical care: a CSW's services are "for the
diagnosis and treatment of mental illnesses" (SSA §1861(hh)(2), 42 CFR 410.73(b), Medicare Benefit Policy Manual ch.
15 §170), and "any therapeutic services that are billed by CPs under CPT psychotherapy codes that include medical
evaluation and management services are not covered" (ch. 15 §160.D). Such lines are denied (engine.modifiers'
mental_health_benefit_denial), in price, batch (a provider column, AJ or AH) and compare alike; their own codes
(90791, 90834, 90837) are paid as before, at CMS's amount (the shipped RVU, GPCI and CF files, rounded once).
The same trial's AJ line with an MD credential was paid at 75%, where AJ with NP was refused as a conflict.
"""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.errors import ErrorKind, RvucalcError

ZIP = "04101"
# The trial's export (Encounter ID, date, code, credential), POS 11.
TRIAL = [("E26013", "2026-11-10", "99214", "LCSW"), ("E26013", "2026-11-10", "90838", "LCSW"),
         ("E26014", "2026-11-10", "90792", "PhD"), ("E26009", "2026-08-15", "90834", "LCSW"),
         ("E26009", "2026-08-15", "90833", "LCSW"), ("E26003", "2026-02-20", "90837", "PhD"),
         ("E26001", "2026-01-08", "90791", "LCSW")]  # fmt: skip
DENIED = {"99214", "90838", "90792", "90833"}
PROVIDER = {"LCSW": "csw", "PhD": "psychologist"}


def _cms_fee(pricer: Any, code: str, date: str) -> Decimal:
    """The PFS non-facility amount from CMS's own RVUs, GPCIs and CF (the shipped files), unrounded."""
    pfs = pricer.price(code, zip_code=ZIP, date_of_service=date).pfs
    row, gpci, cf = pfs.rvu, pfs.gpci, pfs.conversion_factor
    assert row is not None and gpci is not None and cf is not None
    fee = (Fraction(row.work) * Fraction(gpci.work) + Fraction(row.pe_non_facility) * Fraction(gpci.pe)
           + Fraction(row.mp) * Fraction(gpci.mp)) * Fraction(cf)  # fmt: skip
    return Decimal(fee.numerator) / Decimal(fee.denominator)


def _cents(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), ROUND_HALF_UP)


def _money(value: Any) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value)).quantize(Decimal("0.01"))


def test_a_csw_s_or_psychologist_s_e_m_90792_and_e_m_add_on_are_denied_in_batch_as_in_price(pricer: Any) -> None:
    rows = [{"claim": claim, "code": code, "date": date, "zip": ZIP, "setting": "11", "provider": credential}
            for claim, date, code, credential in TRIAL]  # fmt: skip
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    for (claim, date, code, credential), priced in zip(TRIAL, out, strict=True):
        provider = PROVIDER[credential]
        if code in DENIED:
            assert priced["error_kind"] == ErrorKind.DENIED.value, (claim, code, priced)
            assert priced["allowed"] is None and priced["medicare"] is None
            assert ("§1861(hh)(2)" if provider == "csw" else "§160.D") in priced["error"], priced["error"]
            assert "; " not in priced["error"]
            with pytest.raises(RvucalcError) as caught:
                pricer.price(code, zip_code=ZIP, date_of_service=date, provider=provider)
            assert caught.value.kind is ErrorKind.DENIED and str(caught.value) == priced["error"]
            # the modifier that names the practitioner says the same
            modifier = "AJ" if provider == "csw" else "AH"
            with pytest.raises(RvucalcError) as by_modifier:
                pricer.price(code, modifier=modifier, zip_code=ZIP, date_of_service=date)
            assert str(by_modifier.value) == priced["error"]
            # a physician's or NP's line of the code is priced as before
            for other in ("physician", "np"):
                assert pricer.price(code, zip_code=ZIP, date_of_service=date, provider=other).pfs.non_facility.payable
            continue
        # their own services: CMS's amount, 75% of it for a CSW (42 CFR 414.53), rounded once
        share = Decimal("0.75") if provider == "csw" else Decimal(1)
        expected = _cents(_cms_fee(pricer, code, date) * share)
        assert not priced["error"], (claim, code, priced["error"])
        assert _money(priced["allowed"]) == expected, (claim, code)
        single = pricer.price(code, zip_code=ZIP, date_of_service=date, provider=provider)
        assert single.pfs.non_facility.amount == expected


def test_the_trial_s_export_through_the_cli_denies_those_lines_alone(tmp_path: Path) -> None:
    """`rvucalc batch export.csv --columns code=Procedure`: the trial's columns and credentials."""
    source = tmp_path / "export.csv"
    header = ["Encounter ID", "Service Date (YYYYMMDD)", "Procedure", "Modifier 1", "Place of Service", "Units",
              "Provider Credential (MD/NP/PhD/LCSW)", "Patient ZIP"]  # fmt: skip
    with source.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for claim, date, code, credential in TRIAL:
            writer.writerow([claim, date.replace("-", ""), code, "", "11", "1", credential, ZIP])
    out = tmp_path / "out.csv"
    done = CliRunner().invoke(app, ["batch", str(source), "--columns", "code=Procedure", "-o", str(out)])
    assert done.exit_code == 1, done.output  # some rows not payable
    assert "4 denied" in done.output
    for row in csv.DictReader(out.open()):
        denied = row["Procedure"] in DENIED
        assert (row["error_kind"] == ErrorKind.DENIED.value) is denied, row
        assert (row["allowed"] == "") is denied, row


def test_price_exits_1_naming_the_benefit(tmp_path: Path) -> None:
    """`rvucalc price 99214 90838 --provider csw --zip 04101 --date 2026-11-10 --setting 11`: both lines priced."""
    done = CliRunner().invoke(app, ["price", "99214", "90838", "--provider", "csw", "--zip", ZIP, "--date",
                                    "2026-11-10", "--setting", "11"])  # fmt: skip
    assert done.exit_code == 1, done.output
    said = " ".join(done.output.split())
    assert "99214 is an evaluation and management service" in said and "90838 is psychotherapy added" in said


def test_compare_with_a_psychologist_says_the_denial(tmp_path: Path) -> None:
    done = CliRunner().invoke(app, ["compare", "99214", "90837", "--provider", "psychologist", "--from", "2025",
                                    "--to", "2026", "--zip", ZIP, "-f", "json"])  # fmt: skip
    assert done.exit_code == 0, done.output
    changes = {change["code"]: change for change in json.loads(done.stdout)["codes"]}
    assert changes["99214"]["change"] == "not_comparable" and "§160.D" in changes["99214"]["not_comparable_reason"]
    assert changes["90837"]["change"] != "not_comparable"


def test_aj_with_an_md_credential_is_refused_as_with_an_np_s(pricer: Any) -> None:
    """The trial's mods.csv: M4 (AJ, NP) was refused as a conflict, M5 (AJ, MD) paid at 75% as a CSW's line."""
    rows = [{"claim": claim, "code": "90837", "modifier": modifier, "date": "2026-09-02", "zip": ZIP, "setting": "11",
             "provider": credential}
            for claim, modifier, credential in (("M4", "AJ", "NP"), ("M5", "AJ", "MD"), ("M5b", "AH", "DO"),
                                                ("M1", "AJ", "LCSW"), ("M0", "AJ", ""))]  # fmt: skip
    priced = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    out = {row["claim"]: line for row, line in zip(rows, priced, strict=True)}
    assert out["M4"]["error_kind"] == out["M5"]["error_kind"] == out["M5b"]["error_kind"] == "bad_modifier"
    assert "AJ and AH name the practitioner" in out["M5"]["error"] and out["M5"]["allowed"] is None
    # AJ with an LCSW's cell, or a blank one (the run's --provider, physician, names nobody): 75% of CMS's amount
    expected = _cents(_cms_fee(pricer, "90837", "2026-09-02") * Decimal("0.75"))
    assert _money(out["M1"]["allowed"]) == _money(out["M0"]["allowed"]) == expected


@pytest.mark.parametrize(
    ("codes", "provider", "cell"),
    [(["90834", "90833"], "csw", "LCSW"), (["90837-AH", "90792-AH"], "physician", ""),
     (["99213-AJ", "90837-AJ"], "physician", "")],
)  # fmt: skip
def test_a_claim_with_a_csw_s_e_m_line_agrees_in_price_and_batch(
    pricer: Any, codes: list[str], provider: str, cell: str
) -> None:
    """The trial's E26009 (LCSW: 90834 + 90833), and AJ or AH naming the practitioner: batch errors the denied row and
    prices the claim's others with their notes, as `rvucalc price --provider ... -f json` does."""
    from rvucalc.lookup.pricer import DeniedLineError

    place = {"zip": ZIP, "date": "2026-08-15", "setting": "11", "provider": cell}
    table = pa.table({"claim": ["A"] * len(codes), "code": codes, **{k: [v] * len(codes) for k, v in place.items()}})
    batch = BatchPricer(pricer).price_table(table).to_pylist()
    with pytest.raises(DeniedLineError) as denied:
        pricer.price_encounter(codes, zip_code=ZIP, date_of_service="2026-08-15", setting="11", provider=provider)
    number = denied.value.index
    assert (batch[number]["error_kind"], batch[number]["error"]) == ("denied", str(denied.value))
    result = CliRunner().invoke(app, ["price", *codes, "--zip", ZIP, "--date", "2026-08-15", "--setting", "11",
                                      "--provider", provider, "-f", "json"])  # fmt: skip
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [(e["error_kind"], e["error"]) for e in data["errors"]] == [("denied", str(denied.value))]
    others = [row for n, row in enumerate(batch) if n != number]
    assert [_money(row["allowed"]) for row in others] == [_money(line["sites"][0]["total"]) for line in data["lines"]]
    code = codes[1 - number].partition("-")[0]
    share = Decimal("0.75") if provider == "csw" or "AJ" in codes[0] else Decimal(1)
    assert _money(others[0]["allowed"]) == _cents(_cms_fee(pricer, code, "2026-08-15") * share)
    for row, line in zip(others, data["lines"], strict=True):  # the line's notes (the run's deductible note aside)
        assert all(note in row["note"] for note in line["notes"] if "deductible" not in note), row["note"]
