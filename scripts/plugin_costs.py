#!/usr/bin/env python3
"""Where the travel-advice plugin's CPU time goes in one ``mkdocs build``: print it as JSON.

Run in a project folder (``python scripts/plugin_costs.py``): the build runs in this process,
each part below is timed (CPU time, user + system) wherever the plugin calls it, and so are all
of the plugin's hooks together and Python's garbage collector. ``scripts/benchmark.py`` prints
the result as its second table. A part that no longer exists under its name stops the script:
rename it here when the code moves.
"""

from __future__ import annotations

import functools
import gc
import importlib
import json
import sys
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from mkdocs.plugins import CombinedEvent

PARTS: dict[str, tuple[str, str]] = {
    "Load and validate the advisories": ("travel_advice.glue.plugin", "load_advisories"),
    "Write the generated pages' Markdown": ("travel_advice.glue.plugin", "generated_pages"),
    "Atom feeds": ("travel_advice.glue.plugin", "feed_files"),
    "Open data and schemas": ("travel_advice.glue.plugin", "site_files"),
    "Theme context of each page": ("travel_advice.glue.plugin", "page_context"),
    "Point each page at its language's search": ("travel_advice.glue.search", "point_search_to_language"),
    "Collapse blank space": ("travel_advice.site.html_passes", "collapse_whitespace"),
    "Search indexes per language (Pagefind)": ("travel_advice.glue.pagefind_index", "write_indexes"),
}
ALL_HOOKS = "All of the plugin's hooks"
GARBAGE_COLLECTION = "Garbage collection (whole build)"
WHOLE_BUILD = "Whole build"


def _timed(function: Callable[..., Any], costs: Counter[str], part: str) -> Callable[..., Any]:
    @functools.wraps(function)
    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            costs[part] += time.process_time() - start

    return timed


def _wrap(owner: Any, name: str, costs: Counter[str], part: str) -> None:
    setattr(owner, name, _timed(getattr(owner, name), costs, part))


def instrument(costs: Counter[str]) -> None:
    """Time every part of :data:`PARTS` and every hook of the plugin into ``costs``."""
    for part, (module_name, path) in PARTS.items():
        owner: Any = importlib.import_module(module_name)
        *parents, name = path.split(".")
        for parent in parents:
            owner = getattr(owner, parent)
        _wrap(owner, name, costs, part)
    plugin_class = importlib.import_module("travel_advice.glue.plugin").TravelAdvicePlugin
    for name, hook in list(vars(plugin_class).items()):
        if isinstance(hook, CombinedEvent):
            setattr(plugin_class, name, CombinedEvent(*(_timed(m, costs, ALL_HOOKS) for m in hook.methods)))
        elif name.startswith("on_") and callable(hook):
            _wrap(plugin_class, name, costs, ALL_HOOKS)


def _count_garbage_collection(costs: Counter[str]) -> None:
    started: list[float] = []

    def callback(phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            started.append(time.process_time())
        else:
            costs[GARBAGE_COLLECTION] += time.process_time() - started.pop()

    gc.callbacks.append(callback)


def main() -> int:
    from mkdocs.__main__ import cli

    costs: Counter[str] = Counter()
    instrument(costs)
    _count_garbage_collection(costs)
    sys.argv = ["mkdocs", "build", "--strict", "-q", "-d", "site-costs"]  # static-i18n reads sys.argv
    start = time.process_time()
    try:
        cli(sys.argv[1:], standalone_mode=False)
    finally:
        costs[WHOLE_BUILD] = time.process_time() - start
    print(json.dumps({part: round(costs[part], 6) for part in [*PARTS, ALL_HOOKS, GARBAGE_COLLECTION, WHOLE_BUILD]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
