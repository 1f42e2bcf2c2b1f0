from .gate import GateRecord
from .submission import Item, StatusChange, Submission

__all__ = ["GateRecord", "Item", "StatusChange", "Submission"]
