"""CLFS, ASP and DMEPOS/PEN data: every shipped row reproduced through the compiled store.

The raw CMS files are parsed here independently (csv module, openpyxl) and compared with what the
store returns; the figures quoted in the tests are CMS's, as printed in the files (and in each
folder's PROVENANCE.md of the shared CMS data). Stores compile once per session.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import shutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from conftest import QUIRKS
from rvucalc.errors import DataFileError
from rvucalc.reference.loaders import schedules
from rvucalc.reference.loaders.compile import release_tables
from rvucalc.reference.releases import Release, installed_releases, read_manifest, select_release
from rvucalc.reference.store import Store, open_store


def cents(text: str) -> int:
    value = Decimal(text) * 100
    assert value == value.to_integral_value(), text
    return int(value)


def mills(text: str) -> int:
    value = Decimal(text) * 1000
    assert value == value.to_integral_value(), text
    return int(value)


@pytest.fixture(scope="session")
def stores(isolated_cache: Path) -> Iterator[dict[str, Store]]:
    opened = {}
    for dataset in ("clfs", "asp", "dmepos"):
        for release in installed_releases(dataset):
            opened[f"{dataset}-{release.release}"] = open_store(release)
    yield opened
    for store in opened.values():
        store.close()


def shipped(dataset: str, release: str, role: str) -> Path:
    [found] = [r for r in installed_releases(dataset) if r.release == release]
    return found.path(role)


# -- releases ----------------------------------------------------------------------------------


def test_releases_installed_with_checksummed_manifests() -> None:
    assert [r.release for r in installed_releases("clfs")] == ["2026-01", "2026-04"]
    assert [r.release for r in installed_releases("asp")] == ["2026-01"]
    assert [r.release for r in installed_releases("dmepos")] == ["2026-01"]
    for dataset in ("clfs", "asp", "dmepos"):
        for release in installed_releases(dataset):
            for entry in release.files:
                assert hashlib.sha256(release.path(entry.role).read_bytes()).hexdigest() == entry.sha256
                assert entry.source and entry.cms_name
    assert {f.role for f in installed_releases("dmepos")[0].files} == {"dmepos", "pen"}


def test_clfs_release_by_date_of_service(stores: dict[str, Store]) -> None:
    """0614U-0630U take effect on 2026-04-01: only the Q2 file has them."""
    releases = installed_releases("clfs")
    january, warnings = select_release(releases, date_of_service=dt.date(2026, 2, 10))
    assert (january.release, warnings) == ("2026-01", [])
    april, warnings = select_release(releases, date_of_service=dt.date(2026, 5, 1))
    assert (april.release, warnings) == ("2026-04", [])
    later, warnings = select_release(releases, date_of_service=dt.date(2026, 8, 1))
    assert later.release == "2026-04" and "2026-07" in warnings[0]
    assert stores["clfs-2026-01"].clfs("0614U") == []
    new_codes = [f"{n:04d}U" for n in range(614, 631)]
    for code in new_codes:
        [row] = stores["clfs-2026-04"].clfs(code)
        assert row["eff_date"] == "2026-04-01"
    q2_new = {row["hcpcs"] for row in stores["clfs-2026-04"].rows("clfs") if row["eff_date"] != "2026-01-01"}
    assert q2_new == set(new_codes)


# -- CLFS ----------------------------------------------------------------------------------------


def raw_clfs_q2() -> list[dict[str, str]]:
    with shipped("clfs", "2026-04", "clfs").open(newline="", encoding="ascii") as handle:
        rows = list(csv.reader(handle))
    header = next(i for i, row in enumerate(rows) if row[:2] == ["YEAR", "HCPCS"])
    return [dict(zip(rows[header], row, strict=True)) for row in rows[header + 1 :] if row]


def raw_clfs_q1() -> list[dict[str, Any]]:
    book = openpyxl.load_workbook(shipped("clfs", "2026-01", "clfs"), read_only=True, data_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    book.close()
    header = next(i for i, row in enumerate(rows) if row[:2] == ("YEAR", "HCPCS"))
    names = [name for name in rows[header] if name]
    return [dict(zip(names, row, strict=False)) for row in rows[header + 1 :] if row[1] is not None]


def check_clfs_row(store: Store, hcpcs: str, modifier: str, rate: int, eff: str, indicator: str, short: str) -> None:
    [row] = [r for r in store.clfs(hcpcs) if r["modifier"] == modifier]
    assert (row["rate_cents"], row["eff_date"], row["indicator"], row["short_desc"]) == (
        rate,
        f"{eff[:4]}-{eff[4:6]}-{eff[6:]}",
        indicator,
        short,
    ), (hcpcs, modifier)


def test_every_clfs_q2_row_from_the_raw_csv(stores: dict[str, Store]) -> None:
    store = stores["clfs-2026-04"]
    raw = raw_clfs_q2()
    assert len(raw) == 2179 == sum(1 for _ in store.rows("clfs"))
    for row in raw:
        check_clfs_row(
            store, row["HCPCS"], row["MOD"], cents(row["RATE"]), row["EFF_DATE"], row["INDICATOR"], row["SHORTDESC"]
        )


def test_every_clfs_q1_row_from_the_raw_xlsx(stores: dict[str, Store]) -> None:
    """The Q1 workbook stores 80053 as the number 80053 and rates as numbers (720, 503.4)."""
    store = stores["clfs-2026-01"]
    raw = raw_clfs_q1()
    assert len(raw) == 2162 == sum(1 for _ in store.rows("clfs"))
    assert any(isinstance(row["HCPCS"], int) for row in raw)
    for row in raw:
        code = f"{row['HCPCS']:05d}" if isinstance(row["HCPCS"], int) else row["HCPCS"]
        check_clfs_row(
            store, code, row["MOD"] or "", cents(str(row["RATE"])), str(row["EFF_DATE"]), row["INDICATOR"],
            row["SHORTDESC"].strip(),
        )  # fmt: skip


def test_q1_rows_equal_q2_rows(stores: dict[str, Store]) -> None:
    def keyed(store: Store) -> dict[tuple[str, str], tuple[int, str, str]]:
        rows = store.rows("clfs")
        return {(r["hcpcs"], r["modifier"]): (r["rate_cents"], r["eff_date"], r["indicator"]) for r in rows}

    q1, q2 = keyed(stores["clfs-2026-01"]), keyed(stores["clfs-2026-04"])
    assert all(q2[key] == value for key, value in q1.items())
    assert len(q2) - len(q1) == 17


def test_clfs_samples() -> None:
    """PROVENANCE samples: 80053 10.56 (also QW), 85025 7.77, 36415 9.34, 0001U 720.00."""
    store = open_store(installed_releases("clfs")[-1])
    assert [(r["modifier"], r["rate_cents"]) for r in store.clfs("80053")] == [("", 1056), ("QW", 1056)]
    assert store.clfs("85025")[0]["rate_cents"] == 777
    assert store.clfs("36415")[0]["rate_cents"] == 934
    assert store.clfs("0001U")[0]["rate_cents"] == 72000
    assert store.clfs("99213") == []


def test_clfs_quirk_zero_padded_rates_under_title_rows() -> None:
    frame = schedules.load_clfs(QUIRKS / "clfs2026q2_title_rows_zero_padded_rates_april_codes.csv")
    rates = {(r.hcpcs, r.modifier): r.rate_cents for r in frame.itertuples()}
    assert rates[("80053", "")] == rates[("80053", "QW")] == 1056  # printed 00010.56
    [april] = frame[frame["hcpcs"] == "0614U"].itertuples()
    assert (april.eff_date, april.indicator, april.rate_cents, april.line) == ("2026-04-01", "L", 0, 7)


def test_clfs_quirk_numeric_hcpcs_in_the_q1_workbook() -> None:
    frame = schedules.load_clfs(QUIRKS / "clfs2026q1_numeric_hcpcs_and_rates.xlsx")
    assert {"80053", "36415", "85025", "0001U", "U0002"} <= set(frame["hcpcs"])
    assert dict(zip(frame["hcpcs"] + frame["modifier"], frame["rate_cents"], strict=True))["0001U"] == 72000


def test_clfs_bad_cells_name_file_line_and_column(tmp_path: Path) -> None:
    text = (QUIRKS / "clfs2026q2_title_rows_zero_padded_rates_april_codes.csv").read_text()
    broken = tmp_path / "clfs.csv"
    broken.write_text(text.replace("20260101,N,00010.56", "20261301,N,0001O.56", 1))
    with pytest.raises(DataFileError) as caught:
        schedules.load_clfs(broken)
    assert [(c.file, c.line, c.column, c.value) for c in caught.value.bad_cells] == [
        ("clfs.csv", 9, "RATE", "0001O.56")
    ]


def test_clfs_impossible_date_is_a_bad_cell(tmp_path: Path) -> None:
    text = (QUIRKS / "clfs2026q2_title_rows_zero_padded_rates_april_codes.csv").read_text()
    broken = tmp_path / "clfs.csv"
    broken.write_text(text.replace("20260101,N,00010.56", "20261301,N,00010.56", 1))
    with pytest.raises(DataFileError, match=r"clfs.csv:9: column 'EFF_DATE': '20261301'"):
        schedules.load_clfs(broken)


def manifest_for(tmp_path: Path, dataset: str, release: str, effective: str, files: dict[str, Path]) -> Release:
    """A one-off release over test files (compile checks are made against its year and quarter)."""
    (tmp_path / "manifests").mkdir(exist_ok=True)
    entries = []
    for role, path in files.items():
        shutil.copy(path, tmp_path / path.name)
        data = path.read_bytes()
        entries.append({"role": role, "path": path.name, "cms_name": path.name, "source": "test",
                        "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)})  # fmt: skip
    manifest = tmp_path / "manifests" / f"{dataset}-{release}.json"
    doc = {"dataset": dataset, "release": release, "year": int(release[:4]), "title": "test", "released": None,
           "effective_from": effective, "files": entries}  # fmt: skip
    manifest.write_text(json.dumps(doc))
    return read_manifest(manifest)


def test_clfs_file_with_rows_effective_after_its_quarter_is_refused(tmp_path: Path) -> None:
    """Q2's 0614U (effective 2026-04-01) cannot be in a January release: a misfiled quarter."""
    quirk = QUIRKS / "clfs2026q2_title_rows_zero_padded_rates_april_codes.csv"
    release = manifest_for(tmp_path, "clfs", "2026-01", "2026-01-01", {"clfs": quirk})
    with pytest.raises(DataFileError, match=r"EFF_DATE.*2026-04-01.*on or before 2026-03-31"):
        release_tables(release)
    wrong_year = manifest_for(tmp_path, "clfs", "2025-04", "2025-04-01", {"clfs": quirk})
    with pytest.raises(DataFileError, match=r"YEAR.*2026.*2025"):
        release_tables(wrong_year)


# -- ASP -------------------------------------------------------------------------------------------


def raw_asp() -> list[dict[str, str]]:
    with shipped("asp", "2026-01", "payment_limit").open(newline="", encoding="cp1252") as handle:
        rows = list(csv.reader(handle))
    header = next(i for i, row in enumerate(rows) if row[:1] == ["HCPCS Code"])
    return [dict(zip(rows[header], row, strict=True)) for row in rows[header + 1 :] if any(row)]


def test_every_asp_row_from_the_raw_csv(stores: dict[str, Store]) -> None:
    store = stores["asp-2026-01"]
    raw = raw_asp()
    assert len(raw) == 877 == sum(1 for _ in store.rows("asp"))
    for row in raw:
        found = store.asp(row["HCPCS Code"])
        assert found is not None, row["HCPCS Code"]
        limit = None if row["Payment Limit"] == "N/A" else mills(row["Payment Limit"])
        assert (found["limit_mills"], found["coinsurance_thousandths"]) == (
            limit,
            mills(row["Co-insurance Percentage"]),
        ), row["HCPCS Code"]
        assert found["billing_unit"] == row["HCPCS Code Dosage"].replace("\xa0", " ").strip()
        assert found["description"] == row["Short Description"].strip()
        assert found["notes"] == row["Notes"].strip()
        assert found["clotting_factor"] == row["Clotting Factor"].strip()
        for field, column in (("vaccine_limit_mills", "Vaccine Limit"), ("blood_limit_mills", "Blood limit")):
            assert found[field] == (mills(row[column]) if row[column] else None)


def test_asp_samples(stores: dict[str, Store]) -> None:
    store = stores["asp-2026-01"]
    pembrolizumab = store.asp("J9271")
    assert pembrolizumab is not None
    assert (pembrolizumab["billing_unit"], pembrolizumab["limit_mills"], pembrolizumab["coinsurance_thousandths"]) == (
        "1 MG",
        59726,
        20000,
    )
    denosumab = store.asp("J0897")  # inflation-adjusted (IRA) coinsurance, as printed
    assert denosumab is not None
    assert (denosumab["limit_mills"], denosumab["coinsurance_thousandths"]) == (29457, 17585)
    assert denosumab["notes"] == "Inflation-adjusted coinsurance"
    aflibercept = store.asp("J0178")
    assert aflibercept is not None and aflibercept["limit_mills"] == 763901
    assert store.asp("80053") is None


def test_asp_quirks_na_limit_multiline_note_nbsp_unit() -> None:
    frame = schedules.load_asp(QUIRKS / "asp2026q1_na_limit_multiline_note_nbsp_unit.csv")
    rows = {row.hcpcs: row for row in frame.itertuples()}
    assert frame.attrs["effective_from"] == dt.date(2026, 1, 1)
    assert rows["A9606"].limit_mills is pd_na() and "\n" in rows["A9606"].notes
    assert rows["J9325"].billing_unit == "1 million PFU"
    assert (rows["90653"].vaccine_awp_thousandths, rows["90653"].vaccine_limit_mills) == (95000, 98160)
    assert rows["90653"].coinsurance_thousandths == 0
    assert rows["J7190"].clotting_factor == "1"


def pd_na() -> Any:
    import pandas as pd

    return pd.NA


def test_asp_blank_limit_is_a_bad_cell(tmp_path: Path) -> None:
    raw = (QUIRKS / "asp2026q1_na_limit_multiline_note_nbsp_unit.csv").read_bytes()
    broken = tmp_path / "asp.csv"
    broken.write_bytes(raw.replace(b"1 MG,59.726,", b"1 MG,,", 1))
    with pytest.raises(DataFileError, match=r"asp.csv:\d+: column 'Payment Limit': ''"):
        schedules.load_asp(broken)


def test_asp_file_of_another_quarter_is_refused(tmp_path: Path) -> None:
    quirk = QUIRKS / "asp2026q1_na_limit_multiline_note_nbsp_unit.csv"
    release = manifest_for(tmp_path, "asp", "2026-04", "2026-04-01", {"payment_limit": quirk})
    with pytest.raises(DataFileError, match="takes effect on 2026-01-01, but release 2026-04 starts on 2026-04-01"):
        release_tables(release)


# -- DMEPOS and PEN ----------------------------------------------------------------------------------


def raw_fee_schedule(role: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    book = openpyxl.load_workbook(shipped("dmepos", "2026-01", role), read_only=True, data_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    book.close()
    header = next(i for i, row in enumerate(rows) if row[0] == "HCPCS")
    return [str(name) for name in rows[header]], [row for row in rows[header + 1 :] if row[0]]


@pytest.mark.slow
@pytest.mark.parametrize(("role", "source", "count"), [("dmepos", "DMEPOS", 3515), ("pen", "PEN", 50)])
def test_every_dmepos_and_pen_state_cell_from_the_raw_xlsx(
    stores: dict[str, Store], role: str, source: str, count: int
) -> None:
    store = stores["dmepos-2026-01"]
    names, rows = raw_fee_schedule(role)
    assert len(rows) == count
    fees = {
        (r["hcpcs"], r["mod"], r["mod2"], r["state"]): (r["nr_cents"], r["r_cents"])
        for r in store.rows("dmepos_fee")
        if r["source"] == source
    }
    states = [name.split("(")[0].strip() for name in names if name.endswith("(NR)")]
    assert len(states) == 53 and len(fees) == count * 53
    for row in rows:
        cells = dict(zip(names, row, strict=False))
        key = (row[0], row[1] or "", row[2] or "")
        for state in states:
            nr = cells.get(f"{state} (NR)", cells.get(f"{state}(NR)"))
            rural = cells.get(f"{state} (R)", cells.get(f"{state}(R)"))
            assert fees[(*key, state)] == (cents(str(nr)), cents(str(rural))), (*key, state)
    # and through the accessor, for a sample of items (every 50th)
    for row in rows[::50]:
        cells = dict(zip(names, row, strict=False))
        [item] = [i for i in store.dmepos(row[0]) if (i["mod"], i["mod2"], i["source"]) == (row[1], row[2], source)]
        assert len(item["fees"]) == 53
        if source == "DMEPOS":
            assert (item["ceiling_cents"], item["floor_cents"]) == (
                cents(str(cells["Ceiling"])),
                cents(str(cells["Floor"])),
            )
            assert (item["juris"], item["catg"]) == (cells["JURIS"], cells["CATG"])
        else:
            assert item["ceiling_cents"] is None and item["catg"] is None


@pytest.mark.parametrize(
    ("code", "mod", "california", "texas"),
    [("E0601", "RR", 5044, 5091), ("E0260", "RR", 7466, 7750), ("L1833", "", 45516, 45516)],
)
def test_dmepos_samples_california_and_texas(
    stores: dict[str, Store], code: str, mod: str, california: int, texas: int
) -> None:
    """PROVENANCE samples (CA NR / TX NR): E0601 RR 50.44/50.91, E0260 RR 74.66/77.50, L1833 455.16."""
    store = stores["dmepos-2026-01"]
    [ca] = [i for i in store.dmepos(code, "CA") if i["mod"] == mod and i["mod2"] == ""]
    [tx] = [i for i in store.dmepos(code, "TX") if i["mod"] == mod and i["mod2"] == ""]
    assert ca["fees"]["CA"][0] == california and tx["fees"]["TX"][0] == texas
    assert list(ca["fees"]) == ["CA"] and ca["source"] == "DMEPOS"


def test_dmepos_code_in_both_files_says_which(stores: dict[str, Store]) -> None:
    """E0776 (IV pole) is in the DMEPOS file and, with other modifiers, in the PEN file."""
    sources = {item["source"] for item in stores["dmepos-2026-01"].dmepos("E0776")}
    assert sources == {"DMEPOS", "PEN"}
    assert stores["dmepos-2026-01"].dmepos("99213") == []
    assert len(stores["dmepos-2026-01"].dmepos_states()) == 53


def test_dmepos_quirk_slices() -> None:
    items, fees = schedules.load_dmepos(QUIRKS / "dmepos26_jan_header_row7_nr_r_per_state.xlsx", "DMEPOS")
    assert items.attrs["title"] == ("DMEPOS", dt.date(2026, 1, 1))
    [cpap] = fees[(fees["hcpcs"] == "E0601") & (fees["mod"] == "RR") & (fees["state"] == "CA")].itertuples()
    assert (cpap.nr_cents, cpap.r_cents, cpap.line) == (5044, 9304, 10)  # the sheet row
    items, fees = schedules.load_dmepos(QUIRKS / "dmepen26_jan_state_columns_without_space.xlsx", "PEN")
    assert items.attrs["title"] == ("PEN", dt.date(2026, 1, 1))
    assert set(fees["state"]) >= {"AL", "CA", "VI"} and len(set(fees["state"])) == 53


def test_dmepos_renamed_or_missing_state_column_is_refused(tmp_path: Path) -> None:
    for change, text in (("CA NR", "'CA NR'"), ("Description", "CA \\(NR\\).*missing")):
        book = openpyxl.load_workbook(QUIRKS / "dmepos26_jan_header_row7_nr_r_per_state.xlsx")
        sheet = book.worksheets[0]
        [cell] = [c for c in sheet[7] if c.value == "CA (NR)"]
        if change == "Description":
            sheet.delete_cols(cell.column)
        else:
            cell.value = change
        broken = tmp_path / "broken.xlsx"
        book.save(broken)
        with pytest.raises(DataFileError, match=text):
            schedules.load_dmepos(broken, "DMEPOS")


def test_dmepos_file_of_another_quarter_is_refused(tmp_path: Path) -> None:
    quirk = QUIRKS / "dmepos26_jan_header_row7_nr_r_per_state.xlsx"
    release = manifest_for(tmp_path, "dmepos", "2026-04", "2026-04-01", {"dmepos": quirk})
    with pytest.raises(DataFileError, match="not the DMEPOS fee schedule of 2026-04-01"):
        release_tables(release)
