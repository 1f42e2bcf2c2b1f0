from .attachment import Attachment
from .draft import ReportDraft
from .gate import GateRecord
from .phone_wait import PhoneWaitReading
from .submission import Item, StatusChange, Submission
from .supplement import Supplement

__all__ = [
    "Attachment", "GateRecord", "Item", "PhoneWaitReading", "ReportDraft", "StatusChange", "Submission", "Supplement",
]
