from .attachment import Attachment
from .draft import ReportDraft
from .gate import GateRecord
from .submission import Item, StatusChange, Submission
from .supplement import Supplement

__all__ = ["Attachment", "GateRecord", "Item", "ReportDraft", "StatusChange", "Submission", "Supplement"]
