"""Benchmarks of perfbooks against the shared corpus: accuracy and speed."""
