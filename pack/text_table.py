"""The summary as a plain table of the printed texts (for the app's preview and for reading
checks)."""

from __future__ import annotations

import pandas as pd

from pack.assemble import Pack
from pack.columns import cell_text, summary_columns


def summary_frame(pack: Pack) -> pd.DataFrame:
    """One row per indicator, one column per summary column, each cell as printed."""
    columns = summary_columns(pack.rows, pack.year)
    rows = [[cell_text(c.cell(row)) for c in columns] for row in pack.rows]
    return pd.DataFrame(rows, columns=[c.header for c in columns])
