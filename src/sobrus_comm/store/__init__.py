"""The local SQLite cache: tables, repositories and Alembic migrations (no Qt)."""
