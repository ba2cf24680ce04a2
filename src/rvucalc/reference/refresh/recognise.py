"""What a CMS file is: dataset and release, recognised from the zip's members and title rows.

A file's name is not trusted: ``rvu26d.zip`` is recognised by its PPRRVU member's title
("2026 National Physician Fee Schedule Relative Value File October Release"), an ASC zip by
its addenda's "<Month> <year> Payment Indicator" headers, an OPPS Addendum B by its title.
"""

from __future__ import annotations

import datetime as dt
import re
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any, TypeVar

from rvucalc.errors import DataFileError, OptionContradictsFileError, UnrecognisedFileError, option

MAX_UNPACKED_BYTES = 600 * 2**20  # the largest CMS RVU zip unpacks to about 60 MB
MAX_RATIO = 100  # CMS's text files compress about 8:1; a bomb far more
MONTH_LETTER = {"JANUARY": "A", "APRIL": "B", "JULY": "C", "OCTOBER": "D"}
MONTH_NUMBER = {"JANUARY": "01", "APRIL": "04", "JULY": "07", "OCTOBER": "10"}


@dataclass
class Recognised:
    dataset: str  # pfs, asc, opps
    release: str  # 2025A, 2025-01
    year: int
    effective_from: str
    title: str
    members: dict[str, str] = field(default_factory=dict)  # role -> member name in the zip
    released: str | None = None


def safe_members(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The zip's files, refusing unsafe names, links and bombs."""
    total = 0
    infos = []
    for info in archive.infolist():
        path = PurePosixPath(info.filename.replace("\\\\", "/"))
        if path.is_absolute() or ".." in path.parts or re.match(r"^[A-Za-z]:", info.filename):
            raise DataFileError(f"Refused: the zip has an unsafe member name {info.filename!r}.")
        if stat.S_ISLNK(info.external_attr >> 16):
            raise DataFileError(f"Refused: the zip member {info.filename!r} is a link.")
        if info.is_dir():
            continue
        total += info.file_size
        if total > MAX_UNPACKED_BYTES or (info.compress_size and info.file_size / info.compress_size > MAX_RATIO):
            raise DataFileError(
                f"Refused: the zip would unpack to more than {MAX_UNPACKED_BYTES // 2**20} MB or compresses "
                f"{info.file_size // max(info.compress_size, 1)}:1 ({info.filename}) — not a CMS file (a zip bomb?)."
            )
        infos.append(info)
    return infos


def _first_lines(archive: zipfile.ZipFile, name: str, lines: int = 12) -> list[str]:
    with archive.open(name) as handle:
        text = handle.read(64 * 1024).decode("cp1252", errors="replace")
    return [" ".join(line.replace(",", " ").replace('"', " ").split()) for line in text.splitlines()[:lines]]


def recognise_zip(archive: zipfile.ZipFile, quarter: int | None = None) -> Recognised:
    names = {PurePosixPath(info.filename).name: info.filename for info in safe_members(archive)}
    upper = {name.upper(): full for name, full in names.items()}

    def find(pattern: str) -> str | None:
        matches = [full for name, full in upper.items() if re.fullmatch(pattern, name)]
        return matches[0] if matches else None

    rates = sorted(full for name, full in upper.items() if re.fullmatch(r"PPRRVU.*\.CSV", name))
    if rates:
        return _recognise_pfs(archive, rates, find)
    aa = find(r".*\bAA\.CSV|.*-AA\.CSV|AA\.CSV")
    if aa:
        return _recognise_asc(archive, aa, find)
    addendum_b = find(r".*ADDENDUM[ _-]?B.*\.(CSV|XLSX)")
    if addendum_b:
        return _recognise_opps(archive, addendum_b, quarter)
    zip5 = find(r"ZIP5.*\.(TXT|XLSX)")
    if zip5:
        return _recognise_zip5(archive, zip5)
    for full in names.values():  # a renamed Addendum B: known by its title row, not its name
        if full.upper().endswith(".CSV") and any(
            re.search(r"\bADDENDUM B\b.*\bOPPS\b", line.upper()) for line in _first_lines(archive, full, 3)
        ):
            return _recognise_opps(archive, full, quarter)
    for full in names.values():
        header = _first_lines(archive, full, 1) if full.upper().endswith((".CSV", ".TXT")) else [""]
        match = re.fullmatch(r"CBSA\s+CBSA Name\s+WI(\d\d)", header[0].replace("\t", " ")) if header else None
        if match:
            year = 2000 + int(match.group(1))
            return Recognised("wage", str(year), year, f"{year}-01-01", f"CY{year} ASC wage index by CBSA",
                              {"wage_index": full})  # fmt: skip
    schedule = recognise_schedule(archive, names, quarter)
    if schedule:
        return schedule
    raise UnrecognisedFileError(
        "Not a CMS file rvucalc knows: no PPRRVU (PFS RVU), ASC addendum AA, OPPS Addendum B, ZIP5, "
        "wage index, CLFS, ASP payment limit or DMEPOS fee schedule member "
        f"(members: {', '.join(sorted(names)[:8])}). rvucalc installs CMS's PFS RVU zip (rvu26d.zip: PPRRVU, GPCI, "
        "ANES, OPPSCAP, LOCCO), the ASC addenda zip (AA, BB), OPPS Addendum B, the ZIP5 file, the ASC wage index and "
        "the CLFS, ASP payment limit and DMEPOS fee schedule files; "
        "nothing was installed."
    )


def _recognise_zip5(archive: zipfile.ZipFile, member: str) -> Recognised:
    """ZIP5's YEAR/QTR (YYYYQ) is in every record: positions 76-80, or the xlsx's YEAR/QTR column."""
    if member.upper().endswith(".TXT"):
        with archive.open(member) as handle:
            first = handle.readline().decode("cp1252", errors="replace")
        year_quarter = first[75:80]
    else:
        import io

        import openpyxl

        data = archive.read(member)
        with zipfile.ZipFile(io.BytesIO(data)) as inner:  # an XLSX is a zip: its sizes first, as for the outer one
            if sum(info.file_size for info in inner.infolist()) > MAX_UNPACKED_BYTES:
                raise DataFileError(f"{member}: the workbook would unpack to too much; refused (a zip bomb?).")
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
        rows = book.worksheets[0].iter_rows(values_only=True, max_row=2)
        header, first_row = next(rows), next(rows)
        year_quarter = str(first_row[[str(h).upper() for h in header].index("YEAR/QTR")])
    if not re.fullmatch(r"\d{4}[1-4]", year_quarter):
        raise DataFileError(f"{member}: no YEAR/QTR (YYYYQ) in its records; not CMS's ZIP5 file.")
    year, quarter = int(year_quarter[:4]), int(year_quarter[4])
    month = f"{(quarter - 1) * 3 + 1:02d}"
    return Recognised("zip5", year_quarter, year, f"{year}-{month}-01", f"CMS ZIP5 file, {year} Q{quarter}",
                      {"zip5": member})  # fmt: skip


# What each member of CMS's RVU zip is, in words (a message never shows a pattern).
PFS_COMPANIONS = {
    "gpci": (r"GPCI\d{4}\.CSV", "the GPCI file (GPCI{year}.csv)"),
    "counties": (r"\d\dLOCCO\.CSV", "the locality-county file ({yy}LOCCO.csv)"),
    "anesthesia": (r"ANES\d{4}\.CSV", "the anesthesia conversion factor file (ANES{year}.csv)"),
    "opps_cap": (r"OPPSCAP.*\.CSV", "the OPPS imaging cap file (OPPSCAP_<month>.csv)"),
}


def download_page(dataset: str) -> str:
    """CMS's download page for a dataset, as the refresh catalogue lists it."""
    from rvucalc.reference.refresh import catalogue

    return str(catalogue()["datasets"][dataset]["page"])


def rate_file_kind(member: str) -> str | None:
    """'qp' or 'non_qp' for CMS's CY2026-on rate files (``PPRRVU2026_Oct_QPP.csv``, ``PPRRVU2026_Oct_nonQPP.csv``),
    None for a name that says neither (one rate file, before 2026)."""
    letters = re.sub(r"[^A-Z]", "", PurePosixPath(member).stem.upper())
    if "NONQP" in letters:
        return "non_qp"
    return "qp" if "QP" in letters.removeprefix("PPRRVU") else None


def _rate_files(rates: list[str]) -> tuple[str, str | None]:
    """The non-QP rate file (installed as the release's RVU file) and the QP one, if the zip has it.

    From CY2026 CMS's RVU zip holds two rate files with the same RVUs, priced with the non-QP and the qualifying
    APM participant (QP) conversion factor (CY2026 PFS final rule; the files' PRIC IND column, 9 and 1). rvucalc
    prices with the non-QP file, as the shipped 2026C release does, and takes ``--qp``'s CF from the QP file.
    """
    kinds = {member: rate_file_kind(member) for member in rates}
    non_qp = [member for member, kind in kinds.items() if kind != "qp"]
    qp = [member for member, kind in kinds.items() if kind == "qp"]
    names = ", ".join(PurePosixPath(member).name for member in rates)
    if not non_qp:
        raise DataFileError(
            f"{names}: CMS's QP rate file alone (priced with the qualifying APM participant conversion factor). "
            "rvucalc installs CMS's non-QP rate file (PPRRVU<year>_<month>_nonQPP.csv) as the release and applies "
            f"the QP conversion factor with {option('qp')}: give CMS's whole RVU zip, which holds both "
            f"({download_page('pfs')})."
        )
    if len(non_qp) > 1 or len(qp) > 1:
        raise DataFileError(
            f"The PFS zip has {len(rates)} rate files ({names}) and rvucalc cannot tell which is the non-QP and "
            "which the QP one (CMS names them PPRRVU<year>_<month>_nonQPP.csv and ..._QPP.csv); nothing was "
            "installed. Give CMS's RVU zip as published."
        )
    return non_qp[0], (qp[0] if qp else None)


def _recognise_pfs(archive: zipfile.ZipFile, rates: list[str], find: object) -> Recognised:
    rvu, rvu_qp = _rate_files(rates)
    lines = _first_lines(archive, rvu)
    title = next((line for line in lines if "Relative Value File" in line), "")
    match = re.search(r"(\d{4}) National Physician Fee Schedule Relative Value File (\w+) Release", title)
    if not match or match.group(2).upper() not in MONTH_LETTER:
        raise DataFileError(f"{rvu}: no '<year> National Physician Fee Schedule ... <Month> Release' title row.")
    year, month = int(match.group(1)), match.group(2).upper()
    if rvu_qp is not None and match.group(0) not in " ".join(_first_lines(archive, rvu_qp)):
        raise DataFileError(
            f"{rvu_qp} is not the QP rate file of {rvu}'s release (its title row is not '{match.group(0)}'); "
            "nothing was installed. Give CMS's RVU zip as published."
        )
    released = next((re.search(r"RELEASED (\d\d)/(\d\d)/(\d{4})", line) for line in lines if "RELEASED" in line), None)
    members = {"rvu": rvu, **({"rvu_qp": rvu_qp} if rvu_qp else {})}
    missing = []
    for role, (pattern, label) in PFS_COMPANIONS.items():
        name = find(pattern)  # type: ignore[operator]
        if name is None:
            missing.append(label.format(year=year, yy=f"{year % 100:02d}"))
        else:
            members[role] = name
    if missing:
        zip_name = f"RVU{year % 100:02d}{MONTH_LETTER[month]}"
        if len(members) == 1 + bool(rvu_qp):  # a loose rate file, or a zip of it alone
            rates_named = " and ".join(PurePosixPath(name).name for name in (rvu, rvu_qp) if name)
            head = f"{rates_named}: CMS's PFS rate file alone is not enough"
        else:
            head = f"The PFS zip lacks {' and '.join(missing)}"
        raise DataFileError(
            f"{head}. rvucalc needs CMS's whole RVU zip for the {month.title()} {year} release ({zip_name}), "
            f"which holds the rate file with {_and(missing)}. Download it from {download_page('pfs')} and refresh "
            "from the zip; nothing was installed."
        )
    return Recognised(
        dataset="pfs",
        release=f"{year}{MONTH_LETTER[month]}",
        year=year,
        effective_from=f"{year}-{MONTH_NUMBER[month]}-01",
        title=f"CY{year} PFS Relative Value Files, {month.title()} release",
        members=members,
        released=f"{released.group(3)}-{released.group(1)}-{released.group(2)}" if released else None,
    )


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _recognise_asc(archive: zipfile.ZipFile, aa: str, find: object) -> Recognised:
    lines = _first_lines(archive, aa)
    header = next((line for line in lines if "Payment Indicator" in line), "")
    match = re.search(r"(JANUARY|APRIL|JULY|OCTOBER) (\d{4}) Payment Indicator", header, re.IGNORECASE)
    if not match:
        raise DataFileError(f"{aa}: no '<Month> <year> Payment Indicator' header; not an ASC addendum AA.")
    month, year = match.group(1).upper(), int(match.group(2))
    members = {"aa": aa}
    missing = []
    for role in ("bb", "ee", "ff"):
        name = find(rf".*\b{role.upper()}\.CSV|.*-{role.upper()}\.CSV|{role.upper()}\.CSV")  # type: ignore[operator]
        if name is None:
            missing.append(f"addendum {role.upper()}")
        else:
            members[role] = name
    if missing:
        head = (
            f"{PurePosixPath(aa).name}: CMS's ASC addendum AA alone is not enough"
            if len(members) == 1
            else f"The ASC zip lacks {' and '.join(missing)}"
        )
        raise DataFileError(
            f"{head}. rvucalc needs CMS's whole ASC addenda zip for {month.title()} {year}, which holds addendum AA "
            f"with {_and(missing)}. Download it from {download_page('asc')} and refresh from the zip; nothing was "
            "installed."
        )
    return Recognised(
        dataset="asc",
        release=f"{year}-{MONTH_NUMBER[month]}",
        year=year,
        effective_from=f"{year}-{MONTH_NUMBER[month]}-01",
        title=f"CY{year} ASC Addenda AA/BB/EE/FF, {month.title()} {year}",
        members=members,
    )


def _recognise_opps(archive: zipfile.ZipFile, member: str, quarter: int | None) -> Recognised:
    name = PurePosixPath(member).name.upper()
    # An xlsx's title is checked when the loader reads it; a CSV's is read here.
    title = " ".join(_first_lines(archive, member, 3)) if name.endswith(".CSV") else name
    # CMS names an xlsx's sheet after the quarter ('2025 January Addendum B'), whatever the file is called.
    sheet = "" if name.endswith(".CSV") else _sheet_name(archive, member).upper()
    year_match = re.search(r"CY (\d{4})", title) or re.search(r"(20\d\d)", name) or re.search(r"(20\d\d)", sheet)
    said = [(m, where) for where, text in (("name", name), ("sheet's name", sheet)) for m in MONTH_NUMBER if m in text]
    month, where = said[0] if said else (None, "")
    months = {m for m, _ in said}
    if len(months) > 1:  # the file's name and its sheet's disagree (a review: an April-named January workbook)
        raise DataFileError(
            f"{member}: its name and its sheet's name give different months ("
            + ", ".join(f"{place}: {m.title()}" for m, place in said)
            + "); CMS names the sheet after the quarter: check which quarter it is and rename the file to say it; "
            "nothing was installed."
        )
    if quarter and month and list(MONTH_NUMBER).index(month) + 1 != quarter:  # as CLFS's name (recognise_schedule)
        raise OptionContradictsFileError(
            f"{member}: its {where} says quarter {list(MONTH_NUMBER).index(month) + 1} ({month.title()}), not "
            f"{quarter}; drop --quarter (or, if CMS's name is wrong, rename the file); nothing was installed."
        )
    if quarter:
        month = list(MONTH_NUMBER)[quarter - 1]
    if not year_match:
        raise DataFileError(f"{member}: cannot tell the year of this Addendum B (no 'CY YYYY' in its title).")
    if not month:
        raise DataFileError(
            f"{member}: cannot tell the quarter of this CY{year_match.group(1)} Addendum B (its name gives no month); "
            "pass --quarter."
        )
    year = int(year_match.group(1))
    return Recognised(
        dataset="opps",
        release=f"{year}-{MONTH_NUMBER[month]}",
        year=year,
        effective_from=f"{year}-{MONTH_NUMBER[month]}-01",
        title=f"CY{year} OPPS Addendum B, {month.title()} {year}",
        members={"addendum_b": member},
    )


def _sheet_name(archive: zipfile.ZipFile, member: str) -> str:
    """An xlsx member's first sheet name, from its workbook.xml ("" when it has none that can be read)."""
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(archive.read(member))) as book:
            if book.getinfo("xl/workbook.xml").file_size > 2**20:  # a workbook.xml is a few kB; not a bomb's
                return ""
            text = book.read("xl/workbook.xml").decode("utf-8", errors="replace")
    except (zipfile.BadZipFile, KeyError):
        return ""
    found = re.search(r"<(?:\w+:)?sheet\b[^>]*\bname=\"([^\"]*)\"", text)
    return found.group(1) if found else ""


# -- CLFS, ASP, DMEPOS/PEN: recognised by their title rows and headers --------------------------

# Which of CMS's formats to install when a zip has several (CLFS and ASP: the CSV, as CMS's 508 CSV is
# what the shipped releases use; DMEPOS/PEN: the workbook).
_PREFERRED = {
    "clfs": (".CSV", ".XLSX"),
    "asp": (".CSV", ".XLSX"),
    "dmepos": (".XLSX", ".CSV"),
    "pen": (".XLSX", ".CSV"),
}
T = TypeVar("T", bound=tuple[Any, ...])
_QUARTER_IN_NAME = re.compile(r"Q([1-4])V\d+", re.IGNORECASE)


def _head_cells(archive: zipfile.ZipFile, member: str, rows: int = 14) -> list[list[str]]:
    """The first rows of a CSV or XLSX member as text cells."""
    if member.upper().endswith(".XLSX"):
        import io

        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(archive.read(member)), read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            return [
                ["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True, max_row=rows)
            ]
        finally:
            book.close()
    import csv

    with archive.open(member) as handle:
        text = handle.read(64 * 1024).decode("cp1252", errors="replace")
    return [list(row) for row in csv.reader(text.splitlines()[:rows])]


def _preferred(found: list[T], suffixes: tuple[str, ...]) -> T:
    """Of several copies of one table (CMS zips hold CSV, TXT and XLSX), the format rvucalc reads best:
    CLFS and ASP the CSV, as shipped; DMEPOS and PEN the workbook."""
    return sorted(found, key=lambda item: suffixes.index(PurePosixPath(str(item[0])).suffix.upper()))[0]


def _check_quarter(member: str, start: dt.date, quarter: int | None) -> None:
    """A --quarter that contradicts the file's own title is a mistake worth stopping on."""
    if quarter and quarter != (start.month - 1) // 3 + 1:
        raise DataFileError(
            f"{member}: its title says it takes effect on {start}, not in quarter {quarter}; drop --quarter."
        )


def _has_header(cells: list[list[str]], *names: str) -> bool:
    from rvucalc.reference.loaders.tables import normalize_name

    return any({normalize_name(name) for name in names} <= {normalize_name(cell) for cell in row} for row in cells)


def recognise_schedule(archive: zipfile.ZipFile, names: dict[str, str], quarter: int | None) -> Recognised | None:
    """A CLFS, ASP payment limit or DMEPOS (+ PEN) file, from its title rows; None if none is one.

    CLFS: title '<year> Clinical Diagnostic Laboratory Fee Schedule' over a YEAR/HCPCS/EFF_DATE header; its
    title carries no quarter, so the quarter is --quarter, else the Q# of CMS's name ('CLFS 2026 Q2V1.csv'),
    and compiling checks that no EFF_DATE falls after it. ASP: 'Payment Allowance Limits for Medicare Part B
    Drugs' and 'Effective <Month> 1, <year> through ...' over a 'HCPCS Code' header (the NDC crosswalk and
    NOC files have other titles or headers). DMEPOS and PEN: 'Durable Medical Equipment' or 'Parenteral and
    Enteral Nutrition' and '<Month> <year> Fee Schedule'.
    """
    from rvucalc.reference.loaders import schedules

    clfs: list[tuple[str, int]] = []
    asp: list[tuple[str, tuple[dt.date, str]]] = []
    dme: dict[str, list[tuple[str, dt.date]]] = {"DMEPOS": [], "PEN": []}
    for full in names.values():
        if not full.upper().endswith((".CSV", ".XLSX")):
            continue
        cells = _head_cells(archive, full)
        lines = schedules.head_text(cells)
        year = schedules.clfs_title_year(lines)
        period = schedules.asp_period(lines)
        title = schedules.dmepos_title(lines)
        if year and _has_header(cells, "YEAR", "HCPCS", "EFF_DATE"):
            clfs.append((full, year))
        elif period and any(schedules.ASP_TITLE.search(line) for line in lines) and _has_header(cells, "HCPCS Code"):
            asp.append((full, period))
        elif title:
            dme[title[0]].append((full, title[1]))
    if clfs:
        member, year = _preferred(clfs, (".CSV", ".XLSX"))
        name_quarter = _QUARTER_IN_NAME.search(PurePosixPath(member).name)
        if quarter and name_quarter and int(name_quarter.group(1)) != quarter:  # as ASP's title (_check_quarter)
            raise OptionContradictsFileError(
                f"{member}: its name says quarter {name_quarter.group(1)}, not {quarter}; drop --quarter (or, if CMS's "
                "name is wrong, rename the file); nothing was installed."
            )
        number = quarter or (int(name_quarter.group(1)) if name_quarter else None)
        if number is None:
            raise DataFileError(
                f"{member}: a CMS CLFS file for {year}, but neither its title nor its name says which quarter; "
                "pass --quarter (1-4)."
            )
        month = f"{(number - 1) * 3 + 1:02d}"
        return Recognised("clfs", f"{year}-{month}", year, f"{year}-{month}-01",
                          f"CY{year} Clinical Laboratory Fee Schedule, Q{number}", {"clfs": member})  # fmt: skip
    if asp:
        member, (start, through) = _preferred(asp, (".CSV", ".XLSX"))
        _check_quarter(member, start, quarter)
        label = f"Medicare Part B drug payment allowance limits (ASP), {start:%B %Y} quarter (through {through})"
        return Recognised("asp", f"{start.year}-{start.month:02d}", start.year, start.isoformat(), label,
                          {"payment_limit": member})  # fmt: skip
    if dme["DMEPOS"]:
        member, start = _preferred(dme["DMEPOS"], (".XLSX", ".CSV"))
        _check_quarter(member, start, quarter)
        members = {"dmepos": member}
        pen = [item for item in dme["PEN"] if item[1] == start]
        if pen:
            members["pen"] = _preferred(pen, (".XLSX", ".CSV"))[0]
        label = f"DMEPOS{' and PEN fee schedules' if pen else ' fee schedule'}, {start:%B %Y}"
        return Recognised("dmepos", f"{start.year}-{start.month:02d}", start.year, start.isoformat(), label,
                          members)  # fmt: skip
    if dme["PEN"]:
        raise DataFileError(
            f"{dme['PEN'][0][0]} is CMS's PEN fee schedule alone; rvucalc installs it with the DMEPOS fee schedule "
            "of the same quarter (CMS's DMEPOS zip holds both): refresh from that zip."
        )
    return None
