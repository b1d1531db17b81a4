"""Display helpers: dates shown as dates, flagged rows tinted, document text escaped."""

import pandas as pd

from ui.show import as_dates, highlight_rows, plain, slug


def test_midnight_date_times_become_dates_and_real_times_stay():
    frame = pd.DataFrame(
        {
            "month": pd.to_datetime(["2011-10-01", "2011-11-01"]),
            "at": pd.to_datetime(["2011-10-01 09:30:00", "2011-10-02 00:00:00"]),
            "value": [1, 2],
        }
    )
    shown = as_dates(frame)
    assert str(shown["month"].iloc[0]) == "2011-10-01" and shown["at"].dtype.kind == "M"


def test_only_flagged_rows_are_tinted():
    frame = pd.DataFrame({"a": [1, 2, 3]}, index=[5, 6, 7])
    styles = (
        highlight_rows(frame, pd.Series([False, True, False], index=frame.index))._compute().ctx
    )
    assert styles[(1, 0)] == [("background-color", "#FFF3C4")] and (0, 0) not in styles


def test_document_text_cannot_become_markdown_or_html():
    assert plain("<b>[x](javascript:1)</b> *") == "\\<b\\>\\[x\\]\\(javascript:1\\)\\</b\\> \\*"
    assert slug("Contacts: Leeds / 2011") == "contacts-leeds-2011"
