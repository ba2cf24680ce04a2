"""`rvucalc compare`: a line in neither release whose code is on a schedule says why, without the "search by words"
hint for a code on no schedule; --qp is the PFS's (a trial: `compare 99213 --what asc` said "in neither release" and
sent the user to search by words; `--what asc --qp` compared with --qp unread)."""

from __future__ import annotations

import pytest

from rvucalc.engine.facility import ASC_NOT_LISTED
from rvucalc.errors import UsageError
from rvucalc.lookup.compare import compare

SEARCH = "Search by words"


def test_a_pfs_code_not_on_the_asc_addenda_says_so_as_price_does(compare_cli, pricer) -> None:  # type: ignore[no-untyped-def]
    releases = [r for r in pricer.dataset_releases("asc") if r.release in ("2025-10", "2026-07")]
    assert len(releases) == 2
    for release in releases:  # CMS's Addenda AA and BB list no 99213; the PFS does
        assert pricer.store(release).asc("aa", "99213") is None and pricer.store(release).asc("bb", "99213") is None
    single = pricer.price("99213", setting="asc")
    assert ASC_NOT_LISTED in str(single.model_dump())
    (change,) = compare(pricer, ["99213"], from_=2025, to=2026, what="asc").codes
    assert change.change == "not_found" and change.on_a_schedule
    assert f"99213 {ASC_NOT_LISTED} (Addendum AA)" in change.explanation and "2025-10 or 2026-07" in change.explanation
    out = compare_cli("compare", "99213", "--from", "2025", "--to", "2026", "--what", "asc")
    assert out.exit_code == 1 and SEARCH not in out.stderr and ASC_NOT_LISTED in out.stderr
    assert "in neither release" not in out.stdout


def test_the_word_search_hint_only_for_a_code_on_no_schedule(compare_cli) -> None:  # type: ignore[no-untyped-def]
    row = compare_cli("compare", "93000-26", "--from", "2025", "--to", "2026")  # 93000 is on the PFS, without a -26 row
    assert row.exit_code == 1 and SEARCH not in row.stderr and "no -26 row" in row.stderr
    typo = compare_cli("compare", "99299", "--from", "2025", "--to", "2026")  # on no schedule
    assert typo.exit_code == 1 and SEARCH in typo.stderr
    both = compare_cli("compare", "93000-26", "99299", "--from", "2025", "--to", "2026")
    assert both.exit_code == 1 and "99299. " + SEARCH in both.stderr and "93000-26. " + SEARCH not in both.stderr


def test_qp_is_refused_for_asc_and_opps_as_a_what_if_cf_is(compare_cli, pricer) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UsageError, match="PFS"):
        compare(pricer, ["27447"], from_=2025, to=2026, what="asc", qp=True)
    out = compare_cli("compare", "27447", "--what", "asc", "--from", "2025", "--to", "2026", "--qp")
    assert out.exit_code == 2 and "--qp" in out.stderr and out.stdout == ""
