"""An emergency medicine trial: `rvucalc price 99285 --zip 43210 --setting 23 --date 2026-03-02` (no CY2026 Addendum
B) showed the physician's $169.59 with "Patient pays"/"Medicare pays" "—" and JSON's beneficiary/medicare null, where
batch's row of the same line had professional_beneficiary 33.92 and professional_medicare 135.67. Each hospital or ASC
site now carries the physician's own claim's shares (``professional_beneficiary``, ``professional_medicare``: JSON, CSV
``site_<name>_professional_*``, a table row), by batch's rule. And `--provider pa`'s stderr named the physician's
claim for a PA's 85%; the 99292 of 99291-25 + 99292 beside 31500 and 92950 was told it had none of 25, 57 or FT."""

from __future__ import annotations

import csv
import io
import json
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pyarrow as pa
from typer.testing import CliRunner

from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.lookup.pricer import Pricer

runner = CliRunner()
CENTS = Decimal("0.01")
OHIO = ["--zip", "43210", "--setting", "23"]


def _money(value: Any) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value)).quantize(CENTS)


def _batch(pricer: Pricer, rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    table = pa.table({name: [row[name] for row in rows] for name in rows[0]})
    return BatchPricer(pricer).price_table(table).to_pylist()


def _row(code: str, date: str, provider: str = "MD", modifier: str = "", claim: str = "C1") -> dict[str, str]:
    return {"claim": claim, "code": code, "modifier": modifier, "zip": "43210", "setting": "23", "date": date,
            "units": "1", "provider": provider}  # fmt: skip


def _price_json(*args: str) -> dict[str, Any]:
    result = runner.invoke(app, ["price", *args, "-f", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_99285_at_pos_23_without_addendum_b_has_the_physician_s_shares_as_batch(pricer: Pricer) -> None:
    """99285, RVU26C (work 4.00, PE facility 0.65, MP 0.48), Ohio's GPCIs (1.000, 0.913, 1.008), CF 33.4009:
    $169.59 at the facility; the patient's 20% $33.92, Medicare $135.67, batch's professional_* columns."""
    fee = ((Decimal("4.00") + Decimal("0.65") * Decimal("0.913") + Decimal("0.48") * Decimal("1.008"))
           * Decimal("33.4009")).quantize(CENTS, ROUND_HALF_UP)  # fmt: skip
    patient = (fee * Decimal("0.20")).quantize(CENTS, ROUND_HALF_UP)
    assert (fee, patient) == (Decimal("169.59"), Decimal("33.92"))
    [hopd] = _price_json("99285", *OHIO, "--date", "2026-03-02")["sites"]
    assert hopd["status"] == "not_priced" and hopd["beneficiary"] is None and hopd["medicare"] is None
    assert _money(hopd["professional_payment"]) == fee
    assert _money(hopd["professional_beneficiary"]) == patient
    assert _money(hopd["professional_medicare"]) == fee - patient
    [row] = _batch(pricer, [_row("99285", "2026-03-02")])
    assert _money(row["professional_allowed"]) == fee
    assert _money(row["professional_beneficiary"]) == patient
    assert _money(row["professional_medicare"]) == fee - patient
    # CSV: columns of their own, appended
    result = runner.invoke(app, ["price", "99285", *OHIO, "--date", "2026-03-02", "-f", "csv"])
    [line] = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(line)[-2:] == ["site_hopd_professional_beneficiary", "site_hopd_professional_medicare"]
    assert (_money(line["site_hopd_professional_beneficiary"]), _money(line["site_hopd_professional_medicare"])) == (
        patient, fee - patient)  # fmt: skip
    # the table: a row of the practitioner's claim with its shares
    table = runner.invoke(app, ["price", "99285", *OHIO, "--date", "2026-03-02"]).stdout
    claim_row = next(text for text in table.splitlines() if "practitioner's claim" in text)
    assert f"${patient}" in claim_row and f"${fee - patient}" in claim_row


def test_an_np_s_and_a_priced_year_s_shares_are_batch_s(pricer: Pricer) -> None:
    """An NP's 99285 (85%) in 2026, and a physician's in 2025 (Addendum B installed: the site priced, the physician's
    claim still apart): the same shares as batch's rows of those lines."""
    for args, row in (
        (["--date", "2026-03-02", "--provider", "np"], _row("99285", "2026-03-02", provider="NP")),
        (["--date", "2025-03-02"], _row("99285", "2025-03-02")),
    ):
        [hopd] = _price_json("99285", *OHIO, *args)["sites"]
        [batch_row] = _batch(pricer, [row])
        assert _money(hopd["professional_payment"]) == _money(batch_row["professional_allowed"])
        assert _money(hopd["professional_beneficiary"]) == _money(batch_row["professional_beneficiary"])
        assert _money(hopd["professional_medicare"]) == _money(batch_row["professional_medicare"])
        fee = _money(hopd["professional_payment"])
        assert fee is not None
        assert _money(hopd["professional_beneficiary"]) == (fee * Decimal("0.20")).quantize(CENTS, ROUND_HALF_UP)
    np_line = pricer.price("99285", zip_code="43210", setting="hopd", date_of_service="2026-03-02", provider="np")
    physician = pricer.price("99285", zip_code="43210", setting="hopd", date_of_service="2026-03-02")
    assert np_line.pfs.facility.amount is not None and physician.pfs.facility.amount is not None
    assert np_line.pfs.facility.amount < physician.pfs.facility.amount  # 85%
    # a priced hospital site: its own beneficiary is the hospital's copayment plus the physician's share
    [hopd] = pricer.price("99285", zip_code="43210", setting="hopd", date_of_service="2025-03-02").sites
    assert hopd.payable and hopd.professional_beneficiary is not None and hopd.beneficiary is not None
    assert hopd.professional_beneficiary < hopd.beneficiary


def test_the_encounter_total_sums_its_lines_physician_s_shares() -> None:
    data = _price_json("99291-25", "99292", "31500", "92950", "71046-26", *OHIO, "--date", "2026-03-03")
    total = data["totals"]["hopd"]
    for name in ("professional_payment", "professional_beneficiary", "professional_medicare"):
        assert _money(total[name]) == sum(_money(line["sites"][0][name]) or 0 for line in data["lines"])


def test_a_practitioner_s_claim_is_named_so_on_stderr() -> None:
    """`--provider pa` at POS 23 with no facility fee priced: the PA's claim (85%), not "the physician's"."""
    pa_run = runner.invoke(app, ["price", "99285", *OHIO, "--date", "2026-03-02", "--provider", "pa"])
    assert pa_run.exit_code == 0
    assert "The practitioner's claim (PA, 85%) there is paid the PFS facility amount" in pa_run.stderr
    assert "physician's claim" not in pa_run.stderr
    np_run = runner.invoke(app, ["price", "99285", *OHIO, "--date", "2026-03-02", "--provider", "np"])
    assert "The practitioner's claim (NP, 85%) there is paid" in np_run.stderr
    md_run = runner.invoke(app, ["price", "99285", *OHIO, "--date", "2026-03-02"])
    assert "The physician's claim there is paid" in md_run.stderr


def test_99292_follows_its_99291_25_beside_minor_procedures() -> None:
    """Claims Processing Manual ch. 12 §30.6.12: critical care beside a 0-day procedure (31500, 92950) is paid with
    25 on it; the add-on 99292 takes no modifier of its own. A bare 99291 still has the package note, its 99292 too,
    in words that name no surgeon."""
    codes = ["99292", "31500", "92950"]
    with_25 = _price_json("99291-25", *codes, *OHIO, "--date", "2026-03-03")
    for line in with_25["lines"][:2]:
        assert not any(note.startswith("Global surgery package") for note in line["notes"]), line["code"]
    bare = _price_json("99291", *codes, *OHIO, "--date", "2026-03-03")
    for line in bare["lines"][:2]:
        [note] = [note for note in line["notes"] if note.startswith("Global surgery package")]
        assert "an E/M visit by the practitioner who performs the procedure" in note and "surgeon" not in note
