"""手工得分 and 理由 in one dialog (issue 11, observation 6): editing a 手工得分 cell of an indicator,
of the 预算执行 总额 row or of a scorecard item asks for both at once; 确定 saves both as one
step that 撤销 takes back; a score without a reason is refused inside the dialog."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop.domain.places import PROJECT_LIST, Place
from desktop.services.workspace import open_workspace
from desktop.ui.main_window import MainWindow
from desktop.ui.manual_score_dialog import ManualScoreDialog
from desktop.ui.project_models import MANUAL as EXECUTION_MANUAL
from desktop.ui.scorecard_model import MANUAL, REASON, SCORE
from tests.printing.pdf_reading import pdf_text

CHUFEI = "51090322T000000344324"  # 处非专项经费 in the sample


@pytest.fixture
def window(qtbot, sample_original, tmp_path):
    copy = tmp_path / "示例.sqlite3"
    copy.write_bytes(sample_original.read_bytes())
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(open_workspace(copy, False), open_workspace, settings)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window


def open_tab(window, title):
    titles = [window.tabs.tabText(index) for index in range(window.tabs.count())]
    window.tabs.setCurrentIndex(titles.index(title))
    return window.tabs.currentWidget()


def double_click(qtbot, view, index):
    view.scrollTo(index)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())


def the_dialog(window) -> ManualScoreDialog:
    (dialog,) = [dialog for dialog in window.findChildren(ManualScoreDialog) if dialog.isVisible()]
    return dialog


def answer(dialog: ManualScoreDialog, score: str, reason: str) -> None:
    dialog.score.setText(score)
    dialog.reason.setPlainText(reason)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


@pytest.fixture
def chufei(window):
    projects = open_tab(window, "项目绩效")
    assert projects.show_place(Place("项目绩效", PROJECT_LIST, row=CHUFEI))
    service = window.workspace.services.projects
    project = next(row for row in service.list(window.context.department_id, 2023) if row.code == CHUFEI)
    return projects, service, project.id


def test_an_indicators_manual_score_and_reason_are_asked_together(window, qtbot, chufei, tmp_path):
    projects, service, project_id = chufei
    view, model = projects.indicator_view, projects.indicator_model
    first = service.get(project_id).indicators[0]
    assert (first.manual_score, first.manual_reason) == (None, "")
    double_click(qtbot, view, model.index(0, model.column_of("手工得分")))
    dialog = the_dialog(window)
    assert dialog.windowTitle() == f"手工得分 - {first.level3}"
    assert (dialog.score.text(), dialog.reason.toPlainText()) == ("", "")

    answer(dialog, "9", "")  # no reason: refused in the dialog, nothing saved
    assert dialog.isVisible() and "手工得分须先填写调整理由" in dialog.error.text()
    assert service.get(project_id).indicators[0].manual_score is None

    answer(dialog, "9", "宣传活动少开展一次")
    assert not dialog.isVisible()
    saved = service.get(project_id).indicators[0]
    assert (saved.manual_score, saved.manual_reason) == (Decimal("9"), "宣传活动少开展一次")
    assert model.index(0, model.column_of("理由")).data() == "宣传活动少开展一次"
    out = tmp_path / "自评表.pdf"
    window.workspace.services.pdf.export(window.context.department_id, 2023, "self-eval", out, CHUFEI)
    assert f"调整说明：“{first.level3}”手工得分9.00分，理由：宣传活动少开展一次" in pdf_text(out)
    window.undo_stack.undo()  # one step takes back both
    undone = service.get(project_id).indicators[0]
    assert (undone.manual_score, undone.manual_reason) == (None, "")


def test_the_execution_score_of_the_total_row_opens_on_enter(window, qtbot, chufei):
    projects, service, project_id = chufei
    view = projects.funding_view
    view.setFocus()
    view.setCurrentIndex(projects.funding_model.index(0, EXECUTION_MANUAL))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    dialog = the_dialog(window)
    assert dialog.windowTitle() == "手工得分 - 预算执行"
    answer(dialog, "8", "年中追加预算未及时执行")
    detail = service.get(project_id)
    assert (detail.execution_manual_score, detail.execution_manual_reason) == (
        Decimal("8"),
        "年中追加预算未及时执行",
    )


def test_typing_on_a_scorecard_items_manual_score_starts_the_dialog_with_it(window, qtbot):
    scorecards = open_tab(window, "评价打分")
    view, model = scorecards.view, scorecards.model
    index = model.index_of("violations", MANUAL)
    view.setFocus()
    view.setCurrentIndex(index)
    qtbot.keyClick(view, Qt.Key.Key_9)
    dialog = the_dialog(window)
    assert dialog.windowTitle() == "手工得分 - 违规记录"
    assert dialog.score.text() == "9"
    answer(dialog, "9", "审计发现一处问题")
    assert (model.index_of("violations", MANUAL).data(), model.index_of("violations", SCORE).data()) == (
        "9.00",
        "9.00",
    )
    assert model.index_of("violations", REASON).data() == "审计发现一处问题"
    window.undo_stack.undo()
    assert model.index_of("violations", SCORE).data() == "10.00"
    assert model.index_of("violations", REASON).data() == ""
