"""A GI group's export gave one claim (encounter) id to a case's surgeon's lines ('RIVERA, MARIA DO', POS 24) and its
ASC's own lines (the provider cell ASC, a Billing Provider naming the ASC, or type of bill 83x). They were priced as
one encounter: the ASC's 45380 at 50% of its rate ($310.36, not $620.71) as a lower-paid procedure beside the
surgeon's, its 43239's PFS fee cut by the endoscopy family rule, both said to be possible duplicates, the ASCs' own
claims $557.19 instead of $867.54. Medicare gets them on two claims, each billing entity's (Claims Processing Manual ch.
14 §50; a hospital's 13x bill beside the physician's POS 22 lines alike): each entity's lines are priced as under a
claim id of its own, every money column, note and --summary total the same as with the two ids (the amounts are
CMS's, priced from its files by ``Pricer.price``, not typed)."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.lookup.pricer import Pricer

runner = CliRunner()
HEADER = ("Claim #,Date of Service,Billing Provider,Rendering Provider,CPT Code,Units,Place of Service,TOB,"
          "Facility Zip\n")  # fmt: skip
SURGEON = ('{claim},05/20/2025,SUNSHINE GASTROENTEROLOGY PA,"RIVERA, MARIA DO",43239,1,24,,32806\n'
           '{claim},05/20/2025,SUNSHINE GASTROENTEROLOGY PA,"RIVERA, MARIA DO",45380,1,24,,32806\n')  # fmt: skip
# The ASC's own lines, three ways an export says so: its provider cell, its billing provider, its type of bill 83x
ASC = {
    "provider cell": "{claim},05/20/2025,,ASC,43239,1,24,,32806\n{claim},05/20/2025,,ASC,45380,1,24,,32806\n",
    "billing provider": "".join(
        f'{{claim}},05/20/2025,ORLANDO ENDOSCOPY CENTER ASC,"RIVERA, MARIA DO",{code},1,24,,32806\n'
        for code in ("43239", "45380")
    ),
    "type of bill": "".join(
        f"{{claim}},05/20/2025,ORLANDO ENDOSCOPY CENTER ASC,,{code},1,,831,32806\n" for code in ("43239", "45380")
    ),
}
# A hospital's own 131 bill of the case beside the physician's POS 22 lines
PHYSICIAN = ('{claim},05/20/2025,,"SMITH, JOHN MD",43239,1,22,,32806\n'
             '{claim},05/20/2025,,"SMITH, JOHN MD",45380,1,22,,32806\n')  # fmt: skip
HOSPITAL = ("{claim},05/20/2025,ORLANDO HEALTH,,43239,1,,131,32806\n"
            "{claim},05/20/2025,ORLANDO HEALTH,,45380,1,,131,32806\n")  # fmt: skip
COMPARED = ("asc_rate", "opps_rate", "pfs_facility_amount", "allowed", "beneficiary", "medicare",
            "professional_allowed", "professional_beneficiary", "professional_medicare", "site", "in_totals", "note",
            "error")  # fmt: skip
SAID = "1 claim id held more than one billing entity's lines"


def _run(tmp_path: Path, name: str, text: str, *options: str) -> tuple[list[dict[str, str]], dict[str, Any], str]:
    source, target, summary = tmp_path / f"{name}.csv", tmp_path / f"{name}_out.csv", tmp_path / f"{name}.json"
    source.write_text(text)
    result = runner.invoke(app, ["batch", str(source), "-o", str(target), "--summary", str(summary), *options])
    assert result.exit_code in (0, 1), result.output
    return list(csv.DictReader(target.open())), json.loads(summary.read_text()), " ".join(result.stderr.split())


def _as_two_claims(tmp_path: Path, name: str, practitioner: str, facility: str) -> None:
    """The shared claim id's file priced as the file with the facility's lines under another claim id."""
    shared, shared_summary, said = _run(tmp_path, name, HEADER + practitioner.format(claim="GI1")
                                        + facility.format(claim="GI1"))  # fmt: skip
    apart, apart_summary, unsaid = _run(tmp_path, name + "_apart", HEADER + practitioner.format(claim="GI1")
                                        + facility.format(claim="GI1A"))  # fmt: skip
    for row, other in zip(shared, apart, strict=True):
        assert {k: row[k] for k in COMPARED} == {k: other[k] for k in COMPARED}, (name, row["CPT Code"])
        assert "Possible duplicate" not in row["note"]
    assert shared_summary["totals"] == apart_summary["totals"], name
    assert SAID in said and "billing entity's lines" not in unsaid
    assert shared_summary["two_entity_claims"] == 1 and apart_summary["two_entity_claims"] == 0


@pytest.mark.parametrize("way", sorted(ASC))
def test_a_claim_id_of_the_surgeon_s_and_the_asc_s_lines_is_priced_as_two_claims(
    tmp_path: Path, pricer: Pricer, way: str
) -> None:
    _as_two_claims(tmp_path, "asc", SURGEON, ASC[way])
    rows, summary, _ = _run(tmp_path, "again", HEADER + SURGEON.format(claim="GI1") + ASC[way].format(claim="GI1"))
    # The ASC's 45380 is its claim's highest-paid procedure: CMS's wage-adjusted ASC rate in full, as `rvucalc price`
    # gives it, and the surgeon's fee the PFS facility amount in full
    single = pricer.price("45380", zip_code="32806", date_of_service="2025-05-20", setting="24")
    (asc,) = [site for site in single.sites if site.setting == "asc"]
    assert asc.facility_payment is not None and asc.professional_payment is not None
    surgeon, asc_row = rows[1], rows[3]
    assert Decimal(asc_row["asc_rate"]) == asc.facility_payment  # $620.71, not 50% of it
    assert Decimal(surgeon["professional_allowed"]) == asc.professional_payment
    assert Decimal(asc_row["pfs_facility_amount"]) == asc.professional_payment  # no endoscopy family cut
    facility = summary["totals"]["facility_claims"]
    assert Decimal(facility["allowed"]) == sum(Decimal(row["asc_rate"]) for row in rows[2:])


def test_a_claim_id_of_the_physician_s_pos_22_lines_and_the_hospital_s_131_bill_is_two_claims(tmp_path: Path) -> None:
    _as_two_claims(tmp_path, "hopd", PHYSICIAN, HOSPITAL)


def test_the_rules_ran_without_line_n_names_the_line_of_the_file_s_claim(tmp_path: Path) -> None:
    """The entities' lines interleaved, a bad line in each: each entity's good lines name its own bad line, by its
    number in the claim id's rows as the file has them; the amounts as the entities' lines apart."""
    text = HEADER + (
        "GI1,05/20/2025,,ASC,43239,1,24,,32806\n"
        'GI1,05/20/2025,,"RIVERA, MARIA DO",43239,1,24,,32806\n'
        'GI1,05/20/2025,,"RIVERA, MARIA DO",4538X,1,24,,32806\n'
        "GI1,05/20/2025,,ASC,45380,1,24,,32806\n"
        'GI1,05/20/2025,,"RIVERA, MARIA DO",45380,1,24,,32806\n'
        "GI1,05/20/2025,,ASC,45385,0,24,,32806\n"
    )
    rows, _, _ = _run(tmp_path, "bad", text)
    good, _, _ = _run(tmp_path, "good", HEADER + SURGEON.format(claim="S") + ASC["provider cell"].format(claim="A"))
    for row in (rows[1], rows[4]):
        assert "the rules ran without line 3 (4538X) of this claim" in row["note"] and "line 6" not in row["note"]
    for row in (rows[0], rows[3]):
        assert "the rules ran without line 6 (45385) of this claim" in row["note"] and "line 3" not in row["note"]
    money = COMPARED[:-2]
    assert [{k: rows[i][k] for k in money} for i in (1, 4, 0, 3)] == [{k: row[k] for k in money} for row in good]


@pytest.mark.slow
def test_dask_prices_a_claim_id_of_two_entities_as_two_claims(tmp_path: Path, pricer: Pricer) -> None:
    from distributed import Client, LocalCluster

    from rvucalc.batch import dask_engine
    from rvucalc.batch.files import run_batch

    source = tmp_path / "lines.csv"
    source.write_text(HEADER + "".join(SURGEON.format(claim=f"C{i}") + ASC["provider cell"].format(claim=f"C{i}")
                                       for i in range(30)))  # fmt: skip
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            Client(cluster) as client:  # fmt: skip
        summary = dask_engine.run_batch_dask(pricer, str(source), str(tmp_path / "dask.csv"), client=client,
                                             chunk_rows=25)  # fmt: skip
    here = run_batch(pricer, str(source), str(tmp_path / "here.csv"), chunk_rows=25)
    assert (tmp_path / "dask.csv").read_bytes() == (tmp_path / "here.csv").read_bytes()
    assert summary.two_entity_claims == here.two_entity_claims == 30
    rows = list(csv.DictReader((tmp_path / "dask.csv").open()))
    assert len({row["asc_rate"] for row in rows[3::4]}) == 1 and "Possible duplicate" not in rows[3]["note"]


def test_the_practitioners_lines_beside_a_crna_s_line_are_compared_as_the_practitioners_claim(tmp_path: Path) -> None:
    """The ASC's 831 lines, the surgeon's and the CRNA's 00813-QZ under one claim id, with paid amounts: the CRNA's
    line makes the practitioners' claim theirs (batch.price.PAID_BY_CLAIM_NOTE), so the surgeon's lines are compared
    with his fee, as with the ASC's lines under another id, not with the site's whole (his 45380 'underpaid' by the
    ASC's payment); the ASC's compared with its payment."""
    header = ("Claim #,Date of Service,Billing Provider,Rendering Provider,CPT Code,Modifier 1,Units,Minutes,"
              "Base Units,Place of Service,TOB,Facility Zip,Paid\n")  # fmt: skip
    asc = ("{claim},05/20/2025,ORLANDO ENDOSCOPY CENTER ASC,,43239,,1,,,,831,32806,240.00\n"
           "{claim},05/20/2025,ORLANDO ENDOSCOPY CENTER ASC,,45380,,1,,,,831,32806,600.00\n")  # fmt: skip
    practitioners = (
        '{claim},05/20/2025,SUNSHINE GI PA,"RIVERA, MARIA DO",43239,,1,,,24,,32806,60.00\n'
        '{claim},05/20/2025,SUNSHINE GI PA,"RIVERA, MARIA DO",45380,,1,,,24,,32806,190.00\n'
        '{claim},05/20/2025,SUNSHINE ANESTHESIA,"LEE, ANN CRNA",00813,QZ,1,45,5,24,,32806,200.00\n'
    )
    shared, shared_summary, _ = _run(tmp_path, "crna", header + asc.format(claim="GI1")
                                     + practitioners.format(claim="GI1"))  # fmt: skip
    apart, apart_summary, _ = _run(tmp_path, "crna_apart", header + asc.format(claim="GI1A")
                                   + practitioners.format(claim="GI1"))  # fmt: skip
    for row, other in zip(shared, apart, strict=True):
        assert {k: row[k] for k in (*COMPARED, "expected", "variance")} == {
            k: other[k] for k in (*COMPARED, "expected", "variance")
        }, row["CPT Code"]
    surgeon = shared[3]
    assert Decimal(surgeon["expected"]) == Decimal(surgeon["professional_allowed"]) < Decimal(surgeon["allowed"])
    assert "its claim carries 00813-QZ" in surgeon["note"]
    assert shared_summary["paid_for_by_line"] == apart_summary["paid_for_by_line"]
    # --summary's claims are each entity's, as under two claim ids (batch.claim_totals.claim_entry)
    claims = apart_summary["claims"]
    for name, other in (("GI1 (facility)", "GI1A"), ("GI1 (practitioner)", "GI1")):
        assert shared_summary["claims"][name]["expected"] == claims[other]["expected"], name


def test_a_dme_supplier_s_rows_on_a_practitioner_s_claim_id_are_a_claim_of_their_own(tmp_path: Path) -> None:
    """A review: a practice's export gave its DMEPOS supplier's brace and walker (provider cell DME) its physician's
    claim id, beside a line with a malformed code, and the supplier's rows said "the rules ran without line 3 (2560X)
    of this claim", which is the physician's claim: a supplier bills the DME MAC on a claim of its own (Claims
    Processing Manual ch. 1 §10.1.5.1). Its rows are priced as under a claim id of their own: the DMEPOS fee schedule's
    amounts and the physician's alike, no note of the physician's bad line on the supplier's."""
    header = "Claim ID,DOS,Rendering Provider,CPT Code,Mod 1,Units,POS,Zip Code\n"
    physician = ('{claim},03/10/2026,"JONES, AMY MD",99213,25,1,11,46601\n'
                 '{claim},03/10/2026,"JONES, AMY MD",25600,,1,11,46601\n'
                 '{claim},03/10/2026,"JONES, AMY MD",2560X,,1,11,46601\n')  # fmt: skip
    supplier = "{claim},03/10/2026,DME,L3908,RT,1,11,46601\n{claim},03/10/2026,DME,E0114,NU,1,11,46601\n"
    given = ("--columns", "provider=Rendering Provider")
    shared, shared_summary, said = _run(tmp_path, "dme", header + physician.format(claim="O1")
                                        + supplier.format(claim="O1"), *given)  # fmt: skip
    apart, apart_summary, _ = _run(tmp_path, "dme_apart", header + physician.format(claim="O1")
                                   + supplier.format(claim="O1D"), *given)  # fmt: skip
    for row, other in zip(shared, apart, strict=True):
        assert {k: row[k] for k in COMPARED} == {k: other[k] for k in COMPARED}, row["CPT Code"]
    brace, walker = shared[3:]
    assert brace["dmepos_amount"] and walker["dmepos_amount"] and brace["allowed"] == brace["dmepos_amount"]
    assert "rules ran without" not in brace["note"] + walker["note"]
    assert "rules ran without line 3 (2560X)" in shared[0]["note"]
    assert shared_summary["totals"] == apart_summary["totals"]
    assert SAID in said and shared_summary["two_entity_claims"] == 1
