"""Find across the corpus (Ctrl+Shift+F): ``Project.search`` hits with their context."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
HEADING_ROLE = Qt.ItemDataRole.UserRole + 2


class SearchPanel(QWidget):
    """Emits ``hitActivated(doc_id, start, end)`` on a click or Enter. Hits are listed under a
    bold heading per document."""

    hitActivated = Signal(int, int, int)

    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("Search all documents, then Enter")
        self.edit.setClearButtonEnabled(True)
        self.edit.returnPressed.connect(self.run_search)
        self.summary = QLabel("", self)
        self.list = QListWidget(self)
        self.list.setObjectName("searchResults")
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)  # one click shows the hit in the text
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.edit)
        lay.addWidget(self.summary)
        lay.addWidget(self.list, 1)

    def focus_search(self) -> None:
        self.edit.setFocus()
        self.edit.selectAll()

    def run_search(self) -> int:
        needle = self.edit.text()
        self.list.clear()
        if not needle.strip():
            self.summary.setText("")
            return 0
        project = self.session.project
        hits = project.search(needle)
        titles = {s.id: s.title for s in project.document_summaries(sorted({d for d, _ in hits}))} if hits else {}
        texts: dict[int, str] = {}
        per_doc: dict[int, int] = {}
        for doc_id, _pos in hits:
            per_doc[doc_id] = per_doc.get(doc_id, 0) + 1
        bold = self.list.font()
        bold.setBold(True)
        for doc_id, pos in hits:
            text = texts.get(doc_id)
            if text is None:
                # a heading per document: the hits under it are its snippets
                text = texts[doc_id] = project.document(doc_id).text
                n = per_doc[doc_id]
                head = QListWidgetItem(f"{titles.get(doc_id, doc_id)}  ({n} hit{'s' if n != 1 else ''})")
                head.setFont(bold)
                head.setFlags(Qt.ItemFlag.ItemIsEnabled)  # not selectable: Enter and clicks go to hits
                head.setData(HEADING_ROLE, doc_id)
                self.list.addItem(head)
            a, b = max(0, pos - 40), min(len(text), pos + len(needle) + 40)
            snippet = " ".join(text[a:b].split())
            item = QListWidgetItem(f"    …{snippet}…")
            item.setData(HIT_ROLE, (doc_id, pos, pos + len(needle)))
            item.setToolTip(f"{titles.get(doc_id, doc_id)}, offset {pos}: click to show it")
            self.list.addItem(item)
        n_docs = len({d for d, _ in hits})
        more = " (first 500)" if len(hits) >= 500 else ""
        self.summary.setText(f"{len(hits)} hit{'s' if len(hits) != 1 else ''}{more} in {n_docs} document"
                             f"{'s' if n_docs != 1 else ''}" if hits else "No matches")
        return len(hits)

    def hit_items(self) -> list[QListWidgetItem]:
        """The hits listed (document headings left out)."""
        return [it for it in (self.list.item(i) for i in range(self.list.count())) if it.data(HIT_ROLE)]

    def _activated(self, item: QListWidgetItem) -> None:
        hit = item.data(HIT_ROLE)
        if hit is None:  # a document heading: its first hit
            row = self.list.row(item) + 1
            nxt = self.list.item(row)
            if nxt is None or nxt.data(HIT_ROLE) is None:
                return
            self.list.setCurrentItem(nxt)
            hit = nxt.data(HIT_ROLE)
        doc_id, start, end = hit
        self.hitActivated.emit(doc_id, start, end)
