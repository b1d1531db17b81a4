"""Sentences that give the real reason: bombs, backslashed zip members, the upload limit."""

from __future__ import annotations

import io
import re
import tomllib
import zipfile
from pathlib import Path

import openpyxl
import pytest

from extractors.errors import UnreadableFile
from extractors.limits import LIMITS
from extractors.problems import SENTENCES, Problem, problem
from extractors.registry import read_document
from review.uploads import expand_upload

ROOT = Path(__file__).resolve().parent.parent


def workbook_bytes() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["Indicator", "Jan-17"])
    book.active.append(["Number of referrals", 450])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def zipped(members: dict[str, bytes], method=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_an_office_zip_bomb_is_too_large_when_unpacked():
    """A decompression bomb was said to be 'damaged or not the kind of file its name says'."""
    with zipfile.ZipFile(io.BytesIO(workbook_bytes())) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    parts["xl/media/zeros.bin"] = b"\0" * (50 * 2**20)
    with pytest.raises(UnreadableFile, match="^bomb.xlsx is too large when unpacked"):
        read_document(io.BytesIO(zipped(parts)), "bomb.xlsx")


def test_upload_zip_members_named_with_backslashes_are_read():
    """Windows zip tools write 'Reports\\rotherham.csv': the folder stayed in the name, folders were
    'files'."""
    upload = zipped(
        {
            "Reports\\": b"",
            "Reports\\rotherham_2017-01.csv": b"Indicator,Jan-17\nReferrals,4\n",
            "Reports\\.DS_Store": b"x",
            "Reports\\notes.pptx": b"x",
        }
    )
    reports, skipped = expand_upload("reports.zip", upload)
    assert [name for name, _ in reports] == ["rotherham_2017-01.csv"]
    assert skipped == [
        "notes.pptx in reports.zip was skipped: perfbooks reads PDF, Excel, Word and CSV files."
    ]


def test_an_office_file_whose_parts_use_backslashes_says_so():
    """Its parts were not found, so it was 'not an Excel workbook (it may be another kind of file
    renamed)'."""
    with zipfile.ZipFile(io.BytesIO(workbook_bytes())) as archive:
        parts = {n.replace("/", "\\"): archive.read(n) for n in archive.namelist()}
    with pytest.raises(
        UnreadableFile,
        match="^book.xlsx was saved by a program that names its parts with backslashes",
    ):
        read_document(io.BytesIO(zipped(parts)), "book.xlsx")


def test_the_upload_limit_is_the_readers():
    """The app took 200 MB uploads into memory and then refused anything over the reader's 100
    MB."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] * 2**20 == LIMITS.MAX_BYTES


PROBLEM_PACKAGES = ("extractors", "interpreter", "pipeline", "review", "store")


def _sources():
    for package in PROBLEM_PACKAGES:
        yield from sorted((ROOT / package).rglob("*.py"))
    yield ROOT / "cli.py"


@pytest.mark.parametrize("path", list(_sources()), ids=lambda p: str(p.relative_to(ROOT)))
def test_sentences_about_files_are_written_only_in_the_problems_module(path):
    """39 sites in 13 modules wrote their own sentences, several the same problem in other words
    ("is larger than 100 MB, the most perfbooks reads" and "is larger than the 100 MB perfbooks
    reads in one file")."""
    source = path.read_text(encoding="utf-8")
    written = re.findall(r"(?:UnreadableFile|warnings\.append)\(\s*f?[\"']", source)
    assert not written, f"{path.name} writes its own sentence; add a kind to extractors/problems.py"


def test_every_kind_has_one_sentence_and_is_used():
    """A template nobody raises is a sentence the analyst can never read (or a kind misspelt)."""
    code = "\n".join(p.read_text(encoding="utf-8") for p in _sources() if p.name != "problems.py")
    unused = [kind for kind in SENTENCES if f'"{kind}"' not in code]
    assert unused == []
    assert len(set(SENTENCES.values())) == len(SENTENCES)


def test_the_command_line_and_ingest_word_a_missing_and_a_large_file_the_same(tmp_path):
    """`extract` and `ingest` said a too large file was 'larger than 100 MB, the most perfbooks
    reads' and 'larger than the 100 MB perfbooks reads in one file'."""
    from store.ingest import _read

    big = tmp_path / "big.csv"
    with big.open("wb") as fp:
        fp.truncate(LIMITS.MAX_BYTES + 1)
    refusals = []
    for read in (lambda p: read_document(p.open("rb"), p.name), lambda p: _read(p, p.name)):
        with pytest.raises(UnreadableFile) as refused:
            read(big)
        refusals.append(refused.value.problem)
    assert refusals[0] == refusals[1] == problem("too_big", "big.csv", mb=100)
    assert refusals[0].kind == "too_big" and refusals[0].file == "big.csv"


def test_a_problem_survives_the_bounded_child_as_a_record(tmp_path):
    """The child sent back only the text: the kind and the file were lost on the way."""
    from extractors.bounded import read_bounded

    empty = tmp_path / "nothing.csv"
    empty.write_bytes(b"")
    with pytest.raises(UnreadableFile) as refused:
        read_bounded(empty)
    assert isinstance(refused.value.problem, Problem)
    assert (refused.value.problem.kind, refused.value.problem.file) == ("empty", "nothing.csv")
    assert str(refused.value) == "nothing.csv is empty."


def test_a_reader_warning_is_a_problem_with_where_it_is():
    """Warnings were bare strings: what kind of problem and which file had to be read back out of
    the sentence."""
    upload = zipped({"year/notes.pptx": b"x", "year/a.csv": b"Indicator,Jan-17\nReferrals,4\n"})
    _, (skipped,) = expand_upload("year.zip", upload)
    assert (skipped.kind, skipped.file, skipped.where) == (
        "member_skipped",
        "year.zip",
        "notes.pptx",
    )
    assert skipped.sentence == SENTENCES["member_skipped"].format(
        member="notes.pptx", file="year.zip"
    )


def test_a_problem_cannot_be_changed():
    made = problem("empty", "a.csv")
    with pytest.raises(AttributeError):
        made.kind = "too_big"
