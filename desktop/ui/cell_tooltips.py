"""The full text of a cut table cell when the pointer rests on it (issue 11, Build 10).

Scorecard cells, the 问题 column of the check findings and long names end in “…” when their
column is narrow; the clerk could only read them by widening the column. ``show_full_text``
installs, on any item view, a filter that shows the whole text as a tooltip when, and only
when, the cell does not show all of it (too wide, or more lines than the row shows). A model's
own tooltip is left to the model.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyleOptionViewItem, QToolTip, QWidget

# a pixel or two the style may keep between the text and the cell's edge
TEXT_MARGIN = 2


def is_cut(view: QAbstractItemView, text: str, rect: QRect) -> bool:
    """True when ``text`` does not show whole in the text area ``rect`` of a cell: too wide for
    one line (or, in a view that wraps, too tall once wrapped) or more lines than fit."""
    metrics = view.fontMetrics()
    wraps = bool(getattr(view, "wordWrap", lambda: False)())
    width = max(rect.width() - TEXT_MARGIN, 1)
    if wraps:
        wrapped = metrics.boundingRect(QRect(0, 0, width, 1_000_000), Qt.TextFlag.TextWordWrap, text)
        return wrapped.height() > rect.height()
    lines = text.splitlines() or [""]
    widest = max(metrics.horizontalAdvance(line) for line in lines)
    return widest > width or len(lines) * metrics.lineSpacing() > rect.height()


class FullTextTips(QObject):
    """On the view's viewport: a tooltip event over a cut cell shows the cell's whole text."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ToolTip or not isinstance(event, QHelpEvent):
            return False
        view = self._view
        index = view.indexAt(event.pos())
        # asked of the model, not through index.data(): PySide6 6.12 loses a reference to None
        # each time QModelIndex.data() brings back a Python model's None
        model = index.model()
        if not index.isValid() or model.data(index, Qt.ItemDataRole.ToolTipRole):
            return False  # nothing here, or the model says what to show
        text = model.data(index, Qt.ItemDataRole.DisplayRole)
        rect = view.visualRect(index)
        if isinstance(text, str) and text and is_cut(view, text, _text_rect(view, index, rect)):
            QToolTip.showText(event.globalPos(), text, view.viewport(), rect)
        else:
            QToolTip.hideText()
        return True


def _text_rect(view: QAbstractItemView, index, rect: QRect) -> QRect:
    """Where the style draws the cell's text (a check box or an icon takes part of the cell)."""
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = rect
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasDisplay
    if index.model().data(index, Qt.ItemDataRole.CheckStateRole) is not None:
        option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    style = view.style()
    return style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, view)


def show_full_text(root: QWidget) -> None:
    """Install the tips on every item view inside ``root`` (and on ``root`` itself) once."""
    views = root.findChildren(QAbstractItemView)
    if isinstance(root, QAbstractItemView):
        views.append(root)
    for view in views:
        if view.findChild(FullTextTips) is None:
            FullTextTips(view)
