"""An ordering or referring practitioner's credential column is not offered as the provider column. A DME supplier's
export ('Ordering Physician', 'Ordering Cred' of MD, DO, NP, ARNP) had stderr say "'Ordering Cred' is not read ...
say so with --columns provider='Ordering Cred'": read so, an NP prescriber's lines would be priced as the NP's (85% of
the PFS amount), though the prescriber furnished none of them. Another provider's column is not said, as a 'Referring
Provider' already was not; the rendering practitioner's credential column is still read (a billing provider's is still
offered: a practitioner billing under their own number rendered the line)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_batch_rows
from rvucalc.batch.columns import missing_role_notices, resolve_columns

BASE = ["Claim ID", "DOS From", "HCPCS", "Units", "Patient Zip"]


@pytest.mark.parametrize(
    "name", ["Ordering Cred", "Referring Provider Credential", "Ref Prov Cred", "Ordering Provider Specialty",
             "Supervising Provider Credential", "Prescriber Cred", "Prescribing Physician Specialty",
             # its word abbreviated or in parentheses after the name (a review found these offered)
             "Supv Provider Credentials", "Provider Credentials (Supervising)", "Provider Credentials (Ordering)",
             "Provider Credentials (Referring)"],
)  # fmt: skip
def test_another_provider_s_credential_is_not_offered(name: str) -> None:
    columns = resolve_columns([*BASE, name], {})
    assert columns.position("provider") is None
    assert not [notice for notice in missing_role_notices(columns) if "--columns provider=" in notice]


@pytest.mark.parametrize("name", ["Rendering Cred", "Provider Cred", "Credentials"])
def test_the_rendering_practitioner_s_credential_is_still_read(name: str) -> None:
    assert resolve_columns([*BASE, name], {}).position("provider") == len(BASE)


def test_a_dme_supplier_s_export_is_not_told_to_read_the_prescriber_s_credential(tmp_path: Path) -> None:
    rows = [{"Claim ID": "BIL26-0005", "DOS From": "01/08/2026", "HCPCS": "A4253", "Mod1": "NU", "Units": "3",
             "Patient Zip": "59105", "Ordering Physician": "ODEGAARD, MARIT", "Ordering Cred": "NP"}]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0 and len(out) == 1 and out[0]["allowed"]
    assert "Ordering Cred" not in done.output, done.output
