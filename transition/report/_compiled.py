"""The built-in report templates, compiled by Jinja ahead of time.

Compiling the templates (lexing, parsing, generating Python) is most of what the first
report of a process costs: tens of milliseconds on every ``transition report`` run.
So the Python source that Jinja generates for each built-in template ships in the
package (``precompiled/``), made by ``python -m transition.report.precompile``.

A shipped file is used only if it was made from exactly this template source, by
this version of Jinja, for an environment configured exactly like this one: all of
that goes into a digest that is part of the file's name. Anything else (an edited
template, an upgraded Jinja, a changed option or filter) finds no file of that name,
and the template is compiled as Jinja always does, so a stale file can never serve
stale output. Nothing is written at run time: the shipped source is compiled to a
code object in memory, just as Jinja's own loaders compile what Jinja generates.
``tests/report/test_precompiled.py`` fails when the shipped files are not current.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, MutableMapping
from pathlib import Path
from typing import Any

import jinja2

__all__ = [
    "PRECOMPILED",
    "PrecompiledLoader",
    "builtin_loader",
    "digest",
    "expected_files",
    "write_precompiled",
]

#: Where the shipped compiled templates live.
PRECOMPILED = Path(__file__).with_name("precompiled")

#: Which built-in templates each format's environment loads, by name suffix.
FORMAT_SUFFIXES = {"html": (".html.j2", ".css.j2"), "markdown": (".md.j2",), "text": (".txt.j2",)}

_SUFFIX = ".py.txt"
_TRAILER = "# precompiled"


def _name(value: object) -> str:
    if isinstance(value, bool | str) or value is None:
        return repr(value)
    return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', repr(value))}"


def digest(environment: jinja2.Environment, source: str) -> str:
    """What the Python Jinja generates for ``source`` in ``environment`` depends on.

    The template source, Jinja's version and every setting of the environment that
    the code generator reads (syntax, whitespace handling, autoescaping, finalize,
    extensions, the filter and test names known at compile time).

    >>> plain, trimmed = jinja2.Environment(), jinja2.Environment(trim_blocks=True)
    >>> digest(plain, "x") == digest(jinja2.Environment(), "x")
    True
    >>> len({digest(plain, "x"), digest(plain, "y"), digest(trimmed, "x")})
    3
    """
    settings = [
        jinja2.__version__,
        _name(type(environment)),
        _name(environment.code_generator_class),
        environment.block_start_string,
        environment.block_end_string,
        environment.variable_start_string,
        environment.variable_end_string,
        environment.comment_start_string,
        environment.comment_end_string,
        repr(environment.line_statement_prefix),
        repr(environment.line_comment_prefix),
        repr(environment.trim_blocks),
        repr(environment.lstrip_blocks),
        repr(environment.newline_sequence),
        repr(environment.keep_trailing_newline),
        repr(environment.optimized),
        repr(environment.is_async),
        _name(environment.autoescape),
        _name(environment.finalize),
        ",".join(sorted(environment.extensions)),
        ",".join(sorted(environment.filters)),
        ",".join(sorted(environment.tests)),
    ]
    text = "\n".join(settings) + "\n\0" + source
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _file_name(name: str, key: str) -> str:
    return f"{name}.{key}{_SUFFIX}"


class PrecompiledLoader(jinja2.BaseLoader):
    """Load templates from ``templates``, with their shipped compiled code if current.

    ``folder`` holds the compiled code, one file per template and digest (see
    :func:`digest`); a template without a current file there is compiled as usual.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> loader = PrecompiledLoader(jinja2.DictLoader({"t.j2": "{{ 1 + 1 }}"}), folder)
    >>> environment = jinja2.Environment(loader=loader)
    >>> environment.get_template("t.j2").render()
    '2'
    """

    def __init__(self, templates: jinja2.BaseLoader, folder: Path) -> None:
        self.templates = templates
        self.folder = folder

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        return self.templates.get_source(environment, template)

    def list_templates(self) -> list[str]:
        return self.templates.list_templates()

    def load(
        self,
        environment: jinja2.Environment,
        name: str,
        globals: MutableMapping[str, Any] | None = None,
    ) -> jinja2.Template:
        # As jinja2.BaseLoader.load, but the code comes from the shipped file when
        # there is a current one; compiled the same way, to the same code object.
        source, filename, uptodate = self.get_source(environment, name)
        path = self.folder / _file_name(name, digest(environment, source))
        try:
            generated = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            code = environment.compile(source, name, filename)
        else:
            code = compile(generated, filename or "<template>", "exec")
        return environment.template_class.from_code(
            environment, code, {} if globals is None else globals, uptodate
        )


def builtin_loader() -> PrecompiledLoader:
    """The loader of the built-in templates, with their shipped compiled code."""
    return PrecompiledLoader(jinja2.PackageLoader("transition.report", "templates"), PRECOMPILED)


def expected_files(
    environments: Iterable[tuple[jinja2.Environment, Iterable[str]]],
) -> dict[str, str]:
    """The compiled-template files for these environments and template names, by file name.

    Each file is the Python Jinja generates for the template, then a comment trailer
    naming the template, its source's SHA-256 and the Jinja version (at the end, so
    that line numbers, which Jinja maps back to the template, do not move).
    """
    files = {}
    for environment, names in environments:
        for name in names:
            source, filename, _ = environment.loader.get_source(environment, name)  # type: ignore[union-attr]
            generated = environment.compile(source, name, filename, raw=True)
            source_sha256 = hashlib.sha256(source.encode("utf-8")).hexdigest()
            trailer = (
                f"\n{_TRAILER} from {name} (sha256 {source_sha256})"
                f" by Jinja {jinja2.__version__}; regenerate with"
                " python -m transition.report.precompile\n"
            )
            files[_file_name(name, digest(environment, source))] = (
                generated.rstrip("\n") + "\n" + trailer
            )
    return files


def builtin_environments() -> list[tuple[jinja2.Environment, list[str]]]:
    """Each built-in format's environment, with the templates it loads."""
    from . import builtin_environment

    pairs = []
    for fmt, suffixes in FORMAT_SUFFIXES.items():
        environment = builtin_environment(fmt)
        names = [name for name in environment.list_templates() if name.endswith(suffixes)]
        pairs.append((environment, names))
    return pairs


def write_precompiled(folder: Path = PRECOMPILED) -> list[Path]:
    """Write the built-in templates' compiled code to ``folder``; remove stale files.

    Returns the files written. Run by ``python -m transition.report.precompile``.
    """
    files = expected_files(builtin_environments())
    folder.mkdir(exist_ok=True)
    for stale in folder.glob(f"*{_SUFFIX}"):
        if stale.name not in files:
            stale.unlink()
    written = []
    for file_name, text in sorted(files.items()):
        path = folder / file_name
        path.write_bytes(text.encode("utf-8"))
        written.append(path)
    return written
