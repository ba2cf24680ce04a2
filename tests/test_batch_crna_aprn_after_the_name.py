"""A GI group's anesthesia export: 'Rendering Provider' of 'KELLY, ANN CRNA, APRN' (a CRNA's license before the APRN
designation, as CRNAs sign) was read by its last word, APRN, as an NP's, the CRNA's 00811-QZ paid 85%, while `price
--provider 'CRNA, APRN'` paid the CRNA's full anesthesia fee (Claims Processing Manual ch. 12 §140.3); 'CNM, APRN'
after a name likewise an NP's 85%, not the CNM's 100% (42 CFR 414.54(b)). The APRN's own type is read, as a cell of
credentials alone reads it; 'CRNA-APRN' too.

CMS's money: (4 base units + 30 / 15 = 2.0 time units) x Rest of Pennsylvania's ANES2026 CF, and 99213's RVUs x
GPCIs x CF (RVU26C)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.lookup.credentials import provider_of
from rvucalc.lookup.pricer import Pricer
from test_batch_provider_column import _cms_fee


@pytest.mark.parametrize(("cell", "kind"), [("KELLY, ANN CRNA, APRN", "crna"), ("DIAZ, MARCO CRNA-APRN", "crna"),
                                            ("KELLY, ANN DNAP, MA, CRNA, APRN", "crna"),
                                            ("DOE, JANE CNM, APRN", "cnm"), ("DOE, JANE CNS, APRN", "cns"),
                                            ("DOE, JANE APRN", "np"), ("SMITH, JO CNP, APRN", "np")])  # fmt: skip
def test_the_aprn_s_own_type_after_a_name_is_read(cell: str, kind: str) -> None:
    assert provider_of(cell) == kind


def test_the_crna_aprn_s_anesthesia_line_is_the_crna_s_in_batch_and_price(pricer: Pricer, tmp_path: Path) -> None:
    store = pricer.store(next(r for r in pricer.catalogue.releases("pfs") if r.release == "2026C"))
    cf = Decimal(store.anesthesia_cf("1250299")["anes_cf"]).scaleb(-2)
    fee = ((Decimal(4) + Decimal("2.0")) * cf).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert fee == Decimal("121.08")
    visit = _cms_fee(pricer, "99213", "15213", 2026)["non_facility"]
    source = tmp_path / "anes.csv"
    source.write_text("Claim #,Svc Date,CPT,Mod 1,Base Units,Anes Minutes,POS,Rendering Provider,Pt Zip\n"
                      'K1,08/05/2026,00811,QZ,4,30,24,"KELLY, ANN CRNA",15213\n'
                      'K2,08/05/2026,00811,QZ,4,30,24,"KELLY, ANN CRNA, APRN",15213\n'
                      'K3,08/05/2026,99213,,,,11,"DOE, JANE CNM, APRN",15213\n'
                      'K4,08/05/2026,99213,,,,11,"ROSS, ANNA FNP-BC",15213\n')  # fmt: skip
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open()))
    np_fee = (visit * Decimal("0.85")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert [Decimal(row["allowed"]) for row in rows] == [fee, fee, visit, np_fee]
    hyphen = tmp_path / "hyphen.csv"
    hyphen.write_text("Claim #,Svc Date,CPT,Mod 1,Base Units,Anes Minutes,POS,Rendering Provider,Pt Zip\n"
                      'K5,08/05/2026,00811,QZ,4,30,24,"DIAZ, MARCO CRNA-APRN",15213\n'
                      'K6,08/05/2026,00811,AA,4,30,24,"DIAZ, MARCO CRNA-APRN",15213\n'
                      'K7,08/05/2026,99213,,,,11,"ROSS, ANNA FNP-BC",15213\n')  # fmt: skip
    result = CliRunner().invoke(app, ["batch", str(hyphen), "-o", str(out)])
    crna, physician_s_modifier, np_visit = csv.DictReader(out.open())
    assert Decimal(crna["allowed"]) == fee and Decimal(np_visit["allowed"]) == np_fee
    assert physician_s_modifier["error_kind"] == "bad_modifier"  # AA on a CRNA's line: the column is read
    single = CliRunner().invoke(app, ["price", "00811-QZ", "--base-units", "4", "--minutes", "30", "--zip", "15213",
                                      "--date", "2026-08-05", "--setting", "24", "--provider", "KELLY, ANN CRNA, APRN",
                                      "-f", "json"])  # fmt: skip
    assert single.exit_code == 0, single.output
    assert "121.08" in single.stdout


@pytest.mark.parametrize(("cell", "kind"), [("KELLY CRNA, APRN", "crna"), ("KELLY, CRNA, APRN", "crna"),
                                            ("DOE, CNM, APRN", "cnm"), ("DOE CNS, APRN", "cns"),
                                            ("DOE, JO APRN", "np")])  # fmt: skip
def test_the_aprn_s_own_type_after_a_surname_alone_is_read(cell: str, kind: str) -> None:
    """A review: 'KELLY CRNA, APRN' (a surname alone before the CRNA's license and the APRN) was read as a name by its
    last word, an NP's 85%, where 'KELLY, ANN CRNA, APRN' is the CRNA's."""
    assert provider_of(cell) == kind


def test_a_surname_alone_crna_aprn_s_anesthesia_line_is_the_crna_s(pricer: Pricer, tmp_path: Path) -> None:
    """00811-QZ of 4 base units and 30 minutes at ZIP 15213 (2026-08-05): (4 + 2.0) x Rest of Pennsylvania's ANES2026
    CF, the CRNA's full fee in batch and price, not an NP's 85% ($102.92)."""
    store = pricer.store(next(r for r in pricer.catalogue.releases("pfs") if r.release == "2026C"))
    cf = Decimal(store.anesthesia_cf("1250299")["anes_cf"]).scaleb(-2)
    fee = ((Decimal(4) + Decimal("2.0")) * cf).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    source = tmp_path / "anes.csv"
    source.write_text("Claim #,Svc Date,CPT,Mod 1,Base Units,Anes Minutes,POS,Rendering Provider,Pt Zip\n"
                      'K1,08/05/2026,00811,QZ,4,30,24,"KELLY CRNA, APRN",15213\n'
                      'K2,08/05/2026,00811,QX,4,30,24,"KELLY, CRNA, APRN",15213\n')  # fmt: skip
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    qz, qx = csv.DictReader(out.open())
    half = (fee / 2).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert (Decimal(qz["allowed"]), Decimal(qx["allowed"])) == (fee, half) == (Decimal("121.08"), Decimal("60.54"))
    single = CliRunner().invoke(app, ["price", "00811-QZ", "--base-units", "4", "--minutes", "30", "--zip", "15213",
                                      "--date", "2026-08-05", "--setting", "24", "--provider", "KELLY CRNA, APRN",
                                      "-f", "json"])  # fmt: skip
    assert single.exit_code == 0, single.output
    assert "121.08" in single.stdout and "102.92" not in single.stdout
