"""Steppe's Qt widgets. They call the session and listen to its changes; they never write the
database themselves.

Importing this package first works around a PySide6 6.12 bug on Python 3.11: every call of a
``void`` Qt method (``QLabel.setText``, ``QTextCursor.setPosition``…) returns ``None`` without
taking a reference, so ``None``'s reference count falls by one per call and the interpreter
aborts (``Fatal Python error: none_dealloc``) after a few thousand calls. Python 3.12 made
``None`` immortal, which is what the bindings now assume; on 3.11 we give ``None``, ``True`` and
``False`` a reference count so large that it cannot reach zero.
"""

from __future__ import annotations

import sys


def _pin_singletons() -> None:
    if sys.version_info >= (3, 12):
        return
    import ctypes

    for obj in (None, True, False):
        # ob_refcnt is the first field of every CPython object.
        ref = ctypes.c_ssize_t.from_address(id(obj))
        if ref.value < (1 << 40):
            ref.value += 1 << 42


_pin_singletons()
