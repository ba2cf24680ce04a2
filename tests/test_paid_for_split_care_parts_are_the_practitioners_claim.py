"""A split global surgical package's parts (54 surgical care only, 55 postoperative, 56 preoperative management only)
are billed by the physicians who split it (Claims Processing Manual ch. 12 §40.2.A: "Physicians Who Furnish Part of a
Global Surgical Package"), never on the hospital's or ASC's own claim: without --paid-for, batch compares such a line
at a hospital or ASC with professional_allowed, as it does 26, not the site's whole allowed amount. An ophthalmology
group's NextGen export (Tampa, ZIP 33609): the surgeon's 66984-RT-54 at POS 24 paid its 80% share was "underpaid" by
the ASC's rate on the ASC's own claim beside it, and stderr's advice to rerun with --paid-for professional compared
the ASC's own claims with a physician's fee. The shares are CMS's: 66984's pre-op 0.10 + intra-op 0.70, post-op 0.20
(RVU26C), of its 2026 facility fee schedule amount, rounded to the cent."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from typer.testing import CliRunner

from cms_fees import fee_2026, rvu_2026_row
from rvucalc.cli import app
from rvucalc.lookup.paid_for import professional_claim_line

REST_OF_FLORIDA = "0910299"  # ZIP 33609's locality (CMS's ZIP5 file)
CENT = Decimal("0.01")


def _share(columns: slice) -> Decimal:
    """66984's facility fee times its RVU26C share (PRE OP, INTRA OP, POST OP columns), rounded once."""
    share = sum(Decimal(value) for value in rvu_2026_row("66984")[columns])
    return (fee_2026("66984", REST_OF_FLORIDA, facility=True) * share).quantize(CENT, ROUND_HALF_UP)


def test_split_care_modifiers_say_the_practitioners_claim() -> None:
    for modifier in ("54", "55", "56"):
        assert professional_claim_line(["RT", modifier]) is not None
    assert professional_claim_line(["RT"]) is None


def test_the_surgeons_54_line_at_the_asc_is_compared_with_the_physicians_share(tmp_path: Path) -> None:
    surgical, postoperative = _share(slice(15, 17)), _share(slice(17, 18))
    assert (surgical, postoperative) == (Decimal("370.12"), Decimal("92.53"))  # 80% and 20% of $462.65
    source = tmp_path / "nextgen.csv"
    source.write_text(
        "Encounter #,Svc Date,CPT/HCPCS,Mod 1,Mod 2,Units,POS,Rendering,Svc Loc ZIP,Charge,Ins Paid\n"
        f'E1,08/04/2026,66984,RT,54,1,24,"CHEN, DAVID MD",33609,1800.00,{surgical}\n'
        f'E2,08/04/2026,66984,RT,55,1,24,"BAKER, TOM OD",33609,400.00,{postoperative}\n'
        "F1,08/04/2026,66984,RT,,1,24,TAMPA BAY EYE SURGERY CENTER,33609,3500.00,1191.75\n"
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    surgeon, optometrist, asc = list(csv.DictReader(out.open()))
    assert Decimal(surgeon["professional_allowed"]) == surgical, surgeon
    assert Decimal(surgeon["allowed"]) > surgical  # the site's whole: the ASC's rate beside the surgeon's share
    assert (Decimal(surgeon["expected"]), Decimal(surgeon["variance"])) == (surgical, Decimal("0.00")), surgeon
    assert "split global surgical package" in surgeon["note"], surgeon["note"]
    assert (Decimal(optometrist["expected"]), Decimal(optometrist["variance"])) == (postoperative, 0), optometrist
    # the ASC's own claim is still compared with the ASC's payment (the site's whole less the physician's fee)
    facility = Decimal(asc["allowed"]) - Decimal(asc["professional_allowed"])
    # Addendum AA, July 2026: 66984 national $1,255.73; CY2026 ASC wage index (WI26), CBSA 45294: 0.8981
    asc_rate = Decimal("1255.73") * (Decimal("0.5") * Decimal("0.8981") + Decimal("0.5"))
    asc_rate = asc_rate.quantize(CENT, ROUND_HALF_UP)
    assert Decimal(asc["expected"]) == facility == asc_rate, asc
    assert "less than expected" not in result.stderr, result.stderr
    assert "split global surgical package's 54, 55 or 56" in result.stderr
