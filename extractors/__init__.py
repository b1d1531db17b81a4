"""Readers that turn an uploaded file into plain cell grids (entry point:
extractors.registry.read_document)."""

from extractors.errors import UnreadableFile
from extractors.grid import Cell, Document, Grid
from extractors.problems import Problem, problem

__all__ = ["Cell", "Document", "Grid", "Problem", "UnreadableFile", "problem"]
