"""Problems with an uploaded file, worded for the analyst who uploaded it."""


class UnreadableFile(Exception):
    """The file cannot be read; the message is one plain sentence saying why."""
