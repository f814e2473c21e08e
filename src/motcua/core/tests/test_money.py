"""Amounts in words, as receipts print them: checked against amounts written out by hand."""

from __future__ import annotations

import pytest

from motcua.core.money import number_words, vnd, vnd_digits, vnd_words


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (0, "không"),
        (5, "năm"),
        (10, "mười"),
        (11, "mười một"),
        (14, "mười bốn"),
        (15, "mười lăm"),
        (20, "hai mươi"),
        (21, "hai mươi mốt"),
        (24, "hai mươi tư"),
        (25, "hai mươi lăm"),
        (100, "một trăm"),
        (105, "một trăm linh năm"),
        (110, "một trăm mười"),
        (1_000, "một nghìn"),
        (1_005, "một nghìn không trăm linh năm"),
        (10_000, "mười nghìn"),
        (20_000, "hai mươi nghìn"),
        (150_000, "một trăm năm mươi nghìn"),
        (1_050_000, "một triệu không trăm năm mươi nghìn"),
        (2_000_001, "hai triệu không trăm linh một"),
        (35_400_000, "ba mươi lăm triệu bốn trăm nghìn"),
        (1_000_000_000, "một tỷ"),
        (1_200_000_000, "một tỷ hai trăm triệu"),
        (3_000_015_000, "ba tỷ không trăm mười lăm nghìn"),
        (1_000_000_000_000, "một nghìn tỷ"),
    ],
)
def test_number_words(number: int, words: str) -> None:
    assert number_words(number) == words


def test_amounts_print_with_dots_and_the_currency() -> None:
    assert vnd_digits(1_500_000) == "1.500.000"
    assert vnd(150_000) == "150.000 đồng"
    assert vnd_words(20_000) == "Hai mươi nghìn đồng"
    assert vnd_words(0) == "Không đồng"
