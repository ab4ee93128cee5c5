"""UI layer: the life of the program's window — first dialog at once, the database opened behind it, login,
the main window, logging out and in again. Owns the in-app timers that run time rules (daily backup, the
closing-time check-out, the retention purge, the no-show sweep, the expiry of 红色积分 points and of unused
vouchers), so they run whichever page is shown."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QDialog

from desk.domain.clock import Clock
from desk.domain.errors import DeskError
from desk.domain.staff import Actor
from desk.storage.location import Location
from desk.storage.probe import DbState, Probe, probe_sqlite
from desk.ui import boxes
from desk.ui.dialogs.login import LoginDialog
from desk.ui.tasks import TaskRunner
from desk.ui.wording import error_text

if TYPE_CHECKING:
    from desk.services.bundle import Services
    from desk.ui.dialogs.setup import SetupDialog
    from desk.ui.main_window import MainWindow

log = logging.getLogger("desk.ui")
BACKUP_CHECK_INTERVAL_MS = 60 * 60 * 1000
CLOSING_CHECK_INTERVAL_MS = 60 * 1000
RETENTION_CHECK_INTERVAL_MS = 60 * 60 * 1000  # the purge itself runs once per local day (the service decides)
NO_SHOW_CHECK_INTERVAL_MS = 60 * 1000
# Points expire at the moment their period ends: looking every hour writes them off within the hour (the service
# writes nothing when nothing is due, so running it often is safe).
POINTS_EXPIRY_CHECK_INTERVAL_MS = 60 * 60 * 1000
# A voucher expires after its last local day. The rule is daily, but a desk PC is not on at midnight: looking every
# hour (and at start) expires yesterday's vouchers within the hour of the day the desk is used. The service writes
# nothing when nothing is due.
VOUCHER_EXPIRY_CHECK_INTERVAL_MS = 60 * 60 * 1000


class DeskSession(QObject):
    ready = Signal()  # the first dialog is shown and the database was opened and checked
    failed = Signal(object)  # DeskError that stops the program
    main_window_shown = Signal(object)

    def __init__(self, location: Location, base_code: str | None, clock: Clock, tasks: TaskRunner,
                 quit_after_startup: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._location = location
        self._base_code = base_code
        self._clock = clock
        self._tasks = tasks
        self._quit_after_startup = quit_after_startup
        self._services: Services | None = None
        self.dialog: LoginDialog | SetupDialog | None = None
        self.window: MainWindow | None = None
        self._backup_timer = QTimer(self)
        self._backup_timer.setInterval(BACKUP_CHECK_INTERVAL_MS)
        self._backup_timer.timeout.connect(self._on_backup_timer_timeout)
        self.closing_timer = QTimer(self)
        self.closing_timer.setObjectName("closing_timer")
        self.closing_timer.setInterval(CLOSING_CHECK_INTERVAL_MS)
        self.closing_timer.timeout.connect(self._on_closing_timer_timeout)
        self.retention_timer = QTimer(self)
        self.retention_timer.setObjectName("retention_timer")
        self.retention_timer.setInterval(RETENTION_CHECK_INTERVAL_MS)
        self.retention_timer.timeout.connect(self._on_retention_timer_timeout)
        self.no_show_timer = QTimer(self)
        self.no_show_timer.setObjectName("no_show_timer")
        self.no_show_timer.setInterval(NO_SHOW_CHECK_INTERVAL_MS)
        self.no_show_timer.timeout.connect(self._on_no_show_timer_timeout)
        self.points_expiry_timer = QTimer(self)
        self.points_expiry_timer.setObjectName("points_expiry_timer")
        self.points_expiry_timer.setInterval(POINTS_EXPIRY_CHECK_INTERVAL_MS)
        self.points_expiry_timer.timeout.connect(self._on_points_expiry_timer_timeout)
        self.voucher_expiry_timer = QTimer(self)
        self.voucher_expiry_timer.setObjectName("voucher_expiry_timer")
        self.voucher_expiry_timer.setInterval(VOUCHER_EXPIRY_CHECK_INTERVAL_MS)
        self.voucher_expiry_timer.timeout.connect(self._on_voucher_expiry_timer_timeout)

    @property
    def services(self) -> Services | None:
        return self._services

    def start(self) -> bool:
        """Show the first dialog and start loading; False when the database cannot be used at all."""
        probe: Probe | None = None
        path = self._location.sqlite_path
        if path is not None:
            try:
                probe = probe_sqlite(path, display=self._location.display)
            except DeskError as error:
                self._fail(error)
                return False
        if probe is not None and probe.state in (DbState.MISSING, DbState.EMPTY, DbState.NO_STAFF):
            self._show_setup()
        else:
            self._show_login(probe.base_name if probe else "", probe.is_demo if probe else False)
        log.info("start: database %s is %s; showing the %s dialog", self._location.display,
                 probe.state.value if probe else "not probed", "setup" if self._setup_shown() else "login")
        if probe is not None:
            self.ready.emit()
            if self._quit_after_startup:
                QTimer.singleShot(0, QCoreApplication.quit)
                return True
        self._tasks.run(self._load, self._on_loaded, self._fail)
        return True

    # -- loading (the worker thread runs _load) ------------------------------------------------------------------

    def _load(self) -> tuple[Services, bool, Any]:
        from desk.services.bundle import Services
        from desk.services.startup import open_database

        ctx, result = open_database(self._location, self._clock, create=True, base_code=self._base_code)
        if result.backup is not None:
            log.info("database upgraded from %s to %s; backup at %s", result.from_revision, result.to_revision,
                     result.backup)
        services = Services.build(ctx)
        needs_setup = services.bases.needs_setup()
        profile = None if needs_setup else services.bases.profile()
        try:
            services.backups.daily_backup_if_due()
        except DeskError as error:
            log.warning("daily backup failed: %s", error.describe())
        return services, needs_setup, profile

    def _on_loaded(self, loaded: tuple[Services, bool, Any]) -> None:
        services, needs_setup, profile = loaded
        self._services = services
        self._backup_timer.start()
        self.retention_timer.start()
        self._on_retention_timer_timeout()
        self.no_show_timer.start()
        self._on_no_show_timer_timeout()  # bookings left unclaimed while the program was closed are released
        self.points_expiry_timer.start()
        self._on_points_expiry_timer_timeout()  # points that expired while the program was closed
        self.voucher_expiry_timer.start()
        self._on_voucher_expiry_timer_timeout()  # vouchers whose last day passed while the program was closed
        if not needs_setup:
            self._start_closing_timer()
        if needs_setup and not self._setup_shown():
            self._show_setup()
        if isinstance(self.dialog, LoginDialog):
            self.dialog.set_services(services, profile.name if profile else "", bool(profile and profile.is_demo))
        elif self.dialog is not None:
            self.dialog.set_services(services)
        if self._location.sqlite_path is None:
            self.ready.emit()
            if self._quit_after_startup:
                QCoreApplication.quit()

    def _fail(self, error: DeskError) -> None:
        log.error("cannot start: %s", error.describe())
        self.failed.emit(error)
        if self._quit_after_startup:
            QCoreApplication.exit(1)
            return
        boxes.show_fatal(error_text(error))
        QCoreApplication.exit(1)

    # -- dialogs and window --------------------------------------------------------------------------------------

    def _replace_dialog(self, dialog: LoginDialog | SetupDialog) -> None:
        if self.dialog is not None:
            self.dialog.hide()
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.rejected.connect(self._on_dialog_rejected)
        dialog.show()

    def _setup_shown(self) -> bool:
        # The first dialog is the login or the setup dialog; the setup module is imported only when needed,
        # so a desk that is already set up does not load it before its login dialog appears.
        return self.dialog is not None and not isinstance(self.dialog, LoginDialog)

    def _show_setup(self) -> None:
        from desk.ui.dialogs.setup import SetupDialog

        dialog = SetupDialog()
        dialog.set_up.connect(self._on_logged_in)
        self._replace_dialog(dialog)
        if self._services is not None:
            dialog.set_services(self._services)

    def _show_login(self, base_name: str, demo: bool) -> None:
        dialog = LoginDialog(base_name, demo)
        dialog.logged_in.connect(self._on_logged_in)
        self._replace_dialog(dialog)

    def _on_dialog_rejected(self) -> None:
        if self.window is None:
            QCoreApplication.quit()

    def _on_logged_in(self, actor: Actor) -> None:
        assert self._services is not None
        if self._services.auth.must_change_password(actor):
            from desk.ui.dialogs.password import ChangePasswordDialog

            forced = ChangePasswordDialog(self._services.auth, actor, forced=True, parent=self.dialog)
            forced.finished.connect(lambda code: self._open_main(actor) if code == QDialog.DialogCode.Accepted
                                    else None)
            forced.open()
            return
        self._open_main(actor)

    def _open_main(self, actor: Actor) -> None:
        assert self._services is not None
        from desk.ui.main_window import MainWindow
        from desk.ui.pages import PageContext

        if not self.closing_timer.isActive():  # the first start-up: the base was set up just now
            self._start_closing_timer()
        window = MainWindow(PageContext(self._services, actor, self._tasks, self._clock))
        window.logout_requested.connect(self._on_logout_requested)
        self.window = window
        window.show()
        if self.dialog is not None:
            self.dialog.hide()
        self.main_window_shown.emit(window)

    def _on_logout_requested(self) -> None:
        assert self._services is not None
        window = self.window
        if window is None:
            return
        try:
            self._services.auth.logout(window.actor)
        except DeskError as error:
            log.warning("logout not audited: %s", error.describe())
        self.window = None
        window.hide()
        window.deleteLater()
        profile = self._services.bases.profile()
        self._show_login(profile.name, profile.is_demo)
        assert isinstance(self.dialog, LoginDialog)
        self.dialog.set_services(self._services, profile.name, profile.is_demo)

    def _on_backup_timer_timeout(self) -> None:
        if self._services is None:
            return
        backups = self._services.backups
        self._tasks.run(backups.daily_backup_if_due, lambda path: log.info("daily backup %s", path),
                        lambda error: log.warning("daily backup failed: %s", error.describe()))

    def _start_closing_timer(self) -> None:
        self.closing_timer.start()
        self._on_closing_timer_timeout()  # visits left open on an earlier day are closed at once

    def _on_closing_timer_timeout(self) -> None:
        if self._services is None:
            return
        self._tasks.run(self._services.visits.auto_check_out, self._on_auto_checked_out,
                        lambda error: log.warning("closing-time check-out failed: %s", error.describe()))

    def _on_auto_checked_out(self, count: int) -> None:
        if not count:
            return
        log.info("closing time: %d visit(s) checked out automatically", count)
        if self.window is not None:
            self.window.reload("visits")

    def _on_retention_timer_timeout(self) -> None:
        """Visitors' data past the retention period is anonymised once a day, once an administrator has saved
        the period in the settings (the service checks both)."""
        if self._services is None:
            return
        self._tasks.run(self._services.retention.run_daily, self._on_retention_ran,
                        lambda error: log.warning("retention purge failed: %s", error.describe()))

    def _on_retention_ran(self, result: Any) -> None:
        if result is not None:
            log.info("retention: %d people anonymised (no visit since %s)", result.people,
                     f"{result.cutoff:%Y-%m-%d}")

    def _on_no_show_timer_timeout(self) -> None:
        """Bookings not checked in by their start plus the grace period free their unit (and may suspend the
        person); run here so it happens whichever page is shown, with no scheduler outside the program."""
        if self._services is None:
            return
        self._tasks.run(self._services.bookings.sweep_no_shows, self._on_no_shows_swept,
                        lambda error: log.warning("no-show sweep failed: %s", error.describe()))

    def _on_no_shows_swept(self, result: Any) -> None:
        if not result.no_shows:
            return
        log.info("no-shows: %d booking(s) released, %d person(s) suspended", result.no_shows,
                 len(result.suspended))
        if self.window is not None:
            self.window.reload("bookings")

    def _on_points_expiry_timer_timeout(self) -> None:
        """Earned points past the expiry period (settings → 红色积分; never, by default) are written off with an
        `expire` entry per member; on the worker, like the other time rules."""
        if self._services is None:
            return
        self._tasks.run(self._services.points.expire_due, self._on_points_expired,
                        lambda error: log.warning("points expiry failed: %s", error.describe()))

    def _on_points_expired(self, members: int) -> None:
        if not members:
            return
        log.info("points expiry: expired points written off for %d member(s)", members)
        if self.window is not None:
            self.window.reload("points")

    def _on_voucher_expiry_timer_timeout(self) -> None:
        """Unused vouchers past their last day become expired (their points come back when the setting says so,
        the stock is restored); on the worker, like the other time rules."""
        if self._services is None:
            return
        self._tasks.run(self._services.vouchers.expire_due, self._on_vouchers_expired,
                        lambda error: log.warning("voucher expiry failed: %s", error.describe()))

    def _on_vouchers_expired(self, count: int) -> None:
        if not count:
            return
        log.info("voucher expiry: %d voucher(s) expired", count)
        if self.window is not None:
            self.window.reload("points")
            self.window.reload("vouchers")
