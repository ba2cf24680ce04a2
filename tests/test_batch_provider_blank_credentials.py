"""A behavioral health group's export ('Rendering Provider', 'Credentials'): what a billing specialist reads in it.

A trial's file (90837, POS 11, Minneapolis 55404, 08/04/2026): 'NGUYEN, LINH LICSW' with a blank Credentials cell was
priced as a physician's line (100%, $167.70) without a word, where the same LICSW's next row was the CSW's 75%
($125.78). 'PhD, LP' and 'PsyD, LP' (Minnesota's licensed psychologist) were unread, priced as a physician's;
'LICSW, LADC' and 'LMFT, LADC' (a CSW's or MFT's license beside the State's alcohol and drug counselor license) were
unread at 100%, not 75%; CMS specialty 80 (licensed clinical social worker) too. Amounts are CMS's formula on its
published RVUs, GPCIs and CF, rounded once half-up, times 3/4 for the CSW (42 CFR 414.53).
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

from rvucalc.batch.columns import PROVIDER_NAME_COLUMNS_KEY, missing_role_notices, resolve_columns
from rvucalc.batch.lines import BLANK_PROVIDER_KEY, PROVIDER_FROM_NAME_KEY, name_credential, provider_of
from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.lookup.pricer import Pricer
from test_batch import batch_imports_pandas

ZIP, DATE, US_DATE = "55404", "2026-08-04", "08/04/2026"
HEADER = "Encounter ID,Service Date,CPT/HCPCS,Units,Place of Service,Service Zip,Rendering Provider,Credentials\n"


def _money(value: Any) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value)).quantize(Decimal("0.01"))


def _half_up(amount: Fraction) -> Decimal:
    return (Decimal(amount.numerator) / Decimal(amount.denominator)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _cms(pricer: Pricer, code: str, share: Fraction = Fraction(1)) -> Decimal:
    """CMS's formula on its published figures: (work x GPCI + PE x GPCI + MP x GPCI) x CF, the fee schedule amount in
    cents (half-up), then the practitioner's share of it (half-up), as the AJ and NP rules price it: 90837 in 55404 is
    (3.78 x 1.000 + 1.20 x 1.029 + 0.02 x 0.296) x 33.4009 = 167.6966 -> $167.70, x 3/4 = 125.775 -> $125.78."""
    pfs = pricer.price(code, zip_code=ZIP, date_of_service=DATE).pfs
    row, gpci = pfs.rvu, pfs.gpci
    fee = (Fraction(row.work) * Fraction(gpci.work) + Fraction(row.pe_non_facility) * Fraction(gpci.pe)
           + Fraction(row.mp) * Fraction(gpci.mp)) * Fraction(pfs.conversion_factor)  # fmt: skip
    return _half_up(Fraction(_half_up(fee)) * share)


def _batch(tmp_path: Path, body: str, *options: str) -> tuple[list[dict[str, str]], str]:
    source, out = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text(HEADER + body)
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), *options])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(out.open())), result.output


# -- a blank Credentials cell beside a name that ends in the credential ---------------------------------------------


def test_a_blank_credentials_cell_is_read_by_the_credential_after_the_rendering_provider_s_name(
    tmp_path: Path, pricer: Pricer
) -> None:
    rows, _ = _batch(tmp_path, f'E3002,{US_DATE},90837,1,11,{ZIP},"NGUYEN, LINH LICSW",\n'
                               f'E3007,{US_DATE},90837,1,11,{ZIP},"NGUYEN, LINH LICSW",LICSW\n')  # fmt: skip
    csw = _cms(pricer, "90837", Fraction(3, 4))
    assert csw == Decimal("125.78")  # the trial's LICSW row, not the physician's $167.70
    for row in rows:
        assert _money(row["allowed"]) == _money(row["pfs_non_facility_amount"]) == csw, row
        assert row["pfs_non_facility_limiting_charge"] == "", row
    said = "Provider read from Rendering Provider: LICSW (the Credentials cell is blank)."
    assert said in rows[0]["note"].split("; ")
    assert said not in rows[1]["note"]  # its own cell says LICSW


def test_a_blank_credentials_cell_beside_a_name_without_one_stays_a_physician_s_line_and_is_counted(
    tmp_path: Path, pricer: Pricer
) -> None:
    """The README's rule (a blank provider cell is --provider's, a physician's unless given), counted for the run; a
    physician's and an NP's rows unchanged."""
    rows, _ = _batch(tmp_path, f'E1,{US_DATE},90837,1,11,{ZIP},"NGUYEN, LINH",\n'
                               f"E2,{US_DATE},90837,1,11,{ZIP},,\n"
                               f'E3,{US_DATE},90837,1,11,{ZIP},"OLSON, KAREN",MD\n'
                               f'E4,{US_DATE},90837,1,11,{ZIP},"JOHNSON, AMY",NP\n'
                               f'E5,{US_DATE},90837,1,11,{ZIP},"JOHNSON, AMY APRN-CNP",MD\n')  # fmt: skip
    physician, np_amount = _cms(pricer, "90837"), _cms(pricer, "90837", Fraction(85, 100))
    assert physician == Decimal("167.70")
    amounts = [_money(row["allowed"]) for row in rows]
    assert amounts == [physician, physician, physician, np_amount, physician]  # the cell wins over the name (E5)
    assert not any("Provider read from" in row["note"] for row in rows)
    assert rows[0]["pfs_non_facility_limiting_charge"] != ""  # a physician's line: its limiting charge


def test_the_priced_table_counts_rows_read_from_the_name_and_rows_with_no_credential(pricer: Pricer) -> None:
    """Counted per distinct (credential cell, name cell) pair's rows, for the run's stderr summary."""
    table = pa.table({"code": ["90837"] * 5, "zip": [ZIP] * 5, "date": [DATE] * 5,
                      "provider": ["", "", "", "LICSW", ""],
                      "provider_name": ["NGUYEN, LINH LICSW", "LEE, SAM PA-C", "NGUYEN, LINH", "X, Y", ""]},
                     )  # fmt: skip
    table = table.replace_schema_metadata(
        {PROVIDER_NAME_COLUMNS_KEY: b'{"name": "Rendering Provider", "provider": "Credentials"}'}
    )
    out = BatchPricer(pricer).price_table(table)
    metadata = out.schema.metadata or {}
    assert metadata[PROVIDER_FROM_NAME_KEY] == b"2" and metadata[BLANK_PROVIDER_KEY] == b"2"
    allowed = [_money(value) for value in out.column("pfs_non_facility_amount").to_pylist()]
    assert allowed == [_cms(pricer, "90837", Fraction(3, 4)), _cms(pricer, "90837", Fraction(85, 100)),
                       _cms(pricer, "90837"), _cms(pricer, "90837", Fraction(3, 4)), _cms(pricer, "90837")]  # fmt: skip
    without = BatchPricer(pricer).price_table(pa.table({"code": ["90837"], "zip": [ZIP], "date": [DATE]}))
    assert BLANK_PROVIDER_KEY not in (without.schema.metadata or {})  # no provider column: nothing counted


@pytest.mark.parametrize(("name", "credential"), [("NGUYEN, LINH LICSW", "LICSW"), ("LEE, SAM PA-C", "PA-C"),
                                                  ("Jo Smith, PsyD", "PsyD"), ("NGUYEN, LINH", None), ("", None),
                                                  ("VANG, PA", None),
                                                  # a review: the license before a word that names no practitioner
                                                  ("DOE, JOHN LICSW, LADC", "LICSW"), ("LEE, SAM PA-C, MPAS", "PA-C"),
                                                  ("DOE, JANE FNP-C, RN", "FNP-C"),
                                                  # a master's LP is no psychologist (42 CFR 410.71(d))
                                                  ("ROE, MARY MA, LP", None), ("ROE, MARY PHD, LP", "LP")])  # fmt: skip
def test_the_credential_after_a_name_as_written(name: str, credential: str | None) -> None:
    assert name_credential(name) == credential


def test_a_run_with_a_rendering_provider_and_credentials_does_not_import_pandas(tmp_path: Path) -> None:
    source = tmp_path / "lines.csv"
    source.write_text(HEADER + f'E1,{US_DATE},90837,1,11,{ZIP},"NGUYEN, LINH LICSW",\n'
                               f'E2,{US_DATE},90837,1,11,{ZIP},"NGUYEN, LINH",\n')  # fmt: skip
    imported, stderr = batch_imports_pandas(str(source), "-o", str(tmp_path / "o.csv"), "-q")
    assert not imported, stderr


# -- credential lists and specialty codes ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "provider"),
    [("PhD, LP", "psychologist"), ("PsyD, LP", "psychologist"), ("LP", "psychologist"),
     ("SMITH, JO LP", "psychologist"), ("LICSW, LADC", "csw"), ("LMFT, LADC", "csw"), ("LADC, LPCC", "csw"),
     ("80", "csw"), ("MSW, LICSW", "csw")],
)  # fmt: skip
def test_a_license_beside_a_state_s_alcohol_and_drug_counselor_license_or_a_doctorate_is_read(
    cell: str, provider: str
) -> None:
    assert provider_of(cell) == provider


@pytest.mark.parametrize("cell", ["MA, LP", "LADC", "LGSW", "62"])
def test_a_master_s_psychologist_a_drug_counselor_and_a_graduate_social_worker_are_not_read(cell: str) -> None:
    with pytest.raises(ValueError):
        provider_of(cell)


def test_the_trial_s_credentials_priced_as_price_provider_prices_them(tmp_path: Path, pricer: Pricer) -> None:
    """Batch's rows against CMS's figures and ``rvucalc price --provider CELL`` (one rule for both)."""
    cells = {"PhD, LP": Fraction(1), "PsyD, LP": Fraction(1), "LICSW, LADC": Fraction(3, 4),
             "LMFT, LADC": Fraction(3, 4), "80": Fraction(3, 4), "MA, LP": Fraction(1),
             "LADC": Fraction(1)}  # fmt: skip
    rows, _ = _batch(tmp_path, "".join(f'E{n},{US_DATE},90837,1,11,{ZIP},"X, Y","{cell}"\n'
                                       for n, cell in enumerate(cells)))  # fmt: skip
    for (cell, share), row in zip(cells.items(), rows, strict=True):
        assert _money(row["allowed"]) == _cms(pricer, "90837", share), cell
        read = cell not in ("MA, LP", "LADC")
        assert (row["pfs_non_facility_limiting_charge"] == "") is read, cell  # assignment only: no limiting charge
        assert ("not read" in row["note"] or "Not read" in row["note"]) is not read, (cell, row["note"])
        if read:
            priced = pricer.price("90837", zip_code=ZIP, date_of_service=DATE, provider=provider_of(cell))
            assert priced.pfs.non_facility.amount == _money(row["allowed"]), cell
    assert "42 CFR 410.71(d)" in rows[5]["note"] and "mental health counselor" in rows[6]["note"]
    for command in (["--provider", "PhD, LP"], ["--provider", "LICSW, LADC"], ["--provider", "80"]):
        done = CliRunner().invoke(app, ["price", "90837", "--zip", ZIP, "--date", DATE, "-f", "json", *command])
        assert done.exit_code == 0, done.output
        share = Fraction(1) if "LP" in command[1] else Fraction(3, 4)
        office = json.loads(done.stdout)["pfs"]["non_facility"]
        assert _money(office["amount"]) == _cms(pricer, "90837", share) and office["limiting_charge"] is None, command


# -- the advice on stderr ----------------------------------------------------------------------------------------


def test_the_unread_provider_column_advice_names_the_behavioral_health_credentials() -> None:
    for names in (["CPT", "DOS", "Rendering Provider"], ["CPT", "DOS", "Provider Taxonomy"]):
        said = " ".join(missing_role_notices(resolve_columns(names)))
        for word in ("LCSW", "LMFT", "LPC", "75%", "PhD", "PsyD", "NP"):
            assert word in said, (names, word)


def test_stderr_counts_the_blank_provider_cells_read_from_the_name_and_those_priced_as_a_physician(
    tmp_path: Path, pricer: Pricer
) -> None:
    """A blank Credentials cell is never a silent 100%: stderr counts the rows read from the name's credential and the
    rows with no credential anywhere (priced as a physician's service)."""
    body = (f'E1,{US_DATE},90837,1,11,{ZIP},"NGUYEN, LINH LICSW",\n'
            f'E2,{US_DATE},90837,1,11,{ZIP},"NGUYEN, LINH",\n')  # fmt: skip
    rows, said = _batch(tmp_path, body)
    assert [_money(row["allowed"]) for row in rows] == [_cms(pricer, "90837", Fraction(3, 4)), _cms(pricer, "90837")]
    said = " ".join(said.split())
    assert "1 row with a blank provider cell priced by the credential after the practitioner's name" in said, said
    assert "1 row with no credential" in said and "priced as --provider says" in said, said


def test_a_blank_provider_cell_without_a_name_column_is_not_counted_as_missing_a_credential(tmp_path: Path) -> None:
    """A review: a file with a provider column and no practitioner name column was told "3 rows with no credential (a
    blank provider cell, and none after the practitioner's name)" for its lab, drug and DME rows: a blank cell there is
    the run's --provider, as the README says."""
    source, out = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text(f"code,date,zip,setting,provider\n80053,{DATE},{ZIP},11,\n99213,{DATE},{ZIP},11,NP\n")
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "no credential" not in result.output
