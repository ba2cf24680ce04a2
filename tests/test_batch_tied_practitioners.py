"""A group's claim with the same procedure billed by a physician and by an NP (equal fee schedule amounts, equal code
and modifiers): which of the two the multiple procedure rule ranks first must not depend on the order of the rows, nor
on whether the claim is ranked on whole columns or through ``engine.policy``'s rule functions (an RT/LT pair sends it
there). Between lines the rule ranks equal, the one that keeps more of its amount comes first, as between therapy lines
of equal PE (``engine.policy.THERAPY_TIES``): the physician's (100%) before the NP's (85%)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pyarrow as pa

from rvucalc.batch.price import BatchPricer
from rvucalc.lookup.pricer import Pricer
from test_batch_provider_column import _cms_fee

ZIP, DATE = "10001", "2026-08-05"
PAIR = [("20610-RT", "MD"), ("20610-LT", "MD")]


def _priced(pricer: Pricer, lines: list[tuple[str, str]]) -> dict[tuple[str, str], dict]:
    count = len(lines)
    table = pa.table({"claim": ["A"] * count, "code": [c for c, _ in lines], "pos": ["11"] * count,
                      "zip": [ZIP] * count, "date": [DATE] * count, "provider": [p for _, p in lines]})  # fmt: skip
    out = BatchPricer(pricer).price_table(table).to_pylist()
    return {line: row for line, row in zip(lines, out, strict=True)}


def _part(fee: Decimal, share: Decimal) -> Decimal:
    return (fee * share).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_an_md_s_and_an_np_s_tied_procedures_rank_the_md_s_first_whatever_the_path_and_the_row_order(
    pricer: Pricer,
) -> None:
    """A review: MD 11042 and NP 11042 on one claim paid $152.72 and $64.91 (office, Manhattan 2026), whatever the row
    order; with an RT/LT pair of 20610 beside them the NP's line, listed first, was ranked first: $129.81 and $76.36.
    The MD's line is CMS's fee (ranked first), the NP's 85% of half of it, in every case; in the facility setting the
    20610 pair (the higher amount there) is first, the MD's 11042 second (50%), the NP's third (50% of 85%)."""
    fee = _cms_fee(pricer, "11042", ZIP, 2026)
    tied = [("11042", "MD"), ("11042", "NP")]
    for pair in ([], PAIR):
        for lines in (tied + pair, tied[::-1] + pair):
            rows = _priced(pricer, lines)
            md, np_ = rows["11042", "MD"], rows["11042", "NP"]
            assert Decimal(str(md["pfs_non_facility_amount"])) == fee["non_facility"], (lines, md["note"])
            assert Decimal(str(np_["pfs_non_facility_amount"])) == _part(fee["non_facility"], Decimal("0.425")), lines
            first = Decimal(1) if not pair else Decimal("0.5")  # the facility's first line: 11042, or the pair
            assert Decimal(str(md["pfs_facility_amount"])) == _part(fee["facility"], first), (lines, md["note"])
            assert Decimal(str(np_["pfs_facility_amount"])) == _part(fee["facility"], Decimal("0.425")), lines


def test_an_md_s_and_an_np_s_lines_of_one_code_rank_the_md_s_first_whatever_their_informational_modifiers(
    pricer: Pricer,
) -> None:
    """A review: 11042-RT by the MD and 11042-LT by the NP paid $206.17 (the NP's line first: LT before RT), the
    mirror (11042-LT by the MD, 11042-RT by the NP) $217.63; so 11042-59 by the MD beside 11042 by the NP, 17000-59
    beside 17000, 64483-RT by the MD beside 64483-LT by a PA. RT, LT, 59, XS change no amount: the lines are one
    procedure's amount, and the one that keeps more (the physician's 100%) is ranked first, on either path (the
    20610 pair of one practitioner sends the claim through the rule functions) and in either mirror: the MD's line
    CMS's fee, the other's 85% of half of it."""
    cases = [("11042", "RT", "LT", "NP"), ("11042", "LT", "RT", "NP"), ("11042", "59", "", "NP"),
             ("11042", "", "59", "NP"), ("11042", "XS", "", "NP"), ("17000", "59", "", "NP"),
             ("17000", "", "59", "NP"), ("64483", "RT", "LT", "PA"), ("64483", "LT", "RT", "PA"),
             # a second review: 51 (multiple procedures) changes no amount either: 11042-LT-51 by the NP ranked first
             ("11042", "RT", "LT-51", "NP"), ("11042", "RT-51", "LT", "NP"),
             ("11042", "LT-51", "RT", "NP")]  # fmt: skip
    for code, md_modifier, other_modifier, other in cases:
        fee = _cms_fee(pricer, code, ZIP, 2026)["non_facility"]
        md_code, other_code = (f"{code}-{m}" if m else code for m in (md_modifier, other_modifier))
        tied = [(md_code, "MD"), (other_code, other)]
        # the 20610 pair is one bilateral procedure, 150% of CMS's fee: ranked first where it is the higher amount
        bilateral = _part(_cms_fee(pricer, "20610", ZIP, 2026)["non_facility"], Decimal("1.5"))
        for pair in ([], PAIR):
            first = Decimal("0.5") if pair and bilateral > fee else Decimal(1)  # the MD's line: first of the two
            for lines in (tied + pair, tied[::-1] + pair):
                rows = _priced(pricer, lines)
                md, theirs = rows[md_code, "MD"], rows[other_code, other]
                assert Decimal(str(md["pfs_non_facility_amount"])) == _part(fee, first), (lines, md["note"])
                assert Decimal(str(theirs["pfs_non_facility_amount"])) == _part(fee, Decimal("0.425")), lines
