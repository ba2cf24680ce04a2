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
