"""A small per-process memo with a time to live, for lookups that hot read-only paths repeat.

Each process keeps its own entries, so a change made elsewhere is seen after at most ``seconds``
(callers clear their memo on their own models' changes to see this process's changes at once).
Use it only where such a delay is harmless, e.g. public, read-only answers about published
data; never for permissions of signed-in users.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable


class LocalTTLCache:
    def __init__(self, seconds: Callable[[], float], size: int = 1024):
        self.seconds = seconds  # read on every use, so settings overrides apply
        self.size = size
        self.items: OrderedDict = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: Hashable):
        """The value kept for ``key``, or ``None`` (missing, expired, or memo turned off)."""
        if self.seconds() <= 0:
            return None
        now = time.monotonic()
        with self.lock:
            item = self.items.get(key)
            if item is None:
                return None
            if item[0] <= now:
                del self.items[key]
                return None
            self.items.move_to_end(key)
            return item[1]

    def put(self, key: Hashable, value) -> None:
        seconds = self.seconds()
        if seconds <= 0:
            return
        with self.lock:
            self.items[key] = (time.monotonic() + seconds, value)
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)

    def clear(self, *_args, **_kwargs) -> None:
        """Forget everything (usable directly as a signal receiver)."""
        with self.lock:
            self.items.clear()
