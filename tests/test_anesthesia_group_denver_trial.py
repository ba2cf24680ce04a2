"""An anesthesia group's trial in Denver (ZIP 80218, locality 0411201): the hospital note of an anesthesia line in a
year whose Addendum B is installed, one --base-units for a medically directed pair of one code beside a procedure, a
units cell holding total anesthesia units, and modifier 53 on an anesthesia line. Amounts from CMS's ANES files,
statuses from CMS's Addendum B and RVU file; price and batch alike."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest

from rvucalc.errors import UsageError

DENVER = {"zip_code": "80218"}
LOCALITY = "0411201"


def _cf(year: int) -> Decimal:
    from test_anesthesia_compare_and_localities import cms_anesthesia_cfs

    return cms_anesthesia_cfs(year)[1][LOCALITY]  # CMS's ANES2025 / ANES2026 (non-QP), Colorado


def _batch(pricer: Any, tmp_path: Path, text: str) -> list[dict[str, str]]:
    from rvucalc.batch.files import run_batch

    source = tmp_path / "claims.csv"
    source.write_text(text)
    run_batch(pricer, str(source), str(tmp_path / "out.csv"))
    return list(csv.DictReader((tmp_path / "out.csv").open()))


def test_an_anesthesia_line_at_a_hospital_says_the_anesthesia_note_in_a_year_whose_addendum_b_lists_it(
    pricer: Any, tmp_path: Path
) -> None:
    """2025's 00790 at POS 22 said the generic "SI N: packaged" note, 2026's (no Addendum B of its own) the anesthesia
    note (42 CFR 419.2(b)(4)): one rule, now one note, naming the Addendum B that lists the code SI N."""
    from rvucalc.engine.facility import (
        ANESTHESIA_AT_HOPD,
        ANESTHESIA_AT_HOPD_LISTED,
        is_packaged_note,
        packaged_note,
        price_opps,
    )
    from rvucalc.engine.pfs import is_anesthesia_code
    from test_anesthesia_compare_and_localities import amount

    options = {**DENVER, "base_units": "7", "minutes": 95, "setting": "hopd"}
    then = pricer.price("00790", date_of_service="2025-10-14", **options)
    now = pricer.price("00790", date_of_service="2026-08-10", **options)
    release = then.opps.release
    rows = {row["hcpcs"]: row for row in pricer.store(
        next(r for r in pricer.catalogue.releases("opps") if r.release == release)).rows("opps")}  # fmt: skip
    assert rows["00790"]["si"] == "N" and then.opps.installed  # CMS's Addendum B lists 00790 SI N
    listed = ANESTHESIA_AT_HOPD_LISTED.format(code="00790", release=release, si="N")
    assert then.opps.notes == [listed] and "419.2(b)(4)" in listed and is_packaged_note(listed)
    assert now.opps.notes == [ANESTHESIA_AT_HOPD.format(code="00790", prior=now.opps.release, year=2026)]
    for result, year in ((then, 2025), (now, 2026)):  # the site's total: the practitioner's fee, CMS's ANES CF
        assert result.sites[0].facility_payment == 0
        assert result.sites[0].allowed == amount(7, 95, _cf(year)) == result.pfs.facility.amount
    # Every anesthesia code the file lists SI N says it; another SI N code keeps the generic packaged note.
    for code, row in rows.items():
        said = price_opps(row, code, 2025, None, release).notes if row["si"] == "N" else None
        if said is not None:
            expected = ANESTHESIA_AT_HOPD_LISTED.format(code=code, release=release, si="N")
            assert said == ([expected] if is_anesthesia_code(code) else [packaged_note("SI N", "hospital", code)]), code

    out = _batch(pricer, tmp_path, "code,base_units,minutes,zip,date,pos\n"
                 "00790,7,95,80218,2025-10-14,22\n00790,7,95,80218,2026-08-10,22\n")  # fmt: skip
    assert listed in out[0]["note"] and "SI N: packaged" not in out[0]["note"]
    assert ANESTHESIA_AT_HOPD.format(code="00790", prior=now.opps.release, year=2026) in out[1]["note"]
    assert [Decimal(row["hopd_allowed"]) for row in out] == [then.sites[0].allowed, now.sites[0].allowed]


def test_base_units_given_once_for_a_directed_pair_of_one_code_beside_a_procedure(pricer: Any) -> None:
    """`price 01402-QK 01402-QX 64447-59 --base-units 7` was refused ("given once for 2 anesthesia lines"): base units
    are the code's (42 CFR 414.46(a)(1)), so one value for lines of one code is each line's. Minutes (each
    practitioner's time) given once, and base units once for lines of different codes, are still refused."""
    where = {**DENVER, "date_of_service": "2026-08-10", "setting": "hopd"}
    codes = ["01402-QK", "01402-QX", "64447-59"]
    once = pricer.price_encounter(codes, base_units="7", minutes=[135, 135, 0], **where)
    each = pricer.price_encounter(codes, base_units=["7", "7", "0"], minutes=[135, 135, 0], **where)
    half = ((Decimal(7) + Decimal("9.0")) * _cf(2026) / 2).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    for found in (once, each):
        qk, qx, block = found.lines
        assert qk.pfs.facility.amount == qx.pfs.facility.amount == half  # 50% each (ch. 12 §50.C, §140.3.3)
        assert block.pfs.facility.amount == pricer.price("64447-59", **where).pfs.facility.amount
    with pytest.raises(UsageError, match="each practitioner's anesthesia time"):
        pricer.price_encounter(codes, base_units="7", minutes=135, **where)
    with pytest.raises(UsageError, match="given once for 2 anesthesia lines"):
        pricer.price_encounter(["01402-QK", "01400-QX", "64447-59"], base_units="7", minutes=[135, 135, 0], **where)


def test_a_units_cell_of_total_anesthesia_units_says_units_are_minutes(pricer: Any, tmp_path: Path) -> None:
    """'13.3' in a units column beside a minutes column: the generic bad_units error, now with Medicare's rule for an
    anesthesia line (its units are minutes, ch. 12 §50.G); another code's '1.5' keeps the generic words."""
    from rvucalc.batch.columns import ANESTHESIA_UNITS_HINT

    release = next(r for r in pricer.catalogue.releases("pfs") if r.year == 2026)
    assert pricer.store(release).rvu("00790", "")["status"] == "J"  # CMS's RVU file: an anesthesia code
    out = _batch(pricer, tmp_path, "code,modifier,base_units,minutes,units,zip,date,pos\n"
                 "00790,AA,7,95,13.3,80218,2026-08-10,22\n99213,,,,1.5,80218,2026-08-10,11\n"
                 "00790,AA,7,95,0,80218,2026-08-10,22\n")  # fmt: skip
    assert [row["error_kind"] for row in out] == ["bad_units"] * 3
    assert out[0]["error"].endswith(ANESTHESIA_UNITS_HINT) and "13.3" in out[0]["error"]
    assert ANESTHESIA_UNITS_HINT not in out[1]["error"] and ANESTHESIA_UNITS_HINT not in out[2]["error"]


def test_modifier_53_on_an_anesthesia_line_is_said_and_does_not_change_the_amount(pricer: Any, tmp_path: Path) -> None:
    """00790-AA-53 was priced in full with no word of its 53: no CMS text found says what 53 does to an anesthesia
    fee, so the amount stays (base units + time units x CMS's CF) and the line says the MAC decides."""
    from rvucalc.engine.anesthesia import DISCONTINUED_NOTE
    from test_anesthesia_compare_and_localities import amount

    options = {**DENVER, "date_of_service": "2026-08-10", "base_units": "7", "minutes": 20}
    with_53 = pricer.price("00790-AA-53", **options)
    without = pricer.price("00790-AA", **options)
    assert with_53.pfs.non_facility.amount == without.pfs.non_facility.amount == amount(7, 20, _cf(2026))
    assert DISCONTINUED_NOTE in with_53.notes and DISCONTINUED_NOTE not in without.notes
    assert "; " not in DISCONTINUED_NOTE  # batch's note column joins notes with it
    out = _batch(pricer, tmp_path, "code,modifier,base_units,minutes,zip,date\n"
                 "00790,AA-53,7,20,80218,2026-08-10\n00790,AA,7,20,80218,2026-08-10\n")  # fmt: skip
    assert [Decimal(row["pfs_non_facility_amount"]) for row in out] == [with_53.pfs.non_facility.amount] * 2
    assert DISCONTINUED_NOTE in out[0]["note"] and DISCONTINUED_NOTE not in out[1]["note"]
