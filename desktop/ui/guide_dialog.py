"""帮助 → 使用说明 (F1): the Chinese user guide that ships with Ziping (resources/guide/), shown
offline in a ``QTextBrowser`` with its screenshots; links inside the guide move within it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from desktop.paths import GUIDE


class GuideDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, guide: Path = GUIDE) -> None:
        super().__init__(parent)
        self.setWindowTitle("使用说明 — 自评 Ziping")
        self.browser = QTextBrowser(objectName="guide")
        self.browser.setOpenExternalLinks(False)
        self.browser.setSource(QUrl.fromLocalFile(str(guide)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(980, 720)

    def headings(self) -> list[str]:
        """The guide's section titles (its ``<h2>``), as the reader sees them."""
        document = self.browser.document()
        block, found = document.begin(), []
        while block.isValid():
            if block.blockFormat().headingLevel() == 2:
                found.append(block.text())
            block = block.next()
        return found

    def images(self) -> dict[str, bool]:
        """Every picture of the guide, and whether it was found and loaded (False: a blank box)."""
        document = self.browser.document()
        block, found = document.begin(), {}
        while block.isValid():
            fragments = block.begin()
            while not fragments.atEnd():
                fragment_format = fragments.fragment().charFormat()
                if fragment_format.isImageFormat():
                    name = fragment_format.toImageFormat().name()
                    image = document.resource(QTextDocument.ResourceType.ImageResource.value, QUrl(name))
                    found[name] = image is not None and not getattr(image, "isNull", lambda: False)()
                fragments += 1
            block = block.next()
        return found
