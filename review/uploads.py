"""Uploaded files as the reports inside them: a zip is opened (bounded), anything else is one
report."""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePosixPath

from extractors.errors import UnreadableFile
from extractors.limits import LIMITS, Limits
from extractors.ooxml import declared_members, is_zip_bomb
from extractors.problems import Problem, problem
from extractors.registry import SUFFIXES


def expand_upload(
    name: str, content: bytes, limits: Limits = LIMITS
) -> tuple[list[tuple[str, bytes]], list[Problem]]:
    """([(report name, bytes)], [what was skipped and why]) for one upload; UnreadableFile for a bad
    zip, or one past the limits."""
    if PurePosixPath(name).suffix.lower() != ".zip":
        return [(name, content)], []
    if (count := declared_members(content)) > limits.MAX_ZIP_MEMBERS:
        raise UnreadableFile(
            problem("too_many_reports", name, count=count, most=limits.MAX_UPLOAD_REPORTS)
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = [
            m for m in archive.infolist() if not m.is_dir() and not m.filename.endswith("\\")
        ]
    except (zipfile.BadZipFile, OSError, ValueError):
        raise UnreadableFile(problem("not_a_zip", name)) from None
    _check_sizes(name, members, limits)
    reports, skipped = [], []
    for member in members:
        inner = member_path(member)
        if inner.name.startswith(".") or "__MACOSX" in inner.parts:
            continue
        if inner.suffix.lower() not in SUFFIXES:
            skipped.append(problem("member_skipped", name, inner.name, member=inner.name))
            continue
        reports.append((inner.name, _read(archive, member, name)))
    return reports, skipped


def member_path(member: zipfile.ZipInfo) -> PurePosixPath:
    """The member's path, folders split at '/' or at the backslashes some Windows zip tools
    write."""
    return PurePosixPath(member.filename.replace("\\", "/"))


def _check_sizes(name: str, members: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(members) > limits.MAX_UPLOAD_REPORTS:
        raise UnreadableFile(
            problem("too_many_reports", name, count=len(members), most=limits.MAX_UPLOAD_REPORTS)
        )
    if sum(m.file_size for m in members) > limits.MAX_UNZIPPED_BYTES:
        raise UnreadableFile(problem("zip_too_large", name, mb=limits.MAX_UNZIPPED_BYTES // 2**20))
    for m in members:
        if m.file_size > limits.MAX_BYTES or is_zip_bomb(m, limits):
            inner = member_path(m).name
            raise UnreadableFile(problem("member_too_large", name, inner, member=inner))
    if any(m.flag_bits & 0x1 for m in members):
        raise UnreadableFile(problem("password", name))


def _read(archive: zipfile.ZipFile, member: zipfile.ZipInfo, name: str) -> bytes:
    """The member's bytes, never more than it declared (a lying header stops here)."""
    inner = member_path(member).name
    try:
        with archive.open(member) as handle:
            data = handle.read(member.file_size + 1)
    except (zipfile.BadZipFile, OSError, RuntimeError, EOFError, NotImplementedError):
        raise UnreadableFile(problem("member_damaged", name, inner, member=inner)) from None
    if len(data) > member.file_size:
        raise UnreadableFile(problem("member_too_long", name, inner, member=inner))
    return data


def progress_text(name: str, content: bytes, done: int, total: int, doing: str = "") -> str:
    """What an upload's progress bar says: what it counts and, while a scan is read, which page and
    how.

    `report.pdf: page 2 of 4, reading scanned text`; `book.xlsx: 3 of 9 sheets read`.

    """
    unit = _unit_of(name, content)
    if doing:
        return f"{name}: {unit} {min(done + 1, total)} of {total}, {doing}"
    return f"{name}: {done} of {total} {unit}{'' if total == 1 else 's'} read"


def _unit_of(name: str, content: bytes) -> str:
    """What the reader of this file counts: page, sheet or table."""
    from extractors.registry import detect_format

    try:
        return detect_format(content[:4096], name).unit
    except UnreadableFile:
        return "part"
