"""The document viewer: the text exactly as imported, entities coloured by label.

The text is set with ``setPlainText`` only (news text is untrusted: never HTML). Highlights
are ``ExtraSelections`` — one per visible mention and one per page-chrome zone — which keeps
a 1 MB document with 10,000 mentions well under 0.3 s to open. Offsets stored in the project
are Python ``str`` indices; :class:`~desktop.ui.offsets.OffsetMap` turns them into Qt
positions and back.

The viewer never writes the project: the main window turns keys and menu choices into
session calls, using :meth:`selection_range`, :meth:`entity_at` and :meth:`current_entity`.
"""

from __future__ import annotations

from bisect import bisect_right

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument, QTextFormat
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextDocumentLayout,
    QPlainTextEdit,
    QTextEdit,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from desktop.core.model import REJECTED, SUGGESTED, Document, Entity
from desktop.ui import theme
from desktop.ui.offsets import OffsetMap

#: Documents with at most this many highlights get all of them at once.
FULL_HIGHLIGHT_LIMIT = 2000
#: Qt positions highlighted above and below the visible text in a larger document.
WINDOW_MARGIN = 30_000
#: Longer texts are shown without the gap between paragraphs (it costs a Python call per block
#: and per highlight drawn; a news article is a few thousand characters).
PARAGRAPH_GAP_LIMIT = 200_000
#: …and so are documents with more highlights than this (each costs one call per visible block).
PARAGRAPH_GAP_HIGHLIGHTS = 1000


class ParagraphLayout(QPlainTextDocumentLayout):
    """Plain-text layout with a small gap between paragraphs.

    ``QPlainTextDocumentLayout`` ignores block margins and line heights, and the text may not
    change (every offset points into it), so the gap is added to the height a block reports:
    painting, hit testing and the scroll range all ask this method. A gap is added only
    between two non-empty lines: text that already separates paragraphs with a blank line
    keeps its look.
    """

    def __init__(self, doc, gap: float) -> None:
        super().__init__(doc)
        self.gap = gap

    def blockBoundingRect(self, block):
        r = super().blockBoundingRect(block)
        if self.gap and block.length() > 1:
            nxt = block.next()
            if nxt.isValid() and nxt.length() > 1:
                r.setHeight(r.height() + self.gap)
        return r


class TextView(QPlainTextEdit):
    """Read-only plain text with hover tooltips and a click signal (Python offsets)."""

    clicked = Signal(int)

    def __init__(self, viewer: DocumentViewer) -> None:
        super().__init__(viewer)
        self._viewer = viewer
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setAcceptDrops(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setMouseTracking(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setObjectName("documentText")
        font = self.font()
        font.setPointSizeF(max(font.pointSizeF(), 10.5))
        self.setFont(font)
        # Two documents: one whose layout adds paragraph gaps (a Python method Qt calls per
        # block and per highlight: fine for an article, too slow for a 1 MB file with 10,000
        # highlights, which gets the plain layout). Each is set with setDocument, the only way
        # QPlainTextEdit takes a new layout.
        # (Both are children of this widget: the text control deletes only the ones it owns.)
        original = self.document()
        docs = []
        for layout in (QPlainTextDocumentLayout, ParagraphLayout):
            d = QTextDocument(self)
            d.setDefaultFont(original.defaultFont())
            d.setDefaultTextOption(original.defaultTextOption())
            d.setDocumentMargin(14)
            d.setUndoRedoEnabled(False)
            d.setDocumentLayout(layout(d) if layout is QPlainTextDocumentLayout
                                else layout(d, round(self.fontMetrics().lineSpacing() * 0.5)))
            docs.append(d)
        self.plain_document, self.spaced_document = docs
        self.paragraph_layout = self.spaced_document.documentLayout()
        self.setDocument(self.spaced_document)

    def set_text(self, text: str, gaps: bool = True) -> None:
        """Show ``text`` (plain, never HTML), with paragraph gaps unless it is very long or
        ``gaps`` is false."""
        gaps = gaps and len(text) <= PARAGRAPH_GAP_LIMIT
        want = self.spaced_document if gaps else self.plain_document
        if self.document() is not want:
            self.document().setPlainText("")
            self.setDocument(want)
        self.setPlainText(text)

    def event(self, ev: QEvent) -> bool:
        if ev.type() == QEvent.Type.ToolTip:
            pos = self.cursorForPosition(ev.pos()).position()
            ent = self._viewer.entity_at(self._viewer.offsets.to_py(pos))
            if ent is not None:
                QToolTip.showText(ev.globalPos(), self._viewer.describe(ent), self)
            else:
                QToolTip.hideText()
                ev.ignore()
            return True
        return super().event(ev)

    def resizeEvent(self, ev) -> None:
        super().resizeEvent(ev)
        self._viewer._scrolled()

    def changeEvent(self, ev) -> None:
        super().changeEvent(ev)
        if ev.type() == QEvent.Type.PaletteChange and self._viewer.doc_id is not None:
            was_dark = self._viewer._dark
            if theme.is_dark(self.palette()) != was_dark:  # light ↔ dark: other highlight colours
                self._viewer._rebuild_selections()

    def mouseReleaseEvent(self, ev) -> None:
        super().mouseReleaseEvent(ev)
        if ev.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            self.clicked.emit(self._viewer.offsets.to_py(self.textCursor().position()))


class FindBar(QWidget):
    """Ctrl+F: find in this document (Enter next, Shift+Enter previous, Esc closes)."""

    def __init__(self, viewer: DocumentViewer) -> None:
        super().__init__(viewer)
        self._viewer = viewer
        lay = QHBoxLayout(self)
        lay.setContentsMargins(6, 3, 6, 3)
        lay.addWidget(QLabel("Find:"))
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("Find in this document")
        self.edit.setClearButtonEnabled(True)
        self.edit.returnPressed.connect(self.find_next)
        self.edit.textChanged.connect(lambda _t: self.find_next(from_start=True))
        lay.addWidget(self.edit, 1)
        prev_btn = QToolButton(self)
        prev_btn.setText("▲")
        prev_btn.setToolTip("Previous match (Shift+Enter)")
        prev_btn.clicked.connect(self.find_previous)
        next_btn = QToolButton(self)
        next_btn.setText("▼")
        next_btn.setToolTip("Next match (Enter)")
        next_btn.clicked.connect(self.find_next)
        self.status = QLabel("", self)
        self.status.setMinimumWidth(90)
        close_btn = QToolButton(self)
        close_btn.setText("✕")
        close_btn.setToolTip("Close (Esc)")
        close_btn.clicked.connect(self.close_bar)
        for w in (prev_btn, next_btn, self.status, close_btn):
            lay.addWidget(w)
        self.hide()

    def keyPressEvent(self, ev) -> None:
        if ev.key() == Qt.Key.Key_Escape:
            self.close_bar()
        elif ev.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and ev.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.find_previous()
        else:
            super().keyPressEvent(ev)

    def open_bar(self) -> None:
        self.show()
        sel = self._viewer.selected_text()
        if sel and "\n" not in sel:
            self.edit.setText(sel)
        self.edit.setFocus()
        self.edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self._viewer.text_view.setFocus()

    def _matches(self) -> list[int]:
        needle = self.edit.text().lower()
        if not needle:
            return []
        hay = self._viewer.text_lower
        out, pos = [], hay.find(needle)
        while pos != -1:
            out.append(pos)
            pos = hay.find(needle, pos + 1)
        return out

    def find_next(self, from_start: bool = False) -> bool:
        return self._find(+1, from_start)

    def find_previous(self) -> bool:
        return self._find(-1, False)

    def _find(self, direction: int, from_start: bool) -> bool:
        hits = self._matches()
        n = len(self.edit.text())
        if not hits:
            self.status.setText("No matches" if self.edit.text() else "")
            return False
        start, end = self._viewer.selection_range()
        cur = self._viewer.cursor_offset() if start == end else start
        if from_start:
            i = bisect_right(hits, cur - 1) % len(hits)
        elif direction > 0:
            i = bisect_right(hits, cur) % len(hits)
        else:
            i = (bisect_right(hits, cur - 1) - 1) % len(hits)
        self._viewer.select_range(hits[i], hits[i] + n)
        self.status.setText(f"{i + 1} of {len(hits)}")
        return True


class DocumentViewer(QWidget):
    """Shows one document; emits ``positionClicked(offset)`` when the user clicks in the text."""

    positionClicked = Signal(int)
    documentChanged = Signal(object)  # doc id or None

    def __init__(self, session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.doc: Document | None = None
        self.doc_id: int | None = None
        self.entities: list[Entity] = []
        self._starts: list[int] = []
        self.offsets = OffsetMap("")
        self.text_lower = ""
        self._spans: list[tuple[int, int, QTextCharFormat]] = []
        self._zone_spans: list[tuple[int, int, QTextCharFormat]] = []
        self._span_starts: list[int] = []
        self._longest = 0
        self._dark = False
        self._title = ""
        self._window: tuple[int, int] | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        self.header = QLabel("", self)
        self.header.setObjectName("documentHeader")
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.header.setWordWrap(True)
        self.header.setContentsMargins(14, 8, 14, 6)
        f = self.header.font()
        f.setPointSizeF(f.pointSizeF() * 1.15)
        f.setBold(True)
        self.header.setFont(f)
        self.meta = QLabel("", self)
        self.meta.setTextFormat(Qt.TextFormat.PlainText)
        self.meta.setContentsMargins(14, 0, 14, 6)
        self.meta.setObjectName("documentMeta")
        self.meta.setStyleSheet(theme.muted_style(self.palette()))
        self.text_view = TextView(self)
        self.text_view.clicked.connect(self.positionClicked)
        self.text_view.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.find_bar = FindBar(self)
        lay.addWidget(self.header)
        lay.addWidget(self.meta)
        lay.addWidget(self.text_view, 1)
        lay.addWidget(self.find_bar)
        self.setFocusProxy(self.text_view)

    def changeEvent(self, ev) -> None:
        if ev.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.meta.setStyleSheet(theme.muted_style(self.palette()))
        super().changeEvent(ev)

    def resizeEvent(self, ev) -> None:
        super().resizeEvent(ev)
        if ev.oldSize().width() != ev.size().width():
            self._fit_header()

    def _fit_header(self) -> None:
        """The title on at most two lines (a long headline pushed the text down); the whole
        title is in the tooltip."""
        m = self.header.contentsMargins()
        width = max(100, self.header.width() - m.left() - m.right())
        fm = self.header.fontMetrics()
        text = self._title
        if self.isVisible() and fm.horizontalAdvance(text) > 1.8 * width:  # (hidden: not laid out yet)
            text = fm.elidedText(text, Qt.TextElideMode.ElideRight, int(1.8 * width))
        self.header.setText(text)

    # ------------------------------------------------------------------ loading

    def set_document(self, doc_id: int | None) -> None:
        if doc_id is None:
            self.doc, self.doc_id = None, None
            self.entities, self._starts = [], []
            self.offsets = OffsetMap("")
            self.text_lower = ""
            self._title = ""
            self.header.setText("")
            self.header.setToolTip("")
            self.meta.setText("")
            self.text_view.setExtraSelections([])
            self._spans, self._zone_spans, self._span_starts, self._window = [], [], [], None
            self.text_view.set_text("")
            self.documentChanged.emit(None)
            return
        doc = self.session.project.document(doc_id)
        self.doc, self.doc_id = doc, doc_id
        self.offsets = OffsetMap(doc.text)
        self.text_lower = doc.text.lower() if len(doc.text.lower()) == len(doc.text) else doc.text.casefold()
        if len(self.text_lower) != len(doc.text):  # a case fold that changes lengths: search as is
            self.text_lower = doc.text
        self._title = doc.title or "(untitled)"
        self.header.setToolTip(self._title)
        self._fit_header()
        bits = [b for b in (doc.outlet, doc.published, doc.url) if b]
        self.meta.setText("  ·  ".join(bits))
        self.meta.setVisible(bool(bits))
        # Drop the old highlights first: Qt would otherwise update every one of their cursors
        # while the text is replaced (seconds for a large document).
        self.text_view.setExtraSelections([])
        self._spans, self._zone_spans, self._span_starts, self._window = [], [], [], None
        entities = list(self.session.project.entities(doc_id))
        self.text_view.set_text(doc.text, gaps=len(entities) <= PARAGRAPH_GAP_HIGHLIGHTS)  # plain text, never HTML
        self.reload_entities(entities)
        self.documentChanged.emit(doc_id)

    def reload_entities(self, entities: list[Entity] | None = None) -> None:
        """Re-read this document's entities (or take ``entities``) and redraw every highlight."""
        if self.doc_id is None:
            return
        self.entities = list(self.session.project.entities(self.doc_id)) if entities is None else entities
        self.entities.sort(key=lambda e: (e.start, e.end))
        self._starts = [e.start for e in self.entities]
        self._rebuild_selections()

    def _rebuild_selections(self) -> None:
        """Compute every highlight span (Qt positions), then show those near the visible text."""
        to_qt = self.offsets.to_qt
        dark = self._dark = theme.is_dark(self.text_view.palette())
        zones: list[tuple[int, int, QTextCharFormat]] = []
        if self.doc is not None and self.doc.zones:
            zfmt = QTextCharFormat()
            zfmt.setForeground(QColor("#8a8a8a") if not dark else QColor("#7a7a7a"))
            zones = [(to_qt(z.start), to_qt(z.end), zfmt) for z in self.doc.zones]
        formats: dict[tuple[str, bool], QTextCharFormat] = {}
        spans: list[tuple[int, int, QTextCharFormat]] = []
        for e in self.entities:
            if e.status == REJECTED:
                continue
            key = (e.label, e.status == SUGGESTED)
            fmt = formats.get(key)
            if fmt is None:
                fmt = formats[key] = _entity_format(e.label, key[1], dark)
            spans.append((to_qt(e.start), to_qt(e.end), fmt))
        self._zone_spans = zones
        self._spans = spans
        self._span_starts = [sp[0] for sp in spans]
        self._longest = max((b - a for a, b, _ in spans), default=0)
        self._window = None
        self._apply_window()

    def _visible_range(self) -> tuple[int, int]:
        tv = self.text_view
        first = tv.firstVisibleBlock().position()
        vp = tv.viewport()
        last = tv.cursorForPosition(vp.rect().bottomRight()).position()
        if last <= first:
            last = first + 20_000
        return first, last

    def _apply_window(self) -> None:
        """Give Qt the selections that intersect the visible text plus a margin.

        A small document gets all of them. A large one gets a window a few screens tall, moved
        when the user scrolls out of it: Qt's cost grows with the number of selections, ours
        with the window, so a 1 MB document with 10,000 mentions opens and scrolls smoothly.
        """
        spans = self._spans
        if len(spans) <= FULL_HIGHLIGHT_LIMIT:
            window = (0, self.offsets.qt_length + 1)
            chosen = spans
        else:
            first, last = self._visible_range()
            margin = max(WINDOW_MARGIN, 2 * (last - first))
            window = (max(0, first - margin), last + margin)
            lo = bisect_right(self._span_starts, window[0] - self._longest)
            hi = bisect_right(self._span_starts, window[1])
            chosen = [sp for sp in spans[lo:hi] if sp[1] > window[0]]
        if window == self._window:
            return
        self._window = window
        doc = self.text_view.document()
        sels = [_selection(doc, a, b, f) for a, b, f in self._zone_spans]
        sels += [_selection(doc, a, b, f) for a, b, f in chosen]
        self.text_view.setExtraSelections(sels)

    def _scrolled(self, *_args) -> None:
        if self._window is None or len(self._spans) <= FULL_HIGHLIGHT_LIMIT:
            return
        first, last = self._visible_range()
        lo, hi = self._window
        quarter = (hi - lo) // 4
        if (first < lo + quarter and lo > 0) or last > hi - quarter:
            self._window = (-1, -1)  # force
            self._apply_window()

    @property
    def highlight_count(self) -> int:
        """Entity highlights of this document (rejected mentions and zones are not counted)."""
        return len(self._spans)

    def extra_selection_count(self) -> int:
        return len(self.text_view.extraSelections())

    # ------------------------------------------------------------------ queries

    def cursor_offset(self) -> int:
        return self.offsets.to_py(self.text_view.textCursor().position())

    def selection_range(self) -> tuple[int, int]:
        """The selection as Python offsets (start == end when nothing is selected)."""
        c = self.text_view.textCursor()
        return self.offsets.to_py(c.selectionStart()), self.offsets.to_py(c.selectionEnd())

    def selected_text(self) -> str:
        if self.doc is None:
            return ""
        s, e = self.selection_range()
        return self.doc.text[s:e]

    def entity_at(self, offset: int, include_rejected: bool = False) -> Entity | None:
        """The mention that contains ``offset`` (or ends right at it)."""
        i = bisect_right(self._starts, offset) - 1
        best = None
        while i >= 0:
            e = self.entities[i]
            inside = e.start <= offset < e.end or (offset == e.end and e.start < offset)
            visible = include_rejected or e.status != REJECTED
            if inside and visible and (best is None or (e.end - e.start) < (best.end - best.start)):
                best = e
            if offset - e.start > 400:  # mentions are short: no need to look further back
                break
            i -= 1
        return best

    def current_entity(self) -> Entity | None:
        """The mention the user points at: the selected one, or the one under the cursor."""
        start, end = self.selection_range()
        if start != end:
            for e in self.entities:
                if e.status != REJECTED and e.start == start and e.end == end:
                    return e
            e = self.entity_at(start)
            if e is not None and e.end >= end:
                return e
            return None
        return self.entity_at(start)

    def describe(self, e: Entity) -> str:
        lines = [f"{e.label} “{e.text}”", f"{e.status.capitalize()} · confidence {e.confidence:.2f}"]
        if e.source:
            lines.append(f"Found by {e.source}")
        if e.status == SUGGESTED:
            lines.append("A accepts · X rejects · 1–9 relabels")
        else:
            lines.append("1–9 relabels · Delete removes")
        return "\n".join(lines)

    def next_suggestion(self, direction: int = 1, statuses: tuple[str, ...] = (SUGGESTED,)) -> Entity | None:
        """The next (or previous) mention with one of ``statuses`` after (before) the cursor."""
        start, end = self.selection_range()
        cands = [e for e in self.entities if e.status in statuses]
        if not cands:
            return None
        if direction > 0:
            for e in cands:
                if e.start >= end and (e.start, e.end) != (start, end):
                    return e
            return cands[0]
        for e in reversed(cands):
            if e.start < start:
                return e
        return cands[-1]

    # ------------------------------------------------------------------ moving

    def select_range(self, start: int, end: int, center: bool = True) -> None:
        c = self.text_view.textCursor()
        c.setPosition(self.offsets.to_qt(start))
        c.setPosition(self.offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.text_view.setTextCursor(c)
        if center:
            self.text_view.centerCursor()

    def select_entity(self, entity_id: int) -> bool:
        for e in self.entities:
            if e.id == entity_id:
                self.select_range(e.start, e.end)
                return True
        return False

    def open_find_bar(self) -> None:
        self.find_bar.open_bar()


def _selection(doc, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
    c = QTextCursor(doc)
    c.setPosition(start)
    c.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    s = QTextEdit.ExtraSelection()
    s.cursor = c
    s.format = fmt
    return s


def _entity_format(label: str, suggested: bool, dark: bool) -> QTextCharFormat:
    fmt = QTextCharFormat()
    if suggested:
        fmt.setBackground(theme.suggestion_color(label, dark))
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        fmt.setUnderlineColor(theme.accent_color(label))
    else:
        fmt.setBackground(theme.highlight_color(label, dark))
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.NoUnderline)
    fmt.setProperty(QTextFormat.Property.UserProperty, label)
    return fmt


__all__ = ["DocumentViewer", "FindBar", "TextView"]
