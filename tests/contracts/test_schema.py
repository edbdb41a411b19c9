"""The JSON Schema editors use and the validator the build uses must agree.

For every good and bad annotation file we have (the error fixtures, the real edition, and a
few edge cases written here), the schema's verdict equals the validator's. Only what a
schema can see is compared: file names, anchoring in the article and duplicate notes are
the build's business, and YAML that does not parse (or repeats a key) never reaches a schema.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from glossator.load.notes import parse_annotation
from glossator.load.yamlsource import YamlError, read_yaml
from glossator.model import KINDS, NEEDS_SOURCE

REPO = Path(__file__).resolve().parents[2]
SCHEMA_PATH = REPO / "build_scripts" / "glossator" / "schema" / "annotation.json"
SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft7Validator(SCHEMA)


class EditorLoader(yaml.SafeLoader):
    """Reads YAML as yaml-language-server does for a schema: dates stay text."""


EditorLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

EDGE_CASES = {
    "multi-line-title": 'quote: "a"\nkind: context\ntitle: |\n  one\n  two\nbody: b\n',
    "long-title": f'quote: "a"\nkind: context\ntitle: "{"x" * 161}"\nbody: b\n',
    "title-at-limit": f'quote: "a"\nkind: context\ntitle: "{"x" * 160}"\nbody: b\n',
    "empty-sources-counterpoint": 'quote: "a"\nkind: counterpoint\ntitle: t\nbody: b\nsources: []\n',
    "empty-sources-context": 'quote: "a"\nkind: context\ntitle: t\nbody: b\nsources: []\n',
    "null-prefix": 'quote: "a"\nprefix:\nkind: context\ntitle: t\nbody: b\n',
    "paragraph-zero": 'quote: "a"\nparagraph: 0\nkind: context\ntitle: t\nbody: b\n',
    "paragraph-ok": 'quote: "a"\nparagraph: 4\nkind: context\ntitle: t\nbody: b\n',
    "boolean-title": 'quote: "a"\nkind: context\ntitle: yes\nbody: b\n',
    "number-title": 'quote: "a"\nkind: context\ntitle: 1991\nbody: b\n',
    "blank-quote": 'quote: "  "\nkind: context\ntitle: t\nbody: b\n',
    "year-date": 'quote: "a"\nkind: source\ntitle: t\nbody: b\nsources:\n  - title: s\n    date: 2019\n',
    "bad-date": 'quote: "a"\nkind: source\ntitle: t\nbody: b\nsources:\n  - title: s\n    date: soon\n',
    "http-url": 'quote: "a"\nkind: source\ntitle: t\nbody: b\nsources:\n  - title: s\n    url: http://x.org/a\n',
    "mailto-url": 'quote: "a"\nkind: source\ntitle: t\nbody: b\nsources:\n  - title: s\n    url: mailto:a@b.org\n',
    "source-not-mapping": 'quote: "a"\nkind: source\ntitle: t\nbody: b\nsources:\n  - just a title\n',
    "unknown-source-field": 'quote: "a"\nkind: source\ntitle: t\nbody: b\nsources:\n  - title: s\n    link: https://x.org\n',
    "todo-author": 'quote: "a"\nkind: context\ntitle: t\nbody: b\nauthor: "TODO: your name"\n',
    "todo-date": 'quote: "a"\nkind: source\ntitle: t\nbody: b\nsources:\n  - title: s\n    date: "TODO: YYYY"\n',
    "sources-mapping": 'quote: "a"\nkind: context\ntitle: t\nbody: b\nsources:\n  title: s\n',
    "raw-html-is-only-a-warning": 'quote: "a"\nkind: context\ntitle: t\nbody: "<b>x</b>"\n',
}


def fixture_files() -> list[tuple[str, bytes]]:
    files = sorted((REPO / "tests" / "fixtures" / "errors" / "annotations").rglob("*.yml"))
    files += sorted((REPO / "annotations").rglob("*.yml"))
    files += sorted((REPO / "tests" / "fixtures" / "drift").rglob("annotations/**/*.yml"))
    cases = [(p.relative_to(REPO).as_posix(), p.read_bytes()) for p in files]
    cases += [(f"edge:{name}", text.encode()) for name, text in EDGE_CASES.items()]
    return cases


def validator_verdict(data: bytes) -> bool:
    _, problems = parse_annotation(data, "x.yml", "article", "a-valid-id")
    return not any(p.is_error for p in problems)


def schema_verdict(data: bytes) -> bool:
    instance = yaml.load(data.decode("utf-8"), Loader=EditorLoader)
    return VALIDATOR.is_valid(instance)


CASES = fixture_files()


@pytest.mark.parametrize(("name", "data"), CASES, ids=[c[0] for c in CASES])
def test_schema_and_validator_agree(name, data):
    try:
        read_yaml(data)
    except YamlError:
        pytest.skip("not clean YAML: the validator reports it; a schema never sees it")
    assert schema_verdict(data) == validator_verdict(data), name


def test_fixtures_cover_both_verdicts():
    verdicts = []
    for _, data in CASES:
        try:
            read_yaml(data)
        except YamlError:
            continue
        verdicts.append(validator_verdict(data))
    assert verdicts.count(True) >= 10
    assert verdicts.count(False) >= 15


def test_schema_is_valid_draft_7_and_lists_every_field():
    jsonschema.Draft7Validator.check_schema(SCHEMA)
    from glossator.load.notes import FIELDS, KINDS, SOURCE_FIELDS

    assert tuple(SCHEMA["properties"]) == FIELDS
    assert tuple(SCHEMA["properties"]["kind"]["enum"]) == KINDS
    assert set(SCHEMA["properties"]["sources"]["items"]["properties"]) == set(SOURCE_FIELDS)
    assert SCHEMA["required"] == ["quote", "kind", "title", "body"]


def test_notes_written_by_glossator_new_point_at_the_schema():
    """The modeline's relative path resolves to the packaged schema from a note's folder."""
    text = (
        REPO
        / "tests"
        / "fixtures"
        / "errors"
        / "annotations"
        / "small-article"
        / "good-context.yml"
    ).read_text()
    ref = re.match(r"# yaml-language-server: \$schema=(\S+)", text).group(1)
    folder = REPO / "tests" / "fixtures" / "errors" / "annotations" / "small-article"
    assert (folder / ref).resolve() == SCHEMA_PATH


# --- the table of fields and the schema ------------------------------------------------------

SCHEMA_TYPES = {  # how each type of the table is spelt in the schema
    "text": lambda p: p.get("type") == ["string", "number"],
    "url": lambda p: p.get("type") == "string" and "pattern" in p,
    "date": lambda p: [a.get("type") for a in p.get("anyOf", [])] == ["string", "integer"],
    "paragraph": lambda p: p.get("type") == "integer" and p.get("minimum") == 1,
    "kind": lambda p: tuple(p.get("enum", ())) == KINDS,
    "sources": lambda p: p.get("type") == "array",
    "lang": lambda p: p.get("type") == "string" and "pattern" in p,
}


def test_the_table_of_fields_is_the_schema():
    """Names and order, required fields and types: a field changed in one is changed in both."""
    from glossator.fields import NOTE_TABLE, SOURCE_TABLE

    source_schema = SCHEMA["properties"]["sources"]["items"]
    for table, schema in ((NOTE_TABLE, SCHEMA), (SOURCE_TABLE, source_schema)):
        assert tuple(schema["properties"]) == tuple(table)
        assert schema["required"] == [f.name for f in table.values() if f.required]
        for field in table.values():
            assert SCHEMA_TYPES[field.type](schema["properties"][field.name]), field.name
    needs_source = SCHEMA["allOf"][0]["if"]["properties"]["kind"]["enum"]
    assert tuple(needs_source) == NEEDS_SOURCE


def test_the_schema_refuses_every_placeholder_the_table_declares():
    from glossator.fields import NOTE_TABLE, SOURCE_TABLE

    for name, field in NOTE_TABLE.items():
        if field.placeholder:
            note = {
                "quote": "a",
                "kind": "context",
                "title": "t",
                "body": "b",
                name: field.placeholder,
            }
            assert not VALIDATOR.is_valid(note), name
    for name, field in SOURCE_TABLE.items():
        if field.placeholder:
            source = {"title": "t", name: field.placeholder}
            note = {"quote": "a", "kind": "context", "title": "t", "body": "b", "sources": [source]}
            assert not VALIDATOR.is_valid(note), name
