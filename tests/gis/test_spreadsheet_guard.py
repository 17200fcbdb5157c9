"""One spreadsheet guard (gis.vector_write: FORMULA_STARTS): the per-cell form used by the
cause list, the dashboard's tables and the CSV writer, and the Arrow form used by exports,
treat every text the same."""

from __future__ import annotations

import pyarrow as pa
import pytest

from gis.vector_write import FORMULA_STARTS, neutralise, spreadsheet_cell, spreadsheet_safe

TEXTS = [
    *(f"{start}1+1" for start in FORMULA_STARTS),
    "plain",
    "1-2",
    "a=b",
    "",
    "'already",
    "^caret",
    "]bracket",
    "\\back",
    "bad\x01char",
]


@pytest.mark.parametrize("xml", [True, False])
def test_cells_and_columns_are_neutralised_alike(xml: bool) -> None:
    column = neutralise(pa.array(TEXTS), xml=xml).to_pylist()
    cells = [spreadsheet_cell(text, xml=xml) for text in TEXTS]
    assert column == cells
    for start in FORMULA_STARTS:
        assert spreadsheet_safe(f"{start}x") == f"'{start}x"


def test_numbers_are_left_alone() -> None:
    assert spreadsheet_cell(-3, xml=True) == -3
    assert spreadsheet_cell(None, xml=False) is None
