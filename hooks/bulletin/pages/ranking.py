"""The columns of the ranking table (通报), declared once.

The notice's table on the page, its CSV file and ``bulletin stats`` (table, CSV, JSON)
all read their columns from ``COLUMNS``: a column has one key, one heading and one way
of reading its value from a ranked row, wherever it is shown. The page and the terminal
table lead with the rank and show the ranking group by group under the group's heading;
the data files (CSV, JSON) list every unit's key and kind and end with the rank. Every
file has every column of the page; a month or year with a submissions ledger adds 报送, 被采用 and
采用率 (items received, adopted of them, and the rate: bulletin.read.submissions), and a
period in which 紧急信息 events occurred adds their figures (events, reports on time, late and
missing, events the office learned of first, and their points, which are part of 得分).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from bulletin.figures.scoring import Figures, Group, Row
from bulletin.figures.timeliness import UnitTimeliness
from bulletin.labels import format_points, format_rate
from bulletin.model import COUNTY_KINDS

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet reads as the start of a formula
MONTH, YEAR, ANY = "month", "year", "any"  # which rankings have a column: monthly, annual (and quarterly), both
NOT_APPLICABLE = "—"


def read_year_to_date(row: Row) -> Figures:
    """The year-to-date figures of a monthly notice's row."""
    if row.to_date is None:
        raise ValueError(f"{row.figures.unit.key}: a monthly ranking row has the year's figures to date")
    return row.to_date


def read_timeliness(row: Row) -> UnitTimeliness:
    """The row's 紧急信息 figures for the period (zeros for a unit without an event)."""
    return row.figures.emergency or UnitTimeliness(row.figures.unit.key, 0, 0, 0, 0, 0, 0)


def read_accepted(row: Row) -> str:
    """被采用: the items received that were adopted (采用 or 上级采用); for a month with only an old
    count, the reports published (what its 采用率 has always been computed from)."""
    figures = row.figures
    return str(figures.adopted if figures.accepted is None else figures.accepted)


@dataclass(frozen=True)
class Column:
    key: str  # its name in the CSV and JSON files
    heading: str  # its heading on the page and in the terminal
    read: Callable[[Row], str]  # the value as text
    ranking: str = ANY  # MONTH, YEAR or ANY
    numeric: bool = True  # numbers are right-aligned
    on_page: bool = True
    in_files: bool = True  # the CSV and JSON files and the terminal table
    ledger: bool = False  # only for a month with a submissions ledger
    counties_only: bool = False  # the page shows it for counties (县（区）) only; the files for every unit
    emergency: bool = False  # only for a period in which 紧急信息 events occurred

    def value(self, row: Row) -> str | int | float | None:
        """The value for JSON: a number as the number the page shows (points rounded as there,
        a rate in per cent), text as text, no rate (—) as null."""
        text = self.read(row)
        if not self.numeric:
            return text
        if text == NOT_APPLICABLE:
            return None
        number = text.removesuffix("%")
        return float(number) if "." in number else int(number)

    def show(self, row: Row) -> str:
        """The value as the page shows it."""
        if self.counties_only and row.figures.unit.kind not in COUNTY_KINDS:
            return NOT_APPLICABLE
        return self.read(row)


def ledger_columns(ranking: str) -> tuple[Column, ...]:
    """The submissions ledger's columns (收稿登记): items received, adopted of them, the rate."""
    return (
        Column("submitted", "报送", lambda row: str(row.figures.submitted or 0), ranking, ledger=True),
        Column("submissions_adopted", "被采用", read_accepted, ranking, ledger=True),
        Column("rate", "采用率", lambda row: format_rate(row.figures.rate), ranking, ledger=True),
    )


RANK = Column("rank", "名次", lambda row: str(row.rank))

# In the order of the data files; the page moves RANK to the front.
COLUMNS = (
    Column("unit", "单位代码", lambda row: row.figures.unit.key, numeric=False, on_page=False),
    Column("name", "单位", lambda row: row.figures.unit.name, numeric=False),
    Column("kind", "类别", lambda row: row.figures.unit.kind, numeric=False, on_page=False),
    # a month, with the year to date
    Column("adopted_month", "本月采用", lambda row: str(row.figures.adopted), MONTH),
    Column("adopted_ytd", "本年累计采用", lambda row: str(read_year_to_date(row).adopted), MONTH),
    Column("points_month", "本月得分", lambda row: format_points(row.figures.points), MONTH),
    Column("points_ytd", "本年累计得分", lambda row: format_points(read_year_to_date(row).points), MONTH),
    Column("instructions_month", "领导批示", lambda row: str(row.figures.instructions), MONTH),
    Column("higher_adoptions_month", "上级采用", lambda row: str(row.figures.higher), MONTH),
    Column("linked_points_month", "关联得分", lambda row: format_points(row.figures.linked), MONTH, counties_only=True),
    *ledger_columns(MONTH),
    # a year or a quarter
    Column("adopted", "采用", lambda row: str(row.figures.adopted), YEAR),
    Column("points", "得分", lambda row: format_points(row.figures.points), YEAR),
    Column("instructions", "领导批示", lambda row: str(row.figures.instructions), YEAR),
    Column("higher_adoptions", "上级采用", lambda row: str(row.figures.higher), YEAR),
    Column("linked_points", "关联得分", lambda row: format_points(row.figures.linked), YEAR, counties_only=True),
    *ledger_columns(YEAR),
    # 紧急信息, a month or a year (its points are part of 得分)
    Column("emergency_events", "紧急事件", lambda row: str(read_timeliness(row).events), emergency=True),
    Column("emergency_on_time", "按时", lambda row: str(read_timeliness(row).on_time), emergency=True),
    Column("emergency_late", "迟报", lambda row: str(read_timeliness(row).late), emergency=True),
    Column("emergency_missing", "缺报", lambda row: str(read_timeliness(row).missing), emergency=True),
    Column(
        "emergency_office_first", "先于报告获知", lambda row: str(read_timeliness(row).office_first), emergency=True
    ),
    Column("emergency_points", "紧急信息得分", lambda row: str(read_timeliness(row).points), emergency=True),
    RANK,
)


def select_columns(monthly: bool, *, page: bool, ledger: bool = False, emergency: bool = False) -> tuple[Column, ...]:
    """The columns of a monthly (else annual or quarterly) ranking, on the page or in the data
    files; ``emergency``: the period has 紧急信息 events."""
    chosen = [
        column
        for column in COLUMNS
        if column.ranking in (ANY, MONTH if monthly else YEAR)
        and (column.on_page if page else column.in_files)
        and (ledger or not column.ledger)
        and (emergency or not column.emergency)
    ]
    if page:
        chosen.sort(key=lambda column: column is not RANK)  # stable: the rest keep their order
    return tuple(chosen)


def read_ranking_rows(groups: Iterable[Group], columns: tuple[Column, ...]) -> list[tuple[str, ...]]:
    """The ranking as rows of text in the order of ``columns``, group after group."""
    return [tuple(column.read(row) for column in columns) for group in groups for row in group.rows]


_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def keep_as_text(cell: str) -> str:
    """A cell a spreadsheet would run as a formula (a unit named ``=cmd…``, ``@SUM(…)``,
    ``-2+3``) with a leading ' that keeps it text (OWASP's rule for CSV injection); a number,
    negative or not, stays a number. Every CSV file and ``bulletin stats --format csv``
    writes its cells through this one function (:func:`write_csv`)."""
    if cell.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def render_csv(columns: tuple[Column, ...], rows: list[tuple[str, ...]]) -> str:
    """CSV text with the columns' keys as header (CRLF line ends, as spreadsheets expect)."""
    return write_csv([column.key for column in columns], rows)


def write_csv(header: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """CSV text: the header, then the rows with every cell through :func:`keep_as_text` (CRLF
    line ends, as spreadsheets expect). Every CSV file of the site is written here."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([keep_as_text(cell) for cell in row] for row in rows)
    return out.getvalue()
