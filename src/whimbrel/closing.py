"""``with`` support for the objects that hold resources (stores, executors)."""

from __future__ import annotations

from types import TracebackType
from typing import Self


class ClosesOnExit:
    """Leaving a ``with`` block calls ``close()``; subclasses release their resources there."""

    def close(self) -> None:
        """Release what the object holds; calling it again does nothing."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
