"""A therapeutic shoe at a SNF (a podiatry group's trial: `rvucalc price A5500-KX-RT --setting 31 --zip 19146 --date
2026-10-02`) was "not payable" with a reason that called it DME and cited the home rule (Benefit Policy Manual ch. 15
§110.1) alone, though "Therapeutic shoes for diabetics are not DME and are not considered DME nor orthotics" (ch. 15
§140; SSA §1861(s)(12)). What leaves it unpaid there is SNF consolidated billing in a covered Part A stay (Claims
Processing Manual ch. 6 §20). The reason (engine.facility.DMEPOS_AT_FACILITY_REASON) says so for an item that is not
DME, in price and batch alike; the amount is unchanged (none at POS 31, the DMEPOS file's fee at the home)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.engine.facility import DMEPOS_AT_FACILITY_REASON

runner = CliRunner()
SHOE = ["A5500-KX-RT", "--zip", "19146", "--date", "2026-10-02"]


def _price(setting: str) -> dict[str, object]:
    result = runner.invoke(app, ["price", *SHOE, "--setting", setting, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_a_therapeutic_shoe_at_a_snf_is_unpaid_by_consolidated_billing_not_called_dme(tmp_path: Path) -> None:
    [site] = _price("31")["sites"]  # type: ignore[misc]
    assert not site["payable"] and site["reason"] == DMEPOS_AT_FACILITY_REASON
    said = site["reason"]
    assert "not DME (a supply, orthotic or therapeutic shoe)" in said and "consolidated billing" in said, said
    source = tmp_path / "shoes.csv"
    source.write_text("Claim,CPT,Mod1,Mod2,POS,ZIP,DOS\nS1,A5500,KX,RT,31,19146,10/02/2026\n"
                      "S2,A5500,KX,RT,12,19146,10/02/2026\n")  # fmt: skip
    result = runner.invoke(app, ["batch", str(source)])
    snf, home = list(csv.DictReader(io.StringIO(result.stdout)))
    assert DMEPOS_AT_FACILITY_REASON in snf["note"] and snf["allowed"] == "", snf
    # The home: the DMEPOS file's fee, as before (price's DMEPOS amount is the file's).
    assert home["allowed"] == f"{_price('12')['dmepos']['amount']:.2f}", home  # type: ignore[index]


def test_an_orthotic_at_a_hospital_stay_names_the_hospital_s_part_b_inpatient_bill() -> None:
    # A review: a wrist orthosis at POS 21 was said to be "in the hospital's Part A payment" alone, though where Part A
    # pays nothing for the stay the hospital bills a brace under Part B on its inpatient bill (BPM ch. 6 §10).
    result = runner.invoke(app, ["price", "L3908-RT", "--zip", "19146", "--date", "2026-10-02", "--setting", "21",
                                 "--format", "json"])  # fmt: skip
    assert result.exit_code == 0, result.output
    [site] = json.loads(result.stdout)["sites"]
    assert not site["payable"] and site["reason"] == DMEPOS_AT_FACILITY_REASON
    assert "Part B inpatient bill" in site["reason"] and "ch. 6 §10" in site["reason"], site["reason"]
    assert "; " not in site["reason"]  # batch's note column joins a row's notes with it
