"""Checks shared by the Office Open XML readers: zip signature, size bounds, OLE2 wrappers."""

from __future__ import annotations

import io
import zipfile

from extractors.base import Format
from extractors.errors import UnreadableFile
from extractors.limits import LIMITS

ZIP_SIGNATURE = b"PK\x03\x04"
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0"
MAX_RATIO = 200  # uncompressed ÷ compressed size beyond which a member is a zip bomb
RATIO_FLOOR = 1024 * 1024  # members smaller than this unpack harmlessly whatever their ratio


def open_zip(data: bytes, name: str) -> zipfile.ZipFile:
    """The file as a zip archive, after refusing damaged archives and zip bombs."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        raise UnreadableFile(
            f"{name} is damaged or incomplete and cannot be opened; save it again and upload "
            "the "
            "new copy."
        ) from None
    if any("\\" in m.filename for m in members):
        raise UnreadableFile(
            f"{name} was saved by a program that names its parts with backslashes, which Office "
            "does not; open it in Excel or Word, save it again and upload the "
            "new copy."
        )
    if sum(m.file_size for m in members) > LIMITS.MAX_UNZIPPED_BYTES:
        raise UnreadableFile(
            f"{name} is too large when unpacked: it unpacks to more than "
            f"{LIMITS.MAX_UNZIPPED_BYTES // 2**20} MB, the most perfbooks reads."
        )
    if any(is_zip_bomb(m) for m in members):
        raise UnreadableFile(
            f"{name} is too large when unpacked: a part unpacks to far more than its stored "
            "size "
            "(a zip bomb), so it was refused."
        )
    return archive


def is_zip_bomb(member: zipfile.ZipInfo) -> bool:
    """A member that unpacks to far more than its stored size (small members never count)."""
    if member.file_size <= RATIO_FLOOR:
        return False
    return member.file_size > MAX_RATIO * max(member.compress_size, 1)


def ole2_problem(data: bytes, name: str, kind: str, old_extension: str, old_stream: str) -> str:
    """Why an OLE2 compound file cannot be read: a password, or the old binary format."""
    if any(_utf16(marker) in data for marker in ("EncryptionInfo", "EncryptedPackage")):
        return _password(name, kind)
    if _utf16(old_stream) in data or has_extension(name, (old_extension,)):
        return (
            f"{name} is an old {kind} .{old_extension} file; save it as .{old_extension}x and "
            "upload it again."
        )
    return _password(name, kind)


def _password(name: str, kind: str) -> str:
    return (
        f"{name} is password-protected; remove the password in {kind} (File > Info > Protect) and "
        "upload it again."
    )


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-le")


def has_extension(name: str, extensions: tuple[str, ...]) -> bool:
    """True when the file name ends in one of the extensions (no dots, any case)."""
    return name.lower().rsplit(".", 1)[-1] in extensions if "." in name else False


class OfficeFormat(Format):
    """An Office Open XML format: a zip holding a marker part; an OLE2 file of its name is encrypted
    or old."""

    kind = ""  # "Excel" or "Word", for messages
    old_extension = ""  # the binary format it replaced: "xls" or "doc"
    old_stream = ""  # the stream an old binary file holds: "Workbook" or "WordDocument"
    marker = b""  # a part name only this format's zip holds

    @classmethod
    def detect(cls, head: bytes, name: str) -> bool:
        if head.startswith(OLE2_SIGNATURE):
            # encrypted or old; extract says which
            return has_extension(name, cls.extensions + (cls.old_extension,))
        return head.startswith(ZIP_SIGNATURE) and (
            has_extension(name, cls.extensions) or cls.marker in head
        )

    @classmethod
    def refuse_ole2(cls, data: bytes, name: str) -> None:
        """Raise the plain reason when the file is an OLE2 wrapper rather than a zip."""
        if data.startswith(OLE2_SIGNATURE):
            raise UnreadableFile(
                ole2_problem(data, name, cls.kind, cls.old_extension, cls.old_stream)
            )
