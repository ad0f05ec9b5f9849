"""Servers and drivers that tests and benchmarks start: PostgreSQL, the dashboard, AppTest routing."""
