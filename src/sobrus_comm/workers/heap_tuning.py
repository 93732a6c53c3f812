"""Big buffers given back to the system when freed, on Linux as on Windows.

The history of a decade holds a few dozen arrays of several MB that grow as rows load and
as the search index is built. glibc serves such blocks from its heap once a block of that
size has been freed (its mmap threshold rises up to 32 MB), and a growing array then leaves
a hole behind each time it moves: at 1M rows, about 26 MB of holes the process keeps,
measured here. With the threshold fixed, a block above 128 KiB is its own mapping: it grows
in place (``mremap``) and its memory goes back to the system as soon as it is freed, which
is what Windows does with large blocks anyway.

Nothing changes where the C library is not glibc.
"""

from __future__ import annotations

import ctypes
import logging
import sys

log = logging.getLogger("sobrus_comm.workers")

_M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter
MMAP_THRESHOLD = 128 * 1024  # glibc's default, kept fixed


def fix_mmap_threshold() -> bool:
    """Fixes glibc's mmap threshold (see the module); True when it was set."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        # The process's own symbols (libc among them): find_library would run ldconfig.
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # musl and others: no mallopt, nothing to fix
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    if mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD) != 1:
        log.warning("Réglage de la mémoire (mallopt) refusé : sans effet sur l'application")
        return False
    return True
