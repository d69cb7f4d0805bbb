import calendar

from odoo import models

# The booking lock's grain: an expert's time is locked in slices of this
# many seconds (a session of 1 h with 10 min buffers takes 17 of them).
SESSION_LOCK_SLICE = 300


class ResUsers(models.Model):
    _inherit = "res.users"

    def _lock_for_session_booking(self, start, duration, buffer):
        """Lock the expert's time ``[start - buffer, start + duration +
        buffer)`` for the
        rest of the transaction: bookings of the expert whose times could
        clash are serialised, the others run side by side.

        One transaction-level advisory lock per (expert, slice of
        ``SESSION_LOCK_SLICE`` seconds) met by the range, taken in ascending
        order in one statement (no deadlock between bookings). Two sessions
        that clash (one's time meets the other's time widened by its buffer,
        whatever the buffers) share a slice. Nothing is written: a
        transaction waiting for the lock gets it as soon as the holder
        commits, without a serialization failure to retry. Its snapshot
        predates that commit, so the slot check re-reads the busy time
        committed since (``session.slot._check_slot``); the unique index on
        (expert, start) of booked sessions backs it.

        ``start``: a naive UTC datetime (any, checked afterwards: the
        arithmetic is on integers); ``duration``, ``buffer``: timedeltas."""
        self.ensure_one()
        begin = calendar.timegm(start.timetuple()) - int(buffer.total_seconds())
        end = calendar.timegm(start.timetuple()) + int((duration + buffer).total_seconds())
        first, last = begin // SESSION_LOCK_SLICE, max(begin, end - 1) // SESSION_LOCK_SLICE
        # generate_series yields the slices in ascending order
        self.env.cr.execute(
            "SELECT pg_advisory_xact_lock(%s, slice::int) FROM generate_series(%s::bigint, %s::bigint) AS slice",
            [self.id, first, last],
        )

    def _session_tz(self):
        """The time zone the expert's availability is read in."""
        self.ensure_one()
        return self.tz or self.company_id.resource_calendar_id.tz or "UTC"
