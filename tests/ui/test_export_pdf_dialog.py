"""文件 → 导出 PDF… (issue 11, Build 8): one dialog with every form of the year, checkboxes, a
folder, the 草稿 question, PDFs written in the background and one summary naming the files."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from desktop.services.department_setup import create_department
from desktop.services.workspace import open_workspace
from desktop.ui.export_pdf_dialog import ExportPdfDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.pdf_batch import PdfBatch
from tests.printing.pdf_reading import pdf_text
from tests.services.chufei import add_chufei_project

SAMPLE_PROJECTS = (  # the sample's five projects with a 绩效目标表, in the list's order
    "接访工作（到京到蓉）工作经费",
    "处非专项经费",
    "治理重复访化解信访积案专项经费",
    "维稳专项经费",
    "租用办公场所经费",
)
WITH_SCORECARD = ("接访工作（到京到蓉）工作经费", "维稳专项经费")


def make_window(qtbot, path, tmp_path) -> MainWindow:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(open_workspace(path), open_workspace, settings)
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture
def window(qtbot, sample_path, tmp_path):
    return make_window(qtbot, sample_path, tmp_path)


def open_tab(window, title):
    titles = [window.tabs.tabText(index) for index in range(window.tabs.count())]
    window.tabs.setCurrentIndex(titles.index(title))
    return window.tabs.currentWidget()


def open_dialog(window) -> ExportPdfDialog:
    file_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "文件(&F)")
    file_menu.aboutToShow.emit()
    action = next(a for a in file_menu.actions() if a.text() == "导出 PDF…")
    assert action.isEnabled()
    action.trigger()
    (dialog,) = [d for d in window.findChildren(ExportPdfDialog) if d.isVisible()]
    return dialog


def listed(dialog) -> list[tuple[str, str, bool]]:
    model = dialog.model
    return [
        (
            model.index(row, 0).data(),
            model.index(row, 2).data(),
            model.index(row, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked,
        )
        for row in range(model.rowCount())
    ]


def check(dialog, titles) -> None:
    dialog.none_button.click()
    model = dialog.model
    for row in range(model.rowCount()):
        if model.index(row, 0).data() in titles:
            model.setData(model.index(row, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)


def run(dialog, qtbot) -> PdfBatch:
    batches = []
    dialog.started.connect(batches.append)
    dialog.export_button.click()
    qtbot.waitUntil(lambda: bool(batches), timeout=10_000)
    with qtbot.waitSignal(batches[0].done, timeout=120_000):
        pass
    return batches[0]


def sample_titles() -> list[str]:
    titles = []
    for name in SAMPLE_PROJECTS:
        titles += [f"{name}：项目支出绩效自评表（四川省格式）", f"{name}：项目绩效目标表"]
        if name in WITH_SCORECARD:
            titles.append(f"{name}：项目支出绩效评价表")
    return [*titles, "部门整体支出绩效评价表", "部门决算公开表（13 张）", "年度资料汇编（以上全部表格合订）"]


def test_every_form_of_the_year_is_listed_on_a_tab_without_a_form_of_its_own(window):
    open_tab(window, "信访登记")
    dialog = open_dialog(window)
    assert [title for title, _status, _checked in listed(dialog)] == sample_titles()
    assert len(sample_titles()) == 5 * 2 + 2 + 1 + 1 + 1
    assert all(status == "可定稿" and checked for _title, status, checked in listed(dialog))
    dialog.none_button.click()
    assert not any(checked for *_rest, checked in listed(dialog))
    dialog.all_button.click()
    assert all(checked for *_rest, checked in listed(dialog))
    assert dialog.model.index(1, 1).data() == "2023年接访工作（到京到蓉）工作经费-项目绩效目标表.pdf"


def test_the_current_tabs_form_comes_checked(window):
    projects = open_tab(window, "项目绩效")
    model = projects.project_model
    row = next(r for r in range(model.rowCount()) if model.index(r, 1).data() == "维稳专项经费")
    projects.project_view.setCurrentIndex(model.index(row, 1))
    dialog = open_dialog(window)
    assert [title for title, _status, checked in listed(dialog) if checked] == [
        "维稳专项经费：项目支出绩效自评表（四川省格式）"
    ]


def test_two_checked_forms_give_exactly_two_pdfs_named_in_one_message(window, qtbot, tmp_path):
    folder = tmp_path / "U盘"
    folder.mkdir()
    dialog = open_dialog(window)
    check(dialog, {"处非专项经费：项目支出绩效自评表（四川省格式）", "维稳专项经费：项目绩效目标表"})
    dialog.folder.setText(str(folder))
    batch = run(dialog, qtbot)

    files = sorted(path.name for path in folder.iterdir())
    assert files == ["2023年处非专项经费-项目支出绩效自评表.pdf", "2023年维稳专项经费-项目绩效目标表.pdf"]
    self_evaluation = pdf_text(folder / files[0])
    assert "处非专项经费" in self_evaluation and "85.00" in self_evaluation and "131.65" in self_evaluation
    assert "维稳专项经费" in pdf_text(folder / files[1])
    assert batch.message.text() == (
        f"已导出 2 个文件到 {folder}：\n"
        "  2023年处非专项经费-项目支出绩效自评表.pdf（2 页）\n"
        "  2023年维稳专项经费-项目绩效目标表.pdf（1 页）"
    )
    assert "打开所在文件夹" in [b.text() for b in batch.message.buttons()]
    assert window.settings.value("export/folder") == str(folder)  # offered again next time


def test_a_missing_folder_or_nothing_checked_is_said_and_nothing_written(window, tmp_path):
    dialog = open_dialog(window)
    dialog.folder.setText(str(tmp_path / "没有这个文件夹"))
    dialog.export_button.click()
    assert [box.text() for box in dialog.findChildren(QMessageBox)] == [
        f"保存位置“{tmp_path / '没有这个文件夹'}”不是一个存在的文件夹"
    ]
    dialog.findChildren(QMessageBox)[0].done(0)
    dialog.none_button.click()
    dialog.folder.setText(str(tmp_path))
    dialog.export_button.click()
    assert "请至少勾选一张表格" in [box.text() for box in dialog.findChildren(QMessageBox)]
    assert dialog.isVisible() and not list(tmp_path.glob("*.pdf"))


def test_a_draft_form_says_why_and_is_written_as_a_draft_only_after_asking(window, qtbot, tmp_path):
    scoring = window.workspace.services.scoring
    card = scoring.department_scorecard(window.context.department_id, 2023)
    scoring.set_input(card.scorecard_id, "rectification", "findings", "")  # 结果整改 cannot be scored
    dialog = open_dialog(window)
    reason = f"评价表“{card.title}”：“结果整改”待评（缺少“发现问题数”，无法计算得分）"
    statuses = {title: status for title, status, _checked in listed(dialog)}
    assert statuses["部门整体支出绩效评价表"] == f"草稿：{reason}"
    assert statuses["维稳专项经费：项目绩效目标表"] == "可定稿"
    check(dialog, {"部门整体支出绩效评价表", "维稳专项经费：项目绩效目标表"})
    dialog.folder.setText(str(tmp_path))

    batches = []
    dialog.started.connect(batches.append)
    dialog.export_button.click()
    (question,) = [box for box in dialog.findChildren(QMessageBox) if box.isVisible()]
    assert question.windowTitle() == "未定稿" and f"部门整体支出绩效评价表：{reason}" in question.text()
    next(button for button in question.buttons() if button.text() == "只导出定稿的").click()
    qtbot.waitUntil(lambda: bool(batches), timeout=10_000)
    with qtbot.waitSignal(batches[0].done, timeout=120_000):
        pass
    assert sorted(path.name for path in tmp_path.glob("*.pdf")) == ["2023年维稳专项经费-项目绩效目标表.pdf"]

    dialog = open_dialog(window)
    check(dialog, {"部门整体支出绩效评价表"})
    dialog.folder.setText(str(tmp_path))
    batches.clear()
    dialog.started.connect(batches.append)
    dialog.export_button.click()
    (question,) = [box for box in dialog.findChildren(QMessageBox) if box.isVisible()]
    next(button for button in question.buttons() if button.text() == "导出草稿").click()
    qtbot.waitUntil(lambda: bool(batches), timeout=10_000)
    with qtbot.waitSignal(batches[0].done, timeout=120_000):
        pass
    assert "草稿" in pdf_text(tmp_path / "2023年部门整体支出绩效评价表.pdf")


def test_a_department_of_another_province_lists_the_national_forms_and_no_scorecards(
    qtbot, engine, db_path, tmp_path
):
    add_chufei_project(engine, province="湖北省")
    engine.dispose()
    window = make_window(qtbot, db_path, tmp_path)
    dialog = open_dialog(window)
    assert [title for title, _status, _checked in listed(dialog)] == [
        "处非专项经费：项目支出绩效自评表（全国格式）",
        "处非专项经费：项目绩效目标表",
        "年度资料汇编（以上全部表格合订）",
    ]
    check(dialog, {"处非专项经费：项目支出绩效自评表（全国格式）"})
    dialog.folder.setText(str(tmp_path))
    run(dialog, qtbot)
    text = pdf_text(tmp_path / "2023年处非专项经费-项目支出绩效自评表.pdf")
    assert "处非专项经费" in text and "131.65" in text


def test_files_of_the_same_names_are_replaced_only_when_the_clerk_says_so(window, qtbot, tmp_path):
    name = "2023年处非专项经费-项目绩效目标表.pdf"
    (tmp_path / name).write_bytes(b"an older export")
    dialog = open_dialog(window)
    check(dialog, {"处非专项经费：项目绩效目标表", "维稳专项经费：项目绩效目标表"})
    dialog.folder.setText(str(tmp_path))
    dialog.export_button.click()
    (question,) = [box for box in dialog.findChildren(QMessageBox) if box.isVisible()]
    assert question.text() == f"文件夹“{tmp_path}”中已有 1 个同名文件：\n{name}\n\n是否替换？"
    question.button(QMessageBox.StandardButton.Cancel).click()
    assert (tmp_path / name).read_bytes() == b"an older export"
    assert sorted(path.name for path in tmp_path.glob("*.pdf")) == [name] and dialog.isVisible()

    batches = []
    dialog.started.connect(batches.append)
    dialog.export_button.click()
    (question,) = [box for box in dialog.findChildren(QMessageBox) if box.isVisible()]
    next(button for button in question.buttons() if button.text() == "替换").click()
    with qtbot.waitSignal(batches[0].done, timeout=120_000):
        pass
    assert (tmp_path / name).read_bytes().startswith(b"%PDF") and "处非专项经费" in pdf_text(tmp_path / name)
    assert len(list(tmp_path.glob("*.pdf"))) == 2


def test_a_year_without_forms_says_where_they_come_from(qtbot, engine, db_path, tmp_path):
    create_department(engine, "黄州区财政局", province="湖北省")  # a 单位 with nothing entered yet
    engine.dispose()
    window = make_window(qtbot, db_path, tmp_path)
    dialog = open_dialog(window)
    assert dialog.model.rowCount() == 0
    heading = dialog.findChild(QLabel, "heading").text()
    assert heading.endswith("年度还没有可导出的表格：请先在“项目绩效”建立项目，或在“评价打分”建立评价表")
