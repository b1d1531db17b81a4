"""Checks shared by the Office Open XML readers: zip signature, size bounds, OLE2 wrappers."""

from __future__ import annotations

import io
import struct
import zipfile

from extractors.base import Format
from extractors.errors import UnreadableFile
from extractors.limits import LIMITS, Limits
from extractors.problems import Problem, problem

ZIP_SIGNATURE = b"PK\x03\x04"
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0"
RATIO_FLOOR = 1024 * 1024  # members smaller than this unpack harmlessly whatever their ratio
END_RECORD, END_RECORD_64 = b"PK\x05\x06", b"PK\x06\x06"
END_SEARCH = 22 + 0xFFFF  # the end record and the longest comment it may carry


def open_zip(data: bytes, name: str, limits: Limits = LIMITS) -> zipfile.ZipFile:
    """The file as a zip archive, after refusing damaged archives, archives of too many parts
    (counted before their directory is read) and zip bombs."""
    if declared_members(data) > limits.MAX_ZIP_MEMBERS:
        raise UnreadableFile(problem("too_many_parts", name, most=limits.MAX_ZIP_MEMBERS))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        raise UnreadableFile(problem("damaged_zip", name)) from None
    if any("\\" in m.filename for m in members):
        raise UnreadableFile(problem("backslashed_parts", name))
    if len(members) > limits.MAX_ZIP_MEMBERS:  # an end record that lied
        raise UnreadableFile(problem("too_many_parts", name, most=limits.MAX_ZIP_MEMBERS))
    if sum(m.file_size for m in members) > limits.MAX_UNZIPPED_BYTES:
        raise UnreadableFile(
            problem("unpacks_too_large", name, mb=limits.MAX_UNZIPPED_BYTES // 2**20)
        )
    if any(is_zip_bomb(m, limits) for m in members):
        raise UnreadableFile(problem("zip_bomb", name))
    return archive


def declared_members(data: bytes) -> int:
    """Entries the zip's end record declares (its ZIP64 record's when that is used), read before
    the central directory is parsed; 0 when no end record is found."""
    at = data.rfind(END_RECORD, max(0, len(data) - END_SEARCH))
    if at < 0 or len(data) < at + 22:
        return 0
    count = struct.unpack_from("<H", data, at + 10)[0]
    zip64 = data.rfind(END_RECORD_64, max(0, at - 76), at)
    if count == 0xFFFF and zip64 >= 0 and len(data) >= zip64 + 40:
        count = struct.unpack_from("<Q", data, zip64 + 32)[0]
    return count


def is_zip_bomb(member: zipfile.ZipInfo, limits: Limits = LIMITS) -> bool:
    """A member that unpacks to far more than its stored size (small members never count)."""
    if member.file_size <= RATIO_FLOOR:
        return False
    return member.file_size > limits.MAX_UNZIP_RATIO * max(member.compress_size, 1)


def ole2_problem(data: bytes, name: str, kind: str, old_extension: str, old_stream: str) -> Problem:
    """Why an OLE2 compound file cannot be read: a password, or the old binary format."""
    encrypted = any(_utf16(marker) in data for marker in ("EncryptionInfo", "EncryptedPackage"))
    if not encrypted and (_utf16(old_stream) in data or has_extension(name, (old_extension,))):
        return problem("old_office", name, program=kind, extension=old_extension)
    return problem("office_password", name, program=kind)


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
