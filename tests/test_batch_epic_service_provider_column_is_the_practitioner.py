"""An Epic export's 'Service Provider' (the provider who performed the charge's service) names the rendering
practitioner, read as 'Servicing Provider' is (batch.columns._PRACTITIONER_NAME_WORDS). A cardiac rehab program's Epic
PB file had it unread and unsaid: an NP's G0422 in the office paid a physician's 100%, not 85% (SSA
§1833(a)(1)(O)). The amounts compared are CMS's: RVU26C x the 2026 GPCIs of INDIANA (0810200)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from cms_fees import fee_2026
from conftest import run_batch_rows


def test_the_service_provider_s_np_is_paid_85_percent_in_the_office(tmp_path: Path) -> None:
    rows = [{"HAR": "P1", "Service Date": "2026-03-16", "HCPCS": "G0422", "Units": "1", "Place of Service": "11",
             "Service Provider": name, "Facility ZIP": "46601"}
            for name in ("SHAH, PRIYA MD FACC", "REYES, MARIA FNP")]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    assert "provider ← Service Provider" in done.stderr
    fee = fee_2026("G0422", "0810200")
    share = (fee * Decimal("0.85")).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert [Decimal(row["allowed"]) for row in out] == [fee, share]


def test_a_physician_service_column_is_not_the_practitioner(tmp_path: Path) -> None:
    rows = [{"Claim ID": "P1", "Date": "2026-03-16", "HCPCS": "G0422", "Physician Service": "REYES, MARIA FNP",
             "POS": "11", "ZIP": "46601"}]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    assert "provider ←" not in done.stderr and Decimal(out[0]["allowed"]) == fee_2026("G0422", "0810200")


def test_epic_s_svc_provider_and_service_provider_taxonomy_are_the_practitioner(tmp_path: Path) -> None:
    """A review: Epic's abbreviation 'Svc Provider' was not read as 'Service Provider' is, nor 'Service Provider
    Taxonomy' as a rendering taxonomy column: an NP's G0422 paid a physician's 100%. 'Svc Date' and 'Svc Units' are
    read as before; 'Service Taxonomy' names no one."""
    fee = fee_2026("G0422", "0810200")
    share = (fee * Decimal("0.85")).quantize(Decimal("0.01"), ROUND_HALF_UP)
    for column, cells in (("Svc Provider", ("SHAH, PRIYA MD FACC", "REYES, MARIA FNP")),
                          ("Service Provider Taxonomy", ("207RC0000X", "363LF0000X")),
                          ("Svc Provider Taxonomy", ("207RC0000X", "363LF0000X"))):  # fmt: skip
        rows = [{"HAR": "P1", "Svc Date": "2026-03-16", "HCPCS": "G0422", "Svc Units": "1", "Place of Service": "11",
                 column: cell, "Facility ZIP": "46601"} for cell in cells]  # fmt: skip
        done, out = run_batch_rows(tmp_path, rows)
        assert done.exit_code == 0, done.output
        assert f"provider ← {column}" in done.stderr and "date ← Svc Date" in done.stderr, done.stderr
        assert "units ← Svc Units" in done.stderr
        assert [Decimal(row["allowed"]) for row in out] == [fee, share], column
    rows = [{"HAR": "P1", "Svc Date": "2026-03-16", "HCPCS": "G0422", "Place of Service": "11",
             "Service Taxonomy": "363LF0000X", "Facility ZIP": "46601"}]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert "provider ←" not in done.stderr and Decimal(out[0]["allowed"]) == fee
