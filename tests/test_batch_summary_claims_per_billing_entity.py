"""An Epic HB and PB export gives a hospital's own bill (type of bill 131) and its radiologist's reading (71046-26, POS
22) one HAR. Since session 70 batch prices them as the two claims Medicare gets (batch.claims.billing_entities), but
--summary's claims, underpaid_by_claim and overpaid_by_claim still summed them under the HAR: the hospital paid the
radiologist's fee more than its own payment and the radiologist paid nothing said "variance 0.00", no claim underpaid
or overpaid. Each entity's lines are a claim of the summary now, keyed "<HAR> (<entity>)" with its ``claim_id`` and
``billing_entity``; a HAR of one entity keeps its key and entry. The amounts are CMS's, as batch priced them (each row's
``expected``), not typed."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.lookup.pricer import Pricer

HEADER = ["HAR", "Service Date", "Type of Bill", "HCPCS", "Modifiers", "Units", "Place of Service", "Service Provider",
          "Facility ZIP", "Paid"]  # fmt: skip
NEW_FIELDS = ("claim_id", "billing_entity")


def _rows(hospital_har: str, paid: tuple[str, str, str]) -> list[list[str]]:
    return [[hospital_har, "2025-11-03", "131", "71046", "", "1", "", "", "46601", paid[0]],
            ["H1", "2025-11-03", "", "71046", "26", "1", "22", "NGUYEN, THAO MD", "46601", paid[1]],
            ["H2", "2025-11-03", "131", "71046", "", "1", "", "", "46601", paid[2]]]  # fmt: skip


def _run(tmp_path: Path, name: str, rows: list[list[str]]) -> tuple[list[dict[str, str]], dict[str, Any], str]:
    source, target, summary = tmp_path / f"{name}.csv", tmp_path / f"{name}_out.csv", tmp_path / f"{name}.json"
    with source.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *rows])
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(target), "--summary", str(summary)])
    assert done.exit_code == 0, done.output
    return list(csv.DictReader(target.open())), json.loads(summary.read_text()), " ".join(done.stderr.split())


def test_a_har_of_a_hospital_bill_and_a_physician_s_lines_is_two_claims_in_the_summary(tmp_path: Path) -> None:
    priced, _, _ = _run(tmp_path, "zero", _rows("H1", ("0.00", "0.00", "0.00")))
    hospital, physician = Decimal(priced[0]["expected"]), Decimal(priced[1]["expected"])
    assert hospital == Decimal(priced[0]["opps_rate"]) > 0  # the hospital's own payment (Addendum B's, wage-adjusted)
    assert physician == Decimal(priced[1]["professional_allowed"]) > 0  # the reading's PFS facility amount
    # The hospital paid its payment and the radiologist's fee, the radiologist nothing: over and under by his fee
    paid = (str(hospital + physician), "0.00", str(hospital))
    rows, summary, said = _run(tmp_path, "paid", _rows("H1", paid))
    claims = summary["claims"]
    assert list(claims) == ["H1 (facility)", "H1 (practitioner)", "H2"]
    assert claims["H1 (facility)"]["variance"] == str(physician)
    assert claims["H1 (practitioner)"]["variance"] == str(-physician)
    assert {key: claims[key]["billing_entity"] for key in list(claims)[:2]} == {
        "H1 (facility)": "facility", "H1 (practitioner)": "practitioner"}  # fmt: skip
    assert claims["H1 (facility)"]["claim_id"] == claims["H1 (practitioner)"]["claim_id"] == "H1"
    assert summary["underpaid_by_claim"] == {"claims": 1, "rows": 0, "amount": str(physician)}
    assert summary["overpaid_by_claim"] == {"claims": 1, "rows": 0, "amount": str(physician)}
    assert f"1 claim paid less than expected, ${physician} in all" in said
    assert f"1 claim paid more than expected, ${physician} in all" in said
    # Each entity's entry is the claim's the hospital's rows make under a HAR of their own; H2's is as it was
    _, apart, _ = _run(tmp_path, "apart", _rows("H1F", paid))
    assert list(apart["claims"]) == ["H1F", "H1", "H2"]
    assert {k: v for k, v in claims["H1 (facility)"].items() if k not in NEW_FIELDS} == apart["claims"]["H1F"]
    assert {k: v for k, v in claims["H1 (practitioner)"].items() if k not in NEW_FIELDS} == apart["claims"]["H1"]
    assert claims["H2"] == apart["claims"]["H2"] and not set(NEW_FIELDS) & set(claims["H2"])
    assert [row["variance"] for row in rows] == [str(physician), str(-physician), "0.00"]


def test_the_streamed_summary_says_the_entities_claims_as_the_whole_one(tmp_path: Path, pricer: Pricer) -> None:
    """``write_json`` (the CLI's, streamed a claim at a time) and ``as_json`` agree on an entity's claim."""
    import io

    from rvucalc.batch.files import run_batch

    source = tmp_path / "in.csv"
    with source.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *_rows("H1", ("100.00", "0.00", "88.05"))])
    summary = run_batch(pricer, str(source), str(tmp_path / "out.csv"))
    streamed = io.StringIO()
    summary.write_json(streamed)
    assert json.loads(streamed.getvalue()) == summary.as_json()
    assert summary.as_json()["claims"]["H1 (practitioner)"]["billing_entity"] == "practitioner"


def test_a_har_s_hospital_and_physician_rows_apart_past_the_regroup_limit_are_two_claims(
    tmp_path: Path, pricer: Pricer, monkeypatch: Any
) -> None:
    """An HB and PB export listing the hospital's rows, then the physicians': in a file batch reads as it comes (past
    batch.regroup's limit) H1's hospital bill overpaid and its radiologist underpaid were summed under "H1", as one
    claim, its runs apart and none cut. Each entity's claim is its own, as in a file short enough to regroup."""
    from rvucalc.batch.files import run_batch

    rows = _rows("H1", ("107.37", "0.00", "97.71"))
    source = tmp_path / "apart.csv"
    with source.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, rows[0], rows[2], rows[1]])
    regrouped = run_batch(pricer, str(source), str(tmp_path / "regrouped.csv")).as_json()
    monkeypatch.setattr("rvucalc.batch.regroup.REGROUP_ROWS", 2)
    summary = run_batch(pricer, str(source), str(tmp_path / "as_read.csv")).as_json()
    assert summary["regrouped_claims"] == 0 and regrouped["regrouped_claims"] == 1
    assert sorted(summary["claims"]) == ["H1 (facility)", "H1 (practitioner)", "H2"]
    assert {key: summary["claims"][key] for key in regrouped["claims"]} == regrouped["claims"]
    assert summary["underpaid_by_claim"] == regrouped["underpaid_by_claim"]
    assert summary["overpaid_by_claim"] == regrouped["overpaid_by_claim"]
