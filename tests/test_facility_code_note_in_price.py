"""A code the facility bills in place of the physician's (G0260, the sacroiliac joint injection the ASC and the hospital
bill where the physician bills 27096: CMS's MLN article on G0260 and 27096, MAC billing articles A59154, A59192) says so
in `rvucalc price` at an ASC or a hospital, as batch's row there says. A pain management trial: `rvucalc price G0260
--zip 75230 --date 2026-07-21 --setting 24` said only the PFS's "status E: Excluded from the PFS by regulation; if
covered, paid under reasonable-charge rules", while the batch row of the same line said "G0260 is the facility's code
(sacroiliac joint injection), on its claim: no physician's fee; the physician bills 27096" (now "..., with no
physician's fee: the physician bills 27096", without the "; " that joins batch's notes). The amounts are unchanged:
the ASC's is Addendum AA's national rate wage-adjusted by the ASC wage index file's CBSA value (labor share 50%)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal

import pyarrow as pa

from rvucalc.batch.price import BatchPricer
from rvucalc.engine.facility_codes import facility_billed_said
from rvucalc.lookup.pricer import Pricer
from rvucalc.paths import data_dir

NOTE = facility_billed_said("G0260")


def _cms_row(path: tuple[str, ...], code: str, delimiter: str = ",") -> list[str]:
    with data_dir().joinpath("opps", *path).open(newline="", encoding="latin-1") as handle:
        return next(row for row in csv.reader(handle, delimiter=delimiter) if row and row[0].strip() == code)


def test_g0260_at_an_asc_or_hospital_names_27096_in_price_as_in_batch(pricer: Pricer) -> None:
    assert "the physician bills 27096" in NOTE and "; " not in NOTE
    places = [("75230", "2026-07-21", "asc", "24"), ("75230", "2026-07-21", "asc", "asc"),
              ("75230", "2025-11-03", "hopd", "22")]  # fmt: skip
    rows = (
        BatchPricer(pricer)
        .price_table(
            pa.Table.from_pylist([{"code": "G0260", "zip": z, "date": d, "setting": pos} for z, d, _, pos in places])
        )
        .to_pylist()
    )
    for (zip_code, date, site, pos), row in zip(places, rows, strict=True):
        line = pricer.price("G0260", zip_code=zip_code, date_of_service=date, setting=pos)
        assert line.notes.count(NOTE) == 1, (pos, line.notes)
        assert NOTE in row["note"].split("; "), (pos, row["note"])
        rate = (line.asc if site == "asc" else line.opps).rate
        assert rate is not None and Decimal(str(row["allowed"])) == rate


def test_the_asc_amount_is_addendum_aas_rate_wage_adjusted(pricer: Pricer) -> None:
    national = Decimal(_cms_row(("2026", "asc", "07", "AA.csv"), "G0260")[6].strip().lstrip("$").replace(",", ""))
    wage = Decimal(_cms_row(("2026", "asc_wage_index_2026.csv"), "19124")[2])  # Dallas-Plano-Irving, ZIP 75230's CBSA
    line = pricer.price("G0260", zip_code="75230", date_of_service="2026-07-21", setting="24")
    assert line.asc is not None and line.asc.national_rate == national
    expected = (national * (Decimal("0.5") * wage + Decimal("0.5"))).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert line.asc.rate == expected == Decimal("380.47")


def test_in_the_office_the_pfs_reason_names_27096_in_price_and_batch(pricer: Pricer) -> None:
    """At POS 11 G0260 read only "status E: Excluded from the PFS by regulation; if covered, paid under
    reasonable-charge rules": the MLN article says G0260 "is not payable under the Medicare Physician Fee Schedule
    (MPFS). Physicians use [HCPCS] code 27096"."""
    office = pricer.price("G0260", zip_code="75230", date_of_service="2026-07-21", setting="11")
    assert NOTE not in office.notes  # the facility's claim's note is a hospital's or ASC's row's
    reason = office.pfs.non_facility.reason or ""
    assert reason.startswith("No PFS payment: status E") and "the physician bills 27096" in reason, reason
    assert "; " not in reason.split("reasonable-charge rules", 1)[1]
    (row,) = (
        BatchPricer(pricer)
        .price_table(pa.Table.from_pylist([{"code": "G0260", "zip": "75230", "date": "2026-07-21", "setting": "11"}]))
        .to_pylist()
    )
    assert reason in row["note"] and row["allowed"] is None, row


def test_beside_27096_at_the_asc_only_g0260_says_it(pricer: Pricer) -> None:
    pair = pricer.price_encounter(["27096", "G0260"], zip_code="75230", date_of_service="2026-07-21", setting="24")
    assert [NOTE in line.notes for line in pair.lines] == [False, True]
