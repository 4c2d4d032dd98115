"""The runs file (``notebooks/runs.yaml``): read it, check it against the notebooks, and resolve its paths.

A run is a notebook, the parameters it gets and the name of its outputs. Paths follow one rule: a path
is relative to where it is written. In a runs file that is the runs file's folder, for the notebook and
for the ``ledger`` parameter alike; ``kit run`` hands the kernel an absolute ledger path, so the kernel's
own working directory (the notebook's folder, or a scratch folder on a cluster worker) does not matter.

A run's ``scope`` says what it reads: ``article`` (the default) renders one ledger, its ``ledger`` parameter;
``story`` renders a whole corpus at once, its ``ledgers`` parameter (a list of ledger folders). With
``--ledger``/``--corpus`` the batch runs every article-scoped run once per article and every story-scoped
run once with every article (:mod:`kit.run.articles`).
"""

from __future__ import annotations

import ast
import difflib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kit.paths import DEFAULT_LEDGER, KIT_DIR, shown

DEFAULT_RUNS = Path("notebooks") / "runs.yaml"
#: The runs of a batch over many articles (--ledger, --corpus) when no runs file is named: every notebook with
#: its defaults, none picking a topic or side of the packaged article, and the tracker over the story.
DEFAULT_STORY_RUNS = Path("notebooks") / "corpus.yaml"


def default_runs(story: bool) -> Path:
    """The runs file when none is named: the working folder's ``notebooks/`` when it has one, else the kit's own
    beside its package (a curator who runs the kit from the folder of their ledgers)."""
    relative = DEFAULT_STORY_RUNS if story else DEFAULT_RUNS
    return relative if relative.is_file() else KIT_DIR.parent / relative


#: parameters whose value is a path, so relative to where it is written
PATH_PARAMETERS = ("ledger",)
#: parameters whose value is a list of paths, each relative to where it is written
PATH_LIST_PARAMETERS = ("ledgers",)
#: what a run reads: one article's ledger, or every article of the story (its ``ledgers`` parameter)
SCOPES = ("article", "story")

#: run names become file names: keep them portable and free of the dots that mark flavours
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
_RESERVED = {"index", "runs"}  # OUT/index.html and OUT/runs.html
_RUN_KEYS = {"name", "notebook", "parameters", "scope"}


class RunsError(Exception):
    """A runs file that cannot be used as it is; carries every problem found."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class Parameter:
    """One name assigned in a notebook's ``parameters`` cell; ``default`` is None when not a plain literal."""

    name: str
    default: Any
    literal: bool


@dataclass
class Run:
    """One entry of the runs file: a notebook, the parameters it gets and the name of its outputs.

    ``parameters`` are as written; ``base`` is the folder their relative paths are relative to (the runs
    file's folder; None for a run made in code, whose paths are relative to the current directory).
    ``scope`` is ``article`` or ``story`` (see the module's docstring).
    """

    name: str
    notebook: Path
    parameters: dict[str, Any] = field(default_factory=dict)
    base: Path | None = None
    scope: str = "article"

    def shown_notebook(self) -> str:
        """The notebook's path as messages show it."""
        return shown(self.notebook)

    def kernel_parameters(self) -> dict[str, Any]:
        """The parameters as the kernel gets them: path parameters made absolute, since the kernel runs elsewhere.

        A story-scoped run given no ``ledgers`` reads the packaged ledger, as an article run given no ``ledger``.
        """
        resolved = dict(self.parameters)
        for name in PATH_PARAMETERS:
            value = resolved.get(name)
            if isinstance(value, str) and value:
                resolved[name] = self._absolute(value)
        for name in PATH_LIST_PARAMETERS:
            value = resolved.get(name)
            if isinstance(value, list):
                resolved[name] = [self._absolute(item) if isinstance(item, str) and item else item for item in value]
        if self.scope == "story" and "ledgers" not in resolved:
            resolved["ledgers"] = [str(DEFAULT_LEDGER)]
        return resolved

    def _absolute(self, value: str) -> str:
        return os.path.abspath(Path(self.base or Path.cwd()) / Path(value).expanduser())


def _no_aliases_loader() -> type:
    """A safe YAML loader that refuses aliases: a runs file needs none, and a few nested ones (an alias bomb)
    expand to gigabytes the moment anything prints the value."""
    import yaml

    class NoAliases(yaml.SafeLoader):
        def compose_node(self, parent: object, index: object) -> object:
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()
                raise yaml.YAMLError(
                    f"line {event.start_mark.line + 1}: an alias (*{str(event.anchor)[:40]}); write each value out"
                )
            return super().compose_node(parent, index)

    return NoAliases


def load_runs(path: str | os.PathLike) -> list[Run]:
    """Read the runs file; raise RunsError naming every problem (a typo must not silently skip a run)."""
    import yaml

    path = Path(path)
    where_file = shown(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_no_aliases_loader())  # noqa: S506 (a SafeLoader)
    except FileNotFoundError:
        raise RunsError([f"{where_file}: runs file not found (name one with --runs)"]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise RunsError([f"{where_file}: cannot read the runs file ({error})"]) from None
    except yaml.YAMLError as error:
        raise RunsError([f"{where_file}: not valid YAML: {str(error).splitlines()[0]}"]) from None
    if not isinstance(data, dict) or not isinstance(data.get("runs"), list):
        raise RunsError([f"{where_file}: expected a mapping with a list under 'runs'"])
    problems = [f"{where_file}: unknown top-level key {key!r} (expected 'runs')" for key in data if key != "runs"]
    runs: list[Run] = []
    seen: dict[str, int] = {}
    base = path.parent.resolve()
    for number, entry in enumerate(data["runs"], start=1):
        run, problem = _entry(entry, where_file, number, base)
        if problem:
            problems.extend(problem)
        elif run.name in seen:
            problems.append(f"{where_file}: run {run.name!r}: duplicate name (also run {seen[run.name]})")
        else:
            seen[run.name] = number
            runs.append(run)
    if not runs and not problems:
        problems.append(f"{where_file}: lists no runs")
    if problems:
        raise RunsError(problems)
    return runs


def _entry(entry: Any, where_file: str, number: int, base: Path) -> tuple[Run | None, list[str]]:
    """One entry of the runs file as a Run, or the problems that keep it from being one."""
    where = f"{where_file}: run {number}"
    if not isinstance(entry, dict):
        return None, [f"{where}: expected a mapping with name, notebook and parameters"]
    name = entry.get("name")
    if isinstance(name, str):
        where = f"{where_file}: run {name!r}"
    problems = [
        f"{where}: unknown key {key!r} (expected name, notebook, parameters, scope)"
        for key in entry
        if key not in _RUN_KEYS
    ]
    scope = entry.get("scope", "article")
    if scope not in SCOPES:
        problems.append(f"{where}: scope must be one of {', '.join(SCOPES)} (default article), got {scope!r}")
    if not isinstance(name, str) or not _NAME.match(name) or name in _RESERVED:
        problems.append(
            f"{where}: name must be letters, digits, '-' or '_' (it names the output files), "
            f"not 'index' or 'runs'; got {name!r}"
        )
        return None, problems
    notebook = entry.get("notebook")
    if not isinstance(notebook, str) or not notebook.endswith(".ipynb"):
        return None, [*problems, f"{where}: notebook must be the path of an .ipynb file, got {notebook!r}"]
    parameters = entry.get("parameters") or {}
    if not isinstance(parameters, dict) or not all(isinstance(key, str) for key in parameters):
        return None, [*problems, f"{where}: parameters must be a mapping of names to values"]
    scope = scope if scope in SCOPES else "article"
    return Run(name, (base / notebook).resolve(), dict(parameters), base, scope), problems


def notebook_parameters(notebook: str | os.PathLike) -> dict[str, Parameter] | None:
    """The names a notebook's cell tagged ``parameters`` assigns, or None if it has no such cell.

    Parsed with ``ast`` rather than papermill so that checking a runs file stays cheap.
    """
    document = json.loads(Path(notebook).read_text(encoding="utf-8"))
    for cell in document.get("cells", []):
        if cell.get("cell_type") == "code" and "parameters" in cell.get("metadata", {}).get("tags", []):
            source = cell.get("source", "")
            source = "".join(source) if isinstance(source, list) else source
            found: dict[str, Parameter] = {}
            for statement in ast.parse(source).body:
                if isinstance(statement, ast.Assign):
                    targets, value = statement.targets, statement.value
                elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
                    targets, value = [statement.target], statement.value
                else:
                    continue
                for target in targets:
                    if isinstance(target, ast.Name):
                        try:
                            found[target.id] = Parameter(target.id, ast.literal_eval(value), True)
                        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                            found[target.id] = Parameter(target.id, None, False)
            return found
    return None


def _expected_type(default: Any) -> tuple[tuple[type, ...], str]:
    """The types a value may have, judged from the default; a None default stands for an optional text."""
    if default is None:
        return (str, type(None)), "str or None"
    if isinstance(default, bool):
        return (bool,), "bool"
    if isinstance(default, int):
        return (int,), "int"
    if isinstance(default, float):
        return (int, float), "float"
    if isinstance(default, str):
        return (str,), "str"
    if isinstance(default, list | tuple):
        return (list,), "list"
    if isinstance(default, dict):
        return (dict,), "dict"
    return (object,), type(default).__name__


def check_parameters(run: Run, runs_file: str | os.PathLike = DEFAULT_RUNS) -> list[str]:
    """Problems with one run's notebook and parameters: a misspelt name, a wrong type or a missing ledger.

    papermill only warns about an unknown parameter and then runs with the default, which
    would publish the wrong report under the right name.
    """
    where = f"{shown(Path(runs_file))}: run {run.name!r}"
    if not run.notebook.is_file():
        return [f"{where}: notebook {run.shown_notebook()} does not exist"]
    try:
        declared = notebook_parameters(run.notebook)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, SyntaxError) as error:
        return [f"{where}: cannot read the parameters cell of {run.shown_notebook()}: {error}"]
    if declared is None:
        if run.parameters:
            return [f"{where}: {run.shown_notebook()} has no cell tagged 'parameters', so it takes none"]
        if run.scope == "story":
            return [f"{where}: scope story needs a notebook with a 'ledgers' parameter; {run.notebook.name} takes none"]
        return []
    problems = _scope_problems(run, declared, where)
    for name, value in run.parameters.items():
        if name not in declared:
            close = difflib.get_close_matches(name, list(declared), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            problems.append(
                f"{where}: unknown parameter {name!r} for {run.notebook.name} "
                f"(its parameters: {', '.join(declared) or 'none'}){hint}"
            )
            continue
        parameter = declared[name]
        if not parameter.literal:
            continue
        types, label = _expected_type(parameter.default)
        wrong_bool = isinstance(value, bool) and bool not in types
        if wrong_bool or not isinstance(value, types):
            problems.append(
                f"{where}: parameter {name!r} expects {label} (its default is {parameter.default!r}), "
                f"got {type(value).__name__} {value!r}"
            )
        elif name in PATH_PARAMETERS and isinstance(value, str) and not Path(run.kernel_parameters()[name]).is_dir():
            problems.append(
                f"{where}: {name} {value!r} is not a folder (paths in a runs file are relative to the runs file: "
                f"{shown(run.kernel_parameters()[name])})"
            )
        elif name in PATH_LIST_PARAMETERS:
            problems += _path_list_problems(run, name, value, where)
    return problems


def _scope_problems(run: Run, declared: dict[str, Parameter], where: str) -> list[str]:
    """A story run needs a notebook that takes ``ledgers``; a notebook that takes it is a story notebook.

    Run once per article, a story notebook would show one article as if it were the whole story.
    """
    if run.scope == "story" and "ledgers" not in declared:
        return [f"{where}: scope story needs a notebook with a 'ledgers' parameter; {run.notebook.name} has none"]
    if run.scope != "story" and "ledgers" in declared:
        return [f"{where}: {run.notebook.name} takes 'ledgers', every article at once: add 'scope: story' to the run"]
    return []


def _path_list_problems(run: Run, name: str, value: list, where: str) -> list[str]:
    """Each item of a path-list parameter must be a folder, relative to the runs file like any path in it."""
    if not all(isinstance(item, str) and item for item in value):
        return [f"{where}: parameter {name!r} expects a list of folder paths, got {value!r}"]
    resolved = run.kernel_parameters()[name]
    return [
        f"{where}: {name} item {item!r} is not a folder (paths in a runs file are relative to the runs file: "
        f"{shown(absolute)})"
        for item, absolute in zip(value, resolved, strict=True)
        if not Path(absolute).is_dir()
    ]


def ledger_folder(run: Run) -> Path:
    """The ledger a run reads: its ``ledger`` parameter, the notebook's default, or the packaged ledger.

    A notebook's own default is relative to the kernel's working directory, which for ``kit run`` is the
    notebook's folder.
    """
    value = run.kernel_parameters().get("ledger")
    if value is None:
        try:
            declared = notebook_parameters(run.notebook) or {}
        except (OSError, ValueError, SyntaxError):
            declared = {}
        default = declared.get("ledger")
        if default is not None and isinstance(default.default, str):
            value = str(run.notebook.parent / default.default)
    return DEFAULT_LEDGER if value is None else Path(os.path.abspath(value))


def ledger_folders_read(run: Run) -> list[Path]:
    """Every ledger a run reads: a story run's ``ledgers``, else the one :func:`ledger_folder` names."""
    if run.scope == "story":
        folders = run.kernel_parameters()["ledgers"]
        return [Path(folder) for folder in folders if isinstance(folder, str)] if isinstance(folders, list) else []
    return [ledger_folder(run)]
