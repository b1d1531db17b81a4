"""What each column of the observations table means (for the workbook's About sheet)."""

from __future__ import annotations

MEANINGS = {
    "authority": "Local authority name as in the reference list of English local authorities",
    "la_code": "ONS 9-character code (blank if unknown)",
    "old_la_code": "DfE 3-digit code (blank if unknown)",
    "indicator_id": "Id from the indicator catalogue; blank when the label could not be mapped",
    "indicator_label": "The row or column label exactly as printed in the source",
    "measure": (
        "actual, target, stat_neighbour_avg, stat_neighbour_best, england_avg, "
        "england_top_quartile or region_avg"
    ),
    "period_type": "month, quarter, financial_year, financial_ytd, calendar_year or as_at",
    "period_start": "First day of the period (financial years run 1 April to 31 March)",
    "period_end": "Last day of the period",
    "value": "The number; percentages in percentage points (55.8, not 0.558)",
    "numerator": "When the source prints '206 of 492', 206; else blank",
    "denominator": "Likewise 492; else blank",
    "unit": "count, percent, rate_per_10k, days, average or ratio",
    "polarity": "Which direction is good: high, low, info or within_range",
    "note": "Text printed in place of, or beside, the number",
    "report_date": "The 'as at' date of the report the number came from (its vintage)",
    "source_file": "The uploaded file's name",
    "source_location": (
        "Where in the file: 'p3 t2 r5 c4' (PDF page, table, row, column) or 'Sheet1!D12'"
    ),
    "confidence": "0 to 1: how sure the extractor is of this row",
    "code": "Indicator code printed beside the label, if any",
    "flags": "Extractor remarks on the row",
}
