"""`rvucalc search` misses two user trials found (a wound clinic's, a GI practice's and its anesthesia group's):
"multilayer compression" listed the penile prostheses 54405/54408 ("Insert multi-comp penis pros") and not 29581/29584
("Appl multlayer cmprn sys leg"); "selective debridement" only 0973T-0976T; "diabetic shoe insert" only A5500;
"colonoscopy snare"/"colonoscopy polyp" only the through-stoma 44394/44392; "polypectomy" not 45384/45385;
"colonoscopy biopsy" 44389 (stoma) above 45380; "anesthesia endoscopy" nothing ("Anes ... ndsc"). The descriptors are
CMS's, read from the shipped RVU26C and DMEPOS 2026-01 files; the codes a query must find are those CPT's and HCPCS's
long descriptors name (reference.search_words: ABBREVIATIONS, CODE_WORDS, LISTED_AFTER)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.reference.search_words import descriptor_matcher

DATA = Path(__file__).resolve().parents[1] / "data"


def _rvu26() -> dict[str, str]:
    """CMS's RVU26C short descriptors (no modifier rows), by code."""
    with (DATA / "rvu" / "2026" / "PPRRVU2026_Jul_nonQPP.csv").open(encoding="latin-1", newline="") as handle:
        return {row[0]: row[2] for row in csv.reader(handle) if len(row) > 3 and not row[1]}


RVU26 = _rvu26()


def _codes(words: str, limit: int = 50) -> list[str]:
    done = CliRunner().invoke(app, ["search", words, "-f", "json", "--limit", str(limit)])
    assert done.exit_code == 0, done.output
    return [match["code"] for match in json.loads(done.stdout)["matches"]]


def test_the_descriptors_are_cms_s() -> None:
    """What CMS's RVU26C file calls the codes (the tests below are about these descriptors, not typed from output)."""
    assert {code: RVU26.get(code) for code in ("29581", "29584", "54405", "54408")} == {
        "29581": "Appl multlayer cmprn sys leg", "29584": "Appl mltlay cmprn sys up arm",
        "54405": "Insert multi-comp penis pros", "54408": "Repair multi-comp penis pros",
    }  # fmt: skip
    assert {code: RVU26.get(code) for code in ("97597", "97598")} == {
        "97597": "Dbrdmt opn wnd 1st 20 cm/<", "97598": "Dbrdmt opn wnd addl 20cm/<",
    }  # fmt: skip
    assert {code: RVU26.get(code) for code in ("44389", "44392", "44394", "45380", "45384", "45385")} == {
        "44389": "Colonoscopy with biopsy", "44392": "Colonoscopy & polypectomy", "44394": "Colonoscopy w/snare",
        "45380": "Colonoscopy and biopsy", "45384": "Colonoscopy w/lesion removal",
        "45385": "Colonoscopy w/lesion removal",
    }  # fmt: skip
    assert {code: RVU26.get(code) for code in ("00731", "00811", "00812", "00813")} == {
        "00731": "Anes upr gi ndsc px nos", "00811": "Anes lwr intst ndsc nos", "00812": "Anes lwr intst scr colsc",
        "00813": "Anes upr lwr gi ndsc px",
    }  # fmt: skip


def test_diabetic_inserts_are_in_the_installed_dmepos_file() -> None:
    """A5512-A5514 are in CMS's DMEPOS 2026-01 fee schedule (HCPCS: "For diabetics only, multiple density insert,
    ..."), with the short descriptors the search reads."""
    sheet = load_workbook(DATA / "dmepos" / "2026" / "DMEPOS26_JAN.xlsx", read_only=True).worksheets[0]
    found = {str(row[0]).strip(): row for row in sheet.iter_rows(values_only=True) if row and row[0]}
    for code, descriptor in {"A5512": "Multi den insert direct form", "A5513": "Multi den insert custom mold",
                             "A5514": "Mult den insert dir carv/cam"}.items():  # fmt: skip
        assert code in found and descriptor in [str(cell).strip() for cell in found[code] if cell], code


def test_multilayer_compression_lists_the_compression_systems_not_the_penile_prostheses() -> None:
    """29581/29584 (CPT: "Application of multi-layer compression system; leg (below knee), including ankle and foot",
    "...; upper arm, forearm, hand, and fingers"): "cmprn" is CMS's compression (it leaves out "ss"); 54405's
    "multi-comp" is a multi-component prosthesis, no compression."""
    codes = _codes("multilayer compression")
    assert codes[:2] == ["29581", "29584"], codes
    assert "54405" not in codes and "54408" not in codes
    assert descriptor_matcher("multi component penis prosthesis")("Insert multi-comp penis pros")
    assert descriptor_matcher("compression")("Crnec stpl sctj cmprn/dcmprn")  # 61450


def test_selective_debridement_lists_97597_97598_first() -> None:
    """CPT's 97597/97598: "Debridement (eg, high pressure waterjet with/without suction, sharp selective debridement
    with scissors, scalpel and forceps), open wound, ...": the selective debridement codes, before the Category III
    enzymatic ones (0973T "Slctv nzmtc dbrdmt ...")."""
    codes = _codes("selective debridement")
    assert codes[:2] == ["97597", "97598"], codes
    assert {"0973T", "0974T", "0975T", "0976T"} <= set(codes)


def test_diabetic_shoe_insert_lists_the_inserts() -> None:
    codes = _codes("diabetic shoe insert")
    assert {"A5500", "A5512", "A5513", "A5514"} <= set(codes), codes
    assert "A5501" not in codes  # "Diabetic custom molded shoe": no insert


@pytest.mark.parametrize(
    ("words", "first", "after"),
    [
        ("colonoscopy snare", ["45385"], ["44394"]),
        ("colonoscopy polyp", ["45384", "45385"], ["44392", "44394"]),
        ("colonoscopy biopsy", ["45380"], ["44389"]),
    ],
)
def test_colonoscopy_lists_the_colonoscopies_before_the_through_stoma_ones(
    words: str, first: list[str], after: list[str]
) -> None:
    """CPT's 45378-45398 ("Colonoscopy, flexible; ...") before 44388-44408 ("Colonoscopy through stoma; ..."), whose
    short descriptors do not say "stoma": 45385 "... by snare technique", 45384 "... by hot biopsy forceps" (both
    "with removal of tumor(s), polyp(s), or other lesion(s)"), 44394 and 44392 through a stoma."""
    codes = _codes(words)
    assert set(first + after) <= set(codes), codes
    assert max(codes.index(code) for code in first) < min(codes.index(code) for code in after), codes


def test_polypectomy_lists_the_colonoscopic_polypectomies_first() -> None:
    codes = _codes("polypectomy")
    assert {"45384", "45385", "44392", "44394", "45333"} <= set(codes[:8]), codes
    assert codes.index("45385") < codes.index("44394") and codes.index("45384") < codes.index("44392")
    assert codes.index("45385") < codes.index("30110")  # nose polyps after


def test_stoma_reads_the_through_stoma_colonoscopies() -> None:
    codes = _codes("colonoscopy stoma")
    assert {"44388", "44389", "44392", "44394", "44407"} <= set(codes), codes
    assert "45380" not in codes


@pytest.mark.parametrize(
    ("words", "want"),
    [
        ("anesthesia endoscopy", {"00731", "00732", "00811", "00812", "00813"}),
        ("anesthesia lower intestinal endoscopy", {"00811", "00812", "00813"}),
        ("anesthesia colonoscopy", {"00811", "00812", "00813"}),
    ],
)
def test_anesthesia_for_endoscopy(words: str, want: set[str]) -> None:
    """CPT's 00811 "Anesthesia for lower intestinal endoscopic procedures, endoscope introduced distal to duodenum;
    not otherwise specified" (Medicare's code for a screening colonoscopy turned diagnostic, with PT: MLN MM10181),
    00812 "...; screening colonoscopy", 00813 "... combined upper and lower gastrointestinal endoscopic procedures":
    CMS's "ndsc" is endoscopy (it drops the first letter, beyond the rule)."""
    codes = _codes(words)
    assert want <= set(codes), codes
    assert descriptor_matcher("nasal endoscopy")("Nsl/sins ndsc dx max sinusc")  # 31233
    assert not descriptor_matcher("anesthesia endoscopy")("Anes lwr intst")
