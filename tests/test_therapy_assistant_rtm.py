"""CQ/CO on remote therapeutic monitoring (RTM), a "sometimes therapy" family of CMS's therapy code list, and a PTA's
or OTA's lines given by ``--provider`` as batch's provider column gives them.

A user trial: `price 98980-GP-CQ --zip 19104 --date 2026-08-03` was refused ("CQ goes on ... indicator 5; 98980 has
indicator 0"), a PTA's batch row `98980,GP` (no CQ written) was refused naming "98980-CQ", and `--provider PTA` was
refused by price and batch. NGS Medicare, "2024 Annual Update to the Therapy Code List: Remote Therapeutic
Monitoring": services delegated by therapists to assistants are subject to the de minimis standard (CQ/CO, SSA
§1834(v): 85%), except the device codes 98976 and 98977.

The expected amounts are CMS's figures: RVU26C 98980 work 0.62, non-facility PE 0.97, MP 0.03; GPCI 2026 for
Metropolitan Philadelphia (19104) 1.018, 1.041, 1.193; CF 33.4009: $56.0040 -> $56.00; with CQ 85% of it, rounded
once: $47.6034 -> $47.60.
"""

from __future__ import annotations

import csv
import io
from decimal import ROUND_HALF_UP, Decimal

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.engine.modifiers import ModifierNotApplicable
from rvucalc.lookup.pricer import Pricer

ZIP, DATE = "19104", "2026-08-03"
UNROUNDED = (Decimal("0.62") * Decimal("1.018") + Decimal("0.97") * Decimal("1.041")
             + Decimal("0.03") * Decimal("1.193")) * Decimal("33.4009")  # fmt: skip
FULL = UNROUNDED.quantize(Decimal("0.01"), ROUND_HALF_UP)
ASSISTANT = (UNROUNDED * Decimal("0.85")).quantize(Decimal("0.01"), ROUND_HALF_UP)


def test_the_expected_figures() -> None:
    assert Decimal("56.00") == FULL
    assert Decimal("47.60") == ASSISTANT


@pytest.mark.parametrize("line", ["98980-GP-CQ", "98980-GO-CO", "98981-GP-CQ", "98975-GP-CQ", "98979-GO-CO"])
def test_cq_or_co_on_rtm_is_85_percent(pricer: Pricer, line: str) -> None:
    plain = pricer.price(line[:-3], zip_code=ZIP, date_of_service=DATE, setting="11").sites[0].total
    assistant = pricer.price(line, zip_code=ZIP, date_of_service=DATE, setting="11").sites[0].total
    assert plain is not None and assistant is not None
    assert assistant == (plain * Decimal("0.85")).quantize(Decimal("0.01"), ROUND_HALF_UP) or line[:5] != "98980"
    if line.startswith("98980-GP"):
        assert (plain, assistant) == (FULL, ASSISTANT)


@pytest.mark.parametrize("line", ["98977-GP-CQ", "98976-GP-CQ", "98985-GO-CO"])
def test_cq_on_an_rtm_device_code_is_refused_saying_why(pricer: Pricer, line: str) -> None:
    with pytest.raises(ModifierNotApplicable, match="device supply code"):
        pricer.price(line, zip_code=ZIP, date_of_service=DATE)


def test_cq_on_a_code_outside_therapy_is_still_refused(pricer: Pricer) -> None:
    with pytest.raises(ModifierNotApplicable, match="indicator 5"):
        pricer.price("99213-CQ", zip_code=ZIP, date_of_service=DATE)


def test_the_cli_prices_98980_gp_cq() -> None:
    result = CliRunner().invoke(app, ["price", "98980-GP-CQ", "--zip", ZIP, "--date", DATE, "-f", "csv"])
    assert result.exit_code == 0, result.output
    [row] = csv.DictReader(io.StringIO(result.stdout))
    assert Decimal(row["non_facility_amount"]) == ASSISTANT


def test_a_pta_s_rows_in_batch(pricer: Pricer) -> None:
    """The trial's row `R1,08/31/2026,98980,GP,,1,11,PTA,19104`: 85%; the same with CQ written alike; a PTA's 99213-GP
    refused naming the PTA's line, never a modifier the row did not carry."""
    table = pa.table({"claim": ["R1", "R2", "R3"], "date": ["2026-08-31"] * 3, "code": ["98980", "98980", "99213"],
                      "modifier": ["GP", "GP CQ", "GP"], "units": ["1"] * 3, "setting": ["11"] * 3,
                      "provider": ["PTA", "", "PTA"], "zip": [ZIP] * 3})  # fmt: skip
    first, written, visit = BatchPricer(pricer).price_table(table).to_pylist()
    assert first["error"] == "" and Decimal(first["allowed"]) == ASSISTANT
    assert written["error"] == "" and Decimal(written["allowed"]) == ASSISTANT
    said = pricer.price("98980-GP-CQ", zip_code=ZIP, date_of_service=DATE, setting="11").notes
    [sometimes] = [note for note in said if "sometimes-therapy code on CMS's therapy code list" in note]
    assert sometimes in first["note"] and sometimes in written["note"]
    assert "check that 98980 is one" not in first["note"]
    assert visit["error"].startswith("99213: a PTA's line (the provider column)"), visit["error"]
    assert "99213-CQ" not in visit["error"]


def test_provider_pta_in_price() -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["price", "98980-GP", "--zip", ZIP, "--date", DATE, "--provider", "PTA", "-f", "csv"])
    assert result.exit_code == 0, result.output
    [row] = csv.DictReader(io.StringIO(result.stdout))
    assert Decimal(row["non_facility_amount"]) == ASSISTANT
    assert "physical therapist assistant (--provider): priced at 85% as with CQ" in result.stderr
    refused = runner.invoke(app, ["price", "99213-GP", "--zip", ZIP, "--date", DATE, "--provider", "pta"])
    assert refused.exit_code == 1
    assert "99213: a PTA's line (--provider)" in refused.stderr and "99213-CQ" not in refused.stderr


def test_provider_pta_in_batch(tmp_path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "lines.csv"
    source.write_text("claim,date,code,modifier,units,pos,zip\nR1,08/31/2026,98980,GP,1,11,19104\n")
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "--provider", "PTA", "-o", str(out)])
    assert result.exit_code == 0, result.output
    [row] = csv.DictReader(out.open())
    assert Decimal(row["allowed"]) == ASSISTANT and "must carry CQ" in row["note"]


def test_batch_names_where_the_assistant_was_read(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`batch --provider PTA` said "(the provider column)" of rows whose assistant came from the flag (a file with no
    provider column, or a blank cell): each row names its own source, as `price --provider PTA` does."""
    source = tmp_path / "lines.csv"
    source.write_text(
        "claim,date,code,modifier,units,pos,zip,provider\n"
        "R1,08/31/2026,98980,GP,1,11,19104,\n"  # blank: the flag's PTA, priced with CQ
        "R2,08/31/2026,98980,GP,1,11,19104,PTA\n"  # the column's PTA
        "R3,08/31/2026,97161,GP,1,11,19104,\n"  # an evaluation: the therapist's own
        "R4,08/31/2026,98980,,1,11,19104,\n"  # no GP: priced as written
        "R5,08/31/2026,99213,GP,1,11,19104,\n"  # refused with CQ
    )
    out = tmp_path / "out.csv"
    CliRunner().invoke(app, ["batch", "-q", str(source), "--provider", "PTA", "-o", str(out)])
    flag, column, evaluation, no_plan, visit = csv.DictReader(out.open())
    assert Decimal(flag["allowed"]) == Decimal(column["allowed"]) == ASSISTANT
    assert "physical therapist assistant (--provider): priced at 85% as with CQ" in flag["note"], flag
    assert "physical therapist assistant (the provider column): priced at 85% as with CQ" in column["note"], column
    assert "physical therapist assistant (--provider), but an evaluation" in evaluation["note"], evaluation
    assert "physical therapist assistant (--provider) but the line has no GP" in no_plan["note"], no_plan
    assert visit["error"].startswith("99213: a PTA's line (--provider)"), visit["error"]
    assert "(the provider column)" not in " ".join([flag["note"], evaluation["note"], no_plan["note"], visit["error"]])


# RVU26C 98977 (a device supply code): work 0.00, non-facility PE 1.53, MP 0.01; GPCI 2026 for 19104: PE 1.041,
# MP 1.193; CF 33.4009: $53.5971 -> $53.60, the full amount (no CQ: the device codes are not subject to the de minimis
# standard, NGS Medicare's 2024 therapy code list update).
DEVICE_FULL = ((Decimal("1.53") * Decimal("1.041") + Decimal("0.01") * Decimal("1.193"))
               * Decimal("33.4009")).quantize(Decimal("0.01"), ROUND_HALF_UP)  # fmt: skip


def test_a_pta_s_device_supply_line_is_paid_in_full_in_price_and_batch(  # type: ignore[no-untyped-def]
    tmp_path, pricer: Pricer
) -> None:
    """A PT clinic's trial: an EMR row `98985,GP,...,PTA` was refused ("policy_refused") with an error saying the line
    "is paid in full", and `price 98977-GP --provider PTA` likewise: a PTA's device supply line carries no CQ and is
    priced in full, with a note, as the therapist's line of the code is."""
    assert Decimal("53.60") == DEVICE_FULL
    # the typed figures are the RVU file's and the GPCI file's (Metropolitan Philadelphia, 1250201), read here
    from test_physician_claims_at_facilities import pfs_amount

    assert pfs_amount(pricer, "98977", "", "non_facility", DATE, "1250201") == DEVICE_FULL
    runner = CliRunner()
    result = runner.invoke(app, ["price", "98977-GP", "--zip", ZIP, "--date", DATE, "--provider", "PTA", "-f", "csv"])
    assert result.exit_code == 0, result.output
    [row] = csv.DictReader(io.StringIO(result.stdout))
    assert Decimal(row["non_facility_amount"]) == DEVICE_FULL and row["modifier"] == "GP"
    assert "device supply code, which an assistant's part does not reduce" in result.stderr
    source = tmp_path / "lines.csv"
    source.write_text("claim,date,code,modifier,units,pos,zip,provider\n"
                      "R1,08/31/2026,98977,GP,1,11,19104,PTA\n"
                      "R2,08/31/2026,98985,GO,1,11,19104,COTA\n"
                      "R3,08/31/2026,98977,GP CQ,1,11,19104,PTA\n")  # fmt: skip
    out = tmp_path / "out.csv"
    runner.invoke(app, ["batch", "-q", str(source), "-o", str(out)])
    pta, ota, written = csv.DictReader(out.open())
    assert pta["error"] == "" and Decimal(pta["allowed"]) == DEVICE_FULL, pta
    assert "physical therapist assistant (the provider column): 98977 is a remote therapeutic monitoring" in pta["note"]
    assert ota["error"] == "" and "carries no CO and is paid in full" in ota["note"], ota
    assert "device supply code" in written["error"]  # CQ written on the line: still refused, as before
