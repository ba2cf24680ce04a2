"""An audiology/SLP practice's trial (Pittsburgh, ZIP 15237, October 2026): an audiologist's 92557 at POS 31 (a SNF
resident) was told "Therapy to a SNF's resident ... speech-language pathology ... an outside therapist or practice bills
Medicare nothing for it". 92557 carries the RVU file's PC/TC indicator 7 (a bar on independently practicing PTs and
OTs at the hospital), not the always-therapy multiple procedure indicator 5: an audiology test, which an audiologist
bills to Part B directly for a resident not in a covered Part A stay (engine.therapists.therapy_line's comment). A
PC/TC 7 code is therapy there with GP, GO or GN or from a therapist; an always-therapy code whoever bills it.
The amounts stay CMS's (``_cms_fee``: CMS's RVU and GPCI files), price and batch alike."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.engine.therapists import SNF_THERAPY_NOTE
from rvucalc.lookup.pricer import Pricer
from test_batch_provider_column import _cms_fee, _money

ZIP = "15237"


def _price(*arguments: str) -> dict:  # type: ignore[type-arg]
    done = CliRunner().invoke(app, ["price", *arguments, "--zip", ZIP, "--date", "2026-10-06", "--setting", "31",
                                    "-f", "json"])  # fmt: skip
    assert done.exit_code == 0, done.output
    return json.loads(done.stdout)  # type: ignore[no-any-return]


@pytest.mark.parametrize("provider", [("--provider", "AUD"), ()], ids=["aud", "none"])
def test_an_audiology_test_at_a_snf_is_not_called_therapy(provider: tuple[str, ...], pricer: Pricer) -> None:
    result = _price("92557", *provider)
    assert SNF_THERAPY_NOTE not in result["notes"]
    assert _money(result["pfs"]["facility"]["amount"]) == _cms_fee(pricer, "92557", ZIP, 2026)["facility"]


@pytest.mark.parametrize(
    ("code", "provider"),
    [("92610-GN", ()), ("92610", ("--provider", "CCC-SLP")), ("92507", ())],
    ids=["pctc7-with-gn", "pctc7-by-an-slp", "always-therapy-alone"],
)
def test_therapy_at_a_snf_is_still_noted(code: str, provider: tuple[str, ...]) -> None:
    assert SNF_THERAPY_NOTE in _price(code, *provider)["notes"]


def test_batch_says_the_same_as_price(tmp_path: Path, pricer: Pricer) -> None:
    source = tmp_path / "practice.csv"
    source.write_text(
        "Claim #,DOS,CPT Code,Mod 1,Units,POS,Svc Loc ZIP,Rendering Provider,Prov Type\n"
        f'A1,10/06/2026,92557,,1,31,{ZIP},"BRENNAN, MARK AUD",AuD\n'
        f'S1,10/13/2026,92507,GN,1,31,{ZIP},"OKAFOR, GRACE CCC-SLP",CCC-SLP\n'
    )
    out = tmp_path / "out.csv"
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    audiology, slp = list(csv.DictReader(out.open()))
    assert SNF_THERAPY_NOTE not in audiology["note"]
    assert _money(audiology["allowed"]) == _cms_fee(pricer, "92557", ZIP, 2026)["facility"]
    assert SNF_THERAPY_NOTE in slp["note"]
    assert _money(slp["allowed"]) == _cms_fee(pricer, "92507", ZIP, 2026)["facility"]
