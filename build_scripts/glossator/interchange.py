"""Files in and out of the W3C Web Annotation format, for the ``export``/``import`` commands.

The mapping itself lives in ``w3c.py`` (pure); this module writes the one-note YAML files an
import produces, in the same shape ``glossator new`` writes, so imported notes review like any.
"""

from __future__ import annotations

from pathlib import Path

from .fields import FIELDS as FIELD_ORDER
from .fields import SOURCE_FIELDS as SOURCE_ORDER
from .newnote import make_id, yaml_string


def note_yaml(fields: dict, schema: str = "", origin: str = "") -> str:
    """One note's YAML text; the body as a literal block so it reads as it will render."""
    lines = [f"# yaml-language-server: $schema={schema}"] if schema else []
    if origin:
        lines.append(f"# imported from {origin}")
    for name in FIELD_ORDER:
        value = fields.get(name)
        if value in (None, "", []):
            continue
        if name == "body":
            lines.append("body: |")
            lines += [f"  {line}" if line.strip() else "" for line in str(value).splitlines()]
        elif name == "sources":
            lines.append("sources:")
            for source in value:
                first = True
                for key in SOURCE_ORDER:
                    if source.get(key):
                        lead = "  - " if first else "    "
                        lines.append(f"{lead}{key}: {yaml_string(str(source[key]))}")
                        first = False
        else:
            lines.append(f"{name}: {yaml_string(str(value))}")
    return "\n".join(lines) + "\n"


def write_imported(folder: Path, items: list[tuple[str, dict]], schema: str = "") -> list[Path]:
    """Write each imported note to a new file (never overwriting); returns the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    taken = {p.stem for p in folder.glob("*")}
    written = []
    for origin, fields in items:
        note_id = make_id(fields.get("title") or fields["quote"], taken)
        taken.add(note_id)
        path = folder / f"{note_id}.yml"
        with path.open("x", encoding="utf-8") as fh:
            fh.write(note_yaml(fields, schema, origin))
        written.append(path)
    return written
