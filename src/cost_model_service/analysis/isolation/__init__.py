"""Untrusted, CPU-bound work (document parsing, OCR, the rules analyzer) in separate
processes with memory and time limits, off the worker's event loop (issue 8)."""

from cost_model_service.analysis.isolation.pool import IsolatedPool, close_all, pool_for

__all__ = ["IsolatedPool", "close_all", "pool_for"]
