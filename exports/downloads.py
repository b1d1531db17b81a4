"""The one path for every file perfbooks hands out besides the exports: tables as safe CSV, charts
as safe HTML."""

from __future__ import annotations

import json

import pandas as pd

from exports.observation_frame import cell_text
from exports.safe_csv import csv_bytes
from interpreter.observation import COLUMNS, EXTRA_COLUMNS, Observation


def frame_csv(frame: pd.DataFrame) -> bytes:
    """Any table (revisions, chart data, aliases, scorecard, gaps) as CSV, every cell
    neutralised."""
    rows = ([cell_text(v) for v in row] for row in frame.itertuples(index=False, name=None))
    return csv_bytes([str(c) for c in frame.columns], rows)


def observations_csv(observations: list[Observation]) -> bytes:
    """The extract CSV: the contract's columns, then `code` and `flags`, every cell neutralised."""
    header = COLUMNS + EXTRA_COLUMNS
    return csv_bytes(header, ([obs.as_row()[c] for c in header] for obs in observations))


class ScriptSafeJSON(json.JSONEncoder):
    """JSON that cannot end the <script> it is embedded in: <, > and & written as \\u escapes."""

    def iterencode(self, o, _one_shot=False):
        for chunk in super().iterencode(o, _one_shot):
            yield chunk.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def chart_html(chart) -> bytes:
    """An Altair chart as a stand-alone HTML page whose embedded data runs nothing."""
    return chart.to_html(json_kwds={"cls": ScriptSafeJSON, "indent": 2}).encode("utf-8")
