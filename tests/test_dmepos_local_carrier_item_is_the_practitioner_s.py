"""A DMEPOS item of the A/B MAC's jurisdiction (CMS's DMEPOS file's JURIS L: A4561/A4562 pessaries) is billed by the
practitioner who furnishes it, on the practitioner's claim. A gynecology practice's trial (ZIP 43215, August 2026): its
CNM's pessary `rvucalc price A4562` was shown in a "Who is paid" table as paid to "DMEPOS supplier", the hospital and
ASC said not to apply as it is "paid to the DMEPOS supplier", where batch counts the same row as the practitioner's
claim (no DME MAC claim). The fee stays CMS's DMEPOS fee for Ohio; a JURIS D item (E0601) keeps its supplier."""

from __future__ import annotations

import json
from decimal import Decimal

import pandas as pd
from typer.testing import CliRunner

from cms_fees import DATA
from rvucalc.cli import app
from rvucalc.cli.tables import dollars

WHERE = ("--zip", "43215", "--date", "2026-08-03")


def _cms_row(code: str, modifier: str | None = None) -> dict[str, str]:
    """The code's row (with the modifier, or none) of CMS's January 2026 DMEPOS fee schedule, by its header row's
    names."""
    sheet = pd.read_excel(DATA / "dmepos/2026/DMEPOS26_JAN.xlsx", header=None, dtype=str, engine="openpyxl")
    header = next(i for i in range(20) if list(sheet.iloc[i])[:4] == ["HCPCS", "Mod", "Mod2", "JURIS"])
    rows = sheet.iloc[header + 1 :].set_axis(list(sheet.iloc[header]), axis=1)
    mod = rows["Mod"] == modifier if modifier else rows["Mod"].isna()
    return dict(rows[(rows["HCPCS"] == code) & mod].iloc[0])


def _price(*args: str) -> tuple[int, str]:
    done = CliRunner().invoke(app, ["price", *args, *WHERE])
    return done.exit_code, done.stdout


def test_a_pessary_is_the_practitioner_s_item_billed_to_the_a_b_mac() -> None:
    row = _cms_row("A4562")
    assert row["JURIS"] == "L"
    fee = Decimal(row["OH (NR)"]).quantize(Decimal("0.01"))
    code, data = _price("A4562", "--format", "json")
    assert code == 0, data
    dmepos = json.loads(data)["dmepos"]
    assert (Decimal(str(dmepos["amount"])), dmepos["juris"]) == (fee, "L")
    code, text = _price("A4562")
    assert code == 0, text
    paid = next(line for line in text.splitlines() if "Practitioner or supplier (A/B MAC)" in line)
    assert dollars(fee) in paid
    assert "DMEPOS supplier" not in text
    flat = " ".join(text.split())
    assert "A4562 is a DMEPOS item, billed to the A/B MAC by the practitioner or supplier who furnishes it" in flat


def test_two_pessaries_are_the_practitioner_s_and_a_jurisdiction_d_item_the_supplier_s() -> None:
    assert _cms_row("A4561")["JURIS"] == "L" and _cms_row("E0601", "RR")["JURIS"] == "D"
    code, text = _price("A4562", "A4561")
    assert code == 0, text
    assert "Practitioner or supplier (A/B MAC)" in text and "DMEPOS supplier" not in text
    assert "billed to the A/B MAC by the practitioner or supplier who furnishes them" in " ".join(text.split())
    code, text = _price("E0601-RR")
    assert code == 0, text
    assert "DMEPOS supplier" in text and "Practitioner or supplier (A/B MAC)" not in text
