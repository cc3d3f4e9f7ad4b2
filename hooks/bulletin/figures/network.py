"""The information network (信息网络): each county's towns and streets and its direct-reporting
points as a tree, what each point sent this year, the points gone silent, and coverage.

Pure functions of the archive and the build date (the page: :mod:`bulletin.pages.network`).

- **Tree.** Under each county, district or zone: its towns and streets in the order of its
  ``towns`` list, each with its town point when it has one (a town without a point is
  listed too, as 未设点); under a town the villages, communities and enterprises whose parent
  is its point or who name it with ``town``; then the town points of an area without a list,
  then the points directly under the area, then its correspondents. Correspondents without
  a parent are the city's own.
- **This year's figures.** A point's items received in the build date's year up to the build
  date (``received``) and those of them adopted (采用 or 上级采用, ``adopted``). A month of
  the old monthly ledgers (``reports/submissions/<YYYY>-<MM>.yml``, a count per unit) adds
  its count to ``received`` and stands for its last day as an item received.
- **Silent (长期未报送).** With N = ``extra.bulletin.network.silent_months`` (default 3), the
  window starts on the first day of the N-th calendar month before the build date's month
  (build date 2026-11-30, N = 3: 2026-08-01) and ends on the build date. A point or
  correspondent is silent when it received nothing in the window — unless it became a point
  (``since``) after the window's first day: it has not yet had N full months to send.
- **Coverage.** Towns and streets with a town point / towns and streets listed, per area;
  the city's adds up the areas that list their towns (an area without a list has no figure).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from fractions import Fraction

from bulletin.model import AREA_KINDS, LOCAL_POINT_KINDS, MEMBER_KINDS, Archive, Submission, Unit

Month = tuple[int, int]


@dataclass(frozen=True)
class Activity:
    """What a point or correspondent sent: this year, and the last item ever (up to the build date)."""

    received: int = 0  # items received this year
    adopted: int = 0  # of them adopted (采用 or 上级采用)
    last: dt.date | None = None  # the last item received; None: none on record
    silent: bool = False  # nothing received in the window (see the module's docstring)

    @property
    def rate(self) -> Fraction | None:
        """采用率 this year; None without an item."""
        return Fraction(self.adopted, self.received) if self.received else None


@dataclass(frozen=True)
class Node:
    """One line of an area's tree: a point (``unit``) or a town without a point (``unit`` None)."""

    name: str  # the point's name, or the town's for a town without a point
    unit: Unit | None = None
    town: str | None = None  # the town or street of the area's list it is (or lies in)
    activity: Activity | None = None  # None for a town without a point
    children: tuple[Node, ...] = ()
    depth: int = 0  # 0: under the area; 1: under a town

    @property
    def is_point(self) -> bool:
        return self.unit is not None


@dataclass(frozen=True)
class Coverage:
    towns: int  # towns and streets listed
    points: int  # of them, with a town point

    @property
    def ratio(self) -> Fraction | None:
        """points / towns; None when no town is listed."""
        return Fraction(self.points, self.towns) if self.towns else None


@dataclass(frozen=True)
class AreaNetwork:
    area: Unit
    coverage: Coverage  # towns 0: the area lists no towns
    tree: tuple[Node, ...]  # towns (with their points), unlisted town points, points directly under it
    correspondents: tuple[Node, ...]

    @property
    def points(self) -> int:
        """Its direct-reporting points (town, village, community, enterprise)."""
        return sum(1 for node in walk_nodes(self.tree) if node.is_point)


@dataclass(frozen=True)
class Network:
    year: int
    as_of: dt.date
    silent_months: int
    window_start: dt.date  # the first day of the silent window
    areas: tuple[AreaNetwork, ...]  # counties and districts, then zones with points or towns, by key
    city_correspondents: tuple[Node, ...]  # correspondents without a parent
    coverage: Coverage  # the city: the areas that list their towns

    def every_node(self) -> list[tuple[Unit | None, Node]]:
        """Every point and correspondent with its area (None: the city's own), in page order."""
        out: list[tuple[Unit | None, Node]] = []
        for area in self.areas:
            out += [(area.area, node) for node in walk_nodes(area.tree) if node.is_point]
            out += [(area.area, node) for node in area.correspondents]
        out += [(None, node) for node in self.city_correspondents]
        return out

    def silent(self) -> list[tuple[Unit | None, Node]]:
        return [(area, node) for area, node in self.every_node() if node.activity and node.activity.silent]


def walk_nodes(nodes: Iterable[Node]) -> Iterable[Node]:
    """Every node of a tree, each before its children."""
    for node in nodes:
        yield node
        yield from walk_nodes(node.children)


def find_window_start(as_of: dt.date, months: int) -> dt.date:
    """The first day of the ``months``-th calendar month before ``as_of``'s month."""
    index = as_of.year * 12 + (as_of.month - 1) - months
    return dt.date(index // 12, index % 12 + 1, 1)


def measure_activity(
    unit: Unit, items: list[Submission], counts: list[tuple[Month, int]], as_of: dt.date, window_start: dt.date
) -> Activity:
    """A point's figures from its items and its months counted in the old monthly ledgers
    (``counts``: a month and how many it sent, adoptions unknown), as of the build date. A
    counted month stands for its last day (the build date in the build date's month)."""
    days = [item.received for item in items if item.received <= as_of]
    this_year = [item for item in items if item.received <= as_of and item.received.year == as_of.year]
    received = len(this_year)
    for (year, month), count in counts:
        day = min(dt.date(year, month, calendar.monthrange(year, month)[1]), as_of)
        if count > 0 and (year, month) <= (as_of.year, as_of.month):
            days.append(day)
            received += count if year == as_of.year else 0
    last = max(days, default=None)
    could_send = unit.since is None or unit.since <= window_start
    return Activity(
        received=received,
        adopted=sum(1 for item in this_year if item.adopted),
        last=last,
        silent=could_send and (last is None or last < window_start),
    )


def arrange_area(area: Unit, members: dict[str, list[Unit]], make_node: Callable[..., Node]) -> AreaNetwork:
    """An area's tree (see the module's docstring), its correspondents and its coverage;
    ``members``: each unit's members by key, ``make_node(unit, children, depth)``."""
    under = members.get(area.key, [])
    town_points = [u for u in under if u.kind == "town"]
    local = [u for u in under if u.kind in LOCAL_POINT_KINDS]

    def list_local(point: Unit | None, town: str | None) -> tuple[Node, ...]:
        """The villages, communities and enterprises of a town: its point's, then those naming it."""
        found = [u for u in members.get(point.key, []) if u.kind in LOCAL_POINT_KINDS] if point else []
        found += [u for u in local if town is not None and u.town == town]
        return tuple(make_node(u, depth=1) for u in found)

    tree: list[Node] = []
    for town in area.towns:
        point = next((u for u in town_points if u.town == town), None)
        children = list_local(point, town)
        tree.append(make_node(point, children) if point else Node(town, None, town, None, children))
    listed = set(area.towns)
    tree += [make_node(point, list_local(point, None)) for point in town_points if point.town not in listed]
    tree += [make_node(u) for u in local if u.town not in listed]
    correspondents = tuple(make_node(u) for u in under if u.kind == "correspondent")
    coverage = Coverage(len(area.towns), sum(1 for u in town_points if u.town in listed))
    return AreaNetwork(area, coverage, tuple(tree), correspondents)


def assess_network(archive: Archive, as_of: dt.date) -> Network:
    """The network as of the build date ``as_of``."""
    months = archive.settings.network.silent_months
    window_start = find_window_start(as_of, months)
    items: dict[str, list[Submission]] = defaultdict(list)
    for item in archive.items:
        items[item.unit].append(item)
    counts: dict[str, list[tuple[Month, int]]] = defaultdict(list)
    for period, by_unit in archive.submissions.items():
        for key, count in by_unit.items():
            counts[key].append((period, count))

    def make_node(unit: Unit, children: tuple[Node, ...] = (), depth: int = 0) -> Node:
        activity = measure_activity(unit, items.get(unit.key, []), counts.get(unit.key, []), as_of, window_start)
        return Node(unit.name, unit, unit.town, activity, children, depth)

    units = archive.units
    members: dict[str, list[Unit]] = defaultdict(list)  # parent -> members, by key
    for unit in sorted(units.values(), key=lambda u: u.key):
        if unit.parent and unit.kind in MEMBER_KINDS:
            members[unit.parent].append(unit)

    areas: list[AreaNetwork] = []
    for area in sorted(
        (u for u in units.values() if u.kind in AREA_KINDS),
        key=lambda u: (u.kind == "zone", u.key),
    ):
        built = arrange_area(area, members, make_node)
        if area.kind != "zone" or built.tree or built.correspondents:
            areas.append(built)

    city_correspondents = tuple(
        make_node(u) for u in sorted(units.values(), key=lambda u: u.key) if u.kind == "correspondent" and not u.parent
    )
    coverage = Coverage(sum(a.coverage.towns for a in areas), sum(a.coverage.points for a in areas))
    return Network(as_of.year, as_of, months, window_start, tuple(areas), city_correspondents, coverage)
