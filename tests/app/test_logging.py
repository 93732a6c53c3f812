"""Personal data and secrets never reach the log file."""

from __future__ import annotations

import logging
from pathlib import Path

from sobrus_comm.logging_setup import get_logger, mask, setup_logging


def test_phone_numbers_and_tokens_are_masked_but_dates_are_kept() -> None:
    text = mask("SMS à +212 6 12 34 56 78 / 0612345678, Bearer abc.def, le 2026-11-28")
    assert "12 34 56" not in text and "0612345678" not in text
    assert "abc.def" not in text
    assert text.endswith("le 2026-11-28")
    assert "78" in text  # the last two digits stay, to tell numbers apart


def test_log_file_masks_messages_and_tracebacks(tmp_path: Path) -> None:
    log_file = tmp_path / "logs" / "app.log"
    handler = setup_logging(log_file)
    log = get_logger("test")
    log.info("envoi au %s", "0661234567")
    try:
        raise ValueError("numéro refusé : 0661234567")
    except ValueError:
        log.exception("échec")
    handler.flush()
    content = log_file.read_text(encoding="utf-8")
    assert "0661234567" not in content
    assert "sobrus_comm.test" in content
    assert "ValueError" in content
    logging.getLogger("sobrus_comm").removeHandler(handler)
    handler.close()
