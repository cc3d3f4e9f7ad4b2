"""The shipped JSON Schemas are generated from the validator's own fields and agree with it."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml
from helpers import REPO, run_bulletin

from bulletin.errors import Problems
from bulletin.read.reportfile import split_front_matter


class Yaml12ishLoader(yaml.SafeLoader):
    """Like an editor's YAML language server: dates stay strings."""


Yaml12ishLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def front_matter_of(text: str) -> dict:
    split = split_front_matter(text, "x.md", Problems())
    return yaml.load(split.yaml_text, Loader=Yaml12ishLoader)


@pytest.mark.parametrize("what, path", [("report", "schema/report.schema.json"), ("units", "schema/units.schema.json")])
def test_shipped_schema_is_up_to_date(what, path):
    result = run_bulletin("--root", str(REPO), "schema", "--of", what)
    assert result.returncode == 0
    assert json.loads((REPO / path).read_text(encoding="utf-8")) == json.loads(result.stdout), (
        f"regenerate: .venv/bin/bulletin schema --of {what} > {path}"
    )


def test_every_sample_report_matches_the_schema():
    schema = json.loads((REPO / "schema/report.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    paths = sorted((REPO / "reports").glob("*/*.md"))
    assert len(paths) > 100
    for path in paths:
        errors = [e.message for e in validator.iter_errors(front_matter_of(path.read_text(encoding="utf-8")))]
        assert errors == [], path


@pytest.mark.parametrize(
    "change",
    [
        lambda fm: fm | {"titel": "x"},
        lambda fm: fm | {"title": "长" * 101},
        lambda fm: fm | {"unit": "nowhere"},
        lambda fm: fm | {"classification": "秘密"},
        lambda fm: fm | {"issue": 0},
        lambda fm: fm | {"date": "2026/1/5"},
        lambda fm: {k: v for k, v in fm.items() if k != "category"},
        lambda fm: fm | {"instructions": [{"by": "市委书记", "level": "mayor", "date": "2026-01-08", "text": "好"}]},
    ],
)
def test_schema_refuses_what_the_validator_refuses(change):
    schema = json.loads((REPO / "schema/report.schema.json").read_text(encoding="utf-8"))
    good = front_matter_of((REPO / "reports/2026/0105-yunling-dongji-lvyou.md").read_text(encoding="utf-8"))
    jsonschema.validate(good, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(change(good), schema)


def test_units_registry_matches_its_schema():
    schema = json.loads((REPO / "schema/units.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(
        yaml.load((REPO / "reports/units.yml").read_text(encoding="utf-8"), Loader=Yaml12ishLoader), schema
    )


@pytest.mark.parametrize(
    "path", ["ci-templates/gitea-actions.yml", "ci-templates/gitlab-ci.yml", ".pre-commit-config.yaml"]
)
def test_ci_templates_are_yaml_and_run_the_checks(path):
    text = (REPO / path).read_text(encoding="utf-8")
    assert isinstance(yaml.safe_load(text), dict)
    # the CI templates run the checks through scripts/ci/review.sh (bulletin check --base)
    assert "bulletin check" in text or "scripts/ci/review.sh" in text
    if "scripts/ci/review.sh" in text:
        assert '/bulletin" check --base' in (REPO / "scripts/ci/review.sh").read_text(encoding="utf-8")
