"""`rvucalc batch --paid-is medicare`: a remittance's paid column (Medicare's payment) compared with Medicare's share.

A primary care trial ran its remit export (`Primary Paid`: what Medicare paid) through batch, which compares the paid
column with `allowed` (Medicare's and the patient's shares together): every line paid exactly Medicare's share showed
"underpaid" by its 20% coinsurance, the PA's 99214 paid $84.42 against Medicare's share of $80.53 (an overpayment of
$3.89) showed underpaid $16.24, and the true shortfalls were lost among them. With --paid-is medicare the paid column
is compared with Medicare's share of the amount --paid-for picks (medicare, professional_medicare, the facility's),
after the 2% sequestration with --sequestration. Amounts are CMS's: RVU x GPCI x CF (the RVU and GPCI files,
data/rvu, data/gpci), rounded half-up, the patient's 20% off it; the OPPS rate and copayment from Addendum B.
"""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from rvucalc.cli import app

DATA = Path(__file__).resolve().parents[1] / "data"
CENT = Decimal("0.01")
HEADER = "Visit #,DOS,Code,Mods,Qty,POS,Loc ZIP,Prov Type,Primary Paid\n"
COLUMNS = ["--columns", "zip=Loc ZIP,paid=Primary Paid"]


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _gpcis(year: int, mac: str, locality: str) -> tuple[Decimal, Decimal, Decimal]:
    """CMS's GPCIs (work with the 1.0 floor, PE, MP) of a Maine locality: 03 Southern Maine (ZIP 04101, Portland),
    99 Rest of Maine (ZIP 04769)."""
    if year == 2025:
        with (DATA / "gpci/2025/GPCI2025.csv").open(encoding="latin-1", newline="") as handle:
            row = next(row for row in csv.reader(handle) if row[:3] == [mac, "ME", locality])
        return Decimal(row[4]), Decimal(row[5]), Decimal(row[6])
    with (DATA / "gpci/2026/localities2026-01-01-2026.csv").open(encoding="latin-1", newline="") as handle:
        row = next(row for row in csv.reader(handle) if row[4:5] == [mac + locality])
    return Decimal(row[1]), Decimal(row[2]), Decimal(row[3])


def _pfs(year: int, code: str, locality: str, facility: bool = False) -> Decimal:
    """The PFS amount from CMS's files: (work x GPCI + PE x GPCI + MP x GPCI) x CF, rounded half-up once."""
    path = DATA / ("rvu/2025/PPRRVU25_JAN.csv" if year == 2025 else "rvu/2026/PPRRVU2026_Jul_nonQPP.csv")
    with path.open(encoding="latin-1", newline="") as handle:
        row = next(row for row in csv.reader(handle) if row[:2] == [code, ""])
    work, pe, mp = _gpcis(year, "14112", locality)
    # columns: 5 work RVU, 6 non-facility PE RVU, 8 facility PE RVU, 10 MP RVU; the CF at 24 (2025), 25 (2026)
    rvus = Decimal(row[5]) * work + Decimal(row[8 if facility else 6]) * pe + Decimal(row[10]) * mp
    return _cents(rvus * Decimal(row[24 if year == 2025 else 25]))


def _medicare(allowed: Decimal) -> Decimal:
    """Medicare's share: the allowed amount less the patient's 20% coinsurance (42 CFR 410.152(b)), rounded once."""
    return allowed - _cents(allowed * Decimal("0.20"))


def _money(value: str) -> Decimal | None:
    return None if value == "" else Decimal(value)


def _batch(tmp_path: Path, text: str, *options: str) -> tuple[list[dict[str, str]], dict[str, Any], str]:
    source, output, summary = tmp_path / "export.csv", tmp_path / "priced.csv", tmp_path / "summary.json"
    source.write_text(HEADER + text)
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(output), "--summary", str(summary), *COLUMNS,
                                    *options])  # fmt: skip
    assert done.exit_code == 0, done.output
    return list(csv.DictReader(output.open())), json.loads(summary.read_text()), done.stderr


def test_a_line_paid_exactly_medicare_s_share_has_no_variance(tmp_path: Path) -> None:
    """99214 and G2211 in Portland (2026, RVU26C in force): paid Medicare's share, variance 0.00; without the option
    (today's default) each is underpaid by its coinsurance, as before."""
    visit, add_on = _pfs(2026, "99214", "03"), _pfs(2026, "G2211", "03")
    assert (visit, _medicare(visit)) == (Decimal("133.28"), Decimal("106.62"))  # the trial's V1001
    text = (f"V1,08/11/2026,99214,,1,11,04101,MD,{_medicare(visit)}\n"
            f"V1,08/11/2026,G2211,,1,11,04101,MD,{_medicare(add_on)}\n")  # fmt: skip
    rows, summary, stderr = _batch(tmp_path, text, "--paid-is", "medicare")
    for row, allowed in zip(rows, (visit, add_on), strict=True):
        assert row["release"] == "2026C" and _money(row["allowed"]) == allowed
        assert (_money(row["expected"]), _money(row["variance"])) == (_medicare(allowed), Decimal("0.00"))
    assert summary["underpaid"]["rows"] == 0 and summary["overpaid"]["rows"] == 0
    assert summary["underpaid_by_claim"]["claims"] == 0 and "paid less than expected" not in stderr
    assert summary["scenario"]["paid_is"] == "medicare" and summary["scenario"]["expected"] == "medicare"
    assert "expected = medicare (Medicare's share: the paid column is Medicare's payment)" in stderr
    # the default compares the same column with allowed: underpaid by the 20%, as before
    rows, summary, _ = _batch(tmp_path, text)
    assert [_money(row["variance"]) for row in rows] == [_medicare(a) - a for a in (visit, add_on)]
    assert summary["underpaid"]["rows"] == 2 and summary["scenario"] == {}


def test_the_pa_s_99214_paid_more_than_medicare_s_share_is_overpaid_by_3_89(tmp_path: Path) -> None:
    """The trial's V1019: a PA's 99214 in rest of Maine on 1/15/2025 (RVU25A): 85% of the PFS amount, $100.66;
    Medicare's share $80.53; paid $84.42: overpaid $3.89 (the default said underpaid $16.24)."""
    allowed = _cents(_pfs(2025, "99214", "99") * Decimal("0.85"))
    assert (allowed, _medicare(allowed)) == (Decimal("100.66"), Decimal("80.53"))
    text = "V1019,01/15/2025,99214,,1,11,04769,PA-C,84.42\n"
    (row,), summary, stderr = _batch(tmp_path, text, "--paid-is", "medicare")
    assert row["release"] == "2025A" and _money(row["allowed"]) == allowed
    assert (_money(row["expected"]), _money(row["variance"])) == (Decimal("80.53"), Decimal("3.89"))
    assert summary["overpaid"] == {"rows": 1, "amount": "3.89"} and summary["underpaid"]["rows"] == 0
    assert summary["overpaid_by_claim"]["claims"] == 1 and summary["claims"]["V1019"]["variance"] == "3.89"
    assert "1 claim paid more than expected, $3.89 in all" in stderr
    (row,), summary, _ = _batch(tmp_path, text)
    assert _money(row["variance"]) == Decimal("-16.24") and summary["overpaid"]["rows"] == 0


def test_a_preventive_line_paid_80_percent_is_underpaid_by_its_20_percent(tmp_path: Path) -> None:
    """G0439 (the annual wellness visit): no coinsurance (Social Security Act 1833(a)(1)(Y)), Medicare's share is the
    whole allowed amount: paid 80% of it, as the trial's remit was, it is underpaid by the 20%."""
    allowed = _pfs(2026, "G0439", "03")
    paid = _medicare(allowed)
    assert (allowed, paid) == (Decimal("135.39"), Decimal("108.31"))
    (row,), summary, _ = _batch(tmp_path, f"V1,08/11/2026,G0439,,1,11,04101,MD,{paid}\n", "--paid-is", "medicare")
    assert _money(row["medicare"]) == allowed and _money(row["expected"]) == allowed
    assert _money(row["variance"]) == paid - allowed == Decimal("-27.08")
    assert summary["underpaid"]["rows"] == 1 and summary["underpaid"]["amount"] == "27.08"


def test_paid_for_professional_at_a_hospital_compares_the_physician_s_medicare_share(tmp_path: Path) -> None:
    """99214 at POS 22 in Portland (1/15/2025): the physician's claim is the PFS facility amount, $92.46; Medicare's
    share of it $73.97, paid: variance 0.00 with --paid-for professional --paid-is medicare."""
    fee = _pfs(2025, "99214", "03", facility=True)
    assert (fee, _medicare(fee)) == (Decimal("92.46"), Decimal("73.97"))
    text = f"V2,01/15/2025,99214,,1,22,04101,MD,{_medicare(fee)}\n"
    (row,), summary, _ = _batch(tmp_path, text, "--paid-for", "professional", "--paid-is", "medicare")
    assert row["site"] == "hopd" and _money(row["professional_allowed"]) == fee
    assert (_money(row["expected"]), _money(row["variance"])) == (_medicare(fee), Decimal("0.00"))
    assert summary["scenario"]["expected"] == "professional_medicare"


def test_a_professional_component_s_line_says_it_is_compared_with_professional_medicare(tmp_path: Path) -> None:
    """Without --paid-for, 73721-26 at POS 22 is the radiologist's claim (batch.price._paid_for_by_line): with
    --paid-is medicare it is compared with Medicare's share of the PFS facility amount, and its note says so."""
    text = "V3,01/15/2025,73721,26,1,22,04101,MD,1.00\n"
    (row,), _, _ = _batch(tmp_path, text, "--paid-is", "medicare")
    fee = _money(row["professional_allowed"])
    assert fee is not None and _money(row["expected"]) == _medicare(fee) == _money(row["professional_medicare"])
    assert "Paid amount compared with professional_medicare (Medicare's share of the physician's claim" in row["note"]
    assert "professional_allowed (the physician's claim" not in row["note"]


def test_paid_for_facility_compares_the_hospital_s_opps_payment_less_its_copayment(tmp_path: Path) -> None:
    """73721 at the hospital (10/20/2025, --wage-index 1.0): Addendum B's payment rate $241.72 less its copayment
    $48.35 is what Medicare pays the hospital, $193.37."""
    path = DATA / "opps/2025/508 version of October 2025 Web Addendum B.10.31.25.csv"
    with path.open(encoding="utf-8", errors="replace") as handle:
        cms = next(row for row in csv.reader(handle) if row and row[0] == "73721")
    rate, copayment = (_cents(Decimal(cell.replace("$", ""))) for cell in (cms[5], cms[7]))
    assert (rate, copayment) == (Decimal("241.72"), Decimal("48.35"))
    text = f"F1,10/20/2025,73721,,1,22,30309,MD,{rate - copayment}\n"
    (row,), summary, stderr = _batch(tmp_path, text, "--paid-for", "facility", "--paid-is", "medicare",
                                     "--wage-index", "1.0")  # fmt: skip
    assert (_money(row["opps_rate"]), _money(row["opps_copayment"])) == (rate, copayment)
    assert (_money(row["expected"]), _money(row["variance"])) == (rate - copayment, Decimal("0.00"))
    assert summary["scenario"]["expected"] == "facility_claim_medicare"
    assert "compared with the facility's Medicare share" in stderr


def test_with_sequestration_the_paid_column_is_compared_with_the_sequestered_share(tmp_path: Path) -> None:
    """--sequestration takes 2% off Medicare's share (its medicare column): $106.62 less $2.13, $104.49, paid exactly
    is variance 0.00; the summary names the basis."""
    share = _medicare(_pfs(2026, "99214", "03"))
    sequestered = share - _cents(share * Decimal("0.02"))
    assert sequestered == Decimal("104.49")
    text = f"V1,08/11/2026,99214,25,1,11,04101,MD,{sequestered}\n"
    (row,), summary, stderr = _batch(tmp_path, text, "--paid-is", "medicare", "--sequestration")
    assert _money(row["medicare"]) == sequestered
    assert (_money(row["expected"]), _money(row["variance"])) == (sequestered, Decimal("0.00"))
    assert summary["scenario"]["sequestration"] == "2%" and summary["underpaid"]["rows"] == 0
    assert "expected = medicare (Medicare's share after the 2% sequestration" in stderr


def test_the_deductible_is_said_on_stderr(tmp_path: Path) -> None:
    _, _, stderr = _batch(tmp_path, "V1,08/11/2026,99214,25,1,11,04101,MD,10.00\n", "--paid-is", "medicare")
    said = next(line for line in stderr.splitlines() if "--paid-is medicare" in line)
    assert said.startswith("rvucalc: paid ← Primary Paid is Medicare's payment (--paid-is medicare), compared with "
                           "medicare (Medicare's share")  # fmt: skip
    assert "a line paid less by the deductible shows as underpaid by it" in said


def test_paid_is_medicare_with_a_contract_is_a_usage_error(tmp_path: Path) -> None:
    source = tmp_path / "export.csv"
    source.write_text(HEADER + "V1,08/11/2026,99214,25,1,11,04101,MD,10.00\n")
    for options in (["--percent-of-medicare", "120", "--paid-is", "medicare"], ["--paid-is", "patient"]):
        done = CliRunner().invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.csv"), *COLUMNS, *options])
        assert done.exit_code == 2, done.output
        assert "--paid-is" in done.stderr and not (tmp_path / "out.csv").exists()
    assert "--paid-is allowed" in done.stderr or "choose allowed" in done.stderr
