"""The demo: each capability's demo step (``Capability.demo`` in its ``capability.py``), in
their declared order. The foundation (satker tree, KPU Kabupaten Jepara, one login per role)
comes first; every step is idempotent, so running the demo again refreshes the same records.
"""

from __future__ import annotations

from prima.core.registry import registry


def run_demo(stdout=None) -> list[str]:
    """Run every capability's demo step; return what the steps describe (e.g. the logins)."""
    descriptions = []
    for step in registry.demo_steps():
        result = step.run(stdout=stdout)
        if hasattr(result, "describe"):
            descriptions.append(result.describe())
    return descriptions
