"""Batch analysis: many articles submitted in one request and followed as one."""
