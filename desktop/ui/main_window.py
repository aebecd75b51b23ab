"""The review workbench: documents, the document viewer, entities, facts, charts, legend.

Widgets listen to the session's :class:`~desktop.core.session.Changes` and refresh only what
changed; every change the user makes is one session call (never a database write here). Errors
the session refuses with (``OperationError``) go to the status bar; a project that can no longer
be written (``ProjectError``) gets a message box.
"""

from __future__ import annotations

import contextlib
import importlib
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import __version__
from desktop.core.model import ACCEPTED, ENTITY_LABELS, REJECTED, SUGGESTED
from desktop.core.session import Changes, OperationError, Session, snap_to_words
from desktop.core.store.project import ProjectError
from desktop.ui import theme
from desktop.ui.document_viewer import DocumentViewer
from desktop.ui.documents import DocumentsPanel
from desktop.ui.entities_panel import EntitiesPanel
from desktop.ui.import_worker import ImportReportDialog, ImportWorker
from desktop.ui.legend import Legend
from desktop.ui.search_panel import SearchPanel
from desktop.ui.shortcuts import ShortcutsDialog
from desktop.ui.welcome import WelcomeView, sample_files

LAYOUT_VERSION = 1
RECENT_KEY = "recentProjects"
MAX_RECENT = 10
#: The GIL switch interval while an import thread runs (Python's default is 5 ms).
IMPORT_SWITCH_INTERVAL = 0.0005
READ_ONLY_TEXT = "Opened read-only: another Steppe window has this project open"


def settings() -> QSettings:
    return QSettings("Steppe", "Steppe")


def add_recent(path: Path) -> None:
    s = settings()
    items = [p for p in (s.value(RECENT_KEY) or []) if p != str(path)]
    s.setValue(RECENT_KEY, [str(path), *items][:MAX_RECENT])


def recent_projects() -> list[str]:
    value = settings().value(RECENT_KEY) or []
    return [value] if isinstance(value, str) else list(value)


def placeholder(text: str) -> QWidget:
    w = QLabel(text)
    w.setAlignment(Qt.AlignmentFlag.AlignCenter)
    w.setWordWrap(True)
    w.setStyleSheet(f"{theme.muted_style()} padding: 16px;")
    return w


def load_class(modules: tuple[str, ...], name: str) -> type:
    """``name`` from the first of ``modules`` that defines it (another developer's module may
    export it from its package or only from a submodule); raises ImportError if none does."""
    errors = []
    for mod in modules:
        try:
            module = importlib.import_module(mod)
        except ImportError as err:
            errors.append(str(err))
            continue
        if hasattr(module, name):
            return getattr(module, name)
    raise ImportError(f"{name} not found in {', '.join(modules)}" + (f" ({errors[0]})" if errors else ""))


class MainWindow(QMainWindow):
    def __init__(self, session: Session, read_only_reason: str | None = None, lock: Any = None) -> None:
        super().__init__()
        self.session = session
        self.project = session.project
        self._lock = lock  # the OpenedProject (lock, backup thread) behind this window, if any
        self.current_doc_id: int | None = None
        self.import_worker: ImportWorker | None = None
        self.import_report: ImportReportDialog | None = None
        self.last_import_results: list = []
        self.last_message: tuple[str, str] | None = None
        self.facts_view: Any = None
        self.charts_view: Any = None
        self._fact_filter_active = False
        self._last_refresh = 0.0
        self._switch_interval: float | None = None  # the interpreter's, while an import runs
        self._open_windows: list[MainWindow] = []
        self._closing = False
        self._dock_base: tuple | None = None  # a window resize waiting to rescale the docks
        self.remember_layout = True
        self.owns_project = False  # set by desktop.app.open_window: close the connection with the window

        self.setObjectName("steppeMainWindow")
        self.setWindowIcon(theme.app_icon())
        self.setAcceptDrops(True)
        self.setDockOptions(
            QMainWindow.DockOption.AnimatedDocks
            | QMainWindow.DockOption.AllowTabbedDocks
            | QMainWindow.DockOption.AllowNestedDocks
        )

        # centre: banner + (welcome | viewer)
        self.viewer = DocumentViewer(session, self)
        self.welcome = WelcomeView(self.project.name, self)
        self.welcome.samplesRequested.connect(self.import_samples)
        self.welcome.importRequested.connect(self.import_files_dialog)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.viewer)
        self.banner = QLabel(self)
        self.banner.setObjectName("readOnlyBanner")
        self.banner.setStyleSheet("QLabel#readOnlyBanner { background: #ffe066; color: #1a1a1a; padding: 6px 12px;"
                                  " font-weight: bold; border-bottom: 1px solid #c9a400; }")
        self.banner.setVisible(False)
        central = QWidget(self)
        cl = QVBoxLayout(central)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.setSpacing(0)
        cl.addWidget(self.banner)
        cl.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        if self.project.read_only:
            self.banner.setText(read_only_reason or READ_ONLY_TEXT)
            self.banner.setVisible(True)

        # docks
        self.documents = DocumentsPanel(session, self)
        self.documents.documentActivated.connect(self.open_document)
        self.documents.documentsShown.connect(self._documents_grew)
        self.entities_panel = EntitiesPanel(self)
        self.entities_panel.entityActivated.connect(self.select_entity)
        self.legend = Legend(self)
        self.search_panel = SearchPanel(session, self)
        self.search_panel.hitActivated.connect(self.open_hit)
        self.documents_dock = self._dock("Documents", "documentsDock", self.documents, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.search_dock = self._dock("Search", "searchDock", self.search_panel, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.tabifyDockWidget(self.documents_dock, self.search_dock)
        self.legend_dock = self._dock("Legend", "legendDock", self.legend, Qt.DockWidgetArea.RightDockWidgetArea)
        self.entities_dock = self._dock("Entities", "entitiesDock", self.entities_panel,
                                        Qt.DockWidgetArea.RightDockWidgetArea)
        # The facts table loads right after the window shows (it brings numpy along).
        self.facts_dock = self._dock("Facts", "factsDock", placeholder("Loading the facts table…"),
                                     Qt.DockWidgetArea.BottomDockWidgetArea)
        self.charts_dock = self._dock("Charts", "chartsDock", placeholder("Charts load when this tab is shown."),
                                      Qt.DockWidgetArea.BottomDockWidgetArea)
        self.tabifyDockWidget(self.facts_dock, self.charts_dock)
        self.charts_dock.visibilityChanged.connect(self._charts_visible)
        self.search_dock.hide()
        self.charts_dock.hide()
        self.documents_dock.raise_()
        self.facts_dock.raise_()

        self.viewer.positionClicked.connect(self._text_clicked)

        # status bar
        self.project_label = QLabel(self)
        self.progress_label = QLabel(self)
        self.import_label = QLabel(self)
        self.import_bar = QProgressBar(self)
        self.import_bar.setMaximumWidth(220)
        self.import_bar.setTextVisible(True)
        self.import_cancel = QPushButton("Cancel", self)
        self.import_cancel.setToolTip("Stop the import: the documents imported so far are kept")
        self.import_cancel.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.import_cancel.clicked.connect(self.cancel_import)
        self._import_box = QWidget(self)
        ib = QHBoxLayout(self._import_box)
        ib.setContentsMargins(0, 0, 0, 0)
        ib.addWidget(self.import_label)
        ib.addWidget(self.import_bar)
        ib.addWidget(self.import_cancel)
        self._import_box.hide()
        sb = self.statusBar()
        sb.addPermanentWidget(self._import_box)
        sb.addPermanentWidget(self.progress_label)
        sb.addPermanentWidget(self.project_label)

        self._build_actions()
        self._build_menus()
        self.session.subscribe(self._on_changes)
        self._restore_layout()
        self._update_title()
        self._update_progress()
        self._update_undo()
        self._show_centre()
        first = self.documents.ordered_ids()
        if first:
            self.open_document(first[0])
        QTimer.singleShot(0, self._load_facts_view)

    # ------------------------------------------------------------------ construction

    def _dock(self, title: str, name: str, widget: QWidget, area) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(area, dock)
        return dock

    def _load_facts_view(self) -> None:
        if self.facts_view is not None or self._closing:
            return
        widget = self._make_facts_view()
        self.facts_dock.setWidget(widget)
        if self.facts_view is not None and self.current_doc_id is not None:
            with contextlib.suppress(Exception):
                self.facts_view.set_document(self.current_doc_id)

    def _make_facts_view(self) -> QWidget:
        try:
            cls = load_class(("desktop.ui.facts", "desktop.ui.facts.view"), "FactsView")
            view = cls(self.session, self, background=True)  # its rows are read in a thread
        except Exception as err:  # the facts table is another module: never let it stop the window
            return placeholder(f"The facts table is not available in this build ({type(err).__name__}: {err}).")
        self.facts_view = view
        for signal, slot in (("factSelected", self.show_fact), ("statusMessage", self.status),
                             ("addFactRequested", self.add_fact_from_selection),
                             ("factFilterCleared", self._fact_filter_cleared)):
            if hasattr(view, signal):
                getattr(view, signal).connect(slot)
        return view

    def _fact_filter_cleared(self) -> None:
        self._fact_filter_active = False

    def _charts_visible(self, visible: bool) -> None:
        if not visible or self.charts_view is not None:
            return
        try:
            cls = load_class(("desktop.ui.charts", "desktop.ui.charts.view"), "ChartsView")
            view = cls(self.session, self.charts_dock)
        except Exception as err:
            self.charts_view = False
            self.charts_dock.setWidget(placeholder(f"Charts are not available in this build ({type(err).__name__}: {err})."))
            return
        self.charts_view = view
        if hasattr(view, "filterRequested"):
            view.filterRequested.connect(self.apply_fact_filter)
        self.charts_dock.setWidget(view)

    def _action(self, text: str, slot: Callable[[], Any], keys=(), group: str = "", tip: str = "",
                local: bool = False) -> QAction:
        a = QAction(text, self)
        if keys:
            a.setShortcuts([QKeySequence(k) for k in keys])
        a.setProperty("sheetGroup", group)
        if tip:
            a.setStatusTip(tip)
            a.setToolTip(tip)
        a.triggered.connect(lambda _checked=False: slot())
        if local:
            # Single keys fire only while the reading surfaces have focus, never while typing.
            a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            for w in self._local_targets:
                w.addAction(a)
        else:
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.actions_list.append(a)
        return a

    def _build_actions(self) -> None:
        self.actions_list: list[QAction] = []
        review_targets = [self.viewer.text_view, self.entities_panel.tree]
        nav_targets = [*review_targets, self.documents.table, self.search_panel.list]
        A = self._action
        g = "File"
        self.act_new = A("&New project…", self.new_project_dialog, [QKeySequence.StandardKey.New], g)
        self.act_open = A("&Open project…", self.open_project_dialog, [QKeySequence.StandardKey.Open], g)
        self.act_import = A("&Import files…", self.import_files_dialog, ["Ctrl+I"], g,
                            "Import .txt, .html, .md, .docx or .pdf files")
        self.act_import_folder = A("Import &folder…", self.import_folder_dialog, ["Ctrl+Shift+I"], g,
                                   "Import every document in a folder and its subfolders")
        self.act_export = A("&Export workbook…", self.export_workbook, ["Ctrl+E"], g,
                            "Write the facts to an Excel workbook")
        self.act_corrections = A("Import &corrections…", self.import_corrections, [], g,
                                 "Read an edited workbook back into the project")
        self.act_quit = A("&Quit", self.close, [QKeySequence.StandardKey.Quit], g)
        g = "Edit"
        self.act_undo = A("&Undo", self.undo, [QKeySequence.StandardKey.Undo], g)
        self.act_redo = A("&Redo", self.redo, ["Ctrl+Shift+Z", "Ctrl+Y"], g)
        self.act_find = A("&Find in document…", self.viewer.open_find_bar, [QKeySequence.StandardKey.Find], g)
        self.act_find_all = A("Find in &all documents…", self.find_in_corpus, ["Ctrl+Shift+F"], g)
        g = "Review (document)"
        self._local_targets = nav_targets
        self.act_next_doc = A("Next document", lambda: self.step_document(+1), ["J"], g, local=True)
        self.act_prev_doc = A("Previous document", lambda: self.step_document(-1), ["K"], g, local=True)
        self._local_targets = review_targets
        self.act_next_sugg = A("Next suggestion", lambda: self.step_suggestion(+1), ["N"], g, local=True)
        self.act_prev_sugg = A("Previous suggestion", lambda: self.step_suggestion(-1), ["P"], g, local=True)
        self.act_accept = A("&Accept entity", self.accept_current, ["A"], g,
                            "Accept the entity under the cursor and go to the next suggestion", local=True)
        self.act_reject = A("Re&ject entity", self.reject_current, ["X"], g,
                            "Reject the entity under the cursor and go to the next suggestion", local=True)
        self.act_delete = A("&Delete entity", self.delete_current, [QKeySequence.StandardKey.Delete, "Backspace"],
                            g, local=True)
        self.label_actions: dict[str, QAction] = {}
        for i, label in enumerate(ENTITY_LABELS):
            a = A(f"Label as {label}", lambda label=label: self.label_selection(label), [str(i + 1)], g,
                  f"Mark the selection (or relabel the mention) as {label}", local=True)
            self.label_actions[label] = a
        self.act_add_fact = A("Add &fact from selection", self.add_fact_from_selection, ["F"], g,
                              "Add a fact whose evidence is the selected sentence", local=True)
        self._local_targets = []
        self.act_accept_all = A("Accept all &suggestions", self.accept_all, ["Ctrl+Shift+A"], "Review",
                                "Accept every suggested entity and fact of this document")
        g = "Help"
        self.act_shortcuts = A("&Keyboard shortcuts", self.show_shortcuts, ["F1", "?"], g)
        self.act_about = A("&About Steppe", self.show_about, [], g)
        self.act_reset_layout = A("&Reset layout", self.reset_layout, [], "View")
        for a in (self.act_next_doc, self.act_prev_doc, self.act_next_sugg, self.act_prev_sugg, self.act_accept,
                  self.act_reject, self.act_delete, self.act_add_fact, *self.label_actions.values()):
            a.setProperty("sheetGroup", "Review (in the text)" if a not in (self.act_next_doc, self.act_prev_doc)
                          else "Review (text and lists)")
        self.addActions([a for a in self.actions_list if a.shortcutContext() == Qt.ShortcutContext.WindowShortcut])

    def _build_menus(self) -> None:
        mb = self.menuBar()
        m = mb.addMenu("&File")
        m.addActions([self.act_new, self.act_open])
        self.recent_menu = QMenu("Open &Recent", self)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        m.addMenu(self.recent_menu)
        m.addSeparator()
        m.addActions([self.act_import, self.act_import_folder])
        m.addSeparator()
        m.addActions([self.act_export, self.act_corrections])
        m.addSeparator()
        m.addAction(self.act_quit)
        m = mb.addMenu("&Edit")
        m.addActions([self.act_undo, self.act_redo])
        m.addSeparator()
        m.addActions([self.act_find, self.act_find_all])
        m = mb.addMenu("&Review")
        m.addActions([self.act_next_doc, self.act_prev_doc])
        m.addSeparator()
        m.addActions([self.act_next_sugg, self.act_prev_sugg, self.act_accept, self.act_reject, self.act_delete])
        self.label_menu = m.addMenu("&Label as")
        self.label_menu.addActions(list(self.label_actions.values()))
        m.addAction(self.act_add_fact)
        m.addSeparator()
        m.addAction(self.act_accept_all)
        m = mb.addMenu("&View")
        for dock in (self.documents_dock, self.search_dock, self.entities_dock, self.legend_dock, self.facts_dock,
                     self.charts_dock):
            toggle = dock.toggleViewAction()
            # a dock shown from the menu comes to the front of its tab group (Charts sits behind Facts)
            toggle.triggered.connect(lambda checked, d=dock: d.raise_() if checked else None)
            m.addAction(toggle)
        m.addSeparator()
        m.addAction(self.act_reset_layout)
        m = mb.addMenu("&Help")
        m.addActions([self.act_shortcuts, self.act_about])
        self.viewer.text_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.viewer.text_view.customContextMenuRequested.connect(self._text_menu)

    def _text_menu(self, pos) -> None:
        tv = self.viewer.text_view
        if not tv.textCursor().hasSelection():
            # a right click on a mention points at it, like a left click would
            c = tv.cursorForPosition(pos)
            tv.setTextCursor(c)
        menu = QMenu(self)
        ent = self.viewer.current_entity()
        if ent is not None:
            title = menu.addAction(f"{ent.label} “{ent.text}” — {ent.status}")
            title.setEnabled(False)
            menu.addActions([self.act_accept, self.act_reject, self.act_delete])
            sub = menu.addMenu("Relabel as")
        else:
            sub = menu.addMenu("Label as")
        sub.addActions(list(self.label_actions.values()))
        menu.addSeparator()
        menu.addAction(self.act_add_fact)
        copy = menu.addAction("Copy")
        copy.triggered.connect(tv.copy)
        copy.setEnabled(tv.textCursor().hasSelection())
        menu.addAction(self.act_find)
        menu.popup(tv.viewport().mapToGlobal(pos))
        self._context_menu = menu

    # ------------------------------------------------------------------ layout memory

    def _restore_layout(self) -> None:
        s = settings()
        self._default_state = self.saveState(LAYOUT_VERSION)
        geom = s.value("window/geometry")
        if isinstance(geom, QByteArray) and not geom.isEmpty():
            self.restoreGeometry(geom)
        else:
            screen = QApplication.primaryScreen()
            avail = screen.availableGeometry() if screen is not None else None
            if avail is not None and avail.width() > 0:
                self.resize(min(1680, int(avail.width() * 0.96)), min(1050, int(avail.height() * 0.94)))
            else:
                self.resize(1440, 900)
        state = s.value("window/state")
        self._size_docks_on_show = not (isinstance(state, QByteArray) and not state.isEmpty()
                                        and self.restoreState(state, LAYOUT_VERSION))

    def showEvent(self, ev) -> None:
        super().showEvent(ev)
        if getattr(self, "_size_docks_on_show", False):  # the dock layout knows its size only now
            self._size_docks_on_show = False
            self._default_dock_sizes()

    def resizeEvent(self, ev) -> None:
        """Keep the docks in proportion when the window is resized (Qt would give every pixel
        gained or lost to the text in the middle: a narrow window squeezed the viewer)."""
        super().resizeEvent(ev)
        old = ev.oldSize()
        if not self.isVisible() or old.width() <= 0 or old.height() <= 0 or old == ev.size():
            return
        if self._dock_base is None:  # the first resize of a burst: remember where it started
            side = [d for d in (self.documents_dock, self.entities_dock) if d.isVisible() and not d.isFloating()]
            bottom = [d for d in (self.facts_dock, self.charts_dock) if d.isVisible() and not d.isFloating()][:1]
            self._dock_base = (old, side, [d.width() for d in side], bottom, [d.height() for d in bottom])
            QTimer.singleShot(0, self._scale_docks)

    def _scale_docks(self) -> None:
        base, self._dock_base = self._dock_base, None
        if base is None or self._closing:
            return
        old, side, widths, bottom, heights = base
        fx, fy = self.width() / old.width(), self.height() / old.height()
        if side and fx != 1:
            self.resizeDocks(side, [max(1, round(x * fx)) for x in widths], Qt.Orientation.Horizontal)
        if bottom and fy != 1:
            self.resizeDocks(bottom, [max(1, round(x * fy)) for x in heights], Qt.Orientation.Vertical)

    def _default_dock_sizes(self) -> None:
        """Docks in proportion to the window: the documents list over a third of the width (its
        titles need room), entities and legend a fifth, the facts table a third of the height."""
        self._dock_base = None  # drop a pending proportional resize
        w, h = max(self.width(), 1000), max(self.height(), 640)
        self.resizeDocks([self.documents_dock, self.entities_dock],
                         [max(380, int(w * 0.36)), max(290, int(w * 0.19))], Qt.Orientation.Horizontal)
        self.resizeDocks([self.legend_dock], [150], Qt.Orientation.Vertical)
        self.resizeDocks([self.facts_dock], [max(240, int(h * 0.33))], Qt.Orientation.Vertical)

    def save_layout(self) -> None:
        if not self.remember_layout:
            return
        s = settings()
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState(LAYOUT_VERSION))

    def reset_layout(self) -> None:
        self.restoreState(self._default_state, LAYOUT_VERSION)
        self._default_dock_sizes()

    # ------------------------------------------------------------------ messages

    def show_message(self, title: str, text: str, icon=QMessageBox.Icon.Warning) -> QMessageBox:
        """A window-modal message that does not block the caller (tests can read ``last_message``)."""
        self.last_message = (title, text)
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self._message_box = box
        return box

    def status(self, text: str, ms: int = 6000) -> None:
        self.statusBar().showMessage(text, ms)

    def run_op(self, fn: Callable[..., Changes], *args: Any, **kwargs: Any) -> Changes | None:
        """Run one session operation; its refusal goes to the status bar, a write failure to a box."""
        try:
            changes = fn(*args, **kwargs)
        except OperationError as err:
            self.status(str(err))
            QApplication.beep()
            return None
        except ProjectError as err:
            self.show_message("Cannot save the change", str(err))
            return None
        if changes is not None and getattr(changes, "operation", ""):
            self.status(changes.operation, 4000)
        return changes

    # ------------------------------------------------------------------ session notices

    def _on_changes(self, changes: Changes) -> None:
        if changes.documents_added:
            # only the documents above the last one listed (an import hands its own over)
            self.documents.add_new()
            self._documents_grew()
        if changes.doc_ids:
            self.documents.refresh(changes.doc_ids)
            if self.current_doc_id in changes.doc_ids and (changes.entity_ids or changes.learned):
                self._reload_entities()
        self._update_progress()
        self._update_undo()

    def _documents_grew(self) -> None:
        self._show_centre()
        if self.current_doc_id is None:
            ids = self.documents.ordered_ids()
            if ids:
                self.open_document(ids[0])

    def _reload_entities(self) -> None:
        self.viewer.reload_entities()
        self.entities_panel.set_entities(self.viewer.entities)

    def _update_undo(self) -> None:
        s = self.session
        self.act_undo.setEnabled(s.can_undo)
        self.act_redo.setEnabled(s.can_redo)
        self.act_undo.setText(f"&Undo {s.undo_name}" if s.can_undo else "&Undo")
        self.act_redo.setText(f"&Redo {s.redo_name}" if s.can_redo else "&Redo")
        self.act_undo.setProperty("sheetText", "Undo")
        self.act_redo.setProperty("sheetText", "Redo")

    def _update_progress(self) -> None:
        try:
            c = self.project.counts()
        except Exception:  # the file vanished under us: keep the last figures
            return
        self.progress_label.setText(f"{c['facts_reviewed']:,} / {c['facts']:,} facts reviewed")
        self.progress_label.setToolTip(f"{c['documents']} documents, {c['entities']} entities, "
                                       f"{c['facts_suggested']} facts still suggested")

    def _update_title(self) -> None:
        name = self.project.name
        doc = self.viewer.doc
        ro = " (read-only)" if self.project.read_only else ""
        self.setWindowTitle(f"{doc.title[:80] + ' — ' if doc and doc.title else ''}{name}{ro} — Steppe")
        self.project_label.setText(f"Project: {name}{ro}")
        self.project_label.setToolTip(str(self.project.path))

    def _show_centre(self) -> None:
        empty = not self.documents.model.rows
        self.stack.setCurrentWidget(self.welcome if empty else self.viewer)

    # ------------------------------------------------------------------ documents

    def open_document(self, doc_id: int | None) -> None:
        if doc_id is None:
            return
        try:
            self.viewer.set_document(doc_id)
        except KeyError:
            self.status(f"Document {doc_id} no longer exists")
            return
        self.current_doc_id = doc_id
        self._show_centre()
        self.documents.select(doc_id)
        self.entities_panel.set_entities(self.viewer.entities)
        if self.facts_view is not None and hasattr(self.facts_view, "set_document"):
            try:
                self.facts_view.set_document(doc_id)
            except Exception as err:
                self.status(f"Facts table: {err}")
        self._update_title()

    def step_document(self, delta: int) -> None:
        nxt = self.documents.step(delta)
        if nxt is None:
            self.status("No more documents" if delta > 0 else "This is the first document")
            return
        focus = QApplication.focusWidget()
        self.open_document(nxt)
        if focus is not None:
            focus.setFocus()

    def open_hit(self, doc_id: int, start: int, end: int) -> None:
        if doc_id != self.current_doc_id:
            self.open_document(doc_id)
        self.viewer.select_range(start, end)
        self.viewer.text_view.setFocus()

    def find_in_corpus(self) -> None:
        self.search_dock.show()
        self.search_dock.raise_()
        sel = self.viewer.selected_text()
        if sel and "\n" not in sel and not self.search_panel.edit.text():
            self.search_panel.edit.setText(sel)
        self.search_panel.focus_search()

    # ------------------------------------------------------------------ entities

    def select_entity(self, entity_id: int) -> None:
        self.viewer.select_entity(entity_id)

    def _need_doc(self) -> bool:
        if self.current_doc_id is None or self.viewer.doc is None:
            self.status("Open a document first")
            return False
        return True

    def label_selection(self, label: str) -> None:
        if not self._need_doc():
            return
        start, end = self.viewer.selection_range()
        text = self.viewer.doc.text
        if start == end:
            ent = self.viewer.current_entity()
            if ent is None:
                self.status(f"Select some text to label it {label}")
                return
            if ent.label != label or ent.status == SUGGESTED:
                self.run_op(self.session.relabel_entity, ent.id, label)
            return
        s, e = snap_to_words(text, start, end)
        if s >= e:
            self.status("The selection holds no word to label")
            return
        same = [x for x in self.viewer.entities if x.start == s and x.end == e and x.status != REJECTED]
        if same:
            if same[0].label != label or same[0].status == SUGGESTED:
                self.run_op(self.session.relabel_entity, same[0].id, label)
        else:
            self.run_op(self.session.add_entity, self.current_doc_id, s, e, label)
        self.viewer.select_range(s, e, center=False)

    def _set_status_current(self, status: str) -> None:
        if not self._need_doc():
            return
        ent = self.viewer.current_entity()
        if ent is None:
            self.status("No entity under the cursor — N goes to the next suggestion")
            return
        was_suggested = ent.status == SUGGESTED
        if self.run_op(self.session.set_entity_status, [ent.id], status) is None:
            return
        if was_suggested:
            nxt = next((x for x in self.viewer.entities if x.status == SUGGESTED and x.start >= ent.end), None)
            if nxt is not None:
                self.viewer.select_range(nxt.start, nxt.end)
                self.entities_panel.select_entity(nxt.id)
            else:
                self.viewer.select_range(ent.end, ent.end, center=False)

    def accept_current(self) -> None:
        self._set_status_current(ACCEPTED)

    def reject_current(self) -> None:
        self._set_status_current(REJECTED)

    def delete_current(self) -> None:
        if not self._need_doc():
            return
        ent = self.viewer.current_entity()
        if ent is None:
            self.status("No entity under the cursor to delete")
            return
        self.run_op(self.session.delete_entity, ent.id)

    def step_suggestion(self, direction: int) -> None:
        if not self._need_doc():
            return
        ent = self.viewer.next_suggestion(direction)
        if ent is None:
            self.status("No suggestions left in this document — J opens the next one")
            return
        self.viewer.select_range(ent.start, ent.end)
        self.entities_panel.select_entity(ent.id)

    def accept_all(self) -> None:
        if not self._need_doc():
            return
        ch = self.run_op(self.session.accept_all, self.current_doc_id)
        if ch is not None and ch.empty:
            self.status("Nothing left to accept in this document")

    def undo(self) -> None:
        if self.session.can_undo:
            self.run_op(self.session.undo)

    def redo(self) -> None:
        if self.session.can_redo:
            self.run_op(self.session.redo)

    # ------------------------------------------------------------------ facts

    def show_fact(self, fact_id: int) -> None:
        f = self.project.fact(int(fact_id))
        if f is None:
            return
        if f.doc_id != self.current_doc_id:
            self.open_document(f.doc_id)
        if f.evidence_start is not None and f.evidence_end is not None:
            self.viewer.select_range(f.evidence_start, f.evidence_end)

    def facts_at(self, offset: int) -> list[int]:
        if self.current_doc_id is None:
            return []
        return [f.id for f in self.project.facts(self.current_doc_id)
                if f.evidence_start is not None and f.evidence_end is not None
                and f.evidence_start <= offset < f.evidence_end]

    def _text_clicked(self, offset: int) -> None:
        self._load_facts_view()
        ids = self.facts_at(offset)
        if self.facts_view is not None and hasattr(self.facts_view, "highlight_facts"):
            self.facts_view.highlight_facts(ids)

    def add_fact_from_selection(self) -> None:
        if not self._need_doc():
            return
        start, end = self.viewer.selection_range()
        if start == end:
            self.status("Select the sentence that states the fact first")
            return
        self._load_facts_view()
        if self.facts_view is None or not hasattr(self.facts_view, "add_fact_from_selection"):
            self.status("The facts table is not available in this build")
            return
        try:
            self.facts_view.add_fact_from_selection(self.current_doc_id, start, end)
        except OperationError as err:
            self.status(str(err))
        except ProjectError as err:
            self.show_message("Cannot save the change", str(err))
        self.facts_dock.show()
        self.facts_dock.raise_()

    def apply_fact_filter(self, fact_ids, description: str) -> None:
        self._load_facts_view()
        if self.facts_view is None or not hasattr(self.facts_view, "set_fact_filter"):
            return
        self.facts_view.set_fact_filter(list(fact_ids) if fact_ids is not None else None, description)
        self._fact_filter_active = fact_ids is not None
        self.facts_dock.show()
        self.facts_dock.raise_()

    def _current_filter_ids(self) -> list[int] | None:
        if not self._fact_filter_active or self.facts_view is None:
            return None
        try:
            return list(self.facts_view.filtered_fact_ids())
        except Exception:
            return None

    def export_workbook(self) -> None:
        try:
            module = importlib.import_module("desktop.ui.export_dialog")
        except Exception as err:
            self.show_message("Export", f"Export is not available in this build ({err}).",
                              QMessageBox.Icon.Information)
            return
        module.export_workbook_dialog(self, self.session, self._current_filter_ids())

    def import_corrections(self) -> None:
        try:
            module = importlib.import_module("desktop.ui.export_dialog")
        except Exception as err:
            self.show_message("Import corrections", f"Reading a workbook back is not available in this build ({err}).",
                              QMessageBox.Icon.Information)
            return
        plan = module.import_corrections_dialog(self, self.session)
        if plan is not None:
            self.status(f"Corrections applied: {len(plan.edits)} edited, {len(plan.added)} added, "
                        f"{len(plan.rejected)} rejected (Ctrl+Z undoes them)", 10000)

    # ------------------------------------------------------------------ import

    def import_files_dialog(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, "Import documents", str(Path.home()),
            "Documents (*.txt *.html *.htm *.md *.markdown *.docx *.pdf);;All files (*)",
        )
        if files:
            self.start_import(files)

    def import_folder_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Import a folder", str(Path.home()))
        if folder:
            self.start_import([folder])

    def import_samples(self) -> None:
        files = sample_files()
        if files:
            self.start_import([str(p) for p in files])

    @property
    def importing(self) -> bool:
        return self.import_worker is not None and self.import_worker.isRunning()

    def start_import(self, paths: list[str], extract: bool | None = None) -> ImportWorker | None:
        if self.project.read_only:
            self.show_message("Import", "This project is open read-only: documents cannot be added.")
            return None
        if self.importing:
            self.status("An import is already running")
            return None
        worker = ImportWorker(self.project.path, paths, self, extract=extract)
        worker.progressed.connect(self._import_progress)
        worker.batchReady.connect(self._import_batch)
        worker.done.connect(self._import_done)
        self.import_worker = worker
        self.import_bar.setRange(0, 0)
        self.import_label.setText("Importing…")
        self.import_cancel.setEnabled(True)
        self._import_box.show()
        self._last_refresh = time.monotonic()
        # The worker runs Python (extraction) most of the time. Every call from Qt into our
        # slots and models needs the GIL back, and by default the worker keeps it up to 5 ms
        # each time: a repaint's dozens of data() calls became a visible stall. Ask it to
        # hand over sooner while the import runs.
        if self._switch_interval is None:
            self._switch_interval = sys.getswitchinterval()
            sys.setswitchinterval(IMPORT_SWITCH_INTERVAL)
        worker.start()
        return worker

    def cancel_import(self) -> None:
        if self.import_worker is not None:
            self.import_worker.cancel()
            self.import_cancel.setEnabled(False)
            self.import_label.setText("Cancelling…")

    def _import_progress(self, done: int, total: int, path: str) -> None:
        if self._closing:
            return
        self.import_bar.setRange(0, max(total, 1))
        self.import_bar.setValue(done)
        self.import_bar.setFormat(f"{done} / {total}")
        if path:
            self.import_label.setText(Path(path).name[:40])

    def _restore_switch_interval(self) -> None:
        if self._switch_interval is not None:
            sys.setswitchinterval(self._switch_interval)
            self._switch_interval = None

    def _import_batch(self, batch) -> None:
        """The worker's latest documents and facts, read on its thread: the views take them
        slice by slice, then everyone else hears that documents were added (our views only
        look above what they were handed, i.e. at next to nothing)."""
        if self._closing:
            return
        self.documents.feed(batch.summaries)
        model = getattr(self.facts_view, "model", None)
        if model is not None and hasattr(model, "feed"):
            model.feed(batch.mark, batch.fact_rows)
        self._last_refresh = time.monotonic()
        self.session.documents_added()

    def _import_done(self, results: list, error: str) -> None:
        worker = self.import_worker
        cancelled = bool(worker and worker.cancelled)
        extracted = bool(worker and worker.extract)
        if worker is not None:
            worker.wait()
        self.import_worker = None
        self._restore_switch_interval()
        self._import_box.hide()
        self.last_import_results = list(results)
        if self._closing:
            return
        self.session.documents_added()
        report = ImportReportDialog(results, self, cancelled=cancelled, error=error, extracted=extracted)
        report.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.import_report = report
        report.show()
        n = report.counts["imported"]
        self.status(f"Import finished: {n} document{'s' if n != 1 else ''} imported"
                    + (" (cancelled)" if cancelled else ""))

    def dragEnterEvent(self, ev) -> None:
        md = ev.mimeData()
        if md.hasUrls() and any(u.isLocalFile() for u in md.urls()):
            ev.acceptProposedAction()
        else:
            ev.ignore()

    def dropEvent(self, ev) -> None:
        paths = [u.toLocalFile() for u in ev.mimeData().urls() if u.isLocalFile()]
        if paths:
            ev.acceptProposedAction()
            self.start_import(paths)

    # ------------------------------------------------------------------ projects

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        items = recent_projects()
        for p in items:
            a = self.recent_menu.addAction(p)
            a.triggered.connect(lambda _c=False, p=p: self.open_project(p))
        if not items:
            self.recent_menu.addAction("(none)").setEnabled(False)

    def new_project_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "New project", str(Path.home() / "untitled.steppe"),
                                              "Steppe projects (*.steppe)")
        if path:
            if not path.endswith(".steppe"):
                path += ".steppe"
            self.open_project(path, create=True)

    def open_project_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open project", str(Path.home()),
                                              "Steppe projects (*.steppe);;All files (*)")
        if path:
            self.open_project(path)

    def open_project(self, path: str | Path, create: bool = False) -> MainWindow | None:
        """Open ``path`` in a new window and close this one; a bad file gets a message, not a crash."""
        from desktop.app import open_window

        path = Path(path)
        if path.resolve() == self.project.path.resolve():
            self.status("This project is already open")
            return self
        try:
            from desktop.app import ask_restore_box

            window = open_window(path, create=create, ask_restore=ask_restore_box)
        except ProjectError as err:
            self.show_message("Cannot open the project", str(err))
            return None
        window.show()
        if window is not self:
            self.close()
        return window

    # ------------------------------------------------------------------ help

    def all_shortcut_actions(self) -> list[QAction]:
        """The window's actions, then those other panels (facts table, charts) added themselves."""
        actions = list(self.actions_list)
        owners = ((self.facts_view, "Facts table"), (self.charts_view, "Charts"))
        for a in self.findChildren(QAction):
            if a in actions or not any(not k.isEmpty() for k in a.shortcuts()):
                continue
            if not a.property("sheetGroup"):
                parent, group = a.parent(), "Other"
                while parent is not None and group == "Other":
                    group = next((name for view, name in owners if view and parent is view), "Other")
                    parent = parent.parent()
                a.setProperty("sheetGroup", group)
            actions.append(a)
        return actions

    def show_shortcuts(self) -> ShortcutsDialog:
        dlg = ShortcutsDialog(self.all_shortcut_actions(), self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.shortcuts_dialog = dlg
        dlg.show()
        return dlg

    def show_about(self) -> None:
        self.show_message(
            "About Steppe",
            f"Steppe {__version__}\nReview China–Central Asia economic news and export a sourced table of facts.\n"
            f"Project: {self.project.path}",
            QMessageBox.Icon.Information,
        )

    # ------------------------------------------------------------------ closing

    def closeEvent(self, ev) -> None:
        self._closing = True
        self.setProperty("closed", True)
        if self.import_worker is not None:
            self.import_worker.cancel()
            self.import_worker.wait()  # every finished document is already committed
        self._restore_switch_interval()
        self.save_layout()
        with contextlib.suppress(ValueError):
            self.session.unsubscribe(self._on_changes)
        super().closeEvent(ev)
        QTimer.singleShot(0, self._release)

    def _release(self) -> None:
        if self.owns_project:
            self.owns_project = False
            if self._lock is not None and hasattr(self._lock, "close"):
                self._lock.close()  # waits for the backup, closes the project, releases the lock
            else:
                self.project.close()
        self._lock = None
