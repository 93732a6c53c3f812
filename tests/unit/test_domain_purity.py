"""The domain rules stay pure: importing them loads no Qt, SQL, HTTP, nor other app layers."""

from __future__ import annotations

import subprocess
import sys

MODULES = [
    "phones", "segments", "money", "french_numbers", "templating", "recipients", "csv_cells",
    "invisible_chars", "graphemes", "credit_ledger", "credit_forecast", "consent", "stop_words",
    "frequency", "opt_out", "consent_plan", "consent_register",
]
FORBIDDEN = ("PySide6", "shiboken6", "sqlalchemy", "requests", "urllib3", "flask", "keyring")

CHECK = f"""
import sys
for name in {MODULES!r}:
    __import__("sobrus_comm.domain." + name)
bad = sorted(
    m for m in sys.modules
    if m.split(".")[0] in {FORBIDDEN!r}
    or (m.startswith("sobrus_comm.") and not m.startswith("sobrus_comm.domain"))
)
print(",".join(bad))
"""


def test_domain_modules_import_nothing_impure() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == ""
