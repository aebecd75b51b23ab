"""Cell editors for the facts table, chosen by the registry's ``FieldSpec.kind``.

- ``type``, ``status`` and ``choice`` fields: a combo of the registry's choices;
- ``country``: an editable combo of every party code shown as "KAZ — Kazakhstan", with
  completion on code or name;
- ``currency``: an editable combo of the region's ISO 4217 codes;
- ``number`` / ``percent``: a line edit that takes "70.2 bn" or "70,200,000,000";
- ``period`` / ``date`` / ``text``: a line edit; periods and dates are checked as you type.

The value goes to the model's ``setData``, which asks the session; a refused value is not
stored and the model emits ``editRefused`` with the reason.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QStyledItemDelegate, QWidget

from desktop.core.countries import code_for_name, party_codes, party_name
from desktop.core.factquery import Column
from desktop.core.model import FACT_TYPES, STATUSES, InvalidValue, validate_field
from desktop.ui.facts.model import FactsTableModel, plain_tooltip

CURRENCIES: tuple[str, ...] = ("USD", "CNY", "KZT", "UZS", "KGS", "TJS", "TMT", "RUB", "EUR")
SEPARATOR = " — "
PLACEHOLDERS = {
    "number": "70.2 bn or 70,200,000,000",
    "percent": "37.3",
    "period": "2022, 2023-04, 2023-01/2023-04 or 2017/2024",
    "date": "YYYY-MM-DD",
}
INVALID_STYLE = "QLineEdit { border: 1px solid #dc2626; }"


def source_of(index: QModelIndex) -> tuple[FactsTableModel, QModelIndex]:
    """The facts model and the index in it, through any proxy."""
    model = index.model()
    while isinstance(model, QSortFilterProxyModel):
        index = model.mapToSource(index)
        model = model.sourceModel()
    return model, index  # type: ignore[return-value]


def country_label(code: str) -> str:
    return f"{code}{SEPARATOR}{party_name(code)}"


def country_from_text(text: str) -> str | None:
    """ "KAZ — Kazakhstan", "kaz", "Kazakhstan" → "KAZ"; "" → None; anything else is
    returned as typed (upper-cased) so the session can say why it is refused."""
    text = text.strip()
    if not text:
        return None
    head = text.split(SEPARATOR, 1)[0].split(" - ", 1)[0].strip()
    code = code_for_name(head) or code_for_name(text)
    return code or head.upper()


def choices_for(model: FactsTableModel, index: QModelIndex) -> tuple[str, ...]:
    """The values a combo cell offers, from the registry."""
    col = model.column_at(index.column())
    if col.key == "status":
        return STATUSES
    if col.key == "type":
        return tuple(FACT_TYPES)
    row = model.row_at(index.row())
    ft = FACT_TYPES.get(row.type)
    if ft is not None and col.key in ft.field_names:
        return ft.spec(col.key).choices
    return col.field.choices if col.field else ()


class FactsDelegate(QStyledItemDelegate):
    """Editors that fit each field kind."""

    def _context(self, index: QModelIndex) -> tuple[FactsTableModel, QModelIndex, Column, str]:
        model, src = source_of(index)
        col = model.column_at(src.column())
        row = model.row_at(src.row())
        return model, src, col, row.type

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        model, src, col, fact_type = self._context(index)
        if col.key in ("status", "type") or col.kind == "choice":
            combo = QComboBox(parent)
            combo.setObjectName(f"editor_{col.key}")
            if col.kind == "choice":
                combo.addItem("", None)  # unknown
            for value in choices_for(model, src):
                label = FACT_TYPES[value].title if col.key == "type" else value
                combo.addItem(label, value)
            return combo
        if col.kind == "country":
            combo = QComboBox(parent)
            combo.setObjectName("editor_country")
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            combo.addItem("", None)
            for code in party_codes():
                combo.addItem(country_label(code), code)
            completer = QCompleter(combo.model(), combo)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            combo.setCompleter(completer)
            return combo
        if col.kind == "currency":
            combo = QComboBox(parent)
            combo.setObjectName("editor_currency")
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            combo.addItem("")
            combo.addItems(list(CURRENCIES))
            return combo
        edit = QLineEdit(parent)
        edit.setObjectName(f"editor_{col.kind}")
        edit.setPlaceholderText(PLACEHOLDERS.get(col.kind, ""))
        if col.kind in ("number", "percent", "period", "date") and fact_type in FACT_TYPES:
            edit.textChanged.connect(lambda text, e=edit: _check(e, fact_type, col.key, text))
        return edit

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        model, src, col, _ = self._context(index)
        value = model.data(src, Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            if col.kind == "country":
                i = editor.findData(value) if value else 0
                if i >= 0:
                    editor.setCurrentIndex(i)
                else:
                    editor.setEditText(str(value or ""))
            elif col.kind == "currency":
                i = editor.findText(str(value or ""))
                if i >= 0:
                    editor.setCurrentIndex(i)
                else:
                    editor.setEditText(str(value or ""))
            else:
                i = editor.findData(value or None)
                editor.setCurrentIndex(max(i, 0))
            return
        if isinstance(editor, QLineEdit):
            editor.setText("" if value is None else str(value))
            editor.selectAll()
            return
        super().setEditorData(editor, index)

    def editor_value(self, editor: QWidget, col: Column) -> Any:
        """What the editor holds, as the session expects it."""
        if isinstance(editor, QComboBox):
            if col.kind == "country":
                text = editor.currentText()
                data = editor.currentData()
                if data and text == country_label(data):
                    return data
                return country_from_text(text)
            if col.kind == "currency":
                return editor.currentText().strip().upper() or None
            return editor.currentData()
        if isinstance(editor, QLineEdit):
            return editor.text()
        return None

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:
        _, _, col, _ = self._context(index)
        model.setData(index, self.editor_value(editor, col), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option, index: QModelIndex) -> None:
        rect = option.rect
        if isinstance(editor, QComboBox):
            rect = rect.adjusted(0, 0, max(0, 180 - rect.width()), 0)
        editor.setGeometry(rect)


def _check(edit: QLineEdit, fact_type: str, name: str, text: str) -> None:
    """Mark the editor red with the reason while its text would be refused."""
    try:
        validate_field(fact_type, name, text)
    except (InvalidValue, KeyError) as err:
        edit.setStyleSheet(INVALID_STYLE)
        edit.setToolTip(plain_tooltip(str(err)))
        return
    edit.setStyleSheet("")
    edit.setToolTip("")
