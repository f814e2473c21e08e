"""Amounts of money as Vietnamese papers print them: "150.000 đồng" and, on a receipt, the
amount in words ("Một trăm năm mươi nghìn đồng"), read the way accountants write it on
invoices and receipts ("một trăm linh năm", "hai mươi mốt", "ba mươi tư", "mười lăm",
"một triệu không trăm năm mươi nghìn")."""

from __future__ import annotations

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_SCALES = ("", "nghìn", "triệu")
_BILLION = 1_000_000_000
_AFTER_MUOI = {1: "mốt", 4: "tư", 5: "lăm"}
_AFTER_MUOI_TEEN = {5: "lăm"}


def vnd_digits(amount: int) -> str:
    """150000 → "150.000" (the dot groups thousands in Vietnamese)."""
    return f"{amount:,}".replace(",", ".")


def vnd(amount: int) -> str:
    """150000 → "150.000 đồng"."""
    return vnd_digits(amount) + " đồng"


def _units(digit: int, tens: int) -> str:
    """The last digit after "mười" ("mười lăm", but "mười một", "mười bốn") or after
    "mươi" ("hai mươi mốt", "ba mươi tư", "bốn mươi lăm")."""
    spoken = _AFTER_MUOI if tens > 1 else _AFTER_MUOI_TEEN
    return spoken.get(digit, _DIGITS[digit])


def _three(number: int, *, full: bool) -> list[str]:
    """Words of 0..999; `full` says "không trăm" and "linh" when a higher group came first."""
    hundreds, rest = divmod(number, 100)
    tens, digit = divmod(rest, 10)
    words: list[str] = []
    if hundreds or full:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if digit and words:
            words += ["linh", _DIGITS[digit]]
        elif digit:
            words.append(_DIGITS[digit])
        return words
    words += ["mười"] if tens == 1 else [_DIGITS[tens], "mươi"]
    if digit:
        words.append(_units(digit, tens))
    return words


def _below_billion(number: int, *, full: bool) -> list[str]:
    groups = []
    while number:
        number, group = divmod(number, 1000)
        groups.append(group)
    words: list[str] = []
    for scale in range(len(groups) - 1, -1, -1):
        group = groups[scale]
        if group == 0:
            continue
        words += _three(group, full=full or bool(words))
        if _SCALES[scale]:
            words.append(_SCALES[scale])
    return words


def number_words(number: int) -> str:
    """0 → "không", 1_050_000 → "một triệu không trăm năm mươi nghìn"; tỷ repeats above it
    ("một nghìn tỷ")."""
    if number < 0:
        return "âm " + number_words(-number)
    if number == 0:
        return _DIGITS[0]
    words: list[str] = []
    billions, rest = divmod(number, _BILLION)
    if billions:
        words += [number_words(billions), "tỷ"]
    words += _below_billion(rest, full=bool(billions))
    return " ".join(words)


def vnd_words(amount: int) -> str:
    """The amount in words, capitalised, with the currency: "Hai mươi nghìn đồng"."""
    text = number_words(amount) + " đồng"
    return text[0].upper() + text[1:]
