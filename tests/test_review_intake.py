"""One uploaded report's outcome: read once per session, recognised as stored, refused once."""

from dataclasses import dataclass, field

from extractors.errors import UnreadableFile
from extractors.problems import problem
from pipeline.extract import ExtractResult
from review.intake import take_upload, waiting_summary


@dataclass
class SessionQueue:
    waiting: dict = field(default_factory=dict)
    read_before: set = field(default_factory=set)
    refused: dict = field(default_factory=dict)

    def pending(self):
        return self.waiting

    def seen(self):
        return self.read_before

    def failures(self):
        return self.refused

    def put(self, key, doc):
        self.waiting[key] = doc


class CountingReader:
    def __init__(self, problem: str | None = None):
        self.calls, self.problem = 0, problem

    def __call__(self, content: bytes, name: str) -> ExtractResult:
        self.calls += 1
        if self.problem:
            raise UnreadableFile(problem(self.problem, name))
        return ExtractResult(name, [], warnings=["page 2 was blank"])


def not_stored(content: bytes):
    return None


def test_a_new_report_is_read_once_and_held_for_review():
    queue, reader = SessionQueue(), CountingReader()
    first = take_upload("book.xlsx", b"a", queue, not_stored, reader)
    again = take_upload("book.xlsx", b"a", queue, not_stored, reader)
    assert (first.status, again.status, reader.calls) == ("read", "known", 1)
    assert first.message == "book.xlsx: 0 numbers read, ready to review."
    assert list(queue.waiting.values()) == [first.doc]
    assert waiting_summary(queue.waiting) == [
        {"file": "book.xlsx", "numbers": 0, "numbers not read": 0, "warnings": "page 2 was blank"}
    ]


def test_a_report_already_in_the_store_is_not_read():
    queue, reader = SessionQueue(), CountingReader()
    outcome = take_upload("book.xlsx", b"a", queue, lambda c: "book.xlsx, 3 Jan 2026", reader)
    assert outcome.status == "stored" and reader.calls == 0 and not queue.waiting
    assert outcome.message == (
        "book.xlsx is already in the store (book.xlsx, 3 Jan 2026); it was not read again."
    )


def test_a_refused_report_says_the_same_sentence_without_being_read_again():
    queue, reader = SessionQueue(), CountingReader("password")
    first = take_upload("scan.pdf", b"x", queue, not_stored, reader)
    again = take_upload("scan.pdf", b"x", queue, not_stored, reader)
    assert [first.status, again.status] == ["failed", "failed"]
    assert (
        first.message
        == again.message
        == ("scan.pdf is password-protected; save a copy without the password and upload that.")
    )
    assert reader.calls == 1 and not queue.waiting
