"""UI layer: the one background worker. Slow work (opening the database, PDFs, exports) runs there; results
come back on the GUI thread by signal. A task never touches a widget.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from desk.domain.errors import DeskError

log = logging.getLogger("desk.tasks")


class _Relay(QObject):
    finished = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as error:  # delivered to the GUI thread, which decides (message or crash dialog)
            self._relay.failed.emit(error)
        else:
            self._relay.finished.emit(result)


class TaskRunner(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relays: set[_Relay] = set()

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[DeskError], None] | None = None,
    ) -> None:
        """Run `fn` on the worker. `on_done(result)` or `on_error(desk_error)` is called on the GUI thread;
        any other exception goes to the crash handler."""
        relay = _Relay()
        self._relays.add(relay)

        def finished(result: object) -> None:
            self._relays.discard(relay)
            on_done(result)

        def failed(error: object) -> None:
            self._relays.discard(relay)
            if isinstance(error, DeskError) and on_error is not None:
                on_error(error)
            elif isinstance(error, BaseException):
                raise error

        relay.finished.connect(finished)
        relay.failed.connect(failed)
        self._pool.start(_Job(fn, relay))

    def wait(self, msecs: int = 30000) -> bool:
        return self._pool.waitForDone(msecs)
