"""A radiation oncology group's billing system lists its physicians' fellowships after the license ('WRIGHT, KAREN
MD, FASTRO': ASTRO's Fellow designation; FACR, the American College of Radiology's; FACRO, the American College of
Radiation Oncology's). They were not read: each such line was noted "not read as a practitioner: priced as a
physician's line (the run's --provider)" and counted among the rows whose provider cell names no practitioner. The
license is read now (lookup.credentials.NOT_PRACTITIONER_TYPES), as 'MD, FACR' was not; an NP's stays the NP's."""

from __future__ import annotations

import pytest

from rvucalc.lookup.credentials import provider_of


@pytest.mark.parametrize("cell", ["WRIGHT, KAREN MD, FASTRO", "MD, FACR", "PATEL, RAVI DO, FACRO", "MD FASTRO"])
def test_a_physician_s_fellowship_after_the_license_reads_the_license(cell: str) -> None:
    assert provider_of(cell) == "physician"


def test_a_nurse_practitioner_s_cell_beside_a_fellowship_stays_the_np_s() -> None:
    assert provider_of("NGUYEN, LAN NP, FASTRO") == "np"
