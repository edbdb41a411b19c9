"""The publisher's guide, followed step by step in a folder outside the repository.

Glossator is installed into a fresh venv with pip, as the guide says, not imported from the
tree: what a publisher gets is the package's files (templates, assets, schema), its entry
points and its console script. To stay fast the venv borrows the test venv's dependencies
(a ``.pth`` line: MkDocs, material, Pagefind) and pip installs Glossator alone (``--no-deps``).
Then: the guide's config, article, sidecar and note; check, a strict build, ``mkdocs serve``
on a free port; a note edited and the page changing; a quote broken and the problem shown in
the page while the site keeps serving; the fix and the recovery.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
GUIDE = REPO / "docs" / "publishing.md"
GETTYSBURG = REPO / "tests" / "fixtures" / "speeches" / "seeds" / "gettysburg.txt"
ENV = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "HOME": "/tmp"}


def section(title: str) -> str:
    text = GUIDE.read_text(encoding="utf-8")
    start = text.index(f"\n## {title}")
    end = text.find("\n## ", start + 1)
    return text[start : end if end > 0 else None]


def blocks(title: str, lang: str) -> list[str]:
    return re.findall(rf"^```{lang}\n(.*?)^```", section(title), re.S | re.M)


@pytest.fixture(scope="module")
def venv(tmp_path_factory) -> Path:
    """A fresh venv with Glossator pip-installed from a copy of the repository's package."""
    base = tmp_path_factory.mktemp("install")
    source = base / "source"
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(REPO / name, source / name if source.exists() else _mkdir(source) / name)
    shutil.copytree(
        REPO / "build_scripts",
        source / "build_scripts",
        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"),
    )
    env = base / "edition" / ".venv"  # inside the publication, as the guide has it
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True)
    python = env / "bin" / "python"
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # the test venv's packages after the new venv's own: Glossator comes from the install
    Path(purelib, "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "-q",
            "--no-deps",
            str(source),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    where = subprocess.run(
        [python, "-c", "import glossator.plugin; print(glossator.plugin.__file__)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert where.startswith(purelib), where  # the installed package, not the tree
    return env


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True)
    return path


def run(venv: Path, root: Path, *args: str) -> subprocess.CompletedProcess:
    """A command of the guide (``.venv/bin/glossator …``, ``mkdocs …``) in the publication."""
    program, *rest = args
    program = program.removeprefix(".venv/bin/")
    command = [str(venv / "bin" / "glossator")] if program == "glossator" else []
    if program == "mkdocs":
        command = [str(venv / "bin" / "python"), "-m", "mkdocs"]
    assert command, program
    return subprocess.run(command + rest, cwd=root, capture_output=True, text=True, env=ENV)


def commands(block: str) -> list[list[str]]:
    return [shlex.split(line, comments=True) for line in block.splitlines() if line.strip()]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def wait_for(url: str, condition, timeout: float = 30) -> tuple[float, str]:
    """Seconds until the page at ``url`` satisfies ``condition``, and the page."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        status, text = get(url)
        if status == 200 and condition(text):
            return time.monotonic() - start, text
        time.sleep(0.1)
    raise AssertionError(f"{url} never showed what was expected within {timeout} s")


def test_a_publication_as_the_guide_says(venv, tmp_path):
    root = venv.parent
    assert commands(blocks("2. The folders", "sh")[0]) == [
        ["mkdir", "docs", "seeds", "annotations"]
    ]
    for folder in ("docs", "seeds", "annotations"):
        (root / folder).mkdir()
    (root / "mkdocs.yml").write_text(blocks("3. The minimal configuration", "yaml")[0])
    shutil.copy(GETTYSBURG, root / "seeds" / "gettysburg.txt")
    (root / "seeds" / "gettysburg.yml").write_text(blocks("4. An article", "yaml")[0])

    new, check = commands(blocks("5. A note", "sh")[0])
    created = run(venv, root, *new)
    assert created.returncode == 0, created.stderr
    note = root / re.search(r"created (\S+\.yml)", created.stdout).group(1)
    assert f"`{note.relative_to(root).as_posix()}`" in section("5. A note")
    assert "$schema=https://example.org/edition/schema/annotation.json" in note.read_text()
    assert run(venv, root, *check).returncode == 1  # the TODOs are still there
    note.write_text(blocks("5. A note", "yaml")[0])
    for command in commands(blocks("7. Build and publish", "sh")[0]):
        done = run(venv, root, *command)
        assert done.returncode == 0, done.stdout + done.stderr
    assert (root / "site" / "index.html").exists()
    propose = (root / "site" / "assets" / "glossator" / "propose.json").read_text()
    assert ".venv" not in propose and "site-packages" not in propose
    assert "gettysburg/" in (root / "site" / "index.html").read_text()

    port = free_port()
    serve = commands(blocks("6. Preview while you edit", "sh")[0])[0]
    server = subprocess.Popen(
        [str(venv / "bin" / "python"), "-m", "mkdocs", *serve[1:], "-a", f"127.0.0.1:{port}"],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=ENV,
        start_new_session=True,
    )
    try:
        page = f"http://127.0.0.1:{port}/edition/gettysburg/"
        wait_for(page, lambda t: "The war in November 1863" in t, timeout=60)

        # a note edited: the page changes
        note.write_text(note.read_text().replace("November 1863", "late 1863"))
        seconds, _ = wait_for(page, lambda t: "The war in late 1863" in t)
        print(f"note edit shown after {seconds:.1f} s")

        # a quote broken by an article edit: the problem is on the page, the site serves on
        seed = root / "seeds" / "gettysburg.txt"
        text = seed.read_text()
        seed.write_text(text.replace("Now we are engaged in a great civil war", "A war came"))
        seconds, shown = wait_for(page, lambda t: "glossator-problems" in t)
        print(f"broken quote shown after {seconds:.1f} s")
        where = f"{note.relative_to(root).as_posix()}:1:8"
        panel = shown[shown.index("glossator-problems") :][:2000]
        assert where in panel and "quote not found" in panel, panel
        assert "The war in late 1863" not in shown
        assert get(f"http://127.0.0.1:{port}/edition/")[0] == 200
        checked = run(venv, root, "glossator", "check")
        assert checked.returncode == 1 and f"{where}: error: quote not found" in checked.stdout
        assert run(venv, root, "mkdocs", "build", "--strict", "-d", str(tmp_path / "s")).returncode

        # fixed: the page recovers
        seed.write_text(text)
        seconds, shown = wait_for(
            page, lambda t: "glossator-problems" not in t and "The war in late 1863" in t
        )
        print(f"recovered after {seconds:.1f} s")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)


def table(marker: str) -> dict[str, list[str]]:
    """The guide's table between ``<!-- glossator:<marker> -->`` and its closing marker."""
    text = GUIDE.read_text(encoding="utf-8")
    body = text.split(f"<!-- glossator:{marker} -->")[1].split(f"<!-- /glossator:{marker} -->")[0]
    rows = [r.strip().strip("|").split("|") for r in body.strip().splitlines()[2:]]
    return {cells[0].strip().strip("`"): [c.strip() for c in cells[1:]] for cells in rows}


def test_every_plugin_option_is_in_the_guide_with_its_default():
    from glossator.plugin.config import GlossatorConfig

    options = dict(GlossatorConfig._schema)
    rows = table("plugin-options")
    assert list(rows) == list(options)
    for name, option in options.items():
        default = option.default
        shown = {"True": "true", "False": "false", "": '""', "{}": "{}"}.get(str(default), default)
        assert rows[name][0] == f"`{shown}`", name


def test_every_sidecar_field_is_in_the_guide():
    from glossator.fields import SIDECAR_FIELDS

    assert list(table("sidecar-fields")) == list(SIDECAR_FIELDS)


def test_the_readme_points_publishers_to_the_guide():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "docs/publishing.md" in readme


def test_the_readme_example_opens_the_file_the_tool_writes(tmp_path):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Adding a note")[1].split("```sh\n")[1].split("```")[0]
    new, edit, _ = commands(block)
    for name in ("seeds", "annotations", "mkdocs.yml"):
        copy = shutil.copytree if (REPO / name).is_dir() else shutil.copy
        copy(REPO / name, tmp_path / name)
    Path(tmp_path / edit[1]).unlink(missing_ok=True)
    created = subprocess.run(
        [sys.executable, "-m", "glossator", *new[1:]], cwd=tmp_path, capture_output=True, text=True
    )
    assert created.returncode == 0, created.stderr
    assert f"created {edit[1]} " in created.stdout
