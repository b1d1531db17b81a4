"""The one path from a file to observations, shared by the command line and the app."""

from pipeline.extract import (
    ExtractResult,
    extract_bytes,
    extract_path,
    interpret_document,
    observations_frame,
)

__all__ = [
    "ExtractResult",
    "extract_bytes",
    "extract_path",
    "interpret_document",
    "observations_frame",
]
