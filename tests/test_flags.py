"""Flags are one typed collection in memory; the store and the exports keep them as comma-joined
text, in the order perfbooks has always written them. The interpreter's pending per-row state is
typed fields."""

from __future__ import annotations

import csv
import io

from grids import grid
from hypothesis import given
from hypothesis import strategies as st

from exports.downloads import observations_csv
from interpreter.checks import check_numbers
from interpreter.flags import CORRECTED, OF, PAIR, REVISED, Flags
from interpreter.observation import Observation, Pending, add_flag
from interpreter.table_layout import read_layout
from interpreter.table_observations import table_observations
from pipeline import observations_frame
from store.documents import observation_table

NAMES = st.text(st.characters(blacklist_characters=",", blacklist_categories=["Cs"]), min_size=1)


@given(st.lists(NAMES), st.lists(NAMES))
def test_flags_read_back_from_their_text(printed, failed):
    flags = Flags.of(*printed).then(failed)
    assert Flags.parse(flags.text()) == flags
    assert set(flags) == set(printed) | set(failed) and len(flags) == len(set(flags))


def test_stored_order_is_cell_flags_by_name_then_failed_checks_in_order_run():
    """The text keeps today's order: a cell's flags sorted, the checks it failed after them, and a
    flag added later (a reviewer's) sorting the lot again."""
    obs = Observation(unit="percent", value=120.0, flags=Flags.of(REVISED, OF))
    check_numbers([obs])
    assert obs.as_row()["flags"] == "of,revised,percent_over_100"
    add_flag(obs, CORRECTED)
    add_flag(obs, CORRECTED)
    assert obs.as_row()["flags"] == "corrected,of,percent_over_100,revised"


def test_store_and_exports_write_flags_as_text():
    obs = Observation(indicator_label="Referrals", value=3.0, flags=Flags.of(PAIR, REVISED))
    assert list(observation_table([obs])["flags"]) == ["pair,revised"]
    assert list(observations_frame([obs])["flags"]) == ["pair,revised"]
    (row,) = csv.DictReader(io.StringIO(observations_csv([obs]).decode("utf-8-sig")))
    assert row["flags"] == "pair,revised"


def test_table_rows_carry_typed_flags_and_pending_periods():
    """A month without its year, a year-to-date column and a target with no period each leave the
    document pass a typed field to settle; the cell's marks become flags."""
    table = grid(
        [["Indicator", "Jan", "YTD", "Target"], ["Referrals", "120 (r)", "206 of 492", "50"]]
    )
    month, to_date, target = table_observations(table, read_layout(table))
    assert (month.flags, month.pending) == (Flags.of(REVISED), Pending(row=1, bare_month=1))
    assert (to_date.flags, to_date.pending) == (Flags.of(OF), Pending(row=1, ytd=True))
    assert (target.flags, target.pending) == (Flags(), Pending(row=1, default_period=True))
