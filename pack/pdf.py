"""The pack printed to a tagged PDF by headless Chromium (headings, table headers and image alt text
become the PDF's structure tree; the outline comes from the headings). No network is used."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

CHROMIUM_ENV = "PERFBOOKS_CHROMIUM"
CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")
TIMEOUT = 180


class RendererMissing(OSError):
    """No Chromium to print the PDF with."""


def chromium() -> str:
    """The Chromium binary: PERFBOOKS_CHROMIUM, else the Debian package's."""
    for name in (os.environ.get(CHROMIUM_ENV), *CANDIDATES):
        if name and (found := shutil.which(name)):
            return found
    raise RendererMissing(
        "printing the PDF needs Chromium: apt-get install chromium (or set PERFBOOKS_CHROMIUM); "
        "the Word and Excel versions need no browser"
    )


def html_to_pdf(html: str) -> bytes:
    """Print an HTML document with headless Chromium, in a throwaway profile."""
    with tempfile.TemporaryDirectory(prefix="perfbooks-pack-") as folder:
        page, out = Path(folder, "pack.html"), Path(folder, "pack.pdf")
        page.write_text(html, encoding="utf-8")
        command = [
            chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--no-default-browser-check",
            f"--user-data-dir={folder}/profile",
            "--no-pdf-header-footer",
            "--generate-pdf-document-outline",
            f"--print-to-pdf={out}",
            page.as_uri(),
        ]
        done = subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False)
        if not out.is_file() or out.stat().st_size == 0:
            raise RuntimeError(
                f"Chromium did not print the pack (exit {done.returncode}): {done.stderr[-300:]!r}"
            )
        return out.read_bytes()
