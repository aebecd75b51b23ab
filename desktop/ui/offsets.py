"""Python ``str`` offsets ↔ positions in a Qt text document.

Python indexes code points; Qt counts UTF-16 code units, so every character outside the Basic
Multilingual Plane (emoji, rare CJK) takes two Qt positions. Qt's ``setPlainText`` also turns
"\\r\\n" into one paragraph separator. :class:`OffsetMap` converts both ways in O(log n) and is
the identity (no lists at all) for the common all-BMP, no-CRLF text.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_SHIFTS = re.compile("[\U00010000-\U0010ffff]|\r\n")


class OffsetMap:
    __slots__ = ("_cum", "_py", "_qt", "length", "qt_length")

    def __init__(self, text: str) -> None:
        self.length = len(text)
        py: list[int] = []
        cum: list[int] = []
        total = 0
        if not text.isascii():
            for m in _SHIFTS.finditer(text):
                total += 1 if m.group() != "\r\n" else -1
                py.append(m.start() + 1)
                cum.append(total)
        elif "\r\n" in text:
            for m in re.finditer("\r\n", text):
                total -= 1
                py.append(m.start() + 1)
                cum.append(total)
        self._py = py
        self._cum = cum
        self._qt = [p + c for p, c in zip(py, cum, strict=True)]
        self.qt_length = self.length + total

    @property
    def identity(self) -> bool:
        return not self._py

    def to_qt(self, offset: int) -> int:
        """Qt position of the Python offset ``offset`` (0 ≤ offset ≤ len(text))."""
        if not self._py:
            return offset
        k = bisect_right(self._py, offset) - 1
        return offset + (self._cum[k] if k >= 0 else 0)

    def to_py(self, position: int) -> int:
        """Python offset of the Qt position ``position`` (a position inside a surrogate pair
        rounds up to the character after it; the separator of "\\r\\n" maps to the "\\r")."""
        if not self._py:
            return min(max(position, 0), self.length)
        k = bisect_right(self._qt, position) - 1
        if k < 0:
            return min(max(position, 0), self.length)
        py = position - self._cum[k]
        step = self._cum[k] - (self._cum[k - 1] if k > 0 else 0)
        if step < 0 and position == self._qt[k]:
            py -= 1  # on the paragraph separator of "\r\n": point at the "\r"
        return min(max(py, 0), self.length)
