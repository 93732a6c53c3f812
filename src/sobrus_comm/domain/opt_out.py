"""The opt-out mention the app adds to every promotion (« STOP au 3xxx »).

Its wording and reply number come from the pharmacy's account on the backend. It is added
after the template is rendered, so no template can leave it out, and it is part of the
text whose characters, segments and credits are counted.
"""

from __future__ import annotations

DEFAULT_MENTION = "STOP au {numero}"
SEPARATOR = "\n"


def mention_text(wording: str, reply_number: str) -> str:
    """The account's wording with its number (« STOP au 3535 »); "" without a number."""
    number = reply_number.strip()
    if not number:
        return ""
    return " ".join((wording or DEFAULT_MENTION).replace("{numero}", number).split())


def with_mention(text: str, mention: str) -> str:
    """``text`` followed by ``mention`` on its own line (once: a template that already
    ends with it is not given a second one)."""
    if not mention or text.rstrip().endswith(mention):
        return text
    return f"{text.rstrip()}{SEPARATOR}{mention}"
