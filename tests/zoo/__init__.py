"""The layout zoo: synthetic performance reports with known answers, across layout families and
formats."""

from zoo.families import FAMILIES
from zoo.generate import cases, generate, report
from zoo.score import read, score

__all__ = ["FAMILIES", "cases", "generate", "report", "read", "score"]
