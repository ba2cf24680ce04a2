"""A practice's 'Rendering Provider' of names with credentials ('GARCIA, MARIA MD', 'LEE, SAM NP') names its own ASC's
POS 24 rows 'ASC' or by a business name ending in ASC: that one cell left the whole column unread, every line priced
as --provider says, the NP's 99213 at a physician's 100% and the ASC's line as a physician's. The ASC's cell is read
as the ASC's own claim line beside the names, as a practice's name is passed over: the NP's line is CMS's RVU26C
office fee in MIAMI at 85%, the ASC's line among the facility claims."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from cms_fees import fee_2026
from test_batch_asc_provider_own_claim import _run

HEADER = "Claim No,Svc Date,Proc Code,Mod1,Qty,Place of Svc,Zip,Rendering Provider\n"
ROWS = (
    'S1,09/14/2026,66984,RT,1,24,33136,"GARCIA, MARIA MD"\n'
    'N1,09/14/2026,99213,,1,11,33136,"LEE, SAM NP"\n'
    "A1,09/14/2026,66984,RT,1,24,33136,{cell}\n"
)


@pytest.mark.parametrize("cell", ["ASC", "DENVER ENDOSCOPY ASC"])
def test_an_asc_cell_beside_practitioners_names_leaves_the_column_read(tmp_path: Path, cell: str) -> None:
    rows, summary, said = _run(tmp_path, "names", HEADER + ROWS.format(cell=cell))
    assert "'Rendering Provider' is not read" not in said
    _, np_row, _ = rows
    office = fee_2026("99213", "0910204")
    assert Decimal(np_row["allowed"]) == (office * Decimal("0.85")).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert summary["totals"]["facility_claims"]["lines"] == 1


# A 'Provider' column of credentials alone, a medical assistant's row among them ('CMA': a credential rvucalc does not
# read, priced as --provider says with its note; a column of names does not take it, as it may be a surname)
CREDENTIALS = (
    "Claim No,Svc Date,Proc Code,Mod1,Qty,Place of Svc,Zip,Provider\n"
    "S1,09/14/2026,66984,RT,1,24,33136,MD\n"
    "N1,09/14/2026,99213,,1,11,33136,NP\n"
    "M1,09/14/2026,99211,,1,11,33136,CMA\n"
    "A1,09/14/2026,66984,RT,1,24,33136,{cell}\n"
)


@pytest.mark.parametrize("cell", ["DENVER ENDOSCOPY ASC", "49"])
def test_an_asc_cell_beside_bare_credentials_leaves_the_column_read(tmp_path: Path, cell: str) -> None:
    """A 'Provider' column of credentials alone ('MD', 'NP', 'CMA') with the ASC's own cell was left unread
    (``credentials_alone`` took the ASC's name for a name), the NP's 99213 paid 100%: read now, the ASC's cell passed
    over as a column of names passes over it, the NP's line at 85% and the ASC's line its own claim at POS 24."""
    rows, summary, said = _run(tmp_path, "alone", CREDENTIALS.format(cell=cell))
    assert "'Provider' is not read" not in said
    np_row = rows[1]
    office = fee_2026("99213", "0910204")
    assert Decimal(np_row["allowed"]) == (office * Decimal("0.85")).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert summary["totals"]["facility_claims"]["lines"] == 1
