"""An Epic claim export with both 'HAR' (the hospital account, batch.columns.HOSPITAL_ACCOUNT_CLAIMS) and 'Patient
Control Number' (UB-04 FL 3a, the claim's own id): the patient control number is the claim, the HAR giving way to it
as to a claim, visit or encounter number. A review found the pair refused as two claims (exit 2), where the file ran,
by its patient control number, before the HAR was read."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from conftest import run_batch_rows


def test_the_patient_control_number_beside_the_har_is_the_claim(tmp_path: Path) -> None:
    rows = [{"HAR": har, "Patient Control Number": "P1", "Service Date": "2025-11-03", "Type of Bill": "131",
             "HCPCS": code, "Units": "1", "Facility ZIP": "46601"}
            for har, code in (("H1", "93798"), ("H2", "93017"))]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    assert "claim ← Patient Control Number" in done.stderr
    # One claim (P1): 93017 (Addendum B SI Q1) packaged with its 93798 (SI S), though their HARs differ
    assert Decimal(out[0]["hopd_allowed"]) > 0 and Decimal(out[1]["hopd_allowed"]) == 0
