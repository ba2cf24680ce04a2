"""Batch prices every line as a physician's service: a column of the practitioner's type is said not to be read."""

from __future__ import annotations

import pytest

from rvucalc.batch.columns import missing_role_notices, resolve_columns

BASE = ["Claim ID", "CPT Code", "Date of Service", "POS", "Zip Code"]


@pytest.mark.parametrize("name", ["Rendering Provider Type", "Provider Specialty", "Credentials", "Taxonomy"])
def test_a_provider_type_column_is_said_not_to_be_read(name: str) -> None:
    notices = [n for n in missing_role_notices(resolve_columns([*BASE, name], {})) if "not read" in n]
    assert len(notices) == 1 and repr(name) in notices[0] and "--provider np" in notices[0]


@pytest.mark.parametrize("name", ["Rendering Provider", "Provider NPI", "Special Instructions"])
def test_other_provider_columns_are_not_named(name: str) -> None:
    assert not [n for n in missing_role_notices(resolve_columns([*BASE, name], {})) if "physician's service" in n]
