"""What the Review page does with one uploaded file before it is saved: edits, doubts, sources,
accepting."""

from review.pending import (
    DOUBTFUL_BELOW,
    PendingDocument,
    accept,
    authority_of,
    doubtful_labels,
    pending_from_upload,
    report_date_of,
    review_frame,
    with_authority,
    with_indicator,
    with_report_date,
)
from review.source_view import OUTLINE, SourcePreview, source_preview

__all__ = [
    "DOUBTFUL_BELOW",
    "OUTLINE",
    "PendingDocument",
    "SourcePreview",
    "accept",
    "authority_of",
    "doubtful_labels",
    "pending_from_upload",
    "report_date_of",
    "review_frame",
    "source_preview",
    "with_authority",
    "with_indicator",
    "with_report_date",
]
