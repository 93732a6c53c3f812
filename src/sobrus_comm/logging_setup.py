"""Logging: one rotating file, a named logger per subsystem, and masking of personal data.

Phone numbers and tokens are masked by a filter on every record, whatever the logger, so a
careless ``log.info("%s", number)`` cannot leak them. Message bodies are never logged: code
logs their length and segment count instead (``describe_text``).
"""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

from sobrus_comm.domain.phones import normalize_phone

ROOT_LOGGER = "sobrus_comm"

# A run of digits as the phone parser reads it (domain/phones.py): a leading "+", then
# digits with any of its separators between them (spaces, ". - /", parentheses). Each run
# is then judged by _is_phone. Not preceded or followed by a letter or digit: ids, hashes
# and words with digits in them are left alone.
_SEPARATORS = r"[\s.\-/()]"
_DIGIT_RUN = re.compile(
    rf"(?<![^\W_])(?:\+[\s(]*)?\d(?:{_SEPARATORS}*\d){{5,}}(?![^\W_])"
)
_NON_DIGITS = re.compile(r"\D")
_WHITESPACE_RUN = re.compile(rf"{_SEPARATORS}*\s{_SEPARATORS}*")
_MAX_GROUPS = 15  # E.164 numbers have 15 digits at most: one a group, at worst
_MAX_SPLIT = 60  # a longer run is masked whole rather than searched (a list of ids, say)

# Secrets: a key that names one, then ":" or "=", then its value, whatever its shape: a
# quoted string (JSON, Python repr; escapes included, spaces too) when it ends where a
# quoted value ends, else the rest of the line (an unquoted value may hold spaces, and
# where it stops cannot be known: better mask too much).
_SECRET_KEY = (
    r"[\w-]*(?:password|passwd|pwd|secret|token|api[_-]?key|authorization|cookie"
    r"|mot_de_passe|credentials?)[\w-]*"
)
_QUOTED_END = r"(?=\s*(?:[,;&})\]]|$))"
_SECRET_RE = re.compile(
    rf"""(?im)(?P<key>["']?\b{_SECRET_KEY}["']?\s*[:=]\s*)"""
    rf"""(?P<value>"(?:[^"\\\n]|\\.)*"{_QUOTED_END}|'(?:[^'\\\n]|\\.)*'{_QUOTED_END}|[^\r\n]*)"""
)
_BEARER_RE = re.compile(r"(?i)\b(bearer|basic)(\s+)[^\s\"',}]+")
_URL_CREDENTIALS_RE = re.compile(r"(?<=://)[^/\s:@]+:[^/\s@]+@")


def _is_phone(run: str) -> bool:
    """Whether a digit run is (or holds) a phone number, as the app's parser sees it."""
    digits = _NON_DIGITS.sub("", run)
    if run.startswith("+") and len(digits) >= 7:
        return True
    if len(digits) >= 9 and digits.startswith(("0", "212")):
        return True  # typed like a number, even a mistyped one: still personal data
    if normalize_phone(run).e164 is not None:
        return True
    # Two numbers side by side ("0612… 0698…", "612… / 712…") make one run: try each
    # stretch of whitespace-separated groups that a number could span.
    groups = _WHITESPACE_RUN.split(run)
    if len(groups) < 2:
        return False
    if len(groups) > _MAX_SPLIT:
        return True
    spans = (
        " ".join(groups[i:j])
        for i in range(len(groups))
        for j in range(i + 1, min(i + _MAX_GROUPS, len(groups)) + 1)
        if (i, j) != (0, len(groups))
    )
    return any(normalize_phone(span).e164 is not None for span in spans)


def mask_phone(text: str) -> str:
    """Replace every phone number with its last two digits: ``+212******78``.

    A number is what :func:`~sobrus_comm.domain.phones.normalize_phone` accepts, in any of
    the forms it accepts, plus anything typed like one (a leading 0, 00 or 212 and nine
    digits or more), so that a mistyped number is masked too.
    """

    def _mask(match: re.Match[str]) -> str:
        run = match.group(0)
        if not _is_phone(run):
            return run
        digits = _NON_DIGITS.sub("", run)
        prefix = "+" if run.startswith("+") else ""
        return f"{prefix}{'*' * max(len(digits) - 2, 0)}{digits[-2:]}"

    return _DIGIT_RUN.sub(_mask, text)


def _mask_secret_value(match: re.Match[str]) -> str:
    value = match.group("value")
    quote = value[:1] if value[:1] in ("'", '"') and value[-1:] == value[:1] else ""
    return f"{match.group('key')}{quote}***{quote}"


def mask_secrets(text: str) -> str:
    """Mask passwords, tokens and credentials, whatever shape their value has."""
    text = _SECRET_RE.sub(_mask_secret_value, text)
    text = _BEARER_RE.sub(r"\1\2***", text)
    return _URL_CREDENTIALS_RE.sub("***@", text)


def mask(text: str) -> str:
    # Secrets first: a phone mask could change the quotes' surroundings a value is read by.
    return mask_phone(mask_secrets(text))


def describe_text(text: str) -> str:
    """What logs may say about a message body: its size, never its words."""
    return f"<texte de {len(text)} caractères>"


class MaskingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask(message)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and record.exc_info[1] is not None and not record.exc_text:
            # Format the traceback now so that it can be masked like the message.
            record.exc_text = mask(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = mask(record.exc_text)
        return True


def get_logger(subsystem: str) -> logging.Logger:
    """``get_logger("sync")`` → the ``sobrus_comm.sync`` logger."""
    return logging.getLogger(f"{ROOT_LOGGER}.{subsystem}")


def setup_logging(log_file: Path, level: int = logging.INFO) -> logging.Handler:
    log_file.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        log_file, maxBytes=2_000_000, backupCount=5, encoding="utf-8", delay=True
    )
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s")
    )
    handler.addFilter(MaskingFilter())
    root = logging.getLogger(ROOT_LOGGER)
    root.setLevel(level)
    for old in [h for h in root.handlers if getattr(h, "_sobrus", False)]:
        root.removeHandler(old)
        old.close()
    handler._sobrus = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    return handler
