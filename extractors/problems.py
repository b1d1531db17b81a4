"""Problems with an uploaded file as data: what kind, which file, where in it, and one sentence.

Every sentence the analyst reads about a file that could not be read, or about what a reader
skipped, is written once here (`SENTENCES`, one template per kind). `UnreadableFile` carries one
`Problem`; a document's warnings are Problems. A Problem is its sentence (a `str`), so the command
line, the Upload page and the store's documents table show and keep the same text.

"""

from __future__ import annotations

OFFICE_PASSWORD = "remove the password in {program} (File > Info > Protect) and upload it again."
SENTENCES = {
    # the file as a whole
    "missing": "{file} does not exist or is not a file.",
    "too_big": "{file} is larger than {mb} MB, the most perfbooks reads.",
    "empty": "{file} is empty.",
    "unknown_format": (
        "{file} is not a PDF, Excel workbook, Word document or CSV file that perfbooks can read."
    ),
    "password": ("{file} is password-protected; save a copy without the password and upload that."),
    "office_password": "{file} is password-protected; " + OFFICE_PASSWORD,
    "old_office": (
        "{file} is an old {program} .{extension} file; save it as .{extension}x and upload it "
        "again."
    ),
    # Office files (zip archives)
    "damaged_zip": (
        "{file} is damaged or incomplete and cannot be opened; save it again and upload the new "
        "copy."
    ),
    "backslashed_parts": (
        "{file} was saved by a program that names its parts with backslashes, which Office does "
        "not; open it in Excel or Word, save it again and upload the new copy."
    ),
    "too_many_parts": (
        "{file} is too large when unpacked: it holds more than {most:,} parts, the most perfbooks "
        "reads in one zip."
    ),
    "unpacks_too_large": (
        "{file} is too large when unpacked: it unpacks to more than {mb} MB, the most perfbooks "
        "reads."
    ),
    "zip_bomb": (
        "{file} is too large when unpacked: a part unpacks to far more than its stored size (a "
        "zip bomb), so it was refused."
    ),
    "not_a_workbook": (
        "{file} is not an Excel workbook (it may be another kind of file renamed); save it from "
        "Excel as .xlsx."
    ),
    "damaged_workbook": (
        "{file} is damaged or incomplete and cannot be opened as a workbook; save it again in "
        "Excel and upload the new copy."
    ),
    "too_many_sheets": (
        "{file} is too large: it has more than {most} sheets, the most perfbooks reads in one "
        "workbook."
    ),
    "too_many_cells": (
        "{file} is too large: it has more than {most:,} cells, the most perfbooks reads."
    ),
    "not_a_word_document": (
        "{file} is not a Word document (it may be another kind of file renamed); save it from "
        "Word as .docx."
    ),
    "damaged_word_document": (
        "{file} is damaged or incomplete and cannot be opened as a Word document; save it again "
        "and upload the new copy."
    ),
    # PDF and CSV files
    "pdf_bomb": (
        "{file} is too large when unpacked: its compressed contents unpack to more than {mb:,} "
        "MB (or far more than their stored size), so it was refused."
    ),
    "damaged_pdf": "{file} is damaged or incomplete and cannot be opened as a PDF.",
    "too_many_pages": "{file} has {pages} pages, more than the {most} perfbooks reads in one file.",
    "too_many_scans": (
        "{file} has {pages} scanned pages, more than the {most} perfbooks reads by OCR in one file."
    ),
    "no_tesseract": (
        "{file} is a scan with no text layer; reading it needs the tesseract OCR program, which "
        "is not installed. Install it with `{install}` and try again."
    ),
    "tesseract_not_found": (
        "Reading scans needs the tesseract OCR program; install it with `{install}`."
    ),
    "tesseract_failed": (
        "tesseract could not read a scanned page ({why}); check it works with `{install}`."
    ),
    "bad_csv": "{file} could not be read as CSV ({why}).",
    # the bounded reader
    "slow_read": "{file} took longer than {seconds:.0f} seconds to read and was stopped.",
    "slow_interpretation": (
        "{file} was read, but working out its tables took longer than {seconds:.0f} seconds and "
        "was stopped; a performance report is far smaller, so please check it is the right file."
    ),
    "reader_stopped": (
        "{file} could not be read: the reader stopped unexpectedly (the file may be damaged)."
    ),
    "out_of_memory": (
        "{file} needs more than {mb:,} MB to read, the most this server allows for one file."
    ),
    "self_reference": "{file} refers to itself in a loop and cannot be read.",
    "reader_failed": (
        "{file} could not be read: it may be damaged or not the kind of file its name says."
    ),
    "source_failed": "{file} may be damaged or not the kind of file its name says.",
    # interpreting what was read
    "not_interpreted": (
        "{file} was read, but its tables could not be interpreted; please send it to the "
        "perfbooks team."
    ),
    "no_tables": (
        "{file} has no tables of figures that perfbooks recognises; is it a performance report?"
    ),
    # an uploaded zip of reports
    "not_a_zip": "{file} is not a zip file that can be opened; upload the reports themselves.",
    "too_many_reports": "{file} holds {count} files; upload at most {most} reports at a time.",
    "zip_too_large": "{file} would unzip to more than {mb} MB; upload fewer reports at a time.",
    "member_too_large": (
        "{file} holds {member}, which unzips far larger than a report; it was not opened."
    ),
    "member_damaged": "{member} in {file} is damaged and could not be unzipped.",
    "member_too_long": "{member} in {file} is larger than its zip entry says; it was not opened.",
    # warnings: the file was read, but not all of it
    "member_skipped": (
        "{member} in {file} was skipped: perfbooks reads PDF, Excel, Word and CSV files."
    ),
    "formulas_uncached": (
        "{file} has {count} formula cells with no saved result, which were skipped; open it in "
        "Excel, save it and upload it again to include them."
    ),
    "scans_skipped": "{count} of {pages} pages of {file} are scans and were skipped: {why}",
    "scans_past_limit": "only the first {most} scanned pages are read by OCR",
    "read_by_ocr": (
        "{count} of {pages} pages of {file} were read by OCR; numbers read with low confidence "
        "are marked in the confidence column."
    ),
    "page_skipped": "Page {page} of {file} could not be read and was skipped.",
}


class Problem(str):
    """One problem with a file: its kind (a key of SENTENCES, or the interpreter's own), the file,
    where in it (a page, sheet or table; blank for the whole file), and its sentence, which is
    the Problem's text."""

    __slots__ = ("kind", "file", "where")

    def __new__(cls, kind: str, file: str, sentence: str, where: str = "") -> Problem:
        self = super().__new__(cls, sentence)
        for attribute, value in (("kind", kind), ("file", file), ("where", where)):
            object.__setattr__(self, attribute, value)
        return self

    def __setattr__(self, attribute, value):
        raise AttributeError(f"a Problem is not changed once made ({attribute})")

    def __reduce__(self):  # the bounded child sends Problems back through a queue
        return Problem, (self.kind, self.file, self.sentence, self.where)

    def __repr__(self) -> str:
        return f"Problem({self.kind!r}, {self.file!r}, {self.sentence!r}, {self.where!r})"

    @property
    def sentence(self) -> str:
        return str.__str__(self)


def problem(kind: str, file: str, where: str = "", **fields) -> Problem:
    """The Problem of this kind with the file, where it is and the kind's fields in its sentence."""
    return Problem(kind, file, SENTENCES[kind].format(file=file, **fields), where)


def as_problem(note: str, file: str, kind: str = "note", where: str = "") -> Problem:
    """A warning written elsewhere (a table's numbers not read, a taught layout) as a Problem."""
    return note if isinstance(note, Problem) else Problem(kind, file, note, where)
