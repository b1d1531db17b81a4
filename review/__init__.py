"""What the Review page does with one uploaded file before it is saved: edits, doubts, sources,
accepting."""

from review.doubts import DOUBTFUL_BELOW, doubtful_labels, review_frame
from review.pending import (
    PendingDocument,
    accept,
    authority_of,
    pending_from_upload,
    report_date_of,
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
