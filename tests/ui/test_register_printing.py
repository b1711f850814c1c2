"""打印列表, 导出列表 and the statistics page of the 信访登记 tab (issue 11, Build 4), driven through
the tab's buttons and the real print dialog path, on a hand-made 广东 register (not the sample):
five matters whose figures are counted by hand below, and visits in 2023 and 2024."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import Qt, QThreadPool, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from sqlmodel import Session

from desktop.domain.petitions import Matter, VisitBatch
from desktop.services.container import build_services
from desktop.services.register import RegisterService
from desktop.storage import models as M
from desktop.storage.database import open_database
from desktop.ui.context import WorkContext
from desktop.ui.register_tab import RegisterTab
from tests.printing.pdf_reading import font_problems, page_texts, pdf_text
from tests.ui import test_print_actions as print_actions

window = print_actions.window  # the sample in the main window, as test_print_actions opens it

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_number(serial: int) -> str:
    """A valid 广州市越秀区 ID number (GB 11643 check digit), born 1970-01-01."""
    body = f"44010419700101{serial:03d}"
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, WEIGHTS, strict=True)) % 11]


def number(serial: int) -> str:
    return f"越信〔2024〕{serial:04d}号"


def matter(serial: int, registered: date, channel: str, **dates) -> Matter:
    return Matter(
        number=number(serial), registered_on=registered, channel=channel, petitioner_name=f"信访人{serial}",
        id_number=id_number(serial), phone=f"1380000{serial:04d}", locality="北京街道",
        summary=f"第 {serial} 件", **dates,
    )  # fmt: skip


# A on time; B 受理 late (deadline 2024-04-16); C and D 办结 late (deadlines 07-07 and 08-04); E still open
FIVE = (
    matter(1, date(2024, 3, 1), "来信", accepted_on=date(2024, 3, 5), closed_on=date(2024, 4, 10),
           in_evaluation_scope=True, satisfaction="满意"),
    matter(2, date(2024, 4, 1), "来访", accepted_on=date(2024, 4, 30), closed_on=date(2024, 5, 20),
           in_evaluation_scope=True, satisfaction="基本满意"),
    matter(3, date(2024, 5, 6), "网上", accepted_on=date(2024, 5, 8), closed_on=date(2024, 8, 1),
           in_evaluation_scope=True),
    matter(4, date(2024, 6, 3), "来电", accepted_on=date(2024, 6, 5), closed_on=date(2024, 9, 30),
           in_evaluation_scope=True, satisfaction="不满意"),
    matter(5, date(2024, 12, 20), "来信"),
)  # fmt: skip
VISITS = (
    VisitBatch(date(2024, 2, 1), "到区", 3),
    VisitBatch(date(2024, 7, 1), "到区", 6, collective=True),
    VisitBatch(date(2024, 8, 1), "到市", 2),
    VisitBatch(date(2023, 9, 1), "到区", 4),
)


@pytest.fixture
def engine(tmp_path):
    engine = open_database(tmp_path / "越秀.sqlite3", create=True)
    yield engine
    engine.dispose()


@pytest.fixture
def department_id(engine) -> int:
    with Session(engine) as session:
        department = M.Department(name="广州市越秀区信访局", province="广东省", region="广州市越秀区")
        session.add(department)
        session.commit()
        department_id = department.id
    service = RegisterService(engine)
    for record in FIVE:
        service.save(department_id, record)
    for visit in VISITS:
        service.save_visit(department_id, visit)
    return department_id


@pytest.fixture
def tab(qtbot, engine, department_id):
    widget = RegisterTab(build_services(engine), WorkContext(department_id, 2024), QUndoStack())
    qtbot.addWidget(widget)
    settle(qtbot, widget)
    yield widget
    QThreadPool.globalInstance().waitForDone()


def settle(qtbot, tab) -> None:
    qtbot.waitUntil(lambda: not tab.busy, timeout=20000)


def print_to(monkeypatch, out):
    """The clerk picks 打印到文件 (PDF) in the print dialog and presses 打印."""
    asked = []

    def accept_to_file(dialog):
        asked.append(dialog.windowTitle())
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(out))
        return QPrintDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept_to_file)
    return asked


def messages(tab) -> list[str]:
    return [box.text() for box in tab.findChildren(QMessageBox)]


def add_late_matters(engine, department_id) -> list[str]:
    """36 more matters closed 70 days after 受理 (10 days late): the 超期办结 list runs over pages."""
    service = RegisterService(engine)
    for serial in range(6, 42):
        registered = date(2024, 1, 2) + timedelta(days=serial)
        service.save(
            department_id,
            matter(
                serial, registered, "来信", accepted_on=registered, closed_on=registered + timedelta(days=70)
            ),
        )
    return [number(serial) for serial in range(6, 42)]


def test_printing_the_late_list_prints_exactly_its_matters_masked_with_the_header_on_every_page(
    tab, qtbot, engine, department_id, tmp_path, monkeypatch
):
    late = sorted([number(3), number(4), *add_late_matters(engine, department_id)])
    tab.reload()
    tab.status.setCurrentText("超期办结")
    settle(qtbot, tab)
    assert tab.count_label.text() == "共 38 件"
    out = tmp_path / "超期办结.pdf"
    asked = print_to(monkeypatch, out)
    tab.print_list_button.click()
    qtbot.waitUntil(lambda: out.exists() or bool(messages(tab)), timeout=60_000)
    assert messages(tab) == [] and asked == ["打印信访事项清单"]
    pages = page_texts(out)
    text = "".join(pages)
    assert sorted(re.findall(r"越信〔2024〕\d{4}号", text)) == late  # each once, and no other
    assert "单位：广州市越秀区信访局" in text and "筛选条件：状态超期办结共38件" in text
    assert f"打印日期：{date.today()}" in text
    assert re.search(r"\d{17}[\dX]", text) is None  # no ID number in full
    assert "440104********" + id_number(3)[-4:] in text and "138****0003" in text
    assert len(pages) >= 2 and pages[1].startswith("序号编号登记日期信访形式信访人身份证号")
    assert pages[1].endswith(f"第2页共{len(pages)}页")
    assert len(PdfReader(out).pages) == len(pages)
    assert font_problems(out) == []  # the CJK font embedded, no other font referenced


def test_the_list_follows_the_search_and_the_sort_and_is_exported_with_the_same_rows(
    tab, qtbot, tmp_path, monkeypatch
):
    tab.find_text("信访人")  # every matter; the table sorted by 编号, newest first
    tab.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    settle(qtbot, tab)
    out = tmp_path / "清单.pdf"
    print_to(monkeypatch, out)
    tab.print_list_button.click()
    qtbot.waitUntil(lambda: out.exists() or bool(messages(tab)), timeout=60_000)
    printed = re.findall(r"越信〔2024〕\d{4}号", pdf_text(out))
    assert printed == [number(serial) for serial in (5, 4, 3, 2, 1)]
    assert "筛选条件：含“信访人”共5件" in pdf_text(out)

    workbook_path = tmp_path / "清单"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(workbook_path), ""))
    tab.export_list_button.click()
    settle(qtbot, tab)
    assert messages(tab) == [f"已导出 5 件信访事项到 {workbook_path}.xlsx"]
    rows = list(load_workbook(f"{workbook_path}.xlsx").active.iter_rows(values_only=True))
    assert rows[0][0] == "广州市越秀区信访局 信访事项清单"
    assert rows[2][:7] == ("序号", "编号", "登记日期", "信访形式", "信访人", "身份证号", "联系电话")
    assert [row[1] for row in rows[3:]] == printed
    four = rows[4]  # 越信〔2024〕0004号: accepted 06-05, 办结期限 08-04, closed 09-30
    assert four[:7] == ("2", number(4), "2024-06-03", "来电", "信访人4", "440104********" + id_number(4)[-4:],
                        "138****0004")  # fmt: skip
    assert four[-4:] == ("2024-06-05", "2024-08-04", "2024-09-30", "已办结（超期办结）")


def test_the_statistics_page_prints_the_figures_the_panel_shows(tab, qtbot, tmp_path, monkeypatch):
    # counted by hand as of 2024-12-31: 受理 due A B C D (E's deadline 2025-01-04), on time A C D: 3/4;
    # 办结 due A B C D, on time A B: 2/4; 参评 A B D of the 4 in scope: 3/4; 满意 A of 3: 33.33%
    panel = tab.statistics.text()
    assert "及时受理率 75.00%　按期办结率 50.00%　参评率 75.00%　满意率 33.33%" in panel
    assert "信访事项 5 件：来信 2、来访 1、网上 1、来电 1" in panel
    # 到区 2024: 3 + 6 persons, 6 a 集访; 2023: one batch of 4 → +100.00% batches, +125.00% persons
    assert "到区 2 批 9 人次，其中集访 1 批 6 人次；上年同期 1 批 4 人次" in panel
    assert "同比批次 +100.00%、人次 +125.00%" in panel
    out = tmp_path / "统计.pdf"
    asked = print_to(monkeypatch, out)
    tab.statistics.print_button.click()
    qtbot.waitUntil(lambda: out.exists() or bool(messages(tab)), timeout=60_000)
    assert messages(tab) == [] and asked == ["打印信访登记统计（三率一度）"]
    text = pdf_text(out)
    assert "广州市越秀区信访局信访登记统计（三率一度）" in text
    assert "统计范围：2024-01-01至2024-12-31登记的全部信访事项" in text
    assert "及时受理率按时受理3应受理475.00%" in text
    assert "按期办结率按期办结2应办结450.00%" in text
    assert "参评率参评3纳入满意度评价475.00%" in text
    assert "满意率满意1参评333.33%" in text
    assert "件数211151" in text  # 来信 来访 网上 来电, 合计 5, 1 not yet due
    assert "到区29161400+100.00%+125.00%——" in text  # 同比 of 集访 has no base
    assert "到市12000000————" in text  # 1 batch of 2, none the year before: no 同比


def test_the_statistics_of_a_filter_are_exported_with_their_scope(tab, qtbot, tmp_path, monkeypatch):
    tab.channel.setCurrentText("来信")
    settle(qtbot, tab)
    # 来信: A (on time throughout, 满意) and E (nothing due yet)
    assert "及时受理率 100.00%　按期办结率 100.00%　参评率 100.00%　满意率 100.00%" in tab.statistics.text()
    out = tmp_path / "来信统计"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(out), ""))
    tab.statistics.export_button.click()
    qtbot.waitUntil(lambda: bool(messages(tab)), timeout=60_000)  # the file is there a moment before
    assert messages(tab) == [f"已导出 {out}.pdf（共 1 页）"]
    text = pdf_text(out.with_suffix(".pdf"))
    assert "登记的信访事项（信访形式来信）" in text and "件数20002" in text


def test_the_list_preview_shows_its_pages(tab, qtbot, engine, department_id):
    add_late_matters(engine, department_id)
    tab.reload()
    settle(qtbot, tab)
    seen = []

    def look():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QPrintPreviewDialog):
            timer.stop()
            seen.append((dialog.windowTitle(), dialog.findChild(QPrintPreviewWidget).pageCount()))
            dialog.reject()

    timer = QTimer()
    timer.timeout.connect(look)
    timer.start(50)
    tab.preview_list_button.click()
    qtbot.waitUntil(lambda: bool(seen) or bool(messages(tab)), timeout=60_000)
    timer.stop()
    assert seen and seen[0][0] == "打印预览 - 信访事项清单" and seen[0][1] >= 3  # 41 matters


def test_a_period_without_statistics_has_nothing_to_print(tab, qtbot, monkeypatch):
    tab.start.setDate(tab.start.date().fromString("2022-01-01", "yyyy-MM-dd"))
    tab.end.setDate(tab.end.date().fromString("2022-12-31", "yyyy-MM-dd"))
    settle(qtbot, tab)
    assert "广州市越秀区信访局 2022 年没有信访数据" in tab.statistics.text()
    monkeypatch.setattr(QPrintDialog, "exec", lambda _dialog: pytest.fail("nothing to print"))
    tab.statistics.print_button.click()
    assert messages(tab) == ["统计尚未完成或本期没有信访数据，没有可打印的统计"]


def test_the_file_menus_print_on_the_register_prints_the_list_it_shows(window, qtbot, tmp_path, monkeypatch):
    tab = print_actions.open_tab(window, "信访登记")  # the sample's window
    tab.channel.setCurrentText("来访")
    settle(qtbot, tab)
    out = tmp_path / "来访.pdf"
    asked = print_to(monkeypatch, out)
    action = print_actions.file_action(window, "打印…")
    assert action.isEnabled()
    action.trigger()
    qtbot.waitUntil(lambda: out.exists() or bool(print_actions.messages(window)), timeout=60_000)
    assert asked == ["打印信访事项清单"]
    text = pdf_text(out)
    assert "筛选条件：信访形式来访共163件" in text  # the sample's 163 来访 of 2023
    assert len(re.findall(r"船信〔2023〕\d{4}号", text)) == 163
