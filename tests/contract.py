"""The observations table's columns as the contract (../shared/spec/observations.md) lists them:
the tests' own statement of it, independent of the code they check."""

SPEC_COLUMNS = [
    "authority",
    "la_code",
    "old_la_code",
    "indicator_id",
    "indicator_label",
    "measure",
    "period_type",
    "period_start",
    "period_end",
    "value",
    "numerator",
    "denominator",
    "unit",
    "polarity",
    "note",
    "report_date",
    "source_file",
    "source_location",
    "confidence",
]
# what a golden file or truth file holds: the figures and where they are for, not where they were
# printed
FIGURE_COLUMNS = SPEC_COLUMNS[: SPEC_COLUMNS.index("source_file")]
