"""Benchmarks: `uv run python -m benchmarks` lists them (benchmarks/__main__.py)."""
