"""Provider cells a review found unread, each leaving a whole 'Rendering Provider' column unread and every NP's line in
it priced at a physician's 100% (an NP's, PA's or CNS's PFS line is 85%: 42 CFR 414.52, 414.56(c)), or read wrongly:

- a fellowship after a name with no license: 'SMITH, JOHN FAAOS', 'JONES, ANN FACS' (physicians alone hold them: read
  as a physician's), 'LEE, KIM FACC' (the ACC's FACC is held by NPs too: its row noted, the column read);
- 'OKONKWO MD, FCCP' (no given name), 'NGUYEN NP, MARY ANN' and 'SMITH MD, JOHN JR' (a two-word given name, a suffix);
- 'R.Ph.S.' with points, 'M.Ed., ATC', and a surgical technologist's or first assistant's CST and CSFA (no Medicare
  practitioner: the row noted, the column read);
- 'SMITH DO, FACOI, PA', read as a PA's 85%: its PA is most likely the practice's professional association (noted).

The oracle: CMS's RVU26C row of 99213 ("1.30" work, "1.46" non-facility PE, "0.09" MP, CF 33.4009) x ATLANTA's 2026
GPCIs (locality 1021201: 1.003, 1.016, 1.201) = $96.71; an NP's 85% $82.20."""

from __future__ import annotations

import csv
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.cli import app
from rvucalc.lookup.credentials import provider_of

ATLANTA = "1021201"  # ZIP 30309's carrier 10212, locality 01 (CMS's ZIP5 file)


def _fee_and_share() -> tuple[Decimal, Decimal]:
    fee = fee_2026("99213", ATLANTA)
    return fee, (fee * Decimal("0.85")).quantize(Decimal("0.01"), ROUND_HALF_UP)


@pytest.mark.parametrize(
    ("cell", "kind"),
    [("SMITH, JOHN FAAOS", "physician"), ("JONES, ANN FACS", "physician"), ("SMITH, JOHN FACS, FAAOS", "physician"),
     ("OKONKWO MD, FCCP", "physician"), ("OKONKWO MD, FCCP, DAABIP", "physician"), ("LEE NP, FAANP", "np"),
     ("NGUYEN NP, MARY ANN", "np"), ("SMITH MD, JOHN JR", "physician"), ("LEE NP, ANN M JR", "np"),
     ("LEE, SAM PA-C, CSFA", "pa"), ("PA-C, CST", "pa")],
)  # fmt: skip
def test_the_cells_read(cell: str, kind: str) -> None:
    assert provider_of(cell) == kind


@pytest.mark.parametrize(
    "cell",
    ["LEE, KIM FACC", "SMITH DO, FACOI, PA", "SMITH, JOHN MD, FACS, PA", "DOE, JANE CSFA", "LEE, KIM CST",
     "SMITH, JOHN R.Ph.S.", "DOE, JANE M.Ed., ATC", "ANH DO, JR"],
)  # fmt: skip
def test_the_cells_not_read_as_a_practitioner(cell: str) -> None:
    with pytest.raises(ValueError):
        provider_of(cell)


def test_a_column_with_them_is_read_the_np_at_85_percent(tmp_path: Path) -> None:
    fee, share = _fee_and_share()
    assert (fee, share) == (Decimal("96.71"), Decimal("82.20"))
    cells = {
        "SMITH, JOHN FAAOS": fee, "NGUYEN, LINH NP": share, "LEE, KIM FACC": fee, "OKONKWO MD, FCCP": fee,
        "NGUYEN NP, MARY ANN": share, "SMITH MD, JOHN JR": fee, "SMITH DO, FACOI, PA": fee, "DOE, JANE CSFA": fee,
        "LEE, KIM CST": fee, "SMITH, JOHN R.Ph.S.": fee, "DOE, JANE M.Ed., ATC": fee, "PATEL, ANIL MD": fee,
    }  # fmt: skip
    source, out = tmp_path / "p.csv", tmp_path / "po.csv"
    source.write_text(
        "Claim ID,Rendering Provider,CPT,DOS,Units,POS,Zip Code\n"
        + "".join(f'C{n},"{cell}",99213,2026-08-03,1,11,30309\n' for n, cell in enumerate(cells))
    )
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "provider ← Rendering Provider" in result.stderr, result.stderr
    rows = list(csv.DictReader(out.open()))
    assert [Decimal(row["allowed"]) for row in rows] == list(cells.values())
    notes = {row["Rendering Provider"]: row["note"] for row in rows}
    for cell in ("LEE, KIM FACC", "SMITH DO, FACOI, PA", "DOE, JANE CSFA", "LEE, KIM CST", "SMITH, JOHN R.Ph.S.",
                 "DOE, JANE M.Ed., ATC"):  # fmt: skip
        assert f"Provider '{cell}' not read as a practitioner: priced as a physician's line" in notes[cell], notes[cell]
    assert "FACC" in notes["LEE, KIM FACC"] and "professional association" in notes["SMITH DO, FACOI, PA"]
    assert "assistant at surgery" in notes["DOE, JANE CSFA"] and "technologist" in notes["SMITH, JOHN R.Ph.S."]
    assert "athletic trainer" in notes["DOE, JANE M.Ed., ATC"]
    for cell in ("SMITH, JOHN FAAOS", "OKONKWO MD, FCCP", "SMITH MD, JOHN JR", "PATEL, ANIL MD"):
        assert "not read" not in notes[cell], notes[cell]


@pytest.mark.parametrize(
    ("cell", "amount"),
    [("OKONKWO MD, FCCP", "96.71"), ("SMITH, JOHN FAAOS", "96.71"), ("NGUYEN NP, MARY ANN", "82.20"),
     ("SMITH MD, JOHN JR", "96.71")],
)  # fmt: skip
def test_price_reads_them_as_batch_does(cell: str, amount: str) -> None:
    fee, share = _fee_and_share()
    assert Decimal(amount) in (fee, share)
    price = CliRunner().invoke(app, ["price", "99213", "--zip", "30309", "--date", "2026-08-03", "--setting", "11",
                                     "--provider", cell, "--format", "json"])  # fmt: skip
    assert price.exit_code == 0, price.output
    allowed = re.search(r'"allowed": ([0-9.]+)', price.stdout)
    assert allowed is not None and Decimal(allowed[1]) == Decimal(amount), price.stdout


@pytest.mark.parametrize(
    ("cell", "said"),
    [("SMITH DO, FACOI, PA", "professional association"), ("LEE, KIM FACC", "does not say who billed"),
     ("DOE, JANE CSFA", "assistant at surgery")],
)  # fmt: skip
def test_price_refuses_the_unread_ones_with_their_reason(cell: str, said: str) -> None:
    price = CliRunner().invoke(app, ["price", "99213", "--zip", "30309", "--date", "2026-08-03", "--setting", "11",
                                     "--provider", cell])  # fmt: skip
    assert price.exit_code == 2, price.output
    assert said in " ".join(price.stderr.split())
