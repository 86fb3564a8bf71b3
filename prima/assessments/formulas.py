"""Safe arithmetic for computed worksheet items: a whitelist over Python's ``ast``, never eval.

A formula names other items by their key (``realisasi / target``), numbers, ``+ - * /``,
parentheses, unary minus and the functions ``min``/``max``. Everything else is refused when
the worksheet loads, so a bad file fails at once with a clear message.
"""

from __future__ import annotations

import ast
from decimal import Decimal, DivisionByZero, InvalidOperation

_BINARY = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b,
           ast.Mult: lambda a, b: a * b, ast.Div: lambda a, b: a / b}
_FUNCTIONS = {"min": min, "max": max}


class FormulaError(ValueError):
    """A formula uses something outside the whitelist."""


def parse(text: str) -> ast.Expression:
    """The checked syntax tree of ``text``; ``FormulaError`` for anything not whitelisted."""
    try:
        tree = ast.parse(str(text), mode="eval")
    except SyntaxError as exc:
        raise FormulaError(f"syntax error in formula {text!r}") from exc
    for node in ast.walk(tree):
        if isinstance(node, ast.Expression | ast.Load | ast.Name):
            continue
        if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
            continue
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, int | float) \
                and not isinstance(node.value, bool):
            continue
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and node.func.id in _FUNCTIONS and not node.keywords and node.args:
            continue
        if isinstance(node, ast.operator | ast.unaryop):
            continue
        raise FormulaError(f"{type(node).__name__} is not allowed in formula {text!r}")
    return tree


def names(text: str) -> set[str]:
    """Item keys a formula refers to (function names excluded)."""
    tree = parse(text)
    called = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and id(n) not in called}


def evaluate(text: str, values: dict[str, Decimal | None]) -> Decimal | None:
    """The value of the formula; ``None`` when an input is missing or a division is by zero."""
    tree = parse(text)

    def run(node):
        if isinstance(node, ast.Expression):
            return run(node.body)
        if isinstance(node, ast.Constant):
            return Decimal(str(node.value))
        if isinstance(node, ast.Name):
            value = values.get(node.id)
            if value is None:
                raise LookupError(node.id)
            return Decimal(value)
        if isinstance(node, ast.UnaryOp):
            operand = run(node.operand)
            return -operand if isinstance(node.op, ast.USub) else operand
        if isinstance(node, ast.BinOp):
            return _BINARY[type(node.op)](run(node.left), run(node.right))
        if isinstance(node, ast.Call):
            return _FUNCTIONS[node.func.id](*(run(arg) for arg in node.args))
        raise FormulaError(type(node).__name__)  # unreachable after parse()

    try:
        return run(tree)
    except (LookupError, ZeroDivisionError, DivisionByZero, InvalidOperation):
        return None
