"""Loaders on small real slices of CMS files, one per quirk (named after it)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import QUIRKS
from rvucalc.errors import DataFileError
from rvucalc.reference.loaders import opps, pfs
from rvucalc.reference.loaders.tables import Column, build_frame, number, read_csv_cells


def test_rvu2025_title_rows_and_stacked_header_are_found_by_name() -> None:
    frame = pfs.load_rvu(QUIRKS / "rvu2025_title_rows_stacked_header_eof_mark.csv")
    assert set(frame["hcpcs"]) == {"0001F", "22590", "45378", "71046", "99213", "G0439", "99607"}
    row = frame[(frame.hcpcs == "22590")].iloc[0]
    assert (row.work_rvu, row.pe_fac_rvu, row.mp_rvu, row.conv_factor) == (2176, 1895, 807, 323465)
    text = (QUIRKS / "rvu2025_title_rows_stacked_header_eof_mark.csv").read_text(encoding="cp1252")
    assert row.line == text.splitlines().index(next(x for x in text.splitlines() if x.startswith("22590,"))) + 1


def test_rvu_keeps_cms_literal_na() -> None:
    frame = pfs.load_rvu(QUIRKS / "rvu2025_title_rows_stacked_header_eof_mark.csv")
    row = frame[frame.hcpcs == "22590"].iloc[0]
    assert row.nonfac_na == "NA"  # not a missing value
    tc = frame[(frame.hcpcs == "71046") & (frame.modifier == "TC")].iloc[0]
    assert tc.fac_na == "NA"


def test_dos_end_of_file_mark_is_not_a_row() -> None:
    raw = (QUIRKS / "rvu2025_title_rows_stacked_header_eof_mark.csv").read_bytes()
    assert b"\x1a" in raw
    frame = pfs.load_rvu(QUIRKS / "rvu2025_title_rows_stacked_header_eof_mark.csv")
    assert len(frame) == raw.count(b"\n") - 10 - 1  # less the title/header rows and the EOF-mark row


def test_rvu2026_pric_ind_column_and_moved_cf_map_by_name() -> None:
    frame = pfs.load_rvu(QUIRKS / "rvu2026_pric_ind_column_cf_moved.csv")
    row = frame[frame.hcpcs == "22590"].iloc[0]
    assert (row.pric_ind, row.conv_factor, row.work_rvu) == ("9", 334009, 2122)


def test_rvu2026q1_collapsed_header_reads_the_same_fields() -> None:
    frame = pfs.load_rvu(QUIRKS / "rvu2026q1_collapsed_header.csv")
    row = frame[frame.hcpcs == "22590"].iloc[0]
    assert (row.work_rvu, row.pe_fac_rvu, row.mp_rvu, row.conv_factor, row.nonfac_na) == (2122, 1741, 805, 334009, "NA")


def test_2025_file_has_no_pricing_indicator() -> None:
    frame = pfs.load_rvu(QUIRKS / "rvu2025_title_rows_stacked_header_eof_mark.csv")
    assert set(frame["pric_ind"]) == {""}


def test_gpci_title_and_footnotes_are_not_rows() -> None:
    frame = pfs.load_gpci_addendum(QUIRKS / "gpci2025_title_and_footnotes.csv", 2025)
    assert list(frame["mac"])[:2] == ["10112", "02102"]
    assert frame.iloc[1]["name"] == "ALASKA"  # CMS's footnote star removed
    assert frame.iloc[1]["gpci_work"] == 1500  # Alaska's 1.5 work floor
    assert len(frame) == 5 + 2  # five localities at the top, two at the bottom


def test_gpci_copy_that_lost_leading_zeros_is_restored() -> None:
    frame = pfs.load_gpci_addendum(QUIRKS / "gpci2026_leading_zeros_lost.csv", 2026)
    assert list(frame["locality_number"])[:2] == ["00", "01"]
    assert frame.iloc[0]["gpci_work"] == 1000  # "with 1.0 floor", not the unfloored 0.988


def test_locco_state_printed_once_and_blank_separator_rows() -> None:
    frame = pfs.load_locality_counties(QUIRKS / "locco2025_state_printed_once_blank_rows.csv")
    california = frame[frame.state_name.str.startswith("CALIFORNIA")]
    assert len(california) > 1  # rows after the first inherit the state
    assert frame.iloc[0]["mac"] == "10112"
    assert frame.iloc[1]["mac"] == "02102"  # "2102" in the file


def test_zip5_fixed_width_positions() -> None:
    frame = pfs.load_zip5(QUIRKS / "zip5_fixed_width.txt")
    row = frame[frame.zip == "10001"].iloc[0]
    assert (row.state, row.mac, row.locality_number, row.year_quarter) == ("NY", "13202", "01", "20254")
    assert frame.iloc[0]["line"] == 1


def test_dollar_and_comma_numbers_are_exact_cents() -> None:
    columns = (
        Column("hcpcs", ("HCPCS CODE",), r"[0-9A-Z]{5}", "a code"),
        number("rate", ("JANUARY 2026 PAYMENT RATE",), 2, blank_ok=True),
    )
    frame = build_frame(read_csv_cells(QUIRKS / "asc_aa_dollar_and_comma_rates.csv"), columns, "AA.csv")
    rates = dict(zip(frame["hcpcs"], frame["rate"], strict=True))
    assert rates["0102T"] == 164487  # "$1,644.87 "
    assert rates["0101T"] == 13554  # "$135.54 "
    assert frame.loc[frame.hcpcs == "0095T", "rate"].isna().all()  # blank: packaged, no rate


def test_bad_cell_is_reported_with_file_line_and_column(tmp_path: Path) -> None:
    broken = tmp_path / "PPRRVU_broken.csv"
    lines = (QUIRKS / "rvu2026_pric_ind_column_cf_moved.csv").read_text(encoding="cp1252").splitlines()
    target = next(i for i, line in enumerate(lines) if line.startswith("22590,"))
    lines[target] = lines[target].replace(",21.22,", ",21.2.2,")
    broken.write_text("\n".join(lines) + "\n", encoding="cp1252")
    with pytest.raises(DataFileError) as caught:
        pfs.load_rvu(broken)
    [cell] = caught.value.bad_cells
    assert (cell.file, cell.line, cell.column, cell.value) == ("PPRRVU_broken.csv", target + 1, "WORK RVU", "21.2.2")
    assert f"PPRRVU_broken.csv:{target + 1}: column 'WORK RVU'" in str(caught.value)


def test_truncated_row_is_reported_not_skipped(tmp_path: Path) -> None:
    broken = tmp_path / "PPRRVU_truncated.csv"
    text = (QUIRKS / "rvu2026_pric_ind_column_cf_moved.csv").read_text(encoding="cp1252")
    broken.write_text(text + "22591\n", encoding="cp1252")
    with pytest.raises(DataFileError) as caught:
        pfs.load_rvu(broken)
    assert {cell.line for cell in caught.value.bad_cells} == {text.count("\n") + 1}


def test_renamed_column_is_a_clear_error(tmp_path: Path) -> None:
    renamed = tmp_path / "PPRRVU_renamed.csv"
    shutil.copy(QUIRKS / "rvu2026q1_collapsed_header.csv", renamed)
    renamed.write_text(renamed.read_text().replace("WORK RVU", "WRK RVU", 1))
    with pytest.raises(DataFileError, match=r"its header row \(row \d+\) lacks the column WORK RVU \("):
        pfs.load_rvu(renamed)


def test_key_repeated_with_different_values_is_rejected(tmp_path: Path) -> None:
    doubled = tmp_path / "PPRRVU_doubled.csv"
    text = (QUIRKS / "rvu2026_pric_ind_column_cf_moved.csv").read_text(encoding="cp1252")
    row = next(line for line in text.splitlines() if line.startswith("22590,"))
    doubled.write_text(text + row.replace(",21.22,", ",21.23,") + "\n", encoding="cp1252")
    with pytest.raises(DataFileError, match="repeat a key with different values"):
        pfs.load_rvu(doubled)


def test_asc_bb_identical_repeated_rows_are_collapsed_and_recorded() -> None:
    frame = opps.load_asc_addendum(QUIRKS / "asc_bb_identical_repeated_rows.csv", "bb")
    assert list(frame["hcpcs"]).count("90684") == 1
    assert frame.attrs["collapsed_lines"] == [7]


def test_wage_index_dos_codepage_duplicates_and_blank_rural_area() -> None:
    frame = opps.load_wage_index(QUIRKS / "wage_index_2025_dos_codepage_duplicates_blank.txt")
    assert "Mayagüez, PR" in set(frame["name"])  # 0x81 in the DOS code page
    alabama = frame[frame.cbsa == "01"]
    assert list(alabama["wage_index"]) == [6471, 7158] and alabama["repeated"].all()  # kept, flagged
    assert frame.loc[frame.cbsa == "31", "wage_index"].isna().all()  # New Jersey: no rural area


def test_addendum_b_ff_byte_padding_and_three_decimal_rates() -> None:
    frame = opps.load_addendum_b(QUIRKS / "addendum_b_oct2025_ff_byte_three_decimal_rates.csv")
    assert "A4341" in set(frame["hcpcs"])  # 'A4341\xff' in CMS's file
    knee = frame[frame.hcpcs == "27447"].iloc[0]
    assert (knee.si, knee.apc, knee.rate, knee.minimum_copay) == ("J1", "5115", 12866820, 257337)
    assert frame.loc[frame.hcpcs == "27447", "national_copay"].isna().all()  # CMS's '.'
