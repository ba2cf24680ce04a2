"""DMEPOS items the RVU file also lists, with a status the PFS does not pay (A7017, status X; 622 of the 2,141 codes
of the January 2026 DMEPOS file are X, P or E there): their DMEPOS row modifiers (NU, RR, UE ...) choose the DMEPOS
fee schedule's row, as on codes the RVU file does not list. The PFS refused them before ("A7017 is not priced from the
DMEPOS fee schedule"). A DMEPOS modifier on a code the DMEPOS file does not list is still refused; single lookups and
batch alike."""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

import pyarrow as pa
from typer.testing import CliRunner

from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.engine.modifiers import ModifierNotApplicable
from rvucalc.errors import RvucalcError

DATE = "2026-02-02"


def _items(pricer: Any) -> list[tuple[str, str]]:
    """(code, modifier) of the DMEPOS file's NU/RR/UE rows whose code the RVU file lists unpaid (status X, P, E)."""
    dmepos = pricer.store(pricer.catalogue.releases("dmepos")[-1])
    pfs = pricer.store(pricer.catalogue.releases("pfs")[-1])
    status = {row["hcpcs"]: row["status"] for row in pfs.rows("rvu") if not row["modifier"]}
    unpaid = {code for code, given in status.items() if given in ("X", "P", "E")}
    return sorted({(row["hcpcs"], row["mod"]) for row in dmepos.rows("dmepos")
                   if row["mod"] in ("NU", "RR", "UE") and not row["mod2"] and row["hcpcs"] in unpaid})  # fmt: skip


def test_their_dmepos_modifiers_choose_the_dmepos_row(pricer: Any) -> None:
    items = _items(pricer)
    assert ("A7017", "NU") in items and len(items) >= 80
    drawn = random.Random(7).sample(items, 40)
    rows = [
        {"code": code, "modifier": modifier, "zip": "10001", "date": DATE, "units": "2"} for code, modifier in drawn
    ]
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    priced = 0
    for (code, modifier), row in zip(drawn, out, strict=True):
        result = pricer.price(code, modifier=modifier, zip_code="10001", date_of_service=DATE, units=2)
        assert result.paid_by == "dmepos" or result.dmepos is not None, (code, modifier)
        assert not row["error"], (code, modifier, row["error"])
        office = next(site for site in result.sites if site.setting == "office")
        assert row["dmepos_amount"] == (result.dmepos.amount if result.dmepos else None)
        assert (row["office_allowed"], row["office_beneficiary"]) == (office.allowed, office.beneficiary)
        priced += office.payable
    assert priced >= 30


def test_a_dmepos_modifier_elsewhere_is_still_refused(pricer: Any) -> None:
    for line in ("80053-RR", "99213-NU", "J9271-NU"):
        code, modifier = line.split("-")
        try:
            pricer.price(code, modifier=modifier, zip_code="10001", date_of_service=DATE)
        except ModifierNotApplicable as exc:
            message = str(exc)
        else:
            raise AssertionError(f"{line} priced")
        [row] = BatchPricer(pricer).price_table(pa.Table.from_pylist(
            [{"code": code, "modifier": modifier, "zip": "10001", "date": DATE}])).to_pylist()  # fmt: skip
        assert row["error"] == message
        assert "is not priced from the DMEPOS fee schedule" in message


def test_the_cli_prices_a7017_nu(isolated_cache: Any) -> None:
    result = CliRunner().invoke(app, ["price", "A7017-NU", "--zip", "10001", "--date", DATE, "-f", "json"])
    assert result.exit_code == 0, result.output
    table = CliRunner().invoke(app, ["price", "A7017-NU", "--units", "3", "--zip", "10001", "--date", DATE])
    assert table.exit_code == 0, table.output
    assert "the line of 3 units is in the 'Who is paid' table" in " ".join(table.stdout.split())
    refused = CliRunner().invoke(app, ["price", "80053-RR", "--zip", "10001", "--date", DATE])
    assert refused.exit_code == 1


def test_an_unknown_code_with_a_dmepos_modifier_is_unknown_first(pricer: Any) -> None:
    """A code nothing lists is "not in the fee schedule" whatever its modifiers, in batch as in single lookups."""
    for code, modifier in (("C9999", "NU"), ("0999T", "RR")):
        try:
            pricer.price(code, modifier=modifier, date_of_service="2025-11-03")
        except RvucalcError as exc:
            message = str(exc)
        else:
            raise AssertionError(f"{code}-{modifier} priced")
        [row] = BatchPricer(pricer).price_table(pa.Table.from_pylist(
            [{"code": code, "modifier": modifier, "date": "2025-11-03"}])).to_pylist()  # fmt: skip
        assert (row["error"], row["error_kind"]) == (message, "unknown_code")


def test_a_dmepos_modifier_that_chose_the_row_is_not_called_informational(pricer: Any) -> None:
    result = pricer.price("A7017", modifier="NU", zip_code="10001", date_of_service=DATE)
    assert not [note for note in result.notes if "informational" in note]
    [row] = BatchPricer(pricer).price_table(pa.Table.from_pylist(
        [{"code": "A7017", "modifier": "NU", "zip": "10001", "date": DATE}])).to_pylist()  # fmt: skip
    assert "informational" not in (row["note"] or "")


def test_every_row_modifier_of_the_dmepos_file_is_known_and_chooses_its_row(pricer: Any) -> None:
    """The file's Mod / Mod2 columns (QF, QB, BA, MS beside RR, NU, UE ...) are the claim's modifiers that choose
    the row: E0431-RR-QF was an "Unknown modifier" though CMS prices it ($48.20 in NY, against $21.24 for RR)."""
    dmepos = pricer.store(pricer.catalogue.releases("dmepos")[-1])
    rows = {
        (row["hcpcs"], row["mod"], row["mod2"]) for row in dmepos.rows("dmepos") if row["mod2"] or row["mod"] == "MS"
    }
    extra = sorted(key for key in rows if {key[1], key[2]} & {"QF", "QB", "BA", "MS"})
    assert len(extra) >= 20
    for code, *mods in extra:
        line = "-".join([code, *filter(None, mods)])
        result = pricer.price(line, zip_code="10001", date_of_service=DATE)
        [item] = [i for i in dmepos.dmepos(code, "NY") if (i["mod"], i["mod2"]) == tuple(mods)]
        assert result.dmepos is not None and result.dmepos.modifier == "-".join(filter(None, mods)), line
        fee = item["fees"]["NY"][0]
        assert result.dmepos.amount == (Decimal(fee).scaleb(-2) if fee else None), line
