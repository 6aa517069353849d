"""The argument check every public `Loyalty` method goes through before its domain module runs.

Domain modules check meaning (an amount's range, a name's characters, whether a card exists);
what they must be able to assume is the shape: an id is short printable text, a card number is
text, a limit is a small whole number. Checked once here, by parameter name, so a new method
gets the same checks by naming its parameters as the others do, and a hostile value (a number
where an id belongs, a lone surrogate that SQLite cannot encode) is a `LoyaltyError` instead of
a crash deep in a query.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from loyalty_core.errors import LoyaltyError
from loyalty_core.validation import MAX_ID

T = TypeVar("T")

IDS = frozenset(
    {"staff_id", "member_id", "sale_id", "shift_id", "approval_id", "referrer_id", "requested_by"}
)
CARD_NUMBERS = frozenset({"card_number", "number", "old_number", "new_number"})
# Short words and codes a caller picks from a list or a cashier types: text of bounded size.
WORDS = frozenset(
    {"code", "pin", "reward_code", "plan_code", "voucher_code", "kind", "status", "operation",
     "tender", "partner", "since", "uid", "role", "valid_from", "valid_to", "receipt_no"}
)
SMALL_INTS = {"limit": (1, 5000), "days": (0, 3650)}
MAX_WORD = 200
MAX_CARD_TEXT = 256  # a whole magnetic track string may be passed as a card number


def _has_surrogate(text: str) -> bool:
    if text.isascii():  # nearly every id and card number: no need to look at each character
        return False
    return any(0xD800 <= ord(ch) <= 0xDFFF for ch in text)


def _text(value: object, name: str, longest: int, code: str) -> None:
    if not isinstance(value, str) or len(value) > longest or _has_surrogate(value):
        raise LoyaltyError(code, f"{name} is not valid", field=name)


def check_argument(name: str, value: object) -> None:
    """Refuse a value whose shape cannot be what parameter `name` holds. None passes for text
    and ids (whether it is allowed is the method's own decision, as is existence)."""
    if name in SMALL_INTS:
        low, high = SMALL_INTS[name]
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise LoyaltyError("amount.out_of_range", f"{name} out of range", field=name)
    elif value is None:
        return
    elif name == "day":
        if not isinstance(value, date):
            raise LoyaltyError("text.invalid", "day must be a date", field=name)
    elif name == "operation_id":
        _text(value, name, MAX_ID, "operation.bad_id")
    elif name in IDS:
        if not isinstance(value, str) or not value or not value.isprintable():
            raise LoyaltyError("id.invalid", f"{name} is not a valid id", field=name)
        _text(value, name, MAX_ID, "id.invalid")
    elif name in CARD_NUMBERS:
        _text(value, name, MAX_CARD_TEXT, "card.unknown")
    elif name in WORDS:
        _text(value, name, MAX_WORD, "text.invalid")


def guarded(method: Callable[..., T]) -> Callable[..., T]:
    signature = inspect.signature(method)
    checked = {
        n for n in signature.parameters
        if n in ("operation_id", "day") or n in IDS or n in CARD_NUMBERS or n in WORDS or n in SMALL_INTS
    }
    positions = list(signature.parameters)
    # Binding a signature costs more than a checkout's own statements; a call's shape (how many
    # positional arguments, which keywords) decides which parameter each value is, so the first
    # call of each shape is bound (a wrong shape is refused there) and later calls of that shape
    # only look values up by position or keyword.
    shapes: dict[tuple[int, frozenset[str]], tuple[tuple[int, str], ...]] = {}

    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> T:
        shape = (len(args), frozenset(kwargs))
        plan = shapes.get(shape)
        if plan is None:
            try:
                signature.bind(*args, **kwargs)
            except TypeError as exc:
                raise LoyaltyError("call.invalid", str(exc)) from None
            plan = tuple((i, name) for i, name in enumerate(positions[: len(args)])
                         if name in checked)
            shapes[shape] = plan
        for i, name in plan:
            check_argument(name, args[i])
        for name, value in kwargs.items():
            if name in checked:
                check_argument(name, value)
        return method(*args, **kwargs)

    return wrapper


def install(cls: type) -> None:
    """Wrap every public method of the facade."""
    for name, member in list(vars(cls).items()):
        if not name.startswith("_") and inspect.isfunction(member):
            setattr(cls, name, guarded(member))
