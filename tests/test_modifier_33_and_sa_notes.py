"""A GI trial and an ED trial: modifiers Medicare does not pay by were called "informational" where the user needed to
know what Medicare does instead. 45378-33 (an ASC colonoscopy) said "Modifier 33 is informational" while the patient
paid 20%: Medicare waives a colorectal screening's cost sharing by its code (G0105/G0121, KX after a positive stool
test, G0104) or reduces it with PT (MLN Matters MM12656, Claims Processing Manual ch. 18 §60), never for 33 on the CPT
code. 99285-SA at POS 21 said "Modifier SA is informational": Medicare pays by the rendering practitioner (an NP's own
line 85%), and incident-to billing does not apply in a hospital (Benefit Policy Manual ch. 15 §60; split/shared visits
with FS, Claims Processing Manual ch. 12 §30.6.18). Notes only: the amounts stay CMS's, price, batch and `rvucalc
modifiers` alike."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from conftest import run_batch_rows
from rvucalc.cli import app
from rvucalc.engine.modifiers import PREVENTIVE_33_NOTE, SA_NOTE, colorectal_33_note
from rvucalc.lookup.pricer import Pricer
from test_physician_claims_at_facilities import pfs_amount

runner = CliRunner()
GI = {"zip": "28277", "date": "2026-08-12", "pos": "24", "locality": "1150200"}  # Charlotte, an ASC
ED = {"zip": "43210", "date": "2025-11-03", "pos": "21", "locality": "1520200"}  # Columbus, an inpatient


def _price(code: str, where: dict[str, str], *more: str) -> dict:
    done = runner.invoke(app, ["price", code, "--zip", where["zip"], "--date", where["date"], "--setting", where["pos"],
                               *more, "-f", "json"])  # fmt: skip
    assert done.exit_code == 0, done.output
    found: dict = json.loads(done.stdout)
    return found


def _row(claim: str, code: str, mods: str, where: dict[str, str], credential: str = "MD") -> dict[str, str]:
    month, day = where["date"][5:7], where["date"][8:]
    return {"Claim": claim, "CPT": code, "Modifiers": mods, "Units": "1", "POS": where["pos"],
            "Facility ZIP": where["zip"], "DOS": f"{month}/{day}/{where['date'][:4]}",
            "Credential": credential}  # fmt: skip


def test_33_on_a_colonoscopy_says_what_medicare_bills_instead(tmp_path: Path, pricer: Pricer) -> None:
    """45378-33 and 45330-33: the note names G0105/G0121 (KX) or G0104 and PT, not "informational"; the PFS facility
    amount is the RVU file's at Charlotte's GPCIs, the patient pays 20% of the site's total, price and batch alike.
    45385-PT-33: PT does the cost sharing, 33 nothing. 99213-33 keeps the informational note."""
    cases = [("C1", "45378", "33"), ("C2", "45330", "33"), ("C3", "45385", "PT-33"), ("C4", "99213", "33")]
    done, rows = run_batch_rows(tmp_path, [_row(claim, code, mods, GI) for claim, code, mods in cases])
    assert done.exit_code == 0, done.output
    for (_, code, mods), row in zip(cases, rows, strict=True):
        single = _price(f"{code}-{mods}", GI)
        note = colorectal_33_note(code, mods.split("-"))
        if code == "99213":
            assert note is None and "Modifier 33 is informational: it does not change the amount." in single["notes"]
            continue
        assert note is not None and note in single["notes"] and note in row["note"], (code, single["notes"])
        assert not any("33 is informational" in text for text in single["notes"]) and "; " not in note
        fee = pfs_amount(pricer, code, "", "facility", GI["date"], GI["locality"])
        assert Decimal(str(single["pfs"]["facility"]["amount"])) == fee == Decimal(row["pfs_facility_amount"])
    colonoscopy, sigmoidoscopy = (colorectal_33_note(code, ["33"]) or "" for code in ("45378", "45330"))
    assert "G0105" in colonoscopy and "G0121" in colonoscopy and "KX" in colonoscopy and "45378 with PT" in colonoscopy
    assert "G0104" in sigmoidoscopy and "45330 with PT" in sigmoidoscopy and "G0121" not in sigmoidoscopy
    assert "usual deductible and 20% coinsurance" in colonoscopy
    assert "comes from PT" in (colorectal_33_note("45385", ["PT", "33"]) or "")
    site = _price("45378-33", GI)["sites"][0]
    assert Decimal(str(site["beneficiary"])) == (Decimal(str(site["allowed"])) / 5).quantize(Decimal("0.01"))


def test_sa_says_how_medicare_pays_an_np_and_that_incident_to_is_not_the_hospitals(
    tmp_path: Path, pricer: Pricer
) -> None:
    """99285-SA at POS 21: the note says Medicare pays by the rendering practitioner (--provider np: 85%), incident-to
    only in the office, FS for a split/shared visit; the amount stays the RVU file's facility amount at Columbus's
    GPCIs, price and batch alike (an NP's line with SA: 85% of it, the note the same)."""
    single = _price("99285-SA", ED)
    assert SA_NOTE in single["notes"] and not any("SA is informational" in text for text in single["notes"])
    fee = pfs_amount(pricer, "99285", "", "facility", ED["date"], ED["locality"])
    assert Decimal(str(single["pfs"]["facility"]["amount"])) == fee
    done, rows = run_batch_rows(tmp_path, [_row("E1", "99285", "SA", ED), _row("E2", "99285", "SA", ED, "NP")])
    assert done.exit_code == 0, done.output
    assert SA_NOTE in rows[0]["note"] and SA_NOTE in rows[1]["note"]
    assert Decimal(rows[0]["pfs_facility_amount"]) == fee
    own = _price("99285-SA", ED, "--provider", "np")
    assert (
        SA_NOTE in own["notes"]
        and Decimal(rows[1]["pfs_facility_amount"]) == Decimal(str(own["pfs"]["facility"]["amount"])) < fee
    )
    for words in ("85%", "--provider np", "incident-to", "POS 19, 21, 22, 23", "FS", "ch. 15 §60", "§30.6.18"):
        assert words in SA_NOTE, words
    assert "; " not in SA_NOTE


def test_modifiers_table_says_the_same() -> None:
    """`rvucalc modifiers 33 SA`: the notes are the ones the lines say (one text source)."""
    done = runner.invoke(app, ["modifiers", "33", "SA", "-f", "json"])
    assert done.exit_code == 0, done.output
    notes = {row["modifier"]: row["note"] for row in json.loads(done.stdout)["modifiers"]}
    assert notes == {"33": PREVENTIVE_33_NOTE, "SA": SA_NOTE}
    assert "G0105/G0121" in PREVENTIVE_33_NOTE and "PT" in PREVENTIVE_33_NOTE and "waives nothing" in PREVENTIVE_33_NOTE
    assert "can waive" not in PREVENTIVE_33_NOTE
