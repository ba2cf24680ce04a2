"""A 'Rendering Provider' column of names each ending in a credential ('PATEL, ANIL MD', 'SMITH, JANE NP') is read as
the provider: a urology trial's export left it unread, its NP's and PA's lines priced at a physician's 100%. A column
with one name lacking a credential stays unread and said (each of its rows would carry the unread provider's note)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.lookup.pricer import Pricer
from test_batch_provider_column import _cms_fee

HEADER = "Claim #,DOS,CPT,Units,POS,Svc Loc Zip,Rendering Provider\n"
ZIP = "85016"


def _batch(tmp_path: Path, names: list[str]) -> tuple[str, list[dict[str, str]]]:
    source = tmp_path / "uro.csv"
    source.write_text(HEADER + "".join(f'U{i},2025-03-10,99214,1,11,{ZIP},"{name}"\n' for i, name in enumerate(names)))
    out = tmp_path / "out.csv"
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    with out.open(newline="") as handle:
        return done.stderr, list(csv.DictReader(handle))


def test_names_each_with_a_credential_are_read_and_an_np_or_pa_is_paid_85_percent(
    pricer: Pricer, tmp_path: Path
) -> None:
    stderr, rows = _batch(tmp_path, ["PATEL, ANIL MD", "LEE, SAM PA-C", "SMITH, JANE NP"])
    assert "provider ← Rendering Provider" in stderr
    fee = _cms_fee(pricer, "99214", ZIP, 2025)["non_facility"]
    share = (fee * Decimal("0.85")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert [Decimal(row["allowed"]) for row in rows] == [fee, share, share]
    assert not any("not read as a practitioner" in row["note"] for row in rows)


def test_one_name_without_a_credential_leaves_the_column_unread(tmp_path: Path) -> None:
    stderr, rows = _batch(tmp_path, ["PATEL, ANIL MD", "SMITH, JANE"])
    assert "provider ←" not in stderr and "'Rendering Provider' is not read" in stderr
    assert rows[0]["allowed"] == rows[1]["allowed"]  # both priced as the run's --provider (a physician's)


def test_the_column_is_read_or_not_from_the_whole_file_whatever_chunk_rows(pricer: Pricer, tmp_path: Path) -> None:
    """The decision is the whole file's (batch.files.DateScan.practitioner_cells), not its first chunk's: 100 names
    with a credential before 100 without one read the column with --chunk-rows 100 (the NP's 85%) and not without it
    (100%); blanks in the first chunk left a column read on the whole file unread with --chunk-rows 100."""
    fee = _cms_fee(pricer, "99214", ZIP, 2025)["non_facility"]
    share = (fee * Decimal("0.85")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    for names, np_amount in ((["PATEL, ANIL MD", "SMITH, JANE", "DOE, JO NP"], fee),
                             (["", "PATEL, ANIL MD", "DOE, JO NP"], share)):  # fmt: skip
        source = tmp_path / "uro.csv"
        source.write_text(HEADER + "".join(f'U{i},2025-03-10,99214,1,11,{ZIP},"{names[i // 100]}"\n'
                                           for i in range(300)))  # fmt: skip
        for chunking in ([], ["--chunk-rows", "100"]):
            out = tmp_path / "out.csv"
            done = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), *chunking])
            assert done.exit_code == 0, done.output
            with out.open(newline="") as handle:
                rows = list(csv.DictReader(handle))
            assert {Decimal(row["allowed"]) for row in rows[200:]} == {np_amount}, (names, chunking)


def test_a_practice_s_business_name_ending_in_pa_is_no_physician_assistant(pricer: Pricer, tmp_path: Path) -> None:
    """A review: a 'Provider' cell 'FLORIDA ORTHOPAEDIC ASSOCIATES PA' (a professional association, as Florida and Texas
    practices are) was read as a physician assistant's line, 99213 at 85%. A practice's name (batch.lines.
    business_name) is not read: priced as the run's --provider (a physician's, CMS's full fee), with the unread
    provider's note and count; the column stays read for the names beside it ('LEE, SAM PA-C', 'SMITH, JOHN PA': a
    PA's 85%). `price --provider` refuses such a name as any other that names no practitioner."""
    businesses = ["FLORIDA ORTHOPAEDIC ASSOCIATES PA", "SUNCOAST MEDICAL GROUP, P.A.", "JOHN SMITH MD PA",
                  "GULF COAST SURGERY LLC"]  # fmt: skip
    stderr, rows = _batch(tmp_path, [*businesses, "LEE, SAM PA-C", "SMITH, JOHN PA", "PATEL, ANIL MD"])
    assert "provider ← Rendering Provider" in stderr
    fee = _cms_fee(pricer, "99214", ZIP, 2025)["non_facility"]
    share = (fee * Decimal("0.85")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert [Decimal(row["allowed"]) for row in rows] == [fee] * 4 + [share, share, fee]
    for row, name in zip(rows, businesses, strict=False):
        assert f"Provider '{name}' not read as a practitioner: priced as a physician's line" in row["note"], row
        assert "two practitioner types" not in row["note"] and "(PA)" not in row["note"]
    assert "4 rows whose provider cell names no practitioner" in " ".join(stderr.split())
    # the review's own file: a business name beside a physician's name
    stderr, rows = _batch(tmp_path, ["FLORIDA ORTHOPAEDIC ASSOCIATES PA", "SMITH, JOHN MD"])
    assert [Decimal(row["allowed"]) for row in rows] == [fee, fee]
    refused = CliRunner().invoke(app, ["price", "99214", "--zip", ZIP, "--date", "2025-03-10", "--setting", "11",
                                       "--provider", "FLORIDA ORTHOPAEDIC ASSOCIATES PA"])  # fmt: skip
    assert refused.exit_code == 2 and "--provider 'FLORIDA ORTHOPAEDIC ASSOCIATES PA'" in refused.stderr


def test_a_person_s_name_with_pa_keeps_its_reading() -> None:
    from rvucalc.batch.lines import business_name, provider_of

    for name in ("SMITH, JOHN PA", "LEE, SAM PA-C", "SMITH, JOHN P.A.", "DOE, JANE FNP", "ROE, ANN LP"):
        assert not business_name(name), name
    assert provider_of("SMITH, JOHN PA") == provider_of("LEE, SAM PA-C") == "pa"
    assert business_name("MD, PA") is False  # two credentials, no name: _credentials_listed's (not read, two types)


def test_a_surname_that_is_a_business_word_keeps_the_name_s_credential(pricer: Pricer, tmp_path: Path) -> None:
    """A review: 'HEALTH, MARY NP', 'CENTER, JOHN PA', 'GROUP, ANN PA-C' were read as practices' names (a business word
    in them), unread, the NP's and PA's 99214 priced at a physician's 100%. A name ending in a credential other than
    PA, or a person's 'SURNAME, GIVEN PA', keeps its reading (85%); a practice's name ending in PA is still not read."""
    from rvucalc.batch.lines import business_name

    people = ["HEALTH, MARY NP", "CENTER, JOHN PA", "GROUP, ANN PA-C", "Center, John P.A."]
    stderr, rows = _batch(tmp_path, [*people, "PATEL, ANIL MD", "FLORIDA ORTHOPAEDIC ASSOCIATES PA"])
    assert "provider ← Rendering Provider" in stderr
    fee = _cms_fee(pricer, "99214", ZIP, 2025)["non_facility"]
    share = (fee * Decimal("0.85")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert [Decimal(row["allowed"]) for row in rows] == [share] * 4 + [fee, fee]
    assert not any("not read as a practitioner" in row["note"] for row in rows[:5])
    assert "not read as a practitioner" in rows[5]["note"]
    for name in people:
        assert not business_name(name), name
    for name in ("JOHN CENTER PA", "SMITH, JOHN MD PA", "ORTHOPEDICS, SPORTS MEDICINE PA", "HEALTHCARE, PA"):
        assert business_name(name), name


def test_a_practice_s_name_ending_in_a_spelled_out_specialty_is_not_read(pricer: Pricer, tmp_path: Path) -> None:
    """A review: 'MIDTOWN CENTER FOR CHIROPRACTIC' was read as a chiropractor (its 99214 refused) and 'MEMORIAL HOSPITAL
    THERAPIST' as a therapist, where a practice's name is priced as the run's --provider with the unread provider's
    note. A spelled-out specialty word is no credential; 'CENTER, JOHN CHIROPRACTOR', a person's name, keeps it."""
    from rvucalc.batch.lines import business_name, provider_of

    practices = ["MIDTOWN CENTER FOR CHIROPRACTIC", "MEMORIAL HOSPITAL THERAPIST"]
    stderr, rows = _batch(tmp_path, ["PATEL, ANIL MD", *practices])
    assert "provider ← Rendering Provider" in stderr
    fee = _cms_fee(pricer, "99214", ZIP, 2025)["non_facility"]
    assert [Decimal(row["allowed"]) for row in rows] == [fee] * 3
    assert [("not read as a practitioner" in row["note"]) for row in rows] == [False, True, True]
    for name in practices:
        assert business_name(name), name
    assert not business_name("CENTER, JOHN CHIROPRACTOR") and provider_of("CENTER, JOHN CHIROPRACTOR") == "chiropractor"


def test_a_practice_s_name_ending_in_dc_is_no_chiropractor(pricer: Pricer, tmp_path: Path) -> None:
    """A review: 'CAPITOL MEDICAL GROUP DC' (a Washington, D.C. practice) was read as a chiropractor, its 99214 refused
    as a chiropractor's line other than spinal manipulation. After a business word DC is the District, as PA is a
    professional association: priced as the run's --provider with the unread provider's note; a person's 'SMITH, JOHN
    DC' keeps the chiropractor's reading."""
    from rvucalc.batch.lines import business_name, provider_of

    stderr, rows = _batch(tmp_path, ["PATEL, ANIL MD", "CAPITOL MEDICAL GROUP DC", "JOHN SMITH MD DC"])
    assert "provider ← Rendering Provider" in stderr
    fee = _cms_fee(pricer, "99214", ZIP, 2025)["non_facility"]
    assert [Decimal(row["allowed"]) for row in rows] == [fee] * 3
    assert [row["error"] for row in rows] == ["", "", ""]
    assert [("not read as a practitioner" in row["note"]) for row in rows] == [False, True, True]
    assert business_name("CAPITOL MEDICAL GROUP DC") and business_name("JOHN SMITH MD DC")
    assert not business_name("SMITH, JOHN DC") and provider_of("SMITH, JOHN DC") == "chiropractor"


def test_names_beside_a_bare_credential_are_read_and_the_bare_np_paid_85_percent(
    pricer: Pricer, tmp_path: Path
) -> None:
    """A session 67 review: a 'Rendering Provider' column of 'PATEL, ANIL MD', 'SMITH, JANE NP' and a bare 'NP' (or
    'ACHPN', held only by NPs and CNSs) was left unread, each cell alone read: every NP's 99214 paid at a physician's
    100%. Such a column is read (the NPs' 85%); a name without a credential beside them, or a bare surname in capitals
    ('SMITH', which is no credential rvucalc knows), still leaves it unread."""
    fee = _cms_fee(pricer, "99214", ZIP, 2025)["non_facility"]
    share = (fee * Decimal("0.85")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    stderr, rows = _batch(tmp_path, ["PATEL, ANIL MD", "SMITH, JANE NP", "NP", "ACHPN", "RN"])
    assert "provider ← Rendering Provider" in stderr
    assert [Decimal(row["allowed"]) for row in rows] == [fee, share, share, share, fee]
    for unread in ("SMITH, JANE", "SMITH"):
        stderr, rows = _batch(tmp_path, ["PATEL, ANIL MD", "NP", unread])
        assert "provider ←" not in stderr and "'Rendering Provider' is not read" in stderr, unread
        assert {Decimal(row["allowed"]) for row in rows} == {fee}


def test_a_filler_cell_beside_credentialed_names_leaves_the_column_read(pricer: Pricer, tmp_path: Path) -> None:
    """A session 68 review: a 'Rendering Provider' column of 'PATEL, ANIL MD', 'SMITH, JANE NP' and one filler cell
    ('N/A', 'NONE', 'SELF', 'UNKNOWN', 'Dr', '-', 'TBD') was left wholly unread, the NP's 99214 paid a physician's 100%
    (an NP's PFS line is 85%, 42 CFR 414.56(c)). The column is read; the filler's own row is priced as a blank cell's
    (the run's --provider, a physician's); a bare surname beside them still leaves it unread."""
    fee = _cms_fee(pricer, "99214", ZIP, 2025)["non_facility"]
    share = (fee * Decimal("0.85")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    for filler in ("N/A", "NA", "NONE", "SELF", "UNKNOWN", "Dr", "-", "TBD"):
        stderr, rows = _batch(tmp_path, ["PATEL, ANIL MD", "SMITH, JANE NP", filler, ""])
        assert "provider ← Rendering Provider" in stderr, filler
        assert [Decimal(row["allowed"]) for row in rows] == [fee, share, fee, fee], filler
    stderr, rows = _batch(tmp_path, ["PATEL, ANIL MD", "SMITH, JANE NP", "N/A", "SMITH"])
    assert "provider ←" not in stderr and "'Rendering Provider' is not read" in stderr
    assert {Decimal(row["allowed"]) for row in rows} == {fee}
