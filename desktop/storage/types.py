"""Column types shared by the tables."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import Integer, String
from sqlalchemy.types import TypeDecorator

from desktop.domain.money import fen_to_yuan, yuan_to_fen


class Money(TypeDecorator):
    """An amount of 元 held as ``Decimal`` in Python and as integer 分 in SQLite.

    The one place where money crosses into the database: no float ever touches an amount,
    and a value finer than one 分 is refused instead of rounded.
    """

    impl = Integer
    cache_ok = True

    def process_bind_param(self, value: Decimal | int | None, dialect) -> int | None:
        if value is None:
            return None
        return yuan_to_fen(Decimal(value))

    def process_result_value(self, value: int | None, dialect) -> Decimal | None:
        return None if value is None else fen_to_yuan(value)


class ExactDecimal(TypeDecorator):
    """A ``Decimal`` that is not money (a weight, a score, a typed 完成值), kept as exact text."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value: Decimal | int | str | None, dialect) -> str | None:
        return None if value is None else str(Decimal(value))

    def process_result_value(self, value: str | None, dialect) -> Decimal | None:
        return None if value is None else Decimal(value)


class UtcDateTime(TypeDecorator):
    """An aware UTC timestamp; SQLite keeps it as ISO text, which sorts in time order."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        return value.astimezone(UTC).isoformat(timespec="microseconds")

    def process_result_value(self, value: str | None, dialect) -> datetime | None:
        return None if value is None else datetime.fromisoformat(value)
