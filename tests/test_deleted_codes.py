"""A code missing from the PFS release a line is priced with: the CPT 2023 E/M deletions say what replaced them
(``engine.pfs.DELETED_CODES``), and a code another installed PFS release has says which (``lookup.lines.
in_other_release``), instead of look-alike codes; in ``rvucalc price``, ``rvucalc batch`` and ``rvucalc compare``
alike, the error kind and the exit code (1) unchanged."""

from __future__ import annotations

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.engine.pfs import DELETED_CODES, deleted_code_message
from rvucalc.errors import ErrorKind, NotFoundError
from rvucalc.lookup.pricer import Pricer

runner = CliRunner()


@pytest.fixture(scope="module")
def pricer() -> Pricer:
    return Pricer()


def _price_error(pricer: Pricer, code: str, date: str) -> NotFoundError:
    with pytest.raises(NotFoundError) as caught:
        pricer.price(code, zip_code="30322", date_of_service=date)
    assert caught.value.kind is ErrorKind.UNKNOWN_CODE
    return caught.value


CASES = {
    # 92929 and 92934 (PCI add-ons, status B) are in the CY2025 RVU files (RVU25A, RVU25D), not in RVU26C. (77014,
    # 77385 and G6015 were these cases: from 2026 they name their replacements, test_radiation_2026.py.)
    ("92929", "2026-03-02"): "92929 is in the CY2025 fee schedule (2025D) but not in CY2026 (2026C): deleted or "
    "replaced for 2026.",
    ("92934", "2026-08-03"): "92934 is in the CY2025 fee schedule (2025D) but not in CY2026 (2026C): deleted or "
    "replaced for 2026.",
    ("99217", "2026-08-03"): "99217 is not in the 2026 fee schedule (2026C): deleted from CPT for 2023 (observation "
    "care merged into hospital inpatient or observation care: discharge is 99238-99239, same-day admission and "
    "discharge 99234-99236. CY2023 PFS final rule).",
    ("99356", "2025-05-01"): "99356 is not in the 2025 fee schedule (2025A): deleted from CPT for 2023 (prolonged "
    "inpatient services: Medicare pays prolonged inpatient or observation time as G0316, nursing facility time as "
    "G0317. CY2023 PFS final rule).",
}


def test_deleted_and_other_release_codes_say_so_in_price_and_batch(pricer: Pricer) -> None:
    """Trials: `price 99217` offered 99215, 99214, 99213; `price 99356` 99358, 99359, 99350; `price 77014 --date
    2026-03-02` 77013, 77012, 77011 (92929 is such a code now). Price and
    batch give the same text, kind unknown_code."""
    rows = [{"code": code, "zip": "30322", "date": date} for code, date in CASES]
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    for ((code, date), want), row in zip(CASES.items(), out, strict=True):
        said = str(_price_error(pricer, code, date))
        assert said == want and "Did you mean" not in said, (code, said)
        assert row["error"] == want and row["error_kind"] == "unknown_code", (code, row["error"])
    typo = str(_price_error(pricer, "99999", "2026-08-03"))  # in no release: as before
    assert typo.startswith("99999 is not in the 2026 fee schedule (2026C).")


def test_a_code_new_in_a_later_release_says_so(pricer: Pricer) -> None:
    """The other way round: a code in RVU26C that no 2025 release has, priced on a 2025 date."""
    catalogue = pricer.catalogue
    old, new = (catalogue.store(r) for r in (catalogue.releases("pfs")[1], catalogue.releases("pfs")[-1]))
    code = next(c for c in ("G0552", "G0553", "G0554", "G0556", "G0557", "G0558", "99445", "99470")
                if new.modifiers_of(c) and not old.modifiers_of(c)
                and not catalogue.store(catalogue.releases("pfs")[0]).modifiers_of(c))  # fmt: skip
    said = str(_price_error(pricer, code, "2025-11-03"))
    assert said == (f"{code} is not in the CY2025 fee schedule (2025D) but is in CY2026 (2026C): new for 2026."), said


def test_deleted_codes_table_and_the_cli_exit_code() -> None:
    assert deleted_code_message("99217", 2022) is None  # in force until 2023
    assert deleted_code_message("99213", 2026) is None
    assert all(deleted_code_message(code, 2023) for code in DELETED_CODES)
    result = runner.invoke(app, ["price", "99217", "--zip", "30322"])
    assert result.exit_code == 1 and result.stdout == ""
    assert "deleted from CPT for 2023" in result.stderr and "Did you mean" not in result.stderr
    compared = runner.invoke(app, ["compare", "99356", "--from", "2025", "--to", "2026"])
    assert "G0316" in compared.stdout


def test_batch_keeps_no_traceback_of_a_code_another_release_has(pricer: Pricer) -> None:
    """The benchmark's million realistic lines peaked at 1.3 GB (from 0.83): the unknown-code error _row_of caches
    kept the traceback of its last raise (its frames hold a partition's arrays) once the other-release message
    replaced it. Every error the batch keeps is bare."""
    batch = BatchPricer(pricer)
    table = pa.table({"code": ["92929", "92929", "99217"], "date": ["2026-03-02", "2026-08-03", "2026-03-02"],
                      "zip": ["30322"] * 3})  # fmt: skip
    rows = batch.price_table(table).to_pylist()
    assert "is in the CY2025 fee schedule" in str(rows[0]["error"])
    kept = [value for value in batch._rows_of.values() if isinstance(value, BaseException)]
    kept += [row.error for row in batch._rows.values() if row.error is not None]
    assert kept and all(error.__traceback__ is None and error.__context__ is None for error in kept)


# Codes deleted after 2023 (engine.pfs.LATER_DELETIONS), each with the codes the message names and the status RVU25A
# or RVU26C gives them: 98008-98015 status I (Medicare did not adopt them), 98016, G2252, 99202-99215 and the 2026
# prostate biopsy codes status A.
LATER = {
    ("99441", "2025-03-03"): {"99202": "A", "99215": "A", "98016": "A", "G2252": "A", "98008": "I", "98015": "I"},
    ("99443", "2026-03-02"): {"99202": "A", "99215": "A", "98016": "A", "G2252": "A", "98008": "I", "98015": "I"},
    ("G2012", "2025-03-03"): {"98016": "A"},
    ("55700", "2026-03-02"): {code: "A" for code in ("55705", "55706", "55707", "55714", "55715")},
    ("G0424", "2025-03-03"): {"94625": "A", "94626": "A"},
    ("G0424", "2026-03-02"): {"94625": "A", "94626": "A"},
    # A trial: `price 99201` offered 99202-99204 as look-alikes, never that CPT deleted it for 2021.
    ("99201", "2026-03-02"): {"99202": "A", "99205": "A"},
    # A general surgery trial: `price 49560 --date 2025-11-10` offered 49550, 49540, 49520 (femoral, lumbar, recurrent
    # inguinal); CPT 2023 replaced the ventral, umbilical and laparoscopic hernia repairs by 49591-49623.
    ("49560", "2025-11-10"): {"49591": "A", "49596": "A", "49613": "A", "49618": "A", "49621": "A", "49623": "A"},
    ("49652", "2026-02-10"): {"49591": "A", "49596": "A", "49613": "A", "49618": "A", "49622": "A"},
    ("49568", "2026-02-10"): {"49591": "A", "49622": "A", "15778": "A"},
}


def test_codes_deleted_after_2023_name_their_replacements_in_price_and_batch(pricer: Pricer) -> None:
    """Trials: `price 99441 --date 2025-03-03` offered "did you mean 99446, 99447" (interprofessional consultations);
    `price 55700 --date 2026-03-02` said only "deleted or replaced for 2026". Each now says what is billed instead,
    codes CMS's file for the date has with the status said; price and batch alike, kind unknown_code."""
    rows = [{"code": code, "zip": "30322", "date": date} for code, date in LATER]
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    for ((code, date), named), row in zip(LATER.items(), out, strict=True):
        said = str(_price_error(pricer, code, date))
        year = date[:4]
        assert said.startswith(f"{code} is not in the {year} fee schedule") and "Did you mean" not in said, said
        assert row["error"] == said and row["error_kind"] == "unknown_code", (code, row["error"])
        store = pricer.catalogue.store(pricer.select(int(year))[0])
        for other, status in named.items():
            assert other in said, (code, other)
            assert [r["status"] for r in store.rvu_rows_of(other)][:1] == [status], (code, other)
    assert deleted_code_message("55700", 2025) is None  # in RVU25A and RVU25D
    assert "deleted from HCPCS for 2025" in str(deleted_code_message("G2012", 2026))


def test_pulmonary_rehab_g0424_names_94625_and_94626_not_kidney_education() -> None:
    """A trial: `price G0424 --year 2025` said "Did you mean G0420, G0421, G0422?" (kidney disease education, cardiac
    rehab); CPT 2022's 94625/94626 replaced it from 2022-01-01."""
    result = runner.invoke(app, ["price", "G0424", "--year", "2025", "--zip", "30322"])
    assert result.exit_code == 1 and result.stdout == ""
    assert "deleted from HCPCS for 2022 (pulmonary rehabilitation" in result.stderr, result.stderr
    assert "94625" in result.stderr and "94626" in result.stderr and "G0420" not in result.stderr
    assert deleted_code_message("G0424", 2021) is None


def _lists(path: str, code: str) -> bool:
    from conftest import TESTS

    with open(TESTS.parent / "data" / "opps" / path, encoding="latin-1") as handle:
        return any(line.split(",", 1)[0].strip('"') == code for line in handle)


def _nos_2026() -> list[str]:
    """The skin substitute codes "nos" in CMS's RVU26C file (Q4431-Q4433 and A4100 among them), as it describes them."""
    import csv

    from conftest import TESTS

    path = next((TESTS.parent / "data" / "rvu" / "2026").glob("PPRRVU2026_Jul*.csv"))
    with open(path, newline="", encoding="latin-1") as handle:
        found = {f"{row[0]} ({row[2]})" for row in csv.reader(handle)
                 if len(row) > 2 and "skin sub" in row[2].lower() and row[2].lower().endswith("nos")}  # fmt: skip
    assert {"Q4431", "Q4432", "Q4433"} <= {item.split()[0] for item in found}
    return sorted(found)


ADDENDUM_B_2025_10 = "2025/508 version of October 2025 Web Addendum B.10.31.25.csv"


def test_codes_deleted_for_2026_say_so_in_price_and_batch(pricer: Pricer) -> None:
    """A wound care trial: Q4100 (RVU25D status E; October 2025 Addendum B SI N; ASC BB 2025-10) was "on none of the
    installed schedules ... (ask your MAC)" on a 2026 date, and C5271 (never on the PFS; October 2025 Addendum B SI T,
    APC 5053; ASC AA 2025-10) "not in the 2026 fee schedule ... Search by words", though both are in CMS's installed
    2025 files and in none of 2026's, as J0172 was already said to be."""
    for code in ("Q4100", "C5271"):
        assert _lists(ADDENDUM_B_2025_10, code)
        assert any(_lists(f"2025/asc/10/{a}.csv", code) for a in ("AA", "BB"))
        assert not any(_lists(f"2026/asc/07/{a}.csv", code) for a in ("AA", "BB", "EE"))
    assert _lists(ADDENDUM_B_2025_10, "E1399") and _lists(ADDENDUM_B_2025_10, "C9791")
    want = {
        "Q4100": "Q4100 is in the CY2025 fee schedule (2025D) but not in CY2026 (2026C): deleted or replaced for 2026. "
        f"2026C lists these skin substitute codes not otherwise specified: {', '.join(_nos_2026())}.",
        # Not OPPS Addendum B 2025-10 as well: no CY2026 Addendum B is installed to omit it (E1399's case below).
        "C5271": "C5271 is in the CY2025 files (ASC addenda 2025-10) but not in the CY2026 "
        "ones installed (PFS 2026C, ASC addenda 2026-07): deleted or replaced for 2026.",
        # A DME MAC's not otherwise classified code: October 2025's Addendum B lists E1399 (SI Y) and no CY2026
        # Addendum B is installed: never "deleted" (a trial), but the schedule that pays it, as on a 2025 date.
        "E1399": "E1399 is on none of the installed schedules (PFS, OPPS, ASC, CLFS, ASP, DMEPOS): codes like it are "
        "paid from the DMEPOS fee schedule (durable medical equipment), and the installed DMEPOS files do not list "
        "E1399 (ask your MAC).",
        # An OPPS-only code of October 2025's Addendum B: neither "deleted" nor "not in the fee schedule ... Search by
        # words", but the file that would say, not installed, and how to add it.
        "C9791": "C9791 is in the CY2025 files (OPPS Addendum B 2025-10) and not in the CY2026 PFS (2026C): no CY2026 "
        "OPPS Addendum B is installed to say whether it is paid in 2026: add CMS's file with rvucalc data refresh "
        "--from FILE (or --dataset opps --year 2026).",
    }
    rows = [{"code": code, "zip": "33136", "date": "2026-08-01", "setting": "11"} for code in want]
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    for (code, said), row in zip(want.items(), out, strict=True):
        result = runner.invoke(app, ["price", code, "--date", "2026-08-01", "--setting", "11", "--zip", "33136"])
        assert result.exit_code == 1 and " ".join(result.stderr.split()) == f"rvucalc: {said}", result.stderr
        assert row["error"] == said and row["error_kind"] == "unknown_code", row["error"]
