"""A Cerner (Oracle Health Millennium) charge extract names the charge's service date and time 'SERVICE_DT_TM' (the
CHARGE table's column), and a hospital export abbreviates its facility's ZIP 'Fac Zip'. A community hospital trial's
'SERVICE_DT_TM' and 'Fac Zip' were only hinted on stderr: its 2025 lines were priced with 2026's release (the OPPS site
not priced: CY2026 Addendum B not installed) and nationally. Both are read now (batch.columns EXPORT_SYNONYMS: date,
SERVICE_ZIPS)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from conftest import run_batch_rows


def test_service_dt_tm_is_the_date_and_fac_zip_the_place(tmp_path: Path) -> None:
    rows = [{"FIN": "9001", "BILL_TYPE": "131", "HCPCS": "99284", "MODIFIER": "25", "SERVICE_DT_TM": "11/03/2025 14:32",
             "QUANTITY": "1", "Fac Zip": "17101"}]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    assert "date ← SERVICE_DT_TM" in done.stderr and "zip ← Fac Zip" in done.stderr
    # Addendum B (October 2025): 99284 SI J2, APC 5024, $425.82; CBSA 25420's wage index 0.9095:
    # $425.82 x (0.6 x 0.9095 + 0.4) = $402.70
    assert Decimal(out[0]["opps_rate"]) == Decimal("402.70")


def test_a_line_date_beside_service_dt_tm_is_the_date_not_refused(tmp_path: Path) -> None:
    rows = [{"FIN": "9001", "Bill Type": "131", "HCPCS": "99284", "Svc Dt": "11/03/2025",
             "SERVICE_DT_TM": "11/04/2025 00:10", "Facility ZIP": "17101"}]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    assert "date ← Svc Dt" in done.stderr
    assert Decimal(out[0]["opps_rate"]) == Decimal("402.70")
