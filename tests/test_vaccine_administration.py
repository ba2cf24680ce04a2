"""Vaccine administration codes and the Part B vaccines' cost sharing (an allergy/immunology clinic's trial, ZIP 60614).

90480 (COVID-19 vaccine administration) is paid as G0008-G0010 are, from Medicare's vaccine administration payment,
not from the ASP file as a vaccine product; COVID-19 and hepatitis B vaccines have no deductible or coinsurance as flu
and pneumococcal ones; 90471/90472 beside a flu, pneumococcal or hepatitis B vaccine are likely denied (Medicare pays
that administration as G0008/G0009/G0010). Price, batch and compare agree. Amounts are CMS's shipped files': the
January 2026 ASP payment limit file (91320 168.367, 90739 177.555: $168.37, $177.56)."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.engine import meanings, preventive

runner = CliRunner()
ZIP = "60614"
# CMS's January 2026 Medicare Part B payment limit file (section 508 CSV), "Vaccine Limit" column.
ASP_2026_01 = {"91320": Decimal("168.367"), "90739": Decimal("177.555")}


def _price_json(*args: str) -> dict:  # type: ignore[type-arg]
    done = runner.invoke(app, ["price", *args, "--zip", ZIP, "-f", "json"])
    assert done.exit_code in (0, 1), done.output
    return {"exit": done.exit_code, "out": done.stdout, "err": done.stderr}


def _batch(tmp_path: Path, rows: list[tuple[str, str, str]]) -> list[dict[str, str]]:
    source = tmp_path / "claims.csv"
    source.write_text("claim,code,zip,date\n" + "".join(f"{c},{code},{ZIP},{d}\n" for c, code, d in rows))
    out = tmp_path / "out.csv"
    done = runner.invoke(app, ["batch", "-q", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    return list(csv.DictReader(out.open()))


def test_90480_is_vaccine_administration_not_a_vaccine_product(tmp_path: Path) -> None:
    """A trial: `price 90480` said 90480 was not in the ASP file and that Part B pays vaccines at 95% of AWP, with an
    ASP warning; compare said it "is paid from the ASP drug payment limits". 90480 is in PAID_APART with G0008-G0010,
    and, as they, has no deductible or coinsurance (CARES Act §3713)."""
    assert not meanings.is_vaccine_product("90480")
    apart = meanings.paid_apart_note("90480")
    assert apart is not None
    g0008 = runner.invoke(app, ["price", "G0008", "--zip", ZIP, "--date", "2026-04-14"], terminal_width=400)
    done = runner.invoke(app, ["price", "90480", "--zip", ZIP, "--date", "2026-04-14"], terminal_width=400)
    assert done.exit_code == g0008.exit_code, done.output
    said = " ".join(done.output.split())
    assert apart in said, said
    assert "95% of the average wholesale price" not in said and "ASP" not in said, said
    waiver = preventive.waiver("90480", (), 2026)
    assert waiver is not None and waiver.deductible_waived and waiver.coinsurance_waived
    compared = runner.invoke(app, ["compare", "90480", "--from", "2025", "--to", "2026", "-f", "json"])
    [compared_row] = json.loads(compared.stdout)["codes"]
    said = compared_row["not_comparable_reason"]
    assert (
        said == f"90480 is not paid under the PFS, the one fee schedule rvucalc compare covers: {apart.rstrip('.')}"
    ), said
    assert "ASP drug payment" not in said
    [row] = _batch(tmp_path, [("A", "90480", "2026-04-14")])
    assert apart.rstrip(".") in row["note"] and "95% of the average" not in row["note"], row["note"]
    assert waiver.reason in row["note"], row["note"]


def test_covid_and_hepatitis_b_vaccines_have_no_deductible_in_price_and_batch(tmp_path: Path) -> None:
    """91320 (COVID-19) and 90739 (hepatitis B) said only "0% coinsurance" where flu and pneumococcal vaccines said no
    deductible too: both are exempt from the Part B deductible as well (medicare.gov; CARES Act §3713)."""
    rows = _batch(tmp_path, [("A", "91320", "2026-04-14"), ("A", "90739", "2026-04-14")])
    for code, row in zip(("91320", "90739"), rows, strict=True):
        waiver = preventive.waiver(code, (), 2026)
        assert waiver is not None and waiver.deductible_waived and waiver.coinsurance_waived, code
        assert "no Part B deductible" in waiver.reason and waiver.reason in row["note"], row["note"]
        limit = ASP_2026_01[code].quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
        assert Decimal(row["office_allowed"]) == limit and Decimal(row["office_beneficiary"]) == 0, row
    done = runner.invoke(app, ["price", "91320", "90739", "--zip", ZIP, "--date", "2026-04-14", "-f", "json"])
    assert done.exit_code == 0, done.output
    lines = json.loads(done.stdout)["lines"]
    for line in lines:
        waiver = preventive.waiver(line["code"], (), 2026)
        assert waiver is not None and waiver.reason in line["notes"], line["notes"]


def test_90471_90472_beside_a_flu_or_pneumococcal_vaccine_say_g0008_g0009(tmp_path: Path) -> None:
    """A trial: `price 90471 90662 90472 90677` charged 90471 ($22.60) and 90472 ($16.55) 20% while the vaccines'
    notes said their administration had no coinsurance. Medicare pays that administration as G0008/G0009/G0010
    (Palmetto GBA: 90471/90472 billed for it are denied). The money stays as billed (20%), the lines say so; the
    vaccines' note no longer says every administration line is free. Price and batch agree; a 90471 beside a vaccine
    Part B does not pay this way (90715, Tdap) or alone says nothing."""
    codes = ["90471", "90662", "90472", "90677"]
    date = "2026-07-20"
    done = runner.invoke(app, ["price", *codes, "--zip", ZIP, "--date", date, "-f", "json"])
    assert done.exit_code == 0, done.output
    lines = json.loads(done.stdout)["lines"]
    rows = _batch(tmp_path, [("A", code, date) for code in codes] + [("B", "90471", date), ("B", "90715", date)]
                  + [("C", "90471", date)])  # fmt: skip
    for line, row in zip(lines, rows[:4], strict=True):
        code = line["code"]
        assert row["code"] == code
        note = preventive.vaccine_administration_note(code)
        if code in ("90471", "90472"):
            assert note is not None and note in line["notes"] and note in row["note"], (line["notes"], row["note"])
            allowed = Decimal(row["office_allowed"])  # as billed: the usual 20%, price and batch alike
            assert (
                Decimal(row["office_beneficiary"])
                == Decimal(preventive.beneficiary_cents(int(allowed * 100), None)) / 100
            )
            office = line["sites"][0]
            assert (Decimal(str(office["total"])), Decimal(str(office["beneficiary"]))) == (
                allowed,
                Decimal(row["office_beneficiary"]),
            )
        else:
            assert note is None
            waiver = preventive.waiver(code, (), 2026)
            assert waiver is not None and waiver.reason in line["notes"] and "G000" in waiver.reason
            assert "administration alike" not in waiver.reason
    note = preventive.vaccine_administration_note("90471")
    assert note is not None
    for row in rows[4:]:  # beside Tdap (90715), alone: no flu, pneumococcal or hepatitis B vaccine on the claim
        assert note not in row["note"], row


def test_hcpcs_flu_vaccines_are_vaccines_not_a_statutory_exclusion(tmp_path: Path) -> None:
    """An EHR trial: `price Q2035` said "No PFS payment: status X: Statutory exclusion" (not_payable) and batch counted
    Q2038 with no reason of its own, where 90686 says Part B pays flu vaccines at 95% of the AWP (not priced: the
    installed ASP file has no limit for it). Q2034-Q2039 are flu vaccine products (the RVU file's descriptors), as
    ``preventive`` already reads them for the waiver."""
    for code in ("Q2035", "Q2038", "Q2039"):
        assert meanings.is_vaccine_product(code), code
        done = runner.invoke(app, ["price", code, "--zip", ZIP, "--date", "2026-08-03", "-f", "json"])
        assert done.exit_code == 1, done.output
        said = " ".join(done.stderr.split())
        assert meanings.VACCINE_PAYMENT.split(" (")[0] in said and "Statutory exclusion" not in said, said
        office = {site["setting"]: site for site in json.loads(done.stdout)["sites"]}["office"]
        assert office["status"] == "not_priced", office
        assert "Statutory exclusion" not in office["reason"] and "95% of the average" in office["reason"], office
    rows = _batch(tmp_path, [("A", "Q2038", "2026-08-03"), ("B", "90686", "2026-08-03")])
    for row in rows:
        assert meanings.VACCINE_PAYMENT.split(" (")[0] in row["note"], row["note"]
        assert "Statutory exclusion" not in row["note"] and row["office_allowed"] == "", row


def test_compare_s_reason_for_a_code_off_the_pfs_reads_as_a_sentence() -> None:
    """A lab trial: `compare 80053 --from 2025 --to 2026` said "80053 is not paid under the PFS, the fee schedule
    compare compares (...)"."""
    from typer.testing import CliRunner

    from rvucalc.cli import app

    done = CliRunner().invoke(app, ["compare", "80053", "--from", "2025", "--to", "2026", "--format", "json"])
    assert "compare compares" not in done.stdout
    assert (
        "80053 is not paid under the PFS, the one fee schedule rvucalc compare covers (it is paid from the "
        "clinical laboratory fee schedule)" in done.stdout
    )
