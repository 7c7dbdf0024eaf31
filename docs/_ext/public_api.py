"""The API reference as ``interview_recovery.__all__`` defines it, whatever private module holds each name.

* The ``public-api`` directive documents the names it lists (each must be in ``__all__``)
  through the package, as ``interview_recovery.NAME``, with the autodoc directive that suits
  the object; with ``:rest:`` it documents every exported name that no earlier directive of the
  page listed, so a new export appears in the reference without anyone editing the page.
* The fields of a pydantic model or a dataclass are listed with their type, default and
  ``Field(description=...)``, which autodoc does not see, and a private base class is shown as
  the public classes it stands for.
* A ``missing-reference`` handler resolves a reference to a private path
  (``interview_recovery._model.models.Plan``, as annotations name it) to the public name of the same
  object, and renders a reference to a real object of the standard library or a dependency as
  plain code (the build is offline, so there is no inventory to link to). Anything else, a
  name that does not exist or a private one, stays unresolved, which the strict build reports.
"""

from __future__ import annotations

import builtins
import contextlib
import dataclasses
import enum
import functools
import importlib
import inspect
import operator
import pkgutil
import sys
import types
import typing
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from pydantic import BaseModel
from pydantic_core import PydanticUndefined
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.errors import PycodeError
from sphinx.pycode import ModuleAnalyzer
from sphinx.util.docutils import SphinxDirective
from sphinx.util.inspect import TypeAliasForwardRef, stringify_signature
from sphinx.util.typing import stringify_annotation

PACKAGE = "interview_recovery"

# Types that public functions return or public models hold, but that the package does not
# export (yet): shown as plain code rather than failing the build. Named without their module,
# so that moving one between private modules changes nothing here; a new unexported type in a
# public signature fails the build until it is exported or listed.
UNEXPORTED = {
    "Case": "a rule pack case, in CaseResult",
    "Change": "a change that would alter a decision (Explanation), or a changed decision (RuleDiff)",
    "DebriefWidget": "what Debrief.widget() returns",
    "DecisionRule": "a decision rule of a RuleSet",
    "NoteWarning": "wording the advice would question, in a Note",
    "Origin": "where a RuleSet was loaded from (RuleSet.origin)",
    "Phrasings": "what load_phrasings() returns",
    "Placeholder": "a gap to fill in a Note",
    "RuleCheck": "why one rule did or did not decide, in an Explanation",
    "StepRule": "a step rule of a RuleSet",
}

_MISSING = object()


def _public() -> dict[str, Any]:
    package = importlib.import_module(PACKAGE)
    return {name: getattr(package, name) for name in package.__all__}


def _import_every_module(app: Sphinx, config: Config) -> None:
    """Import every module of the package, so that the names below are found in the modules imported lazily too.

    ``__main__`` is left out (it runs the command line), and so is a module whose optional
    dependency is not installed.
    """
    package = importlib.import_module(PACKAGE)
    for module in pkgutil.walk_packages(package.__path__, f"{PACKAGE}."):
        if not module.name.endswith(".__main__"):
            with contextlib.suppress(ImportError):
                importlib.import_module(module.name)


def _documenter(obj: Any) -> tuple[str, list[str]]:
    """The autodoc directive for an exported object, and its options."""
    if inspect.isclass(obj) and issubclass(obj, BaseException):
        return "autoexception", []
    if inspect.isclass(obj):
        return "autoclass", [":undoc-members:"] if issubclass(obj, enum.Enum) else []
    if inspect.isfunction(obj):
        return "autofunction", []
    # A type alias's value is its expansion, which the docstring says better.
    return "autodata", [":no-value:"] if typing.get_origin(obj) is not None else []


class PublicApi(SphinxDirective):
    """Document exported names through the package: ``.. public-api::`` then one name a line."""

    has_content = True
    option_spec = {"rest": directives.flag}  # noqa: RUF012 (docutils reads it from the class)

    def run(self) -> list[nodes.Node]:
        public = _public()
        listed: set[str] = self.env.temp_data.setdefault("public_api_listed", set())
        names = [line.strip() for line in self.content if line.strip()]
        unknown = [name for name in names if name not in public]
        if unknown:
            raise self.error(f"not in {PACKAGE}.__all__: {', '.join(unknown)}; document only exported names")
        if "rest" in self.options:
            names += [name for name in public if name not in listed and name not in names]
        listed.update(names)
        source = self.get_source_info()[0]
        lines = StringList()
        for name in names:
            directive, options = _documenter(public[name])
            for line in (f".. {directive}:: {PACKAGE}.{name}", *(f"   {o}" for o in options), ""):
                lines.append(line, source)
        container = nodes.container()
        self.state.nested_parse(lines, self.content_offset, container)
        return container.children


def _attribute_docs(cls: type) -> set[str]:
    """The attributes of a class that have a docstring or ``#:`` comment in its source, which autodoc documents."""
    try:
        analyzer = ModuleAnalyzer.for_module(cls.__module__)
    except PycodeError:
        return set()
    return {attr for (owner, attr) in analyzer.find_attr_docs() if owner == cls.__qualname__}


def _unannotated(annotation: Any) -> Any:
    """The annotation without pydantic's ``Annotated`` metadata inside it (``tuple[Annotated[A | B, Field()], ...]``
    reads ``tuple[A | B, ...]``): the metadata is no type a reader can follow."""
    if typing.get_origin(annotation) is typing.Annotated:
        return _unannotated(typing.get_args(annotation)[0])
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is None or not args:
        return annotation
    plain = tuple(_unannotated(arg) for arg in args)
    if plain == args:
        return annotation
    if origin in (types.UnionType, typing.Union):
        return functools.reduce(operator.or_, plain)
    return origin[plain if len(plain) > 1 else plain[0]]


def _fields(cls: type) -> list[tuple[str, Any, str | None, str]]:
    """The fields of a pydantic model or a dataclass: name, annotation, default (as code) and description."""
    fields: list[tuple[str, Any, str | None, str]] = []
    if issubclass(cls, BaseModel):
        for name, info in cls.model_fields.items():
            default = None
            if info.default is not PydanticUndefined:
                default = repr(info.default)
            elif info.default_factory is not None:
                default = repr(info.default_factory())  # type: ignore[call-arg]
            fields.append((name, _unannotated(info.annotation), default, info.description or ""))
    elif dataclasses.is_dataclass(cls):
        hints = typing.get_type_hints(cls)
        for field in dataclasses.fields(cls):
            default = None if field.default is dataclasses.MISSING else repr(field.default)
            fields.append((field.name, hints.get(field.name, field.type), default, ""))
    return fields


def _data_docstring(name: str) -> list[str] | None:
    """The docstring written after ``name = ...`` in whichever module of the package assigns it."""
    for module in sorted(m for m in sys.modules if m == PACKAGE or m.startswith(f"{PACKAGE}.")):
        try:
            docs = ModuleAnalyzer.for_module(module).find_attr_docs()
        except PycodeError:
            continue
        if ("", name) in docs:
            return list(docs["", name])
    return None


def _process_docstring(app: Sphinx, what: str, name: str, obj: Any, options: Any, lines: list[str]) -> None:
    """Complete what autodoc cannot see through the package's re-exports.

    An exported value (``__version__``) gets the docstring written where it is assigned, not its
    type's. A model's fields are listed under its docstring: autodoc sees neither pydantic's
    fields nor undocumented dataclass fields (one with a docstring in the source is left to
    autodoc, which documents it).
    """
    if what == "data" and name.startswith(f"{PACKAGE}.") and name.count(".") == 1:
        written = _data_docstring(name.rsplit(".", 1)[1])
        if written is not None:
            lines[:] = [*written, ""]
    if what not in {"class", "exception"} or not inspect.isclass(obj):
        return
    documented = _attribute_docs(obj)
    for field, annotation, default, description in _fields(obj):
        if field in documented:
            continue
        lines += ["", f".. py:attribute:: {field}", f"   :type: {stringify_annotation(annotation, 'smart')}"]
        if default is not None:
            lines.append(f"   :value: {default}")
        if description:
            lines += ["", f"   {description}"]
    lines.append("")


def _process_signature(
    app: Sphinx, what: str, name: str, obj: Any, options: Any, signature: str | None, return_annotation: str | None
) -> tuple[str | None, str | None] | None:
    """A model's signature without pydantic's metadata inside a container (a tuple of discriminated incidents)."""
    if (
        what != "class"
        or not (inspect.isclass(obj) and issubclass(obj, BaseModel))
        or "FieldInfo" not in (signature or "")
    ):
        return None
    found = inspect.signature(obj)
    plain = found.replace(
        parameters=[p.replace(annotation=_unannotated(p.annotation)) for p in found.parameters.values()]
    )
    return stringify_signature(plain, show_return_annotation=False), return_annotation


def _name_type_aliases(app: Sphinx, config: Config) -> None:
    """Name each exported type alias (``Incident``) in signatures and types, instead of writing out its expansion.

    autodoc replaces a string annotation listed in ``autodoc_type_aliases`` by a
    ``TypeAliasForwardRef``, which Sphinx 9.0 prints as its repr where it is nested
    (``list[Incident]``, ``Incident | None``): print it as the name, which the domain links.
    """
    for name, obj in _public().items():
        if typing.get_origin(obj) is not None:
            config.autodoc_type_aliases.setdefault(name, f"{PACKAGE}.{name}")
    TypeAliasForwardRef.__repr__ = lambda self: f"~{self.name}"  # type: ignore[method-assign]


def _process_bases(app: Sphinx, name: str, obj: Any, options: Any, bases: list[type]) -> None:
    """Show a private base class as its own bases, recursively (``_Incident`` as ``BaseModel``)."""
    public = set(map(id, _public().values()))
    shown: list[type] = []
    pending = list(bases)
    while pending:
        base = pending.pop(0)
        private = base.__module__.startswith(f"{PACKAGE}.") and id(base) not in public
        for candidate in base.__bases__ if private else (base,):
            if candidate not in shown and candidate not in pending:
                (pending if private else shown).append(candidate)
    bases[:] = shown


def _import(path: str) -> Any:
    """The object a dotted path names, importing its longest importable module prefix; _MISSING if none."""
    parts = path.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj: Any = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        try:
            for part in parts[cut:]:
                obj = getattr(obj, part)
        except AttributeError:
            return _MISSING
        return obj
    return getattr(builtins, path, _MISSING)


def _unexported(name: str) -> bool:
    """Whether ``name`` is listed in UNEXPORTED and is a class some private module of the package defines."""
    return name in UNEXPORTED and any(
        inspect.isclass(getattr(module, name, None))
        for key, module in list(sys.modules.items())
        if key.startswith(f"{PACKAGE}._")
    )


def _known_to_package(name: str) -> tuple[Any, str]:
    """The object a loaded module of the package binds to ``name``, and its dotted path; _MISSING if none."""
    for key, module in sorted(sys.modules.items()):
        if (key == PACKAGE or key.startswith(f"{PACKAGE}.")) and hasattr(module, name):
            obj = getattr(module, name)
            return obj, f"{getattr(obj, '__module__', key)}.{getattr(obj, '__qualname__', name)}"
    return _MISSING, name


def _resolve(app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: nodes.Element) -> nodes.Node | None:
    """Resolve what the Python domain could not: a private path to its public name, a real outside object as code."""
    if node.get("refdomain") != "py":
        return None
    target: str = node["reftarget"]
    if target == "NoneType" or _unexported(target.rsplit(".", 1)[-1]):
        return contnode
    if target == "types.Annotated":
        # How Sphinx names typing.Annotated in a pydantic model's signature (a constrained str).
        return contnode
    obj = _import(target)
    module = node.get("py:module")
    if obj is _MISSING and module and "." not in target:
        obj = _import(f"{module}.{target}")
        target = f"{module}.{target}"
    if obj is _MISSING and "." not in target.removeprefix(f"{module}."):
        # A bare name left as written, where autodoc could not evaluate an annotation: the
        # object a module of the package knows by that name (``Path``, imported by one).
        obj, target = _known_to_package(target.removeprefix(f"{module}."))
    if obj is _MISSING:
        return None  # names nothing: reported
    if target != PACKAGE and not target.startswith(f"{PACKAGE}."):
        return contnode  # a real object outside the package
    for name, public in _public().items():
        if public is obj and target != f"{PACKAGE}.{name}":
            return env.get_domain("py").resolve_xref(
                env, node["refdoc"], app.builder, node["reftype"], f"{PACKAGE}.{name}", node, contnode
            )
    return None  # private, or public but documented nowhere: reported


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("public-api", PublicApi)
    app.connect("config-inited", _import_every_module)
    app.connect("config-inited", _name_type_aliases)
    app.connect("autodoc-process-docstring", _process_docstring)
    app.connect("autodoc-process-bases", _process_bases)
    app.connect("autodoc-process-signature", _process_signature)
    app.connect("missing-reference", _resolve)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
