"""Benchmarks: measured speed and accuracy, written to docs/performance.md (not timed tests)."""
