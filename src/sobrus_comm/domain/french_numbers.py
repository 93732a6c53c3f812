"""French number typography: ``1 234`` with the right kind of space for each medium."""

from __future__ import annotations

NBSP = "\u00a0"  # before a unit (« 12,50 DH ») so the unit never starts a new line
NNBSP = "\u202f"  # narrow no-break space: the thousands separator of French typography

# Any of these may separate thousands in what a user types or pastes.
SPACES = frozenset({" ", NBSP, NNBSP, "\u2007", "\u2009"})


def group_thousands(digits: str, sep: str) -> str:
    """``"1234567"`` → ``"1 234 567"`` with ``sep`` between groups of three."""
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return sep.join(groups)


def format_count(n: int, *, for_sms: bool = False) -> str:
    """An integer for the UI (U+202F between thousands) or for an SMS (plain spaces).

    SMS text must stay in the GSM alphabet: a no-break space would switch the whole
    message to UCS-2 and roughly double its cost.
    """
    sign = "-" if n < 0 else ""
    return sign + group_thousands(str(abs(n)), " " if for_sms else NNBSP)
