"""What the parent learns from a submission's source before running it: syntax errors and forbidden imports."""

from __future__ import annotations

import ast
from pathlib import Path

from drill.models import TestOutcome

# Always forbidden: libraries that would do the exercise for the learner, and drill itself (its reference).
DEFAULT_FORBIDDEN = (
    "sklearn",
    "scipy",
    "statsmodels",
    "torch",
    "tensorflow",
    "keras",
    "jax",
    "jaxlib",
    "drill",
)

_FRIENDLY = {"sklearn": "scikit-learn", "torch": "PyTorch", "tensorflow": "TensorFlow", "jax": "JAX",
             "scipy": "SciPy", "drill": "drill's own reference"}


def forbidden_message(module: str, where: str = "") -> str:
    """One line naming the forbidden import and what to do instead."""
    top = module.partition(".")[0]
    name = _FRIENDLY.get(top, top)
    at = f" ({where})" if where else ""
    return f"forbidden import: `{module}`{at} — {name} is not allowed here; implement it with NumPy and the standard library"


def scan(source: bytes, path: Path, forbidden: tuple[str, ...]) -> TestOutcome | None:
    """A failing TestOutcome for a syntax error or a forbidden import written in the source; None if clean."""
    try:
        text = source.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return TestOutcome(
            name="syntax",
            status="error",
            outcome="syntax-error",
            message=f"{path.name} is not UTF-8 text (byte {exc.start})",
            detail="Save the file as UTF-8.",
        )
    try:
        tree = ast.parse(text, filename=str(path))
    except (SyntaxError, ValueError) as exc:
        return _syntax_outcome(exc, path)
    banned = set(forbidden)
    for node in ast.walk(tree):
        modules: list[str] = []
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules = [node.module]
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            func = node.func
            fname = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if fname in ("__import__", "import_module") and isinstance(node.args[0].value, str):
                modules = [node.args[0].value]
        for module in modules:
            if module.partition(".")[0] in banned:
                line = getattr(node, "lineno", 0)
                code = text.splitlines()[line - 1].strip() if line else ""
                return TestOutcome(
                    name="imports",
                    status="error",
                    outcome="forbidden-import",
                    message=forbidden_message(module, f"line {line}"),
                    detail=f"{path.name}, line {line}:\n    {code}\n"
                    "The point of the exercise is to write it yourself: remove this import.",
                )
    return None


def _syntax_outcome(exc: SyntaxError | ValueError, path: Path) -> TestOutcome:
    if not isinstance(exc, SyntaxError):  # e.g. null bytes in the source
        return TestOutcome(name="syntax", status="error", outcome="syntax-error", message=f"{path.name}: {exc}")
    line = exc.lineno or 0
    text = (exc.text or "").rstrip("\n")
    caret = ""
    if text and exc.offset:
        stripped = text.lstrip()
        indent = len(text) - len(stripped)
        caret = " " * (4 + max(0, exc.offset - 1 - indent)) + "^"
        text = stripped
    kind = type(exc).__name__
    detail = f'  File "{path}", line {line}\n    {text}\n{caret}\n{kind}: {exc.msg}' if text else f"{kind}: {exc.msg}"
    return TestOutcome(
        name="syntax",
        status="error",
        outcome="syntax-error",
        message=f"{kind} on line {line}: {exc.msg}",
        detail=detail,
    )
