"""Widgets shared by several windows (template editor, message preview, usage chart)."""
