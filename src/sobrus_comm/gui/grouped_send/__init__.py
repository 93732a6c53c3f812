"""The grouped send (COMM_GROUPEE_003): dialog, client list, preview, confirmation, test
send and progress panel."""

from __future__ import annotations
