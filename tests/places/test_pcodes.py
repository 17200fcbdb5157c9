"""One rule for HDX p-codes across COD-AB releases (no database)."""

from __future__ import annotations

import pytest

from landclaims.places.pcodes import canonical_pcode, pcode_candidates


@pytest.mark.parametrize(
    ("code", "level", "held"),
    [
        ("BD30", "division", "BD30"),
        ("BD3093", "district", "BD3093"),
        ("BD309347", "upazila", "BD309347"),  # already as we hold it
        ("BD30930047", "upazila", "BD309347"),  # the 2025 release pads the upazila
        ("bd10040009 ", "upazila", "BD100409"),
        ("BD30934712", "union", "BD30934712"),  # an old union code is not an upazila's
        ("BD30930947", "upazila", "BD30930947"),  # no known shape: as written
        ("3093", "district", "3093"),
    ],
)
def test_a_pcode_is_held_in_one_scheme(code: str, level: str, held: str) -> None:
    assert canonical_pcode(code, level) == held


def test_the_parents_code_in_the_row_reads_any_padding_of_the_level() -> None:
    assert canonical_pcode("BD3093047", "upazila", parent="BD3093", parent_level="district") == (
        "BD309347"
    )


def test_candidates_are_the_code_as_written_and_as_held() -> None:
    assert pcode_candidates("BD30930047", "upazila") == {"BD30930047", "BD309347"}
    assert pcode_candidates(" ", "upazila") == set()


def test_a_code_with_digits_int_cannot_read_comes_back_as_written() -> None:
    # "²".isdigit() is True, but int("²") fails: such a code is no known shape, never a 500.
    assert canonical_pcode("BD30²", "upazila", parent="BD30", parent_level="division") == "BD30²"


def test_a_code_typed_in_bengali_digits_is_held_in_ascii() -> None:
    assert canonical_pcode("BD\u09e9\u09e6\u09ef\u09e9\u09ea\u09ed", "upazila") == "BD309347"
