"""Arrays of numbers as narrow as their values allow, made wider when a value does not fit.

A history column of a million numbers costs 8 MB as 8-byte ints, 1 MB as bytes: most
columns hold small values (codes into a few thousand distinct values, dates that fit in 4
bytes until 2038), so each starts narrow and is copied once into a wider array the day a
value needs it. Signed arrays keep their lowest value for None (:func:`missing`).

Pure Python, no I/O.
"""

from __future__ import annotations

from array import array

# From the narrowest; "i" rather than "l", which is 8 bytes on Linux and 4 on Windows.
_SIGNED = ("b", "h", "i", "q")
_UNSIGNED = ("B", "H", "I")


def _bounds(typecode: str) -> tuple[int, int]:
    bits = array(typecode).itemsize * 8
    if typecode in _SIGNED:
        return -(2 ** (bits - 1)), 2 ** (bits - 1) - 1
    return 0, 2**bits - 1


_BOUNDS = {typecode: _bounds(typecode) for typecode in _SIGNED + _UNSIGNED}


def missing(typecode: str) -> int:
    """The value that stands for None in a signed array of ``typecode``."""
    return _BOUNDS[typecode][0]


def fitted(numbers: array[int], lo: int, hi: int) -> array[int]:
    """``numbers`` if values from ``lo`` to ``hi`` fit in it, else a copy of it in the
    narrowest wider type that holds them (the widest if none does: the caller's extend
    then raises, as it would have).

    In a signed array the lowest value is None's (:func:`missing`): ``lo`` must be above
    it, and the copy's Nones are its own lowest value. Whoever held the old array reads
    the copy again.
    """
    ladder = _SIGNED if numbers.typecode in _SIGNED else _UNSIGNED
    signed = ladder is _SIGNED
    wider = ladder[ladder.index(numbers.typecode):]
    for typecode in wider:
        low, high = _BOUNDS[typecode]
        if (low < lo if signed else low <= lo) and hi <= high:
            break
    else:
        typecode = wider[-1]
    if typecode == numbers.typecode:
        return numbers
    old_none = missing(numbers.typecode) if signed else None
    if old_none is not None and old_none in numbers:
        none = missing(typecode)
        return array(typecode, [none if v == old_none else v for v in numbers])
    return array(typecode, numbers)

