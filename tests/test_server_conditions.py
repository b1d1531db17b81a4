"""Reading under the conditions a real server imposes: a home directory nothing can be written in,
no network, an address-space limit and bytecode not written. Every format gives the same
observations as on an unconstrained machine."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from zoo.generate import generate

ROOT = Path(__file__).resolve().parent.parent
ADDRESS_SPACE = 2**30  # bytes: a small shared host (the least cli.py runs with)
CASES = [
    ("ruled_months", "pdf"),
    ("ruled_months", "xlsx"),
    ("ruled_months", "docx"),
    ("ruled_months", "csv"),
    ("scanned", "scan"),
]
NO_NETWORK = """
import socket

def _refuse(*args, **kwargs):
    raise OSError("the network is not reachable from this server")

socket.socket.connect = _refuse
socket.create_connection = _refuse
socket.getaddrinfo = _refuse
"""


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("reports")
    made = []
    for family, fmt in CASES:
        if fmt == "scan" and not shutil.which("tesseract"):
            continue
        made.append(generate(family, fmt, 0, folder).path)
    return made


def _limit_address_space() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def _extract(files: list[Path], out: Path, env: dict, preexec=None) -> subprocess.CompletedProcess:
    command = [sys.executable, str(ROOT / "cli.py"), "extract", "--out", str(out), *map(str, files)]
    return subprocess.run(
        command, env=env, preexec_fn=preexec, capture_output=True, text=True, timeout=600
    )


def _server_env(tmp_path: Path) -> dict:
    """HOME under a plain file (no directory can be made there, not even by root), no network, no
    bytecode written, no cache directories."""
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(NO_NETWORK)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "PYTHON"))}
    return {
        **env,
        "HOME": str(blocker / "home"),
        "PYTHONPATH": str(site),
        "PYTHONDONTWRITEBYTECODE": "1",
        "MPLCONFIGDIR": str(blocker / "mpl"),
    }


def test_every_format_reads_the_same_on_a_constrained_server(reports, tmp_path):
    usual, constrained = tmp_path / "usual.csv", tmp_path / "server.csv"
    plain = _extract(reports, usual, dict(os.environ))
    assert plain.returncode == 0, plain.stderr
    served = _extract(reports, constrained, _server_env(tmp_path), _limit_address_space)
    assert served.returncode == 0, served.stderr
    assert "Traceback" not in served.stderr
    assert constrained.read_text() == usual.read_text()
    assert len(usual.read_text().splitlines()) > 10 * len(reports)


@pytest.mark.parametrize(
    "probe, said",
    [
        ("import socket; socket.create_connection(('192.0.2.1', 80), timeout=1)", "not reachable"),
        ("import pathlib; (pathlib.Path.home() / '.cache').mkdir(parents=True)", "Not a directory"),
    ],
)
def test_the_constrained_run_really_refuses_network_and_home(probe, said, tmp_path):
    ran = subprocess.run(
        [sys.executable, "-c", probe], env=_server_env(tmp_path), capture_output=True, text=True
    )
    assert ran.returncode != 0 and said in ran.stderr


def test_a_process_with_too_little_memory_stops_at_once_in_one_sentence(reports, tmp_path):
    def starve():
        resource.setrlimit(resource.RLIMIT_AS, (400 * 2**20, 400 * 2**20))

    ran = _extract(reports[:1], tmp_path / "out.csv", _server_env(tmp_path), starve)
    assert ran.returncode == 1 and "Traceback" not in ran.stderr
    assert ran.stderr.strip() == (
        "perfbooks cannot run: this process may use only 400 MB of memory (ulimit -v), too little "
        "to load its libraries; allow at least 1,024 MB."
    )
