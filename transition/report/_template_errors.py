"""What went wrong in a user's template, as one located line (a :class:`TemplateError`).

Jinja reports a template's mistakes in several ways: a syntax error carries the file and
line; an undefined value, a sandbox violation, a missing template, a runaway recursion or
a Python error in an expression (``{{ 1 / 0 }}``) come with a traceback whose template
frames Jinja has rewritten to point at the template's file and line. Either way the
caller gets the template file, the line and what went wrong, never a traceback.
"""

from __future__ import annotations

import traceback

import jinja2

from ..errors import ErrorRecord, TemplateError

__all__ = ["template_error"]


def _where(error: BaseException) -> tuple[str | None, int | None]:
    """The template file and line an error was raised from (the innermost template
    frame), or ``(None, None)``."""
    if isinstance(error, jinja2.TemplateSyntaxError) and (error.filename or error.name):
        return error.filename or error.name, error.lineno
    where: tuple[str | None, int | None] = (None, None)
    for frame, line in traceback.walk_tb(error.__traceback__):
        filename = frame.f_code.co_filename
        if not filename.endswith(".py") and not filename.startswith("<"):
            where = (filename, line)
        elif frame.f_code.co_name == "get_source" and isinstance(
            frame.f_locals.get("filename"), str
        ):
            # A file the loader could not read (not UTF-8): the file itself, no line.
            return frame.f_locals["filename"], None
    return where


def _what(error: BaseException) -> tuple[str, str]:
    """The code and the message of an error raised by a template."""
    if isinstance(error, jinja2.TemplateSyntaxError):
        return "template-syntax", f"syntax error: {error.message}"
    if isinstance(error, jinja2.exceptions.SecurityError):
        return "template-sandbox", f"not allowed in the sandbox: {error}"
    if isinstance(error, jinja2.UndefinedError):
        return "template-undefined", f"undefined value: {error}"
    if isinstance(error, jinja2.TemplatesNotFound):
        return "template-not-found", f"template not found: {', '.join(map(str, error.templates))}"
    if isinstance(error, jinja2.TemplateNotFound):
        return "template-not-found", f"template not found: {error.name!r}"
    if isinstance(error, RecursionError):
        return (
            "template-recursion",
            "recursion too deep: a template includes, extends or calls itself without end",
        )
    if isinstance(error, OSError):
        return "template-read", f"cannot read: {error.strerror or error}"
    if isinstance(error, UnicodeDecodeError):
        return (
            "template-read",
            f"cannot read: not UTF-8 text (byte {error.object[error.start]:#04x})",
        )
    if isinstance(error, jinja2.TemplateError):
        return "template-error", f"{error}"
    return "template-error", f"{type(error).__name__}: {error}"


def template_error(error: Exception) -> TemplateError:
    """A :class:`TemplateError` for an error raised while rendering a user's template:
    one record, located at the template's file and line, on one line.

    >>> environment = jinja2.Environment(loader=jinja2.DictLoader({"t.j2": "{{ x }"}))
    >>> try:
    ...     environment.get_template("t.j2")
    ... except jinja2.TemplateSyntaxError as error:
    ...     print(template_error(error))
    t.j2:1: syntax error: unexpected '}'
    """
    filename, line = _where(error)
    if filename is None and isinstance(error, OSError) and error.filename is not None:
        filename = str(error.filename)
    code, message = _what(error)
    message = " ".join(message.split())  # one line, whatever the error said
    return TemplateError([ErrorRecord(message, path=filename, line=line, code=code)])
