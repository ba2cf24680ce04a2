"""A provider column whose names carry their credential in parentheses ('Lee, Anna (NP)', 'SMITH, JOHN (MD)', 'Anna
Lee (PA-C)') or NCCPA's CAQ-HM written with a space ('KHAN, RAJ PA-C, CAQ HM') was left unread as a whole, every NP's
and PA's line priced at a physician's 100%. Each is read by its credential (lookup.credentials.
_credential_out_of_parentheses); a cell whose parentheses hold no credential ('(Main Campus)') is not read as one."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from conftest import run_batch_rows
from rvucalc.lookup.credentials import credentials_after_names, provider_of


def test_names_with_a_credential_in_parentheses_are_read() -> None:
    assert credentials_after_names(["Lee, Anna (NP)"]) and provider_of("Lee, Anna (NP)") == "np"
    assert provider_of("SMITH, JOHN (MD)") == "physician" and provider_of("Anna Lee (PA-C)") == "pa"
    assert credentials_after_names(["KHAN, RAJ PA-C, CAQ HM"]) and provider_of("KHAN, RAJ PA-C, CAQ HM") == "pa"
    assert not credentials_after_names(["Riverside Clinic (Main Campus)"])
    assert not credentials_after_names(["SMITH, JOHN (21)"])


def test_a_column_of_such_names_prices_the_np_at_85_percent(tmp_path: Path) -> None:
    cells = ["PATEL, ANIL MD", "Lee, Anna (NP)", "SMITH, JOHN (MD)", "Anna Lee (PA-C)", "KHAN, RAJ PA-C, CAQ HM"]
    rows = [{"Claim": str(n), "CPT": "99232", "POS": "21", "DOS": "08/06/2026", "ZIP": "46601",
             "Rendering Provider": cell} for n, cell in enumerate(cells)]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    # PPRRVU2026 July (non-QP): 99232 work 1.59, facility PE 0.40, MP 0.12, CF 33.4009; Indiana (08102) GPCIs 1.0
    # (floor), 0.927, 0.486: (1.59 + 0.40 x 0.927 + 0.12 x 0.486) x 33.4009 = 67.44042 -> $67.44; the NP's and PA's
    # 85% (42 CFR 414.52, 414.56): 57.32436 -> $57.32
    allowed = [Decimal(row["allowed"]) for row in out]
    assert allowed == [Decimal("67.44"), Decimal("57.32"), Decimal("67.44"), Decimal("57.32"), Decimal("57.32")]
