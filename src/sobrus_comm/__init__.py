"""Sobrus Communications: SMS to the pharmacy's clients, from the counter."""

from __future__ import annotations

__version__ = "0.1.0"
APP_NAME = "Sobrus Communications"
