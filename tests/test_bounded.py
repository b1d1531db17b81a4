"""The bounded reader under a server's own limits: a lower memory ceiling, timeouts, bombs and slow
files."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import time
import zlib
from pathlib import Path

import openpyxl
import pytest
from grids import ruled_pdf

import extractors.registry
from extractors.bounded import memory_cap, read_bounded
from extractors.errors import UnreadableFile
from extractors.limits import Limits

ROOT = Path(__file__).resolve().parent.parent
SERVER_CEILING = 2 * 2**30  # `ulimit -v 2097152`, as many containers set
ROWS = [
    ["Indicator", "Nov-16", "Dec-16", "Jan-17"],
    ["Number of referrals", "450", "400", "391"],
    ["Number of children looked after", "480", "484", "491"],
]


def _ceiling():
    resource.setrlimit(resource.RLIMIT_AS, (SERVER_CEILING, SERVER_CEILING))


def run_cli(*args, ceiling: bool) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=_ceiling if ceiling else None,
    )


def report_files(tmp_path: Path) -> list[Path]:
    csv_path = tmp_path / "rotherham_2017-01.csv"
    csv_path.write_text("\n".join(",".join(r) for r in ROWS) + "\n", encoding="utf-8")
    book = openpyxl.Workbook()
    for row in ROWS:
        book.active.append([int(v) if v.isdigit() else v for v in row])
    book.save(tmp_path / "rotherham_2017-01.xlsx")
    ruled_pdf(
        tmp_path / "rotherham_2017-01.pdf",
        [["Rotherham Performance Report", "As at January 2017", (ROWS, {})]],
        widths={0: 70},
    )
    return [csv_path, tmp_path / "rotherham_2017-01.xlsx", tmp_path / "rotherham_2017-01.pdf"]


def test_a_lower_memory_ceiling_reads_every_file_the_same(tmp_path):
    """ulimit -v below MAX_MEMORY_MB: the child took the higher limit, so every file failed with a
    traceback."""
    files = report_files(tmp_path)
    outputs = {}
    for ceiling in (False, True):
        out = tmp_path / f"out_{ceiling}.csv"
        proc = run_cli("extract", *files, "--out", out, ceiling=ceiling)
        assert proc.returncode == 0, proc.stderr
        assert "Traceback" not in proc.stderr
        outputs[ceiling] = out.read_text(encoding="utf-8")
    assert outputs[True] == outputs[False]
    assert outputs[True].count("\n") == 1 + 3 * 6


def test_a_broken_file_under_the_ceiling_is_one_sentence(tmp_path):
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04" + os.urandom(3000))
    proc = run_cli("extract", broken, "--out", tmp_path / "out.csv", ceiling=True)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert (
        len(lines) == 1 and lines[0].startswith("broken.xlsx ") and "Traceback" not in proc.stderr
    )


def test_memory_cap_is_the_lower_limit_in_force():
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    assert memory_cap() <= 4096 * 2**20
    if soft != resource.RLIM_INFINITY:
        assert memory_cap() <= soft


def _greedy_reader(fp, name, progress, limits):
    return bytearray(6 * 2**30)  # more address space than the cap allows


def test_a_file_that_exhausts_memory_says_so(monkeypatch, tmp_path):
    monkeypatch.setattr(extractors.registry, "read_document", _greedy_reader)
    path = tmp_path / "huge.csv"
    path.write_text("a,b\n")
    with pytest.raises(UnreadableFile, match=r"^huge.csv needs more than [\d,]+ MB to read"):
        read_bounded(path)


def _reader_starting_a_process(pid_file: Path):
    def read(fp, name, progress, limits):
        pid_file.write_text(str(subprocess.Popen(["sleep", "120"]).pid))
        time.sleep(120)

    return read


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def test_a_timed_out_read_leaves_no_process_behind(monkeypatch, tmp_path):
    """A killed read left its child's children (tesseract) running."""
    pid_file = tmp_path / "pid"
    monkeypatch.setattr(extractors.registry, "read_document", _reader_starting_a_process(pid_file))
    path = tmp_path / "slow.csv"
    path.write_text("a,b\n")
    with pytest.raises(UnreadableFile, match="took longer than 2 seconds to read"):
        read_bounded(path, limits=Limits(MAX_SECONDS=2))
    grandchild = int(pid_file.read_text())
    deadline = time.monotonic() + 5
    while _alive(grandchild) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(grandchild)


def test_interpretation_has_its_own_time_bound(tmp_path):
    """Interpretation ran in the parent with no bound (a 10,000-row CSV took 85 s)."""
    path = tmp_path / "rows.csv"
    path.write_text("\n".join(",".join(r) for r in ROWS))
    started = time.monotonic()
    with pytest.raises(
        UnreadableFile,
        match="^rows.csv was read, but working out its tables took longer than 1 seconds",
    ):
        read_bounded(path, then=lambda doc: time.sleep(60), limits=Limits(MAX_INTERPRET_SECONDS=1))
    assert time.monotonic() - started < 10


def test_interpretation_runs_in_the_child(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text("\n".join(",".join(r) for r in ROWS))
    assert read_bounded(path, then=lambda doc: os.getpid()) != os.getpid()


@pytest.mark.skipif(
    resource.getrlimit(resource.RLIMIT_AS)[0] != resource.RLIM_INFINITY,
    reason="an address-space limit is in force: no room to reserve 40 GB",
)
def test_a_process_that_reserved_much_address_space_still_reads(tmp_path):
    """vl-convert (charts of the board pack) reserves tens of GB it never touches: a reader forked
    from that process gets its budget on top, instead of failing every allocation."""
    import mmap

    reserved = mmap.mmap(
        -1,
        40 * 2**30,
        flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS | getattr(mmap, "MAP_NORESERVE", 0),
        prot=0,  # PROT_NONE: reserved, never touched
    )
    try:
        path = tmp_path / "report.csv"
        path.write_text("Indicator,Apr 2019,May 2019\nReferrals,120,130\n", encoding="utf-8")
        document = read_bounded(path, limits=Limits(MAX_SECONDS=60))
    finally:
        reserved.close()
    assert document.grids and any(c.text == "130" for c in document.grids[0].cells)


def _pdf(path: Path, content: bytes, extra: bytes = b"") -> Path:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Contents 4 0 R /Resources << >> >>",
        b"<< /Length %d %s >>\nstream\n" % (len(content), extra) + content + b"\nendstream",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    path.write_bytes(out + b"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref)
    return path


def test_a_flate_bomb_is_refused_quickly(tmp_path):
    """A Flate stream inflating to 1.5 GiB of zeros ran past 60 s; now: too large when unpacked."""
    deflate = zlib.compressobj(9)
    zeros = b"\0" * 2**24
    bomb = b"".join(deflate.compress(zeros) for _ in range(96)) + deflate.flush()
    path = _pdf(tmp_path / "bomb.pdf", bomb, b"/Filter /FlateDecode")
    started = time.monotonic()
    with pytest.raises(UnreadableFile, match="^bomb.pdf is too large when unpacked"):
        read_bounded(path)
    assert time.monotonic() - started < 60


def test_a_page_of_25000_ruling_segments_is_read_in_time(tmp_path):
    segments = [
        b"%d %d m %d %d l S"
        % ((i % 250) * 3 + 20, (i // 250) * 5 + 20, (i % 250) * 3 + 22, (i // 250) * 5 + 20)
        for i in range(25_000)
    ]
    path = _pdf(tmp_path / "segments.pdf", b"\n".join(segments))
    started = time.monotonic()
    doc = read_bounded(path)
    assert doc.units == 1 and time.monotonic() - started < 60


def noise_pdf(path: Path, width: int = 1240, height: int = 1754) -> Path:
    """A one-page A4 PDF whose page is an image of random grey noise (a scan of nothing)."""
    import numpy as np
    from fpdf import FPDF
    from PIL import Image

    image = path.with_suffix(".png")
    Image.fromarray(
        np.random.default_rng(17).integers(0, 256, (height, width), dtype=np.uint8)
    ).save(image)
    pdf = FPDF(unit="mm", format="A4")
    pdf.add_page()
    pdf.image(str(image), x=0, y=0, w=210, h=297)
    pdf.output(str(path))
    return path


def test_noise_is_told_from_print():
    import numpy as np

    from extractors.pdf.ocr.scan import clean, is_noise, whitened

    # as OCR gets it
    noise = whitened(
        clean(np.random.default_rng(3).integers(0, 256, (1754, 1240), dtype=np.uint8))[0]
    )
    page = np.full((1754, 1240), 255, dtype=np.uint8)
    for row in range(100, 1700, 40):  # lines of 'print': dark strokes with gaps, as letters are
        for col in range(80, 1160, 14):
            page[row : row + 20, col : col + 8] = 0
    assert is_noise(noise) and not is_noise(page) and not is_noise(noise[:500, :500])


@pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="the tesseract command is not installed"
)
def test_a_scanned_page_of_pure_noise_is_refused_in_one_sentence(tmp_path):
    """tesseract spent 96 s on one A4 page of noise (past the 60 s a file should take here)."""
    path = noise_pdf(tmp_path / "noise.pdf")
    started = time.monotonic()
    proc = run_cli("extract", path, "--out", tmp_path / "out.csv", ceiling=False)
    # the bound on this 2-core machine (2.4 s measured alone)
    assert time.monotonic() - started < 60
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines()[-1] == (
        "noise.pdf has no tables of figures that perfbooks recognises; is it a performance report?"
    )


def test_a_reader_dies_with_the_process_that_started_it(tmp_path):
    """A caller killed outright (a server restarted) leaves no reader running on."""
    pid_file = tmp_path / "reader.pid"
    script = (
        "import os, time\n"
        "from extractors.bounded import run_bounded\n"
        f"def work():\n    open({str(pid_file)!r}, 'w').write(str(os.getpid()))\n"
        "    time.sleep(120)\n"
        "run_bounded(work, 'slow.pdf')\n"
    )
    caller = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT)
    deadline = time.monotonic() + 30
    while not pid_file.exists() or not pid_file.read_text():
        assert time.monotonic() < deadline, "the reader never started"
        time.sleep(0.1)
    reader = int(pid_file.read_text())
    caller.kill()
    caller.wait()
    while time.monotonic() < deadline:
        if not _running(reader):
            return
        time.sleep(0.1)
    os.kill(reader, signal.SIGKILL)
    raise AssertionError("the reader outlived its caller")


def _running(pid: int) -> bool:
    """Whether the process runs (a zombie waiting for init to reap it does not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False
