"""The form catalogue: which 自评表 template, scorecard template and print layout a department uses.

Every file in forms/ names in its own header the kind (or form) it is, its province (empty for the
national one, the fallback for any province) and its first fiscal year; ``choose_variant`` picks
the most specific for a department's province and a year. The 决算公开 table sets are
forms/final-accounts-*.toml (``desktop.domain.final_tables``), chosen the same way. A new province or year is a new file:
nothing here names a province. The weights, titles and full marks every place shows come from
the chosen template (``SelfEvaluationFigures``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.domain.final_tables import FinalTablesError, TableSet, load_table_set
from desktop.domain.provinces import normalise_province
from desktop.domain.templates import (
    KINDS,
    SelfEvaluationFigures,
    Template,
    TemplateError,
    choose_variant,
    load_template,
    self_evaluation_figures,
)
from desktop.errors import UserInputError
from desktop.paths import FORMS

if TYPE_CHECKING:
    from desktop.printing.layouts import PrintLayout

SELF_EVALUATION, DEPARTMENT, PROJECT = "self_evaluation", "department", "project"
PRINT_LAYOUTS, TABLE_SETS = "print-", "final-accounts-"


@dataclass(frozen=True)
class OfferedForm:
    """A template a department of a province is offered for a year, as the 单位信息 dialog lists it."""

    kind: str
    template_id: str
    title: str
    province: str  # the template's: empty for the national one

    @property
    def text(self) -> str:
        return f"{KINDS[self.kind]}：{self.title}（{self.province or '全国通用'}）"


class FormCatalogue:
    """The templates and print layouts of one forms folder (the shipped forms/ unless told)."""

    def __init__(self, folder: Path = FORMS) -> None:
        self.folder = folder
        self._templates: dict[str, Template] | None = None
        self._table_sets: list[TableSet] | None = None

    def _all(self) -> dict[str, Template]:
        if self._templates is None:
            templates = {}
            for path in sorted(self.folder.glob("*.toml")):
                if path.name.startswith((PRINT_LAYOUTS, TABLE_SETS)):
                    continue
                try:
                    templates[path.stem] = load_template(path)
                except TemplateError as error:
                    raise UserInputError(str(error)) from error
            self._templates = templates
        return self._templates

    def template(self, template_id: str) -> Template:
        """A template by its file name (a scorecard keeps the id of the one it was made from)."""
        try:
            return self._all()[template_id]
        except KeyError:
            raise UserInputError(f"模板 {template_id}.toml 不在表格目录 {self.folder} 中") from None

    def find(self, template_id: str) -> Template | None:
        """The template of that file name, or None when the catalogue has none (a broken one is an error)."""
        return self._all().get(template_id)

    def choose(self, kind: str, province: str, year: int) -> Template | None:
        """The template of ``kind`` for a department of ``province`` in ``year``; None when none applies.

        A province stored short by an older import (“四川”) counts as its full name."""
        province = normalise_province(province) or province
        return choose_variant((t for t in self._all().values() if t.kind == kind), province, year)

    def self_evaluation_template(self, province: str, year: int) -> Template:
        """The 自评表 template for the province and year (the national one when it has none)."""
        template = self.choose(SELF_EVALUATION, province, year)
        if template is None:
            raise UserInputError(
                f"表格目录 {self.folder} 中没有适用于{province or '全国'} {year} 年的自评表模板"
            )
        return template

    def self_evaluation(self, province: str, year: int) -> SelfEvaluationFigures:
        """The figures of that 自评表: its headings' titles and weights, its full marks."""
        return self_evaluation_figures(self.self_evaluation_template(province, year))

    def offered(self, province: str, year: int) -> list[OfferedForm]:
        """The 自评表 and the scorecards a department of ``province`` is offered for ``year``."""
        chosen = (self.choose(kind, province, year) for kind in (SELF_EVALUATION, DEPARTMENT, PROJECT))
        return [OfferedForm(t.kind, t.id, t.title, t.province) for t in chosen if t is not None]

    def table_set(self, province: str, year: int) -> TableSet:
        """The 决算公开 table set of the province for the year (the national 9 when it has none)."""
        if self._table_sets is None:
            self._table_sets = [
                load_table_set(path) for path in sorted(self.folder.glob(f"{TABLE_SETS}*.toml"))
            ]
        chosen = choose_variant(self._table_sets, normalise_province(province) or province, year)
        if chosen is None:
            raise FinalTablesError(
                f"表格目录 {self.folder} 中没有适用于{province or '全国'} {year} 年的决算公开表套"
            )
        return chosen

    def layout(self, form: str, province: str, year: int) -> PrintLayout:
        """The print layout of ``form`` (forms/print-*.toml) for the province and year."""
        from desktop.printing.layouts import choose_layout  # reportlab loads on the first export

        return choose_layout(form, normalise_province(province) or province, year, self.folder)
