"""Who may import whom (docs/contracts.md, "Who may import whom"), checked on the source with `ast`.

The checker reads every .py under crawler/, pipeline/, warehouse/ and dashboard/ and the top-level
`ma_demand*.py` modules, and collects each reference one module makes to another: import statements
(at module level and inside functions), by-name imports (`importlib.import_module("x")`,
`__import__("x")`), launches (`[sys.executable, "-m", "x"]`, `"-c", "import x"`, a `-m x` inside a
command string) and strings that name a module or a class in one (Scrapy settings such as
"crawler.pipelines.landing_writer.LandingWriterPipeline"). Docstrings are prose and are not read.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PARTS = ("crawler", "pipeline", "warehouse", "dashboard")
CLI, SETTINGS_LEAF = "ma_demand", "ma_demand_settings"

# The layers each layer may reach. A top-level flow (ma_demand_<what>.py) may use every part, and may
# launch the console command as a subprocess, but not import the CLI module (which imports the flows).
MAY_USE = {
    "pipeline": {"pipeline"},
    "crawler": {"crawler", "pipeline", "settings"},
    "warehouse": {"warehouse", "pipeline", "settings"},
    "dashboard": {"dashboard", "warehouse", "pipeline", "settings"},
    "settings": set(),
    "flow": {"crawler", "pipeline", "warehouse", "dashboard", "settings", "flow"},
    "cli": {"crawler", "pipeline", "warehouse", "dashboard", "settings", "flow", "cli"},
}
MAY_LAUNCH = {"flow": {"cli"}}

DOTTED = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+")
DASH_M = re.compile(r"(?<!\S)-m\s+([A-Za-z_][\w.]*)")
BY_NAME_CALLS = {"import_module", "__import__", "find_spec"}


@dataclass(frozen=True)
class Reference:
    source: str  # module name
    target: str
    path: str  # file, relative to the root
    line: int
    kind: str  # import | deferred import | by-name import | launch | named in a string

    def arrow(self) -> str:
        return f"{self.path}:{self.line}: {self.source} -> {self.target} ({self.kind})"


def layer(module: str) -> str:
    top = module.split(".")[0]
    if top == CLI:
        return "cli"
    if top == SETTINGS_LEAF:
        return "settings"
    if top.startswith(CLI + "_"):
        return "flow"
    return top


def project_files(root: Path) -> dict[str, Path]:
    """Module name -> file, for the parts and the top-level ma_demand*.py modules."""
    modules = {path.stem: path for path in sorted(root.glob(CLI + "*.py"))}
    for part in PARTS:
        for path in sorted((root / part).rglob("*.py")):
            names = path.relative_to(root).with_suffix("").parts
            modules[".".join(names[:-1] if names[-1] == "__init__" else names)] = path
    return modules


def top_level_names(tree: ast.Module) -> set[str]:
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                names.update(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
    return names


class _Collector(ast.NodeVisitor):
    """The references in one module's tree."""

    def __init__(self, module: str, is_package: bool, path: str, resolve):
        self.module, self.path, self.resolve = module, path, resolve
        self.package = module if is_package else module.rpartition(".")[0]
        self.depth = 0  # functions entered
        self.found: list[Reference] = []
        self.skipped: set[int] = set()  # docstrings, and strings already read as a launch

    def add(self, name: str, line: int, kind: str, attribute_ok: bool = False, from_import: bool = False) -> None:
        target = self.resolve(name, attribute_ok, from_import)
        if target and target != self.module:
            self.found.append(Reference(self.module, target, self.path, line, kind))

    def _import_kind(self) -> str:
        return "deferred import" if self.depth else "import"

    def _mark_docstring(self, node) -> None:
        body = getattr(node, "body", None)
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                and isinstance(body[0].value.value, str):
            self.skipped.add(id(body[0].value))

    def visit_Module(self, node: ast.Module) -> None:
        self._mark_docstring(node)
        self.generic_visit(node)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._mark_docstring(node)
        self.generic_visit(node)

    def _visit_function(self, node) -> None:
        if not isinstance(node, ast.Lambda):
            self._mark_docstring(node)
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = _visit_function

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self.add(alias.name, node.lineno, self._import_kind())

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        base = node.module or ""
        if node.level:
            anchor = self.package.split(".")[: len(self.package.split(".")) - (node.level - 1)]
            base = ".".join(anchor + ([base] if base else []))
        for alias in node.names:
            # `from a import b`: the submodule a.b when there is one, else a itself.
            self.add(f"{base}.{alias.name}", node.lineno, self._import_kind(), from_import=True)

    def visit_Call(self, node: ast.Call) -> None:
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        first = node.args[0] if node.args else None
        if name in BY_NAME_CALLS and isinstance(first, ast.Constant) and isinstance(first.value, str):
            self.add(first.value, node.lineno, "by-name import")
        self.generic_visit(node)

    def _visit_sequence(self, node) -> None:
        values = [item.value if isinstance(item, ast.Constant) else None for item in node.elts]
        for flag, value, item in zip(values, values[1:], node.elts[1:]):
            if flag == "-m" and isinstance(value, str):
                self.add(value, node.lineno, "launch")
                self.skipped.add(id(item))
            elif flag == "-c" and isinstance(value, str):
                self._launched_code(value, node.lineno)
                self.skipped.add(id(item))
        self.generic_visit(node)

    visit_List = visit_Tuple = _visit_sequence

    def _launched_code(self, code: str, line: int) -> None:
        try:
            tree = ast.parse(code)
        except SyntaxError:
            return
        for inner in ast.walk(tree):
            if isinstance(inner, ast.Import):
                for alias in inner.names:
                    self.add(alias.name, line, "launch")
            elif isinstance(inner, ast.ImportFrom) and inner.module:
                for alias in inner.names:
                    self.add(f"{inner.module}.{alias.name}", line, "launch", from_import=True)

    def visit_Constant(self, node: ast.Constant) -> None:
        if not isinstance(node.value, str) or id(node) in self.skipped:
            return
        for launched in DASH_M.findall(node.value):
            self.add(launched, node.lineno, "launch")
        if DOTTED.fullmatch(node.value):
            self.add(node.value, node.lineno, "named in a string", attribute_ok=True)


def collect(root: Path) -> list[Reference]:
    """Every reference between the project's modules under `root`."""
    files = project_files(root)
    trees = {module: ast.parse(path.read_text(encoding="utf-8"), str(path)) for module, path in files.items()}
    names = {module: top_level_names(tree) for module, tree in trees.items()}
    tops = {module.split(".")[0] for module in files}

    def resolve(dotted: str, attribute_ok: bool, from_import: bool) -> str | None:
        """The project module `dotted` names: itself, or with attribute_ok a module and a name it defines,
        or (from_import, `from a import b`) the module a."""
        if dotted.split(".")[0] not in tops:
            return None
        if dotted in files:
            return dotted
        module, _, attribute = dotted.rpartition(".")
        if module not in files:
            return None
        if attribute in names[module]:
            return module if attribute_ok or from_import else None
        # `from package import x`, x defined nowhere in Python: a compiled submodule (pipeline._scan).
        return module if from_import and files[module].name != "__init__.py" else None

    references = []
    for module, tree in trees.items():
        collector = _Collector(module, files[module].name == "__init__.py",
                               files[module].relative_to(root).as_posix(), resolve)
        collector.visit(tree)
        references += collector.found
    return references


def forbidden_arrows(references: list[Reference]) -> list[str]:
    problems = []
    for ref in references:
        source, target = layer(ref.source), layer(ref.target)
        allowed = MAY_USE[source] | (MAY_LAUNCH.get(source, set()) if ref.kind == "launch" else set())
        if target not in allowed:
            what = "the CLI module ma_demand" if target == "cli" else f"{target}/" if target in PARTS else ref.target
            problems.append(f"{ref.arrow()}: {source} may not use {what}")
    return problems


def import_cycles(references: list[Reference]) -> list[str]:
    """Each cycle among the modules' import statements (module level and deferred), by Tarjan's algorithm."""
    graph: dict[str, dict[str, Reference]] = {}
    for ref in references:
        if ref.kind in ("import", "deferred import", "by-name import"):
            graph.setdefault(ref.source, {}).setdefault(ref.target, ref)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for successor in graph.get(node, {}):
            if successor not in index:
                visit(successor)
                low[node] = min(low[node], low[successor])
            elif successor in on_stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    problems = []
    for component in components:
        members = set(component)
        arrows = [ref.arrow() for source in component for target, ref in sorted(graph[source].items())
                  if target in members]
        problems.append("import cycle among " + ", ".join(component) + ":\n    " + "\n    ".join(arrows))
    return problems


def check(root: Path) -> list[str]:
    references = collect(root)
    return forbidden_arrows(references) + import_cycles(references)


def test_no_part_reaches_back_up_the_flow_and_no_module_imports_itself_round_a_cycle():
    problems = check(ROOT)
    assert not problems, "\n".join(problems)


def test_the_checker_finds_a_planted_forbidden_arrow_a_cli_import_and_a_cycle(tmp_path):
    files = {
        "ma_demand.py": "",
        "ma_demand_settings.py": "",
        "crawler/__init__.py": "",
        "crawler/spider.py": ("import subprocess, sys\n"
                              "def crawl():\n"
                              "    from warehouse import load\n"
                              "    subprocess.run([sys.executable, '-m', 'dashboard.app'])\n"
                              "PIPELINES = {'warehouse.load.Loader': 1}\n"),
        "warehouse/__init__.py": "",
        "warehouse/load.py": "import importlib\nclass Loader: pass\ndef run():\n    importlib.import_module('ma_demand')\n",
        "dashboard/__init__.py": "",
        "dashboard/app.py": "",
        "pipeline/__init__.py": "",
        "pipeline/text.py": "from pipeline import tags\ndef clean(): pass\n",
        "pipeline/tags.py": "def tag():\n    from pipeline.text import clean\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    problems = check(tmp_path)
    assert any(p.startswith("crawler/spider.py:3: crawler.spider -> warehouse.load (deferred import)") for p in problems)
    assert any(p.startswith("crawler/spider.py:4: crawler.spider -> dashboard.app (launch)") for p in problems)
    assert any(p.startswith("crawler/spider.py:5: crawler.spider -> warehouse.load (named in a string)") for p in problems)
    assert any(p.startswith("warehouse/load.py:4: warehouse.load -> ma_demand (by-name import)")
               and "the CLI module ma_demand" in p for p in problems)
    assert any(p.startswith("import cycle among pipeline.tags, pipeline.text") for p in problems)
    assert len(problems) == 5, "\n".join(problems)
