"""Issue 15 (ten million realistic lines under 1 GiB): a run's caches grew with the file to its last partition, the
peak (10,000,000 lines: 1,041,508 kB of 1,048,576). The run's texts (``batch.lines.Texts``) kept every claim's
encounter notes ("Claim encounter: the rules ran without line 2 (2259O) of this claim ...", their dollar amounts and
line numbers the claim's: 226,151 texts at the end), and the units notes' cache (``BatchPricer._units_said``) a
4-tuple key and a 2-tuple value per entry (~0.22 kB; ~96,000 entries at the end). A partition's encounter notes are
now dropped once every partition that used them is built, and the units cache is keyed by one int, its answers
shared; the output is the same."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pytest

from rvucalc.batch.encounter_arrays import ENCOUNTER
from rvucalc.batch.lines import PARTITION_TEXT_PREFIX, Texts
from rvucalc.batch.price import BatchPricer
from rvucalc.lookup.pricer import Pricer

ZIP, DATE = "10001", "2026-08-03"
NOTE = "Claim encounter: the rules ran without line 2 ({code}) of this claim, which has an error"


@pytest.fixture(scope="module")
def pricer() -> Pricer:
    return Pricer()


def _partition(claim: str, bad: str) -> pa.Table:
    """A claim of an office visit and a malformed code (its encounter note names the bad line)."""
    rows = [{"claim": claim, "code": code, "zip": ZIP, "date": DATE} for code in ("99213", bad)]
    return pa.Table.from_pylist(rows)


def test_the_partition_texts_are_the_encounter_notes() -> None:
    assert PARTITION_TEXT_PREFIX == ENCOUNTER


def test_a_partition_s_encounter_notes_are_dropped_once_it_is_built(pricer: Pricer) -> None:
    batch = BatchPricer(pricer)
    bad = ["2259O", "2260O", "2261O"]
    notes = []
    for number, code in enumerate(bad):
        build = batch.price_later(_partition(f"C{number}", code))
        notes.append(build().to_pylist()[0]["note"])  # run_batch's writer builds it before the next is priced
    for code, note in zip(bad, notes, strict=True):
        assert NOTE.format(code=code) in note, note
    # The partitions built before the last: their notes are gone; the last's stays until the next is priced.
    held = set(batch._strings._ids)
    assert NOTE.format(code=bad[0]) not in held and NOTE.format(code=bad[1]) not in held
    assert NOTE.format(code=bad[2]) in held
    assert any(text.startswith("'2259O' is not a HCPCS/CPT code") for text in held)  # a code cell's: the run's


def test_a_partition_not_yet_built_keeps_its_notes_while_the_next_is_priced(pricer: Pricer) -> None:
    """run_batch builds a partition on the writer's thread while the next is priced (and Dask's threads any order)."""
    batch = BatchPricer(pricer)
    first = batch.price_later(_partition("C1", "2259O"))
    second = batch.price_later(_partition("C2", "2260O"))
    third = batch.price_later(_partition("C3", "2260O"))  # the second's note again
    assert NOTE.format(code="2259O") in first().to_pylist()[0]["note"]
    fourth = batch.price_later(_partition("C4", "99214"))  # the first built: its note goes now
    assert NOTE.format(code="2259O") not in batch._strings._ids
    assert NOTE.format(code="2260O") in third().to_pylist()[0]["note"]
    assert NOTE.format(code="2260O") in second().to_pylist()[0]["note"]
    fourth()
    batch.price_later(_partition("C5", "99215"))
    assert NOTE.format(code="2260O") not in batch._strings._ids


def test_a_dropped_text_s_id_is_never_given_again_and_its_parts_go() -> None:
    texts = Texts()
    texts.partition = 0
    kept = texts.id("Modifier GP is informational: it does not change the amount.")
    note = NOTE.format(code="2259O")
    first = texts.id_of([note, "Claim encounter (PFS): Multiple procedure: ranked 2 of 2 by amount, 50%"])
    texts.part_ids()
    texts.partition = 1
    texts.drop_partition_texts(0)  # used by partition 0, not built yet
    assert texts.values[first].startswith(note)
    texts.drop_partition_texts(1)
    assert texts.values[first] == "" and texts.parts[first] == ()
    assert texts.values[kept].startswith("Modifier GP")
    again = texts.id(note)
    assert again > first
    texts._forget_parts(__import__("numpy"))
    assert note not in texts._part_of  # no indexed text has it (the new one is not indexed yet)
    starts, counts, flat = texts.part_ids()
    assert counts[first] == 0 and counts[again] == 1
    assert flat[starts[again]] not in flat[starts[kept] : starts[kept] + counts[kept]]


def test_the_units_notes_cache_shares_its_answers(pricer: Pricer) -> None:
    """27447-50 x 2 (bilateral indicator 1 in RVU25 and RVU26; 50 and 2 units say both sides): one note, one entry
    per release, one answer shared."""
    batch = BatchPricer(pricer)
    rows: list[dict[str, Any]] = [
        {"claim": f"C{n}", "code": "27447-50", "units": "2", "zip": ZIP, "date": date}
        for n, date in enumerate([DATE, "2025-08-04"])
    ]
    out = batch.price_table(pa.Table.from_pylist(rows)).to_pylist()
    assert all("2 units with 50: 50 already says both sides" in row["note"] for row in out)
    said = batch._units_said
    assert len(said) == 2 and all(isinstance(key, int) for key in said)
    first, second = said.values()
    assert first == second and first is second


def test_dropped_notes_do_not_count_toward_the_texts_limit(pricer: Pricer, monkeypatch: Any) -> None:
    """The texts are emptied when those kept pass TEXTS_LIMIT, not the ids given: counting a dropped note's id emptied a
    ten-million-line run's caches twice (~3.5M and ~7.6M lines), every cell worked out again: 211 s user, not 201 s."""
    import rvucalc.batch.price as price_module

    batch = BatchPricer(pricer)
    for number in range(4):
        batch.price_later(_partition(f"C{number}", f"22{59 + number}O"))()
    strings = batch._strings
    assert strings.kept < len(strings.values)  # the built partitions' notes dropped, their ids still given
    monkeypatch.setattr(price_module, "TEXTS_LIMIT", strings.kept)  # more ids given than this, no more kept
    batch._forget_if_large()
    assert batch._strings is strings  # not emptied
    monkeypatch.setattr(price_module, "TEXTS_LIMIT", strings.kept - 1)
    batch._forget_if_large()
    assert batch._strings is not strings
