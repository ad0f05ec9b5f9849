"""Tests of the store: uploads kept whole in SQLite and PostgreSQL."""
