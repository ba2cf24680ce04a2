"""A GI group that owns its ASC exports the ASC's POS 24 lines beside its physicians' (Gmed: 'Billing Provider',
'Rendering Provider'), the ASC the billing provider and its surgeon the rendering provider on both claims. The
'Billing Provider' column was not read: the ASC's lines were priced as the surgeon's second claim, each colonoscopy's
physician fee counted twice among the practitioners' claims and the ASC's own bill counted nowhere. A Medicare ASC
bills on the 837P with POS 24 and the MAC tells its lines from the surgeon's by the billing provider, an ASC (Claims
Processing Manual ch. 14 §50, ch. 26 §10.7): such a row is the ASC's own claim line, as a UB-04 831 row is. Every
money column and the summary's totals equal the 831 file's (CMS's amounts, priced from its files, not typed)."""

from __future__ import annotations

from pathlib import Path

from rvucalc.batch.price import FACILITY_CLAIM_WORDS
from test_batch_asc_provider_own_claim import _run

HEADER = ("Claim #,Date of Service,Billing Provider,Rendering Provider,CPT Code,Modifier 1,Units,Place of Service,"
          "TOB,Facility Zip\n")  # fmt: skip
SURGEON = ('GI1,05/20/2025,SUNSHINE GASTROENTEROLOGY PA,"RIVERA, MARIA DO",43239,,1,24,,32806\n'
           'GI1,05/20/2025,SUNSHINE GASTROENTEROLOGY PA,"RIVERA, MARIA DO",45380,,1,24,,32806\n')  # fmt: skip
BY_BILLING = ('A1,05/20/2025,{billing},"RIVERA, MARIA DO",43239,,1,24,,32806\n'
              'A1,05/20/2025,{billing},"RIVERA, MARIA DO",45380,,1,24,,32806\n')  # fmt: skip
BY_BILL = ("A1,05/20/2025,ORLANDO ENDOSCOPY CENTER ASC,,43239,,1,,831,32806\n"
           "A1,05/20/2025,ORLANDO ENDOSCOPY CENTER ASC,,45380,,1,,831,32806\n")  # fmt: skip
MONEY = ("asc_rate", "pfs_facility_amount", "allowed", "beneficiary", "medicare", "professional_allowed", "site",
         "in_totals")  # fmt: skip


def test_an_asc_billing_provider_with_the_surgeon_rendering_is_the_asc_s_own_claim_line(tmp_path: Path) -> None:
    bill_rows, bill_summary, _ = _run(tmp_path, "bill", HEADER + SURGEON + BY_BILL)
    for billing in ("ORLANDO ENDOSCOPY CENTER ASC", "Orlando Ambulatory Surgery Center, LLC"):
        rows, summary, _ = _run(tmp_path, "billing", HEADER + SURGEON + BY_BILLING.format(billing=f'"{billing}"'))
        for row, by_bill in zip(rows, bill_rows, strict=True):
            assert {k: row[k] for k in MONEY} == {k: by_bill[k] for k in MONEY}, (billing, row["CPT Code"])
        assert summary["totals"] == bill_summary["totals"], billing
        assert summary["totals"]["facility_claims"]["lines"] == 2 and summary["totals"]["professional"]["lines"] == 2


def test_a_practice_billing_provider_at_the_asc_keeps_the_surgeon_s_claim(tmp_path: Path) -> None:
    """The group's own name as billing provider at POS 24 is the surgeon's claim: no facility bill in the totals."""
    rows, summary, _ = _run(tmp_path, "group", HEADER + SURGEON)
    assert "facility_claims" not in summary["totals"] and summary["totals"]["professional"]["lines"] == 2
    assert all(row["in_totals"] == "true" for row in rows)


def test_an_anesthesia_or_crna_line_under_an_asc_s_name_stays_the_practitioner_s(tmp_path: Path) -> None:
    """The ASC is paid nothing for anesthesia (42 CFR 416.164(a)(13)): an anesthesia code's line, or a line a CRNA
    rendered, billed under a name ending in ASC is the practitioner's claim, priced as under the group's name."""
    header = HEADER.replace("\n", ",Base Units\n")
    line = '{billing},"NGUYEN, LINH CRNA",00811,QZ,41,24,,32806,4\n'
    group = _run(tmp_path, "group", header + "C1,04/08/2025," + line.format(billing="SUNSHINE GASTROENTEROLOGY PA"))
    asc = _run(tmp_path, "asc", header + "C1,04/08/2025," + line.format(billing="ORLANDO ENDOSCOPY CENTER ASC"))
    assert [{k: row[k] for k in MONEY} for row in asc[0]] == [{k: row[k] for k in MONEY} for row in group[0]]
    assert asc[1]["totals"] == group[1]["totals"] and "facility_claims" not in asc[1]["totals"]
    assert asc[0][0]["professional_allowed"] not in ("", "0.00")


def test_a_surgery_center_practice_p_a_billing_at_the_asc_keeps_the_surgeon_s_claim(tmp_path: Path) -> None:
    """A surgeons' practice named a surgery center, a professional association's or corporation's ('MIAMI PLASTIC
    SURGERY CENTER, P.A.'), bills its surgeons' claims at the ASC: its rows are priced and totalled as under any
    group's name, the surgeon's fee among the practitioners' claims; a surgery center's LLC is the ASC's own bill."""
    group_rows, group_summary, _ = _run(tmp_path, "group", HEADER + SURGEON)
    for practice in (
        "MIAMI PLASTIC SURGERY CENTER, P.A.",
        "Coastal Oral Surgery Center PC",
        "BAYVIEW SURGICAL CENTER PLLC",
    ):
        rows, summary, _ = _run(tmp_path, "practice", HEADER + BY_BILLING.format(billing=f'"{practice}"'))
        assert [{k: row[k] for k in MONEY} for row in rows] == [{k: row[k] for k in MONEY} for row in group_rows]
        assert summary["totals"] == group_summary["totals"], practice
    _, asc, _ = _run(tmp_path, "asc", HEADER + BY_BILLING.format(billing='"BAYVIEW SURGERY CENTER, LLC"'))
    assert "professional" not in asc["totals"] and asc["totals"]["facility_claims"]["lines"] == 2


def test_the_billing_provider_column_read_is_said_on_stderr(tmp_path: Path) -> None:
    _, _, said = _run(tmp_path, "said", HEADER + SURGEON)
    assert "billing provider ← Billing Provider, read at the ASC (POS 24) alone" in said
    _, _, unsaid = _run(tmp_path, "unsaid", HEADER.replace("Billing Provider", "Practice") + SURGEON)
    assert "billing provider ←" not in unsaid


def test_the_asc_s_paid_note_names_its_billing_provider_not_the_surgeon_s_cell(tmp_path: Path) -> None:
    """Its paid amount is compared with the ASC's payment because its billing provider names the ASC: the note said
    its provider cell ('RIVERA, MARIA DO') did."""
    header = HEADER.replace("\n", ",Paid\n")
    rows, _, _ = _run(tmp_path, "paid", header + BY_BILLING.format(billing="ORLANDO ENDOSCOPY CENTER ASC").replace(
        "\n", ",1.00\n"))  # fmt: skip
    for row in rows:
        assert FACILITY_CLAIM_WORDS[3] in row["note"] and FACILITY_CLAIM_WORDS[2] not in row["note"], row["note"]
