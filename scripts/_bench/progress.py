"""A progress bar on stderr (no Odoo needed)."""

import sys
import time


def render_bar(label, done, total, elapsed, width=30):
    """``label [#####.....]  50%  5/10  3s``."""
    fraction = 1.0 if total <= 0 else min(done / total, 1.0)
    filled = int(round(fraction * width))
    return (
        f"{label:<22} [{'#' * filled}{'.' * (width - filled)}] {fraction * 100:3.0f}%  {done}/{total}  {elapsed:.0f}s"
    )


class Progress:
    """Redrawn in place on a terminal; one line per 10 % otherwise (logs)."""

    def __init__(self, label, total, stream=None, min_interval=0.2):
        self.label = label
        self.total = total
        self.done = 0
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.min_interval = min_interval
        self.started = time.monotonic()
        self._last_draw = 0.0
        self._last_decile = -1
        self._draw(force=True)

    def advance(self, count=1):
        self.done += count
        self._draw()

    def _draw(self, force=False):
        elapsed = time.monotonic() - self.started
        line = render_bar(self.label, self.done, self.total, elapsed)
        if self.tty:
            if force or elapsed - self._last_draw >= self.min_interval:
                self._last_draw = elapsed
                self.stream.write("\r" + line)
                self.stream.flush()
            return
        # not a terminal: one line per 10 %, the last one by close()
        decile = 10 if self.total <= 0 else int(self.done * 10 / self.total)
        if decile < 10 and (force or decile > self._last_decile):
            self._last_decile = decile
            self.stream.write(line + "\n")
            self.stream.flush()

    def close(self):
        elapsed = time.monotonic() - self.started
        line = render_bar(self.label, self.done, self.total, elapsed)
        self.stream.write(("\r" if self.tty else "") + line + "\n")
        self.stream.flush()
        return elapsed
