"""Qt's own texts in Chinese: the standard buttons (确定, 取消, 是, 否, 关闭…), the file, print and
print-preview dialogs, the context menus of text fields. The translations are the ``qtbase_zh_CN``
catalogue that ships with PySide6 (QLibraryInfo's TranslationsPath, in the frozen program too).

File dialogs are Qt's own, not the system's: a native dialog on Linux (GTK, KDE portal) follows
the desktop's language, not this program's, and would show English on an English desktop.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator

CATALOGUE = "qtbase"
CHINESE = QLocale(QLocale.Language.Chinese, QLocale.Country.China)

log = logging.getLogger(__name__)


def speak_chinese(app: QCoreApplication) -> QTranslator | None:
    """Install Qt's zh_CN translations on ``app`` and use Qt's (translated) file dialogs; the
    installed translator, or None (logged) when the catalogue is missing from the Qt folder."""
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    if not translator.load(CHINESE, CATALOGUE, "_", folder):
        log.warning("Qt 的中文翻译 %s_zh_CN.qm 不在 %s，对话框按钮将显示英文", CATALOGUE, folder)
        return None
    app.installTranslator(translator)
    return translator
