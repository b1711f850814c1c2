"""导出 PDF: gather one form of the year through the services and write it atomically.

Forms (as ``ziping-cli export-pdf --form``): self-eval (the province's 自评表, the national one for a
province without its own), self-eval-national (财预〔2020〕10号 附件1, for any province), targets (项目绩效目标表), dept-scorecard, project-scorecard, tables (the
province's 部门决算公开表, forms/final-accounts-*.toml) and pack (every form of the year). The project forms print one project when a code is given, else every project.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from desktop.errors import UserInputError
from desktop.printing.sheets import FinalTableSheet, PackEntry, ScorecardSheet, SelfEvaluationSheet, YearPack
from desktop.services.atomic_file import write_atomically
from desktop.services.catalogue import FormCatalogue
from desktop.services.departments import DepartmentInfo, list_departments
from desktop.services.final_tables import FinalTablesService
from desktop.services.print_scorecards import scorecard_draft_reasons, scorecard_sheet
from desktop.services.print_sheets import layout_figures, self_evaluation_sheet
from desktop.services.projects import ProjectDetail, ProjectService
from desktop.services.scoring import ScorecardResult, ScoringService
from desktop.storage.database import engine_path

if TYPE_CHECKING:
    from desktop.printing.layouts import PrintLayout

FORM_NAMES = {
    "self-eval": "项目支出绩效自评表",
    "self-eval-national": "项目支出绩效自评表（全国格式）",
    "targets": "项目绩效目标表",
    "dept-scorecard": "部门整体支出绩效评价表",
    "project-scorecard": "项目支出绩效评价表",
    "tables": "部门决算公开表",
    "pack": "年度资料汇编",
}
PROJECT_FORMS = ("self-eval", "self-eval-national", "targets", "project-scorecard")
FINAL_FORMS = ("self-eval", "self-eval-national", "pack")  # forms that are signed as final 自评表
SCORECARD_FORMS = ("dept-scorecard", "project-scorecard", "pack")  # a 待评 item makes them a draft
NATIONAL = {"self-eval-national": "self-eval"}  # printed in the national layout whatever the province


class NotFinalError(UserInputError):
    """A 自评表 or 评价表 that cannot be exported as final (待评, 合计 over the full marks) without ``draft``."""


@dataclass(frozen=True)
class ExportResult:
    path: Path
    pages: int


@dataclass(frozen=True)
class YearForm:
    """One form of the year as the window's 导出 PDF dialog lists it: ``export(form, project_code)``
    writes it; ``draft_reasons`` (as ``draft_reasons``) say why it would be a 草稿."""

    form: str
    project_code: str | None
    title: str
    file_name: str
    draft_reasons: tuple[str, ...]


_NOT_IN_FILE_NAMES = str.maketrans({character: "_" for character in '\\/:*?"<>|'})


class PdfExportService:
    def __init__(
        self, engine: Engine, *, catalogue: FormCatalogue | None = None, font_file: Path | None = None
    ):
        self._engine = engine
        self._catalogue = catalogue or FormCatalogue()
        self._projects = ProjectService(engine, self._catalogue)
        self._scoring = ScoringService(engine, self._catalogue)
        self._tables = FinalTablesService(engine, self._catalogue)
        self._font_file = font_file

    @property
    def catalogue(self) -> FormCatalogue:
        return self._catalogue

    @property
    def font_file(self) -> Path | None:
        """The TrueType file the PDFs are set in; None for the shipped font."""
        return self._font_file

    def draft_reasons(
        self, department_id: int, year: int, form: str, project_code: str | None = None
    ) -> tuple[str, ...]:
        """Why ``form`` would not be final, one line per project or scorecard item (empty when final)."""
        self._check_form(form, project_code)
        if form not in FINAL_FORMS and form not in SCORECARD_FORMS:
            return ()
        department = self._department(department_id)
        projects = (
            self._project_details(department.id, year, project_code if form != "pack" else None)
            if form in PROJECT_FORMS or form == "pack"
            else []
        )
        reasons: list[str] = []
        if form in FINAL_FORMS:
            reasons += [
                f"项目“{project.name}”：{'；'.join(project.scores.draft_reasons)}"
                for project in projects
                if project.scores.evaluated and project.scores.draft_reasons
            ]
        cards: list[ScorecardResult | None] = []
        if form in ("dept-scorecard", "pack"):
            cards.append(self._scoring.department_scorecard(department.id, year))
        if form in ("project-scorecard", "pack"):
            cards += [self._scoring.project_scorecard(project.id) for project in projects]
        for card in cards:
            if card is not None:
                reasons += scorecard_draft_reasons(card)
        return tuple(reasons)

    def year_forms(self, department_id: int, year: int) -> list[YearForm]:
        """Every form of the year that can be exported, as the 导出 PDF dialog lists them: for each
        project with a 绩效目标表 its 自评表 (the province's layout, the national one for a province
        without its own) and its 绩效目标表; each scorecard made; the 决算公开表 when the year's lines fill
        them; the year pack when there are projects."""
        department = self._department(department_id)
        template = self._catalogue.self_evaluation_template(department.province, year)
        variant = f"{template.province}格式" if template.province else "全国格式"
        projects = [self._projects.get(row.id) for row in self._projects.list(department.id, year)]
        names = [project.name for project in projects]

        def entry(form: str, project: ProjectDetail | None, title: str) -> YearForm:
            code = project.code if project is not None else None
            if project is None:
                stem = FORM_NAMES[form]
            else:
                same_name = names.count(project.name) > 1  # two files must not share a name
                stem = f"{project.name}{f'-{code}' if same_name else ''}-{FORM_NAMES[form]}"
            file_name = f"{year}年{stem}.pdf".translate(_NOT_IN_FILE_NAMES)
            return YearForm(form, code, title, file_name, self.draft_reasons(department.id, year, form, code))

        forms: list[YearForm] = []
        for project in projects:
            if project.scores.evaluated:
                forms.append(
                    entry("self-eval", project, f"{project.name}：{FORM_NAMES['self-eval']}（{variant}）")
                )
                forms.append(entry("targets", project, f"{project.name}：{FORM_NAMES['targets']}"))
            if self._scoring.project_scorecard(project.id) is not None:
                forms.append(
                    entry("project-scorecard", project, f"{project.name}：{FORM_NAMES['project-scorecard']}")
                )
        if self._scoring.department_scorecard(department.id, year) is not None:
            forms.append(entry("dept-scorecard", None, FORM_NAMES["dept-scorecard"]))
        tables = self._tables.year_tables(department.id, year)
        if tables.has_lines and not tables.problems:  # a table the lines cannot fill is said on 预算决算
            forms.append(entry("tables", None, f"{FORM_NAMES['tables']}（{len(tables.tables)} 张）"))
        if projects:
            forms.append(entry("pack", None, f"{FORM_NAMES['pack']}（以上全部表格合订）"))
        return forms

    def _check_form(self, form: str, project_code: str | None) -> None:
        if form not in FORM_NAMES:
            raise UserInputError(f"表格“{form}”不存在，可选：{'、'.join(FORM_NAMES)}")
        if project_code and form not in PROJECT_FORMS:
            raise UserInputError(f"“{FORM_NAMES[form]}”不按项目导出，请去掉项目编码")

    def export(
        self,
        department_id: int,
        year: int,
        form: str,
        out: Path,
        project_code: str | None = None,
        *,
        draft: bool = False,
    ) -> ExportResult:
        """Write ``form`` of the year to ``out`` (replaced only once the new file is complete).

        A 自评表 with a 待评 indicator or a 合计 over the full marks, or a 评价表 with a 待评
        item, is refused (``NotFinalError`` with the reasons) unless ``draft``: then every page
        says 草稿.
        """
        reasons = self.draft_reasons(department_id, year, form, project_code)
        if reasons and not draft:
            raise NotFinalError(
                f"“{FORM_NAMES[form]}”不能定稿导出：{'；'.join(reasons)}。如需先打印核对，请导出草稿"
            )
        # reportlab loads on the first export, not when the window starts
        from desktop.printing.forms import write_form
        from desktop.printing.pack import write_pack

        department = self._department(department_id)
        if form == "pack":
            pack = self._pack(department, year)
            layouts = {entry.form: self._layout(entry.form, department, year) for entry in pack.entries}
            pack_layout = self._layout("pack", department, year)
            return self._write(
                out, lambda path: write_pack(path, pack, layouts, pack_layout, font_file=self._font_file)
            )
        layout = self._layout(form, department, year)
        sheets = self._sheets(form, department, year, project_code)
        return self._write(out, lambda path: write_form(path, layout, sheets, font_file=self._font_file))

    # 数据 ------------------------------------------------------------------------------------

    def _department(self, department_id: int) -> DepartmentInfo:
        for department in list_departments(self._engine):
            if department.id == department_id:
                return department
        raise UserInputError(f"单位（编号 {department_id}）不存在")

    def _layout(self, form: str, department: DepartmentInfo, year: int) -> PrintLayout:
        """The form's layout for the department's province, its labels holding the 自评表's figures."""
        province = "" if form in NATIONAL else department.province
        layout = self._catalogue.layout(NATIONAL.get(form, form), province, year)
        return layout.filled(layout_figures(self._catalogue.self_evaluation(department.province, year)))

    def _project_details(self, department_id: int, year: int, code: str | None) -> list[ProjectDetail]:
        if code:
            project = self._projects.find(department_id, year, code)
            if project is None:
                raise UserInputError(f"{year} 年没有项目编码为“{code}”的项目")
            return [project]
        projects = [self._projects.get(row.id) for row in self._projects.list(department_id, year)]
        if not projects:
            raise UserInputError(f"{year} 年还没有项目，无法导出")
        return projects

    def _sheets(
        self, form: str, department: DepartmentInfo, year: int, code: str | None
    ) -> list[SelfEvaluationSheet] | list[ScorecardSheet] | list[FinalTableSheet]:
        if form == "dept-scorecard":
            return [self._department_scorecard(department, year)]
        if form == "tables":
            sheets = self._final_tables(department, year)
            if not sheets:
                raise UserInputError(f"{year} 年没有收入、支出等决算数据，没有“{FORM_NAMES[form]}”可导出")
            return sheets
        projects = self._project_details(department.id, year, code)
        if form == "project-scorecard":
            return self._project_scorecards(projects, required=bool(code))
        evaluated = [project for project in projects if project.scores.evaluated]
        if not evaluated:
            which = f"项目“{projects[0].name}”" if code else f"{year} 年的项目都"
            raise UserInputError(f"{which}未编制绩效目标表，不做自评，没有“{FORM_NAMES[form]}”可导出")
        final_form = form in FINAL_FORMS  # a 绩效目标表 has no results to be final about
        return [
            self_evaluation_sheet(project, draft=final_form and bool(project.scores.draft_reasons))
            for project in evaluated
        ]

    def _department_scorecard(self, department: DepartmentInfo, year: int) -> ScorecardSheet:
        result = self._department_result(department, year)
        if result is None:
            raise UserInputError(f"{year} 年还没有部门整体支出绩效评价表，请先在“评价打分”中建立")
        return result

    def _department_result(self, department: DepartmentInfo, year: int) -> ScorecardSheet | None:
        result = self._scoring.department_scorecard(department.id, year)
        if result is None:
            return None
        return scorecard_sheet(result, self._scoring.template(result.template), department.name, year)

    def _project_result(self, project: ProjectDetail) -> ScorecardSheet | None:
        result = self._scoring.project_scorecard(project.id)
        if result is None:
            return None
        template = self._scoring.template(result.template)
        return scorecard_sheet(result, template, f"{project.code}-{project.name}", project.year)

    def _project_scorecards(self, projects: list[ProjectDetail], *, required: bool) -> list[ScorecardSheet]:
        sheets = [sheet for sheet in map(self._project_result, projects) if sheet is not None]
        if not sheets:
            which = f"项目“{projects[0].name}”" if required else "本年度的项目"
            raise UserInputError(f"{which}还没有项目支出绩效评价表，请先在“评价打分”中建立")
        return sheets

    def _final_tables(self, department: DepartmentInfo, year: int) -> list[FinalTableSheet]:
        """Every table of the province's set; none for a year without 决算 lines."""
        tables = self._tables.year_tables(department.id, year)
        if not tables.has_lines:
            return []
        return [
            FinalTableSheet(department.name, year, tables.table_set.unit, table)
            for table in tables.complete()
        ]

    def _pack(self, department: DepartmentInfo, year: int) -> YearPack:
        entries: list[PackEntry] = []
        department_card = self._department_result(department, year)
        if department_card is not None:
            entries.append(PackEntry(FORM_NAMES["dept-scorecard"], "dept-scorecard", department_card))
        for project in self._project_details(department.id, year, None):
            if project.scores.evaluated:  # no 绩效目标表, no 自评表
                sheet = self_evaluation_sheet(project, draft=bool(project.scores.draft_reasons))
                entries.append(PackEntry(f"{project.name} 项目绩效目标表", "targets", sheet))
                entries.append(PackEntry(f"{project.name} 项目支出绩效自评表", "self-eval", sheet))
            project_card = self._project_result(project)
            if project_card is not None:
                entries.append(
                    PackEntry(f"{project.name} 项目支出绩效评价表", "project-scorecard", project_card)
                )
        notes: tuple[str, ...] = ()
        try:
            tables = self._final_tables(department, year)
        except (
            UserInputError
        ) as error:  # the 自评 forms are still printed; the contents page says why not these
            tables, notes = [], (f"部门决算公开表未编入：{error}",)
        entries += [PackEntry(sheet.caption, "tables", sheet) for sheet in tables]
        return YearPack(department.name, year, tuple(entries), notes)

    # 文件 ------------------------------------------------------------------------------------

    def _write(self, out: Path, render) -> ExportResult:
        from reportlab.platypus.doctemplate import LayoutError

        def write(path: Path):
            try:
                return render(path)
            except LayoutError as error:
                raise UserInputError("有一处文字过长，一个格子在一页内放不下，请缩短后再导出") from error

        result = write_atomically(out, write, database=engine_path(self._engine))
        return ExportResult(out, result.pages)
