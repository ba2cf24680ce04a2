"""A DME line's state given beside a ZIP of another state: the state's DMEPOS fee is kept (the DME MACs price by the
beneficiary's permanent address, Noridian JD DME, "How Pricing Is Identified for Certain Products": a WY patient may be
served in MT), but said on the line, in price and batch alike, so that a mistyped state is seen. A trial's
`price E0601-RR-KH --zip 59330 --state WY --rural` printed WY's rural fee for a Montana ZIP with no word of it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from conftest import run_batch_rows
from rvucalc.reference.loaders import schedules as loaders

DMEPOS_FILE = Path(__file__).parent.parent / "data" / "dmepos" / "2026" / "DMEPOS26_JAN.xlsx"
MONTANA_ZIP = "59330"  # Glendive, MT (CMS's ZIP5 file: state MT)


@pytest.fixture(scope="module")
def rural_fees() -> dict[str, Decimal]:
    """CMS's DMEPOS26_JAN rural fee of E0601-RR by state, for MT and WY."""
    _, table = loaders.load_dmepos(DMEPOS_FILE, "DMEPOS")
    rows = table[(table["hcpcs"] == "E0601") & (table["mod"] == "RR") & table["state"].isin(["MT", "WY"])]
    return {row["state"]: Decimal(int(row["r_cents"])).scaleb(-2) for row in rows.to_dict("records")}


def _given_state_notes(notes: list[str] | str) -> list[str]:
    parts = notes.split("; ") if isinstance(notes, str) else notes
    return [note for note in parts if note.startswith("The state given")]


def test_price_keeps_the_states_fee_and_says_the_zip_is_elsewhere(pricer: Any, rural_fees: dict[str, Decimal]) -> None:
    """WY's rural E0601-RR ($97.02) for --state WY at a Montana ZIP, the note naming the ZIP's state (MT's fee is
    $86.69); --state MT there: MT's fee, no such note."""
    assert rural_fees["WY"] != rural_fees["MT"]
    given = pricer.price("E0601", modifier="RR-KH", zip_code=MONTANA_ZIP, state="WY", rural=True)
    assert given.dmepos is not None and given.dmepos.amount == rural_fees["WY"]
    said = _given_state_notes(given.dmepos.notes)
    assert len(said) == 1 and f"ZIP {MONTANA_ZIP}" in said[0] and "(MT)" in said[0] and "WY's" in said[0], said
    same = pricer.price("E0601", modifier="RR-KH", zip_code=MONTANA_ZIP, state="MT", rural=True)
    assert same.dmepos is not None and same.dmepos.amount == rural_fees["MT"]
    assert not _given_state_notes(same.dmepos.notes)
    unnamed = pricer.price("E0601", modifier="RR-KH", zip_code=MONTANA_ZIP, rural=True)
    assert unnamed.dmepos is not None and unnamed.dmepos.amount == rural_fees["MT"]
    assert not _given_state_notes(unnamed.dmepos.notes)


def test_batch_says_it_as_price_does(pricer: Any, rural_fees: dict[str, Decimal], tmp_path: Path) -> None:
    """The trial's row `D3,2026-01-08,E0601,RR,KH,,1,12,59330,WY,Y`: WY's fee and price's notes, the given-state note
    among them; a row with MT, or no state, has none; a patient ZIP in MT with WY given is said the same way."""
    header = ["claim_id", "service_date", "hcpcs", "modifier_1", "modifier_2", "units", "place_of_service",
              "Service ZIP", "Patient ZIP", "state", "rural"]  # fmt: skip
    cells = [["D3", "2026-01-08", "E0601", "RR", "KH", "1", "12", MONTANA_ZIP, "", "WY", "Y"],
             ["D4", "2026-01-08", "E0601", "RR", "KH", "1", "12", MONTANA_ZIP, "", "MT", "Y"],
             ["D5", "2026-01-08", "E0601", "RR", "KH", "1", "12", MONTANA_ZIP, "", "", "Y"],
             ["D6", "2026-01-08", "E0601", "RR", "KH", "1", "12", "", MONTANA_ZIP, "WY", "Y"]]  # fmt: skip
    done, out = run_batch_rows(tmp_path, [dict(zip(header, row, strict=True)) for row in cells])
    assert done.exit_code == 0, done.stderr
    assert [Decimal(row["dmepos_amount"]) for row in out] == [rural_fees[s] for s in ("WY", "MT", "MT", "WY")]
    single = pricer.price("E0601", modifier="RR-KH", zip_code=MONTANA_ZIP, state="WY", rural=True,
                          date_of_service="2026-01-08")  # fmt: skip
    assert single.dmepos is not None and all(note in out[0]["note"] for note in single.dmepos.notes), out[0]["note"]
    assert _given_state_notes(out[0]["note"]) == _given_state_notes(single.dmepos.notes) != []
    assert not _given_state_notes(out[1]["note"]) and not _given_state_notes(out[2]["note"])
    assert _given_state_notes(out[3]["note"]) == _given_state_notes(single.dmepos.notes), out[3]["note"]
