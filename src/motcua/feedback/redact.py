"""Personal data out of what is published: a petition's public title, content and answer.

Removed: e-mail addresses, runs of 9 or more digits (phone numbers, ID and passport numbers,
bank accounts; spaces, dots and dashes between digits allowed, a leading +84 too) and the names
the petition carries (the citizen's). What the agency typed about the matter itself (dates,
dossier and petition codes, amounts under 9 digits) stays. The publisher reads and edits the
result before it goes out; this is the floor, not the judgement.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from django.utils.translation import gettext as _

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# 9+ digits, optionally grouped by single spaces, dots or dashes, optionally after +.
_DIGITS = re.compile(r"\+?\(?\d(?:[\s.\-()]{0,3}\d){8,}")
_SHORTEST_NAME = 3  # shorter "names" would mask ordinary words
# Dossier and petition codes (002.00.90.H19-261208-0001, PAKN-261208-0001) are not personal
# data and must stay readable: an agency identifier or PAKN, then -YYMMDD-NNNN.
_CODE = re.compile(r"\b(?:\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}|PAKN)-\d{6}-\d{4}\b")


def redact(text: str, *, names: Iterable[str] = ()) -> str:
    """`text` with contact details, identification numbers and the given names masked."""
    mask = _("[hidden]")
    codes: list[str] = []

    def keep(match: re.Match[str]) -> str:
        codes.append(match.group(0))
        return f"\x00{len(codes) - 1}\x00"

    text = unicodedata.normalize("NFC", text.replace("\x00", ""))
    out = _CODE.sub(keep, _EMAIL.sub(mask, text))
    out = _DIGITS.sub(mask, out)
    for name in names:
        parts = unicodedata.normalize("NFC", name).split()
        if len(" ".join(parts)) >= _SHORTEST_NAME:
            pattern = r"\s+".join(re.escape(part) for part in parts)
            out = re.sub(pattern, mask, out, flags=re.IGNORECASE)
    return re.sub(r"\x00(\d+)\x00", lambda m: codes[int(m.group(1))], out)
