"""A global test-only code at a facility (engine.pfs.global_test_in_facility_reason): `price 93000 --setting 21` said
"CMS marks its PE RVU 'NA' (rarely or never performed there)" of an ECG. 93000 is PC/TC indicator 4 in CMS's RVU file,
its parts codes of their own: 93010 (interpretation and report, PC/TC 2, priced in the facility setting) and 93005
(tracing, PC/TC 3, the facility's). Its facility reason names them, in price, batch and compare alike; the money is
unchanged (no facility amount for 93000; 93010's is CMS's RVUs at the locality's GPCIs)."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.lookup.compare import compare
from rvucalc.lookup.pricer import Pricer
from test_cardiology_trial import rvu_row
from test_physician_claims_at_facilities import pfs_amount

ATLANTA = {"zip_code": "30322", "date_of_service": "2026-08-05"}  # locality 1021201, release 2026C
SAID = ("at a hospital, ASC or inpatient stay the physician bills 93010 (professional component only, PC/TC indicator "
        "2) and the facility 93005 (technical component only, PC/TC indicator 3)")  # fmt: skip


def _batch(pricer: Pricer, cells: list[tuple[str, str]]) -> list[dict[str, Any]]:
    rows = [{"code": code, "zip": "30322", "date": "2026-08-05", "setting": setting} for code, setting in cells]
    table = pa.table({name: [row[name] for row in rows] for name in rows[0]})
    return BatchPricer(pricer).price_table(table).to_pylist()  # type: ignore[no-any-return]


def test_the_rvu_file_makes_93000_a_global_test_only_code_of_93005_and_93010() -> None:
    """CMS's RVU26C rows (PC/TC indicator: column 13; facility NA indicator: column 9)."""
    assert rvu_row("2026C", "93000")[13] == "4" and rvu_row("2026C", "93000")[9] == "NA"
    assert rvu_row("2026C", "93005")[13] == "3" and rvu_row("2026C", "93010")[13] == "2"
    assert rvu_row("2026C", "93010")[9] != "NA"  # the physician's part is priced in the facility setting


@pytest.mark.parametrize("setting", ["21", "19", "22"])
def test_an_ecg_at_a_facility_names_the_codes_the_physician_and_the_facility_bill(pricer: Pricer, setting: str) -> None:
    result = pricer.price("93000", setting=setting, **ATLANTA)  # type: ignore[arg-type]
    reason = str(result.pfs.facility.reason)
    assert SAID in reason and "price 93010 for the physician's fee there" in reason
    assert "rarely or never" not in reason and "modifier 26" in reason  # it has none: the 26 reason's style
    # Money unchanged: no facility amount for 93000; its office amount and 93010's facility amount are CMS's RVUs at
    # Atlanta's GPCIs.
    assert not result.pfs.facility.payable and result.pfs.facility.amount is None
    office = pricer.price("93000", **ATLANTA)  # type: ignore[arg-type]
    assert office.pfs.non_facility.amount == pfs_amount(pricer, "93000", "", "non_facility", "2026-08-05", "1021201")
    reading = pricer.price("93010", setting=setting, **ATLANTA)  # type: ignore[arg-type]
    assert reading.pfs.facility.amount == pfs_amount(pricer, "93010", "", "facility", "2026-08-05", "1021201")
    [row] = _batch(pricer, [("93000", setting)])
    assert reason in str(row["note"]) and row["allowed"] is None and row["error"] == ""


def test_batch_says_each_global_test_only_code_s_own_parts(pricer: Pricer) -> None:
    """One batch reason per kind of CMS row would give 93015 and 93224 the first such code's words (93000's)."""
    rows = _batch(pricer, [("93000", "21"), ("93015", "21"), ("93224", "22"), ("93000", "11")])
    for row, code in zip(rows, ("93000", "93015", "93224", "93000"), strict=True):
        reason = str(pricer.price(code, setting="21", **ATLANTA).pfs.facility.reason)  # type: ignore[arg-type]
        # (in the office, POS 11, it is the hopd_*/asc_* comparison's: its comparison_note)
        assert reason in str(row["comparison_note" if row["site"] == "office" else "note"]), code
    assert "the physician bills 93016 and 93018" in str(rows[1]["note"]) and "93010" not in str(rows[1]["note"])
    assert "the physician bills 93227" in str(rows[2]["note"]) and "facility 93225 and 93226" in str(rows[2]["note"])
    assert rows[3]["allowed"] == pricer.price("93000", setting="11", **ATLANTA).sites[0].total  # type: ignore[arg-type]


def test_the_cli_and_compare_say_it(pricer: Pricer) -> None:
    out = CliRunner().invoke(app, ["price", "93000", "--setting", "21", "--zip", "30322", "--date", "2026-08-05"])
    assert out.exit_code == 1 and "the physician bills 93010" in " ".join(out.output.split())
    assert "rarely or never" not in out.output
    [change] = compare(pricer, ["93000"], from_="2025", to="2026", zip_code="30322").codes
    assert SAID in str(change.amounts["facility"].reason_after)


# Other payable global test-only codes 'NA' in the facility setting, with parts CMS's RVU26C file confirms (their RVUs
# add up: tests/test_cardiology_trial.py): trabecular bone score, patient-recorded spirometry, the initial preventive
# exam's ECG. Each said "rarely or never performed there".
OTHER_GLOBAL_TESTS = {"77089": ("77090 and 77091", "77092"), "94014": ("94015", "94016"), "G0403": ("G0404", "G0405")}


@pytest.mark.parametrize("code", list(OTHER_GLOBAL_TESTS))
def test_other_global_test_only_codes_at_a_facility_name_their_parts(pricer: Pricer, code: str) -> None:
    technical, professional = OTHER_GLOBAL_TESTS[code]
    assert rvu_row("2026C", code)[13] == "4" and rvu_row("2026C", code)[9] == "NA"
    assert rvu_row("2026C", professional)[13] == "2" and rvu_row("2026C", professional)[9] == ""
    result = pricer.price(code, setting="22", **ATLANTA)  # type: ignore[arg-type]
    reason = str(result.pfs.facility.reason)
    assert f"the physician bills {professional} (professional component only" in reason
    assert f"the facility {technical} (technical component only" in reason and "rarely or never" not in reason
    assert not result.pfs.facility.payable and result.pfs.facility.amount is None
    reading = pricer.price(professional, setting="22", **ATLANTA)  # type: ignore[arg-type]
    assert reading.pfs.facility.amount == pfs_amount(pricer, professional, "", "facility", "2026-08-05", "1021201")
    [row] = _batch(pricer, [(code, "22")])
    assert reason in str(row["note"]) and row["allowed"] is None


def test_confocal_microscopy_still_says_rarely_or_never(pricer: Pricer) -> None:
    """96931's professional-only part (96933) is 'NA' in the facility setting too: no part for the physician to bill
    there, so CMS's own reading stands."""
    assert rvu_row("2026C", "96933")[13] == "2" and rvu_row("2026C", "96933")[9] == "NA"
    assert "rarely or never" in str(pricer.price("96931", setting="22", **ATLANTA).pfs.facility.reason)  # type: ignore[arg-type]
