"""Preventive services: the codes whose deductible and coinsurance Medicare waives (engine.preventive).

The list is CMS's MLN "Medicare Preventive Services" chart (MLN006559); the PT schedule is
the Consolidated Appropriations Act, 2021 §122 (MLN MM12656). The allowed amount used
for G0438 is CMS's own: RVU26C's row priced at the national GPCIs.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from rvucalc.engine import preventive
from rvucalc.engine.pfs import fee_cents

# PPRRVU2026_Jul_nonQPP.csv: G0438,,"Ppps, initial visit",A,,2.60,2.45,,2.45,NA,0.17,5.22,5.22,...,33.4009
G0438_NATIONAL_CENTS = int(fee_cents(260, 245, 17, 1000, 1000, 1000, 334_009))


@pytest.mark.parametrize(
    "code", ["G0438", "G0439", "G0402", "77067", "77063", "G0121", "G0105", "G0104", "82270", "76706", "G0442",
             "G0444", "Q0091", "G0101", "G0008", "G0009", "G0010", "00812"],
)  # fmt: skip
def test_listed_preventive_services_are_free_to_the_patient(code: str) -> None:
    found = preventive.waiver(code, [], 2026)
    assert found is not None
    assert found.deductible_waived and found.coinsurance_waived
    assert "$0.00" in found.reason and found.source


def test_g0438_patient_pays_nothing() -> None:
    assert G0438_NATIONAL_CENTS == 17_435  # 5.22 RVUs x $33.4009 = $174.35
    found = preventive.waiver("G0438", [], 2026)
    assert preventive.beneficiary_cents(G0438_NATIONAL_CENTS, found) == 0
    assert found is not None and found.verified


def test_codes_that_keep_the_coinsurance_are_not_listed() -> None:
    # Barium enema, the IPPE screening ECG, glaucoma screening, DSMT: coinsurance applies (MLN006559).
    for code in ("G0106", "G0120", "G0403", "G0404", "G0405", "G0117", "G0118", "G0108", "G0109", "99213", "45378"):
        assert preventive.waiver(code, [], 2026) is None
    assert preventive.beneficiary_cents(10_001, None) == 2_000  # 20% of $100.01 = $20.002


def test_advance_care_planning_needs_modifier_33() -> None:
    assert preventive.waiver("99497", [], 2026) is None
    found = preventive.waiver("99497", ["33"], 2026)
    assert found is not None and found.coinsurance_waived and "G0438/G0439" in found.reason


@pytest.mark.parametrize(
    ("year", "percent"),
    [(2021, 20), (2022, 20), (2023, 15), (2026, 15), (2027, 10), (2029, 10), (2030, 0), (2031, 0)],
)
def test_screening_colonoscopy_turned_diagnostic_coinsurance_by_year(year: int, percent: int) -> None:
    found = preventive.waiver("45385", ["PT"], year)
    assert found is not None and found.deductible_waived
    assert found.coinsurance_percent == percent
    assert preventive.beneficiary_cents(20_000, found) == 20_000 * percent // 100


def test_pt_applies_to_surgery_codes_and_the_listed_others_only() -> None:
    for code in ("45378", "00811", "G0500", "99153"):
        assert preventive.waiver(code, ["PT"], 2026) is not None
    assert preventive.waiver("99213", ["PT"], 2026) is None


def test_unverified_entries_say_so_in_the_reason() -> None:
    found = preventive.waiver("G0444", [], 2026)
    assert found is not None and not found.verified and "not re-read" in found.reason


def test_beneficiary_share_rounds_once_half_up() -> None:
    found = preventive.waiver("45385", ["PT"], 2026)
    assert preventive.beneficiary_cents(10_010, found) == 1_502  # 15% of $100.10 = $15.015
    assert preventive.pt_coinsurance(2026) == Fraction(15)
    assert "G0438" in preventive.preventive_codes()


def test_acp_with_33_keeps_its_waiver_only_beside_the_awv_in_price_and_batch() -> None:
    """A trial: 99497-33 on a claim with 99214 and no AWV paid the patient's share as waived ($0.00), though its own
    note said "only when furnished with G0438/G0439". The deductible and coinsurance apply unless the AWV is on the
    claim (MLN006559; MM9271); a line alone has no AWV beside it either (C3). Price and batch give the same money, the
    hospital's copayment too (99497 SI Q1 in October 2025's Addendum B)."""
    from decimal import Decimal

    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer
    from rvucalc.lookup.pricer import Pricer

    pricer = Pricer()
    claims = [("C1", ["99214", "99497-33"]), ("C2", ["G0439", "99497-33"]), ("C3", ["99497-33"]),
              ("C4", ["99497-33", "99213"])]  # fmt: skip
    day = {"date": "2025-06-01", "zip": "10001"}
    rows = [{"claim": claim, "code": code, "setting": "22" if claim == "C4" else "11", **day}
            for claim, codes in claims for code in codes]  # fmt: skip
    out = iter(BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist())
    for claim, codes in claims:
        setting = "22" if claim == "C4" else "11"
        encounter = pricer.price_encounter(codes, zip_code="10001", date_of_service="2025-06-01", setting=setting)
        for line in encounter.lines:
            row = next(out)
            site = line.sites[0]
            money = [None if row[name] is None else Decimal(str(row[name])) for name in ("allowed", "beneficiary")]
            assert money == [site.total, site.beneficiary], (claim, line.code)
            if line.code == "99497":
                waived = claim == "C2"
                assert (site.beneficiary == 0) == waived, claim
                assert (preventive.ACP_WITHOUT_AWV in line.notes) == (not waived)
                assert (preventive.ACP_WITHOUT_AWV in str(row["note"])) == (not waived)
                if claim == "C4":
                    assert line.opps is not None and line.opps.copayment and line.opps.copayment > 0
                    assert Decimal(str(row["opps_copayment"])) == line.opps.copayment


def test_an_awv_line_refused_by_its_rules_does_not_keep_acp_33_s_waiver_in_batch() -> None:
    """A fuzz trial: G0439-QX (refused: an anesthesia modifier) beside 99213 and 99497-33 kept 99497-33's waiver in
    batch (patient $0.00) while the claim's lines said the rules ran without G0439; `price 99213 99497-33`, the same
    claim without it, says the deductible and coinsurance apply ($17.89 in Manhattan, 2025). A valid AWV keeps it."""
    from decimal import Decimal

    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer
    from rvucalc.lookup.pricer import Pricer

    pricer = Pricer()
    day = {"date": "2025-02-03", "zip": "10001", "setting": "11"}
    rows = [{"claim": "A", "code": "G0439-QX", **day}, {"claim": "A", "code": "99213", **day},
            {"claim": "A", "code": "99497-33", **day}, {"claim": "B", "code": "G0439", **day},
            {"claim": "B", "code": "99497-33", **day}]  # fmt: skip
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    assert out[0]["error"] and not out[1]["error"]
    without = pricer.price_encounter(["99213", "99497-33"], zip_code="10001", date_of_service="2025-02-03",
                                     setting="11").lines[1].sites[0]  # fmt: skip
    assert without.beneficiary and without.beneficiary > 0
    assert [Decimal(str(out[2][name])) for name in ("allowed", "beneficiary")] == [without.total, without.beneficiary]
    assert preventive.ACP_WITHOUT_AWV in out[2]["note"]
    assert Decimal(str(out[4]["beneficiary"])) == 0 and preventive.ACP_WITHOUT_AWV not in out[4]["note"]


# PPRRVU2026_Jul_nonQPP.csv: 99497,,"Advncd care plan 30 min",A,,1.50,1.01,,0.38,,0.09,...,33.4009; GPCI2026 REST OF
# TEXAS (0441299): work 1.000, PE 0.949, MP 0.903. Office $84.83; the patient's 20% $16.97 (half-up once).
ACP_TEXAS_CENTS = int(fee_cents(150, 101, 9, 1000, 949, 903, 334_009))


def test_acp_33_alone_is_an_encounter_without_the_awv_in_price_and_batch() -> None:
    """A trial (rural primary care, ZIP 75901): a one-line claim of 99497-33 printed the patient's share as $0.00
    "waived (only when furnished with G0438/G0439...)", while the same line beside 99214-25 owed $16.97. CMS waives
    ACP's deductible and coinsurance only with the AWV on the same claim, same day (CR 9271 / MM9271; MLN006559): a
    line alone has no AWV. `price 99497-33`, a one-line claim and a row without a claim id all owe 20%; with G0439
    on the claim it is waived."""
    from decimal import Decimal

    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer
    from rvucalc.lookup.pricer import Pricer

    assert ACP_TEXAS_CENTS == 8483
    owed = Decimal(preventive.beneficiary_cents(ACP_TEXAS_CENTS, None)).scaleb(-2)
    assert owed == Decimal("16.97")
    pricer = Pricer()
    day = {"date": "2026-02-10", "zip": "75901", "setting": "11"}
    alone = pricer.price("99497-33", zip_code="75901", date_of_service="2026-02-10", setting="11")
    office = alone.sites[0]
    assert (office.total, office.beneficiary) == (Decimal("84.83"), owed)
    assert preventive.ACP_WITHOUT_AWV in alone.notes
    rows = [{"claim": "A1", "code": "99497-33", **day}, {"claim": "A2", "code": "99497-33", **day},
            {"claim": "A2", "code": "99214-25", **day}, {"claim": "A3", "code": "99497-33", **day},
            {"claim": "A3", "code": "G0439", **day}, {"claim": "", "code": "99497-33", **day}]  # fmt: skip
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    for number in (0, 1, 5):
        assert [Decimal(str(out[number][name])) for name in ("allowed", "beneficiary")] == [Decimal("84.83"), owed]
        assert preventive.ACP_WITHOUT_AWV in out[number]["note"]
    assert Decimal(str(out[3]["beneficiary"])) == 0 and preventive.ACP_WITHOUT_AWV not in out[3]["note"]
    without_claims = [{"code": "99497-33", **day}]
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(without_claims)).to_pylist()
    assert Decimal(str(out[0]["beneficiary"])) == owed


# PPRRVU2025_Oct.csv: G0500,,"Mod sedat endo service >5yrs",A,,0.10,1.57,,0.04,,0.03,...,32.3465; GPCI2025
# METROPOLITAN ST. LOUIS (0530201, ZIP 63110): work 1.000, PE 0.952, MP 0.994. Office $52.55, facility $5.43; the
# patient's 20% would be $10.51 and $1.09 (half-up once); PT's 15% in 2025 is $7.88.
G0500_STL_OFFICE_CENTS = int(fee_cents(10, 157, 3, 1000, 952, 994, 323_465))
G0500_STL_FACILITY_CENTS = int(fee_cents(10, 4, 3, 1000, 952, 994, 323_465))


def test_moderate_sedation_with_a_screening_colonoscopy_is_waived_in_price_and_batch() -> None:
    """A GI billing manager's trial (ZIP 63110, November 2025): `price G0500-33 G0121` charged the patient 20% of
    G0500 ($10.51 in the office), and batch's claim of G0500-33 and G0121 at an ASC (POS 24) $1.09. CMS waives the
    deductible and coinsurance of moderate sedation furnished with a screening colonoscopy (Transmittal 3763, CR 10075):
    with G0105 or G0121 on the claim and date the patient owes nothing for G0500 and its add-on 99153 reported with
    modifier 33. Without the screening colonoscopy (a line alone, a row without a claim id) 20% stands, said when 33
    claims it; beside one but without 33 (a review: not verified that 33 may be left off) 20% stands, the line saying
    what 33 would do; sedation for a screening turned diagnostic (PT) owes PT's 15%. Price and batch agree."""
    from decimal import Decimal

    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer
    from rvucalc.lookup.pricer import Pricer

    assert (G0500_STL_OFFICE_CENTS, G0500_STL_FACILITY_CENTS) == (5255, 543)
    twenty = Decimal(preventive.beneficiary_cents(G0500_STL_OFFICE_CENTS, None)).scaleb(-2)
    assert twenty == Decimal("10.51")
    assert preventive.beneficiary_cents(G0500_STL_FACILITY_CENTS, None) == 109
    pt = Decimal(preventive.beneficiary_cents(G0500_STL_OFFICE_CENTS, preventive.waiver("G0500", ["PT"], 2025)))
    claims = [("S1", "24", ["G0500-33", "G0121"]), ("S2", "11", ["G0500-33", "G0121"]),
              ("S3", "11", ["G0500-33", "99153-33", "G0105"]), ("S4", "11", ["G0500-33"]),
              ("S5", "11", ["G0500-PT", "45385-PT"]), ("", "11", ["G0500"]),
              ("S6", "11", ["G0500", "G0121"])]  # fmt: skip
    expected = {"S1": Decimal(0), "S2": Decimal(0), "S3": Decimal(0), "S4": twenty, "S5": pt.scaleb(-2), "": twenty,
                "S6": twenty}  # fmt: skip
    day = {"date": "2025-11-10", "zip": "63110"}
    rows = [{"claim": claim, "code": code, "setting": setting, **day} for claim, setting, codes in claims
            for code in codes]  # fmt: skip
    pricer = Pricer()
    out = iter(BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist())
    for claim, setting, codes in claims:
        encounter = pricer.price_encounter(codes, zip_code="63110", date_of_service="2025-11-10", setting=setting)
        for line in encounter.lines:
            row = next(out)
            site = line.sites[0]
            money = [Decimal(str(row[name])) for name in ("allowed", "beneficiary")]
            assert money == [site.total, site.beneficiary], (claim, line.code)
            if line.code not in ("G0500", "99153"):
                continue
            if line.code == "G0500":  # the physician's fee alone: at the ASC (POS 24), its PFS facility amount
                cents = G0500_STL_FACILITY_CENTS if setting == "24" else G0500_STL_OFFICE_CENTS
                assert site.total == Decimal(cents).scaleb(-2)
            assert site.beneficiary == expected[claim], (claim, line.code)
            assert Decimal(str(row["professional_beneficiary"])) == expected[claim], (claim, line.code)
            waived = expected[claim] == 0
            assert (preventive.SEDATION_REASON in line.notes) == waived
            assert (preventive.SEDATION_REASON in str(row["note"])) == waived
            unscreened = claim == "S4"
            assert (preventive.SEDATION_WITHOUT_SCREENING in line.notes) == unscreened
            assert (preventive.SEDATION_WITHOUT_SCREENING in str(row["note"])) == unscreened
            without_33 = claim == "S6"
            assert (preventive.SEDATION_WITHOUT_33 in line.notes) == without_33
            assert (preventive.SEDATION_WITHOUT_33 in str(row["note"])) == without_33
    alone = pricer.price("G0500-33", zip_code="63110", date_of_service="2025-11-10", setting="office")
    assert alone.sites[0].beneficiary == twenty and preventive.SEDATION_WITHOUT_SCREENING in alone.notes


def test_pt_says_where_it_does_not_apply_in_price_and_batch() -> None:
    """A GI billing manager's trial: `price 99213-PT` said "Modifier PT does not change the PFS amount: it changes the
    patient's coinsurance", but the 20% stayed, rightly (PT's coinsurance is for CPT 10000-69999, G0500, 00811 and
    99153: MM12656); G0121-PT and G0105-PT were accepted without a word, where PT goes on the diagnostic CPT code billed
    instead of the screening G code (MM7012). The notes say so; the money is unchanged (99213 owes its 20%, G0121 its
    screening waiver), and batch's rows say the same."""
    from decimal import Decimal

    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer
    from rvucalc.lookup.pricer import Pricer

    # PPRRVU2025_Oct.csv: 99213,,"Office o/p est low 20 min",A,,1.30,1.35,,0.57,,0.10,...,32.3465 (ST. LOUIS GPCIs)
    office = int(fee_cents(130, 135, 10, 1000, 952, 994, 323_465))
    assert office == 8684
    pricer = Pricer()
    day = {"zip_code": "63110", "date_of_service": "2025-11-10", "setting": "office"}
    visit = pricer.price("99213-PT", **day)
    assert (visit.sites[0].total, visit.sites[0].beneficiary) == (Decimal("86.84"), Decimal("17.37"))
    assert preventive.PT_NOTE not in visit.notes
    assert any("Modifier PT does not apply to 99213" in note and "MM12656" in note for note in visit.notes)
    screening = pricer.price_encounter(["G0121-PT", "G0105-PT"], **day)
    for line in screening.lines:
        assert line.sites[0].beneficiary == 0
        assert preventive.PT_NOTE not in line.notes
        assert any(f"not on {line.code}" in note and "MM7012" in note for note in line.notes), line.notes
    procedure = pricer.price("45385-PT", **day)
    assert preventive.PT_NOTE in procedure.notes
    rows = [{"code": code, "zip": "63110", "date": "2025-11-10", "setting": "11"}
            for code in ("99213-PT", "G0121-PT", "45385-PT")]  # fmt: skip
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    assert "Modifier PT does not apply to 99213" in out[0]["note"]
    assert Decimal(str(out[0]["beneficiary"])) == Decimal("17.37")
    assert "not on G0121" in out[1]["note"] and Decimal(str(out[1]["beneficiary"])) == 0
    assert preventive.PT_NOTE in out[2]["note"]


def test_acp_33_beside_another_practitioners_awv_owes_the_coinsurance_in_batch(tmp_path: Path) -> None:
    """A geriatrics trial (c6.csv, claim W1): an MD bills G0439 and an NP bills 99497-33 on one claim and date (ZIP
    19103, POS 12); the ACP line showed the patient $0.00 and Medicare $76.25. The waiver is for ACP "furnished on the
    same day and by the same provider as an AWV" (MLN Matters MM9271): the NP's ACP owes 20% of the NP's amount (85% of
    CMS's fee), said why; the NP's own AWV beside it keeps the waiver, as `price G0439 99497-33 --provider np` does."""
    import csv
    from decimal import Decimal

    from typer.testing import CliRunner

    from rvucalc.cli import app
    from rvucalc.lookup.pricer import Pricer
    from test_batch_provider_column import _85_percent
    from test_physician_claims_at_facilities import pfs_amount

    source = tmp_path / "c6.csv"
    source.write_text(
        "Claim ID,DOS,POS,Rendering Provider Credential,CPT,Mod 1,Units,ZIP\n"
        "W1,08/03/2026,12,MD,G0439,,1,19103\nW1,08/03/2026,12,NP,99497,33,1,19103\n"
        "W6,08/03/2026,12,NP,G0439,,1,19103\nW6,08/03/2026,12,NP,99497,33,1,19103\n"
    )
    output = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(output), "-q"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(output.open()))
    pricer = Pricer()
    fee = _85_percent(pfs_amount(pricer, "99497", "", "non_facility", "2026-08-03", "1250201"))
    share = (fee / 5).quantize(Decimal("0.01"))
    assert (fee, share) == (Decimal("76.25"), Decimal("15.25"))
    acp = rows[1]
    assert [Decimal(acp[name]) for name in ("allowed", "beneficiary", "medicare")] == [fee, share, fee - share]
    assert preventive.ACP_AWV_OTHER_PRACTITIONER in acp["note"] and preventive.ACP_WITHOUT_AWV not in acp["note"]
    assert [Decimal(rows[3][name]) for name in ("allowed", "beneficiary", "medicare")] == [fee, 0, fee]
    assert preventive.ACP_AWV_OTHER_PRACTITIONER not in rows[3]["note"]
    single = pricer.price_encounter(["G0439", "99497-33"], zip_code="19103", date_of_service="2026-08-03",
                                    setting="12", provider="np").lines[1].sites[0]  # fmt: skip
    assert (single.total, single.beneficiary) == (fee, 0)


def test_the_acp_outcome_names_another_practitioners_awv() -> None:
    assert preventive.SAME_PROVIDER_CODES == preventive.ACP_CODES
    outcome = preventive.encounter_outcome("99497", ["33"], False, True)
    assert outcome is not None and outcome.waiver is None and outcome.note == preventive.ACP_AWV_OTHER_PRACTITIONER
    assert preventive.encounter_outcome("99497", ["33"], True, False) is None
    assert preventive.ACP_AWV_OTHER_PRACTITIONER in preventive.NO_WAIVER_NOTES


def test_pt_on_the_screening_anesthesia_code_names_the_code_pt_goes_on() -> None:
    """A gastroenterology ASC trial: 00812-QS-AA-PT beside 45385-PT (a screening colonoscopy that became therapeutic)
    said "Modifier PT does not apply to 00812 ..." and nothing of what the anesthesia claim bills instead: 00811 with
    PT (MLN Matters MM12656 lists 00811 among PT's codes; 00812, the screening's anesthesia, owes nothing, CR 10181).
    The amounts are as before: 00812 stays the screening's, the patient $0.00."""
    from decimal import ROUND_HALF_UP, Decimal

    from rvucalc.lookup.pricer import Pricer

    pricer = Pricer()
    day = {"zip_code": "77030", "date_of_service": "2025-11-05", "setting": "asc"}
    line = pricer.price("00812-QS-AA-PT", base_units=3, minutes=31, **day)
    (note,) = [note for note in line.notes if note.startswith("Modifier PT does not apply to 00812")]
    assert "billed as 00811 with PT" in note and "MM12656" in note, note
    assert line.sites[0].beneficiary == Decimal("0.00")
    # CMS's ANES2025.csv, HOUSTON's row: (3 base + 31/15 = 2.1 time units) x $21.09 = $107.559 -> $107.56
    anes = Path(__file__).parent.parent / "data" / "rvu" / "2025" / "ANES2025.csv"
    (houston,) = [row for row in anes.read_text(encoding="latin-1").splitlines() if row.startswith("04412 ,18 ,")]
    cf = Decimal(houston.split(",")[3].strip())
    assert cf == Decimal("21.09")
    exact = (3 + Decimal("2.1")) * cf
    assert line.sites[0].total == exact.quantize(Decimal("0.01"), ROUND_HALF_UP) == Decimal("107.56")
    # 00811 with PT takes PT's share (15% in 2025) and no such hint; another code keeps the plain note
    assert not any(
        "billed as 00811" in n for n in pricer.price("00811-QS-AA-PT", base_units=4, minutes=31, **day).notes
    )
    assert preventive.pt_note("99213").endswith("it does not change this line's cost sharing.")
