"""A simple repair beside a skin lesion excision, and an excision beside an adjacent tissue transfer, are noted: CPT's
excision codes (11400-11646) include the simple closure of their wound, and its adjacent tissue transfer codes
(14000-14302) the excision of the lesion the flap closes (``engine.wound_repair.excision_closure_notes``). A
dermatology trial (Edina, ZIP 55435, MINNESOTA): a claim's 11400 + 11401-51 + 12001-51 paid the simple repair 50% and
11642 + 14040 the excision 50%, neither with a word. The note in price and in a batch claim alike; 59 or XS on the line
(another wound or lesion) and an intermediate repair say nothing; the amounts stay CMS's: the RVU26C row x the
locality's GPCIs x the CF, the multiple procedure rule's 50% of it."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pyarrow as pa

from rvucalc.batch.price import BatchPricer
from rvucalc.engine.wound_repair import excision_closure_notes
from rvucalc.lookup.pricer import Pricer

DATA = Path(__file__).resolve().parents[1] / "data"
ZIP, DATE, LOCALITY = "55435", "2026-08-27", "0620200"  # Edina: MINNESOTA
CENT = Decimal("0.01")


def _cms_office(code: str) -> Decimal:
    """The code's non-facility amount at MINNESOTA from CMS's own rows (RVU26C, the 2026 locality GPCIs)."""
    with (DATA / "rvu/2026/PPRRVU2026_Jul_nonQPP.csv").open(encoding="latin-1") as handle:
        row = next(r for r in csv.reader(handle) if r[:2] == [code, ""])
    with (DATA / "gpci/2026/localities2026-01-01-2026.csv").open(encoding="latin-1") as handle:
        gpci = next(r for r in csv.reader(handle) if len(r) > 4 and r[4] == LOCALITY)
    work, pe, mp, cf = Decimal(row[5]), Decimal(row[6]), Decimal(row[10]), Decimal(row[25])
    amount = (work * Decimal(gpci[1]) + pe * Decimal(gpci[2]) + mp * Decimal(gpci[3])) * cf
    return amount.quantize(CENT, ROUND_HALF_UP)


def _half(code: str) -> Decimal:
    return (_cms_office(code) / 2).quantize(CENT, ROUND_HALF_UP)


def _said(notes: list[str] | tuple[str, ...] | None, code: str) -> str | None:
    return next((n for n in notes or () if n.startswith(f"{code} is a simple repair beside")
                 or n.startswith(f"{code} is an excision beside")), None)  # fmt: skip


def test_simple_repair_beside_excision_and_excision_beside_flap_noted_in_price_and_batch(pricer: Pricer) -> None:
    claims = {
        "A": ["11400", "11401-51", "12001-51"],  # the repair is the excisions' own closure: noted
        "B": ["11642", "14040"],  # the flap closes the excised lesion's wound: the excision noted
        "C": ["11401", "12001-XS", "12032-51"],  # another wound (XS), an intermediate repair: no note
        "D": ["11642-59", "14040"],  # a lesion elsewhere: no note
    }
    where = {"zip_code": ZIP, "date_of_service": DATE, "setting": "11"}
    rows, expected = [], []
    for claim, codes in claims.items():
        encounter = pricer.price_encounter(codes, **where)
        notes = excision_closure_notes([(c.split("-")[0], tuple(c.split("-")[1:])) for c in codes])
        for written, line, note in zip(codes, encounter.lines, notes, strict=True):
            code = written.split("-")[0]
            assert _said(line.notes, code) == note
            expected.append((line.sites[0].total, note))
            rows.append({"claim": claim, "code": written, "zip": ZIP, "date": DATE, "setting": "11", "units": 1})
    said = [note for _, note in expected]
    assert said[2] and "11400 and 11401" in said[2] and "59 or XS" in said[2] and "; " not in said[2]
    assert said[3] and "14040" in said[3] and "; " not in said[3]
    assert said[:2] == [None, None] and said[4:] == [None] * 6
    # The amounts as billed: the repair and the excision ranked below and paid 50% of CMS's amount.
    assert expected[2][0] == _half("12001") and expected[3][0] == _half("11642")
    assert expected[4][0] == _cms_office("14040")
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    for row, given, (total, note) in zip(out, rows, expected, strict=True):
        assert Decimal(str(row["allowed"])) == total
        assert _said((row["note"] or "").split("; "), given["code"].split("-")[0]) == note


def test_layered_repair_beside_only_a_half_centimetre_benign_excision_noted_in_price_and_batch(pricer: Pricer) -> None:
    """NCCI (not CPT) includes an intermediate or complex repair in a benign excision of 0.5 cm or less (11400, 11420,
    11440), unless a larger lesion's excision is beside it: the trial's 11440 + 12051-51 paid the repair in full
    ($281.81, CMS's amount) without a word. Noted in price and batch; beside 11442 too, or a malignant 11600, not."""
    claims = {"E": ["11440", "12051-51"], "F": ["11440", "11442", "12051-51"], "G": ["11600", "12032-51"]}
    where = {"zip_code": ZIP, "date_of_service": DATE, "setting": "11"}
    rows, expected = [], []
    for claim, codes in claims.items():
        encounter = pricer.price_encounter(codes, **where)
        for written, line in zip(codes, encounter.lines, strict=True):
            code = written.split("-")[0]
            expected.append((line.sites[0].total, next((n for n in line.notes if n.startswith(f"{code} is an inter")),
                                                       None)))  # fmt: skip
            rows.append({"claim": claim, "code": written, "zip": ZIP, "date": DATE, "setting": "11", "units": 1})
    said = [note for _, note in expected]
    assert said[1] and "11440, benign excision of 0.5 cm" in said[1] and "; " not in said[1]
    assert said[1] == excision_closure_notes([("11440", ()), ("12051", ("51",))])[1]
    assert said[0] is None and said[2:] == [None] * 5
    assert expected[1][0] == _cms_office("12051")  # the repair in full, ranked first
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    for row, given, (total, note) in zip(out, rows, expected, strict=True):
        assert Decimal(str(row["allowed"])) == total
        code = given["code"].split("-")[0]
        assert next((n for n in (row["note"] or "").split("; ") if n.startswith(f"{code} is an inter")), None) == note


def test_closure_and_excision_kept_apart_by_anatomic_modifiers_or_the_partner_line_59_not_noted(pricer: Pricer) -> None:
    """Anatomic modifiers naming different sites on both lines (11402-LT beside 12001-RT, 11440-E1 beside 12051-E2,
    11642-RT beside 14040-LT) say two wounds as 59 or XS does: not noted, where a review's 12001-RT was told it "is paid
    for a separate wound only, shown with 59 or XS, which this line has not". A line without one may be either site's
    (H: noted); the layered repair's 'no other excision' reads its own side (K: 11602-RT is the other side's, noted).
    An excision with 59 or XS is another lesion's: a Mohs defect's repair beside it is not noted (N, P). Price and
    batch alike; the amounts stay CMS's."""
    claims = {
        "F": ["11402-LT", "12001-RT"],
        "G": ["11440-E1", "12051-E2"],
        "M": ["11642-RT", "14040-LT"],
        "H": ["11402-LT", "12001"],
        "K": ["11400-LT", "11602-RT", "12032-LT"],
        "N": ["17311", "11400-XS", "13132"],  # the Mohs defect's repair beside another lesion's excision (XS on it)
        "P": ["17311", "11602-59", "12001"],
    }
    where = {"zip_code": ZIP, "date_of_service": DATE, "setting": "11"}
    rows, expected = [], []
    for claim, codes in claims.items():
        encounter = pricer.price_encounter(codes, **where)
        for written, line in zip(codes, encounter.lines, strict=True):
            code = written.split("-")[0]
            expected.append((line.sites[0].total, _said(line.notes, code) or next(
                (n for n in line.notes if n.startswith(f"{code} is an inter")), None)))  # fmt: skip
            rows.append({"claim": claim, "code": written, "zip": ZIP, "date": DATE, "setting": "11", "units": 1})
    said = [note for _, note in expected]
    assert said[:6] == [None] * 6  # F, G, M: other sites
    assert said[6] is None and said[7] and "excision 11402" in said[7]  # H: the repair may be the excision's
    assert said[8:10] == [None, None] and said[10] and "11400, benign excision of 0.5 cm" in said[10]  # K
    assert said[11:] == [None] * 6  # N, P: the excision's own 59 or XS says another lesion
    assert expected[13][0] == _half("13132") and expected[11][0] == _cms_office("17311")
    assert expected[1][0] == _half("12001") and expected[3][0] == _cms_office("12051")
    assert expected[4][0] == _half("11642") and expected[5][0] == _cms_office("14040")
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    for row, given, (total, note) in zip(out, rows, expected, strict=True):
        code = given["code"].split("-")[0]
        notes = (row["note"] or "").split("; ")
        assert Decimal(str(row["allowed"])) == total
        assert (_said(notes, code) or next((n for n in notes if n.startswith(f"{code} is an inter")), None)) == note


def test_many_claims_of_repeated_shapes_noted_as_price_notes_each_claim(pricer: Pricer) -> None:
    """batch reads only the encounters whose lines can be noted (found on whole columns: 11602 + 12032, the commonest
    excision beside its layered repair, is never read) and says an encounter's notes once per shape of code cells:
    many claims of repeated shapes, some of one code set with other modifiers (12001, 12001-XS, 12001-RT), are each
    noted as price's encounter notes them, row by row."""
    patterns = [["11400", "11401-51", "12001-51"], ["11400", "11401-51", "12001-XS"], ["11402-LT", "12001-RT"],
                ["11402-LT", "12001"], ["11602", "12032-51"], ["11440", "12051-51"], ["11642", "14040"],
                ["17311", "13132"], ["11440", "11442", "12051-51"]]  # fmt: skip
    where = {"zip_code": ZIP, "date_of_service": DATE, "setting": "11"}
    expected = {}
    for codes in patterns:
        encounter = pricer.price_encounter(codes, **where)
        expected[tuple(codes)] = [
            next((n for n in line.notes if " repair beside " in n or " excision beside " in n), None)
            for line in encounter.lines
        ]
    claims = [(f"D{n}", patterns[n % len(patterns)]) for n in range(45)]
    rows = [{"claim": claim, "code": code, "zip": ZIP, "date": DATE, "setting": "11", "units": 1}
            for claim, codes in claims for code in codes]  # fmt: skip
    got = iter(BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist())
    for claim, codes in claims:
        said = [next((n for n in (next(got)["note"] or "").split("; ")
                      if " repair beside " in n or " excision beside " in n), None) for _ in codes]  # fmt: skip
        assert said == expected[tuple(codes)], (claim, codes)
    assert sum(note is not None for codes in patterns for note in expected[tuple(codes)]) == 4
