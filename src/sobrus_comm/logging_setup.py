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

ROOT_LOGGER = "sobrus_comm"

# A phone number as people type it: +…, 00…, 212… or a national 0…, then 7+ more digits
# possibly split by spaces, dots or dashes. Dates (2026-11-28) and ids do not start so.
_PHONE_RE = re.compile(r"(?<![\w+])(?:\+\s?\d|00\d|212|0\d)(?:[ .\-]?\d){7,}(?![\w])")
_BEARER_RE = re.compile(
    r"(?i)(bearer\s+|(?:token|password)[\"']?\s*[:=]\s*[\"']?)[^\s\"',}]+"
)


def mask_phone(text: str) -> str:
    """Replace every phone-looking number with its last two digits: ``+212******78``."""

    def _mask(match: re.Match[str]) -> str:
        digits = re.sub(r"\D", "", match.group(0))
        prefix = "+" if match.group(0).startswith("+") else ""
        return f"{prefix}{'*' * max(len(digits) - 2, 0)}{digits[-2:]}"

    return _PHONE_RE.sub(_mask, text)


def mask_secrets(text: str) -> str:
    return _BEARER_RE.sub(lambda m: f"{m.group(1)}***", text)


def mask(text: str) -> str:
    return mask_secrets(mask_phone(text))


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
