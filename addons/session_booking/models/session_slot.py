import bisect
from datetime import datetime, time, timedelta

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import UserError


def _to_utc_naive(value):
    return value.astimezone(pytz.utc).replace(tzinfo=None)


class SessionSlot(models.AbstractModel):
    """Free slots of a package line: the expert's working hours in the
    expert's time zone, on the package's grid, minus the expert's busy
    calendar events (with buffers), the notice period, the booking horizon
    and the expiry.

    All datetimes in and out are naive UTC, as Odoo stores them. The cost is
    constant in queries whatever the number of events: one read of the
    working hours and one query for the busy events of the window.
    """

    _name = "session.slot"
    _description = "Session Slot Planner"

    @api.model
    def _get_free_slots(self, line, date_from, date_to):
        """Bookable start times of ``line`` in ``[date_from, date_to)``."""
        terms = line._session_terms()
        now = fields.Datetime.now()
        lower = max(date_from, now + terms["notice"])
        upper = min(date_to, now + terms["horizon"])
        if terms["expiry"]:
            upper = min(upper, terms["expiry"] - terms["duration"] + timedelta(seconds=1))
        if lower >= upper:
            return []
        # The grid starts where each working interval starts: read whole
        # intervals around the window (not ones clipped at "now").
        day = timedelta(days=1)
        candidates = [
            start
            for start in self._get_grid(terms, lower - day, upper + terms["duration"] + day)
            if lower <= start < upper
        ]
        busy = self._get_busy_intervals(
            terms["expert"], lower - terms["buffer"], upper + terms["duration"] + terms["buffer"], tz_name=terms["tz"]
        )
        return [
            start for start in candidates if not self._overlaps(busy, start, start + terms["duration"], terms["buffer"])
        ]

    @api.model
    def _check_slot(self, line, start, ignore_events=None):
        """Raise a clear UserError when ``start`` cannot be booked on ``line``.

        Called under the expert's booking lock: the busy time is read as this
        transaction sees it and as committed now (see
        :meth:`_get_busy_intervals`). ``ignore_events``: calendar events that
        do not count as busy (the meeting of a session being moved)."""
        terms = line._session_terms()
        now = fields.Datetime.now()
        if start <= now:
            raise UserError(_("This time is in the past: choose a later slot."))
        # before any arithmetic on ``start``: it may be as far as year 9999
        if start >= now + terms["horizon"]:
            raise UserError(
                _(
                    "Sessions of this package can be booked up to %s days ahead: choose an earlier slot.",
                    terms["horizon"].days,
                )
            )
        stop = start + terms["duration"]
        if start < now + terms["notice"]:
            notice_hours = "%g" % (terms["notice"].total_seconds() / 3600)
            raise UserError(_("Sessions must be booked at least %s hours in advance.", notice_hours))
        if terms["expiry"] and stop > terms["expiry"]:
            expiry = self.env["session.booking"]._session_format_datetime(terms["expiry"], self.env.user.partner_id)
            raise UserError(_("Your package expires on %s: this session would end after it.", expiry))
        day = timedelta(days=1)
        intervals = self._get_work_intervals(terms, start - day, stop + day)
        if not any(s <= start and stop <= e for s, e in intervals):
            raise UserError(_("This time is outside the expert's working hours."))
        if start not in self._get_grid(terms, start - day, stop + day, intervals):
            raise UserError(_("Sessions start on the proposed times only: choose one of the listed slots."))
        busy = self._get_busy_intervals(
            terms["expert"],
            start - terms["buffer"],
            stop + terms["buffer"],
            committed=True,
            ignore_events=ignore_events,
            tz_name=terms["tz"],
        )
        if self._overlaps(busy, start, stop, terms["buffer"]):
            raise UserError(_("This slot is no longer free: choose another one."))

    @api.model
    def _get_work_intervals(self, terms, date_from, date_to):
        tz = pytz.timezone(terms["tz"])
        calendar = terms["calendar"]
        intervals = calendar._work_intervals_batch(pytz.utc.localize(date_from), pytz.utc.localize(date_to), tz=tz)[
            False
        ]
        return [(_to_utc_naive(start), _to_utc_naive(stop)) for start, stop, _att in intervals]

    @api.model
    def _get_grid(self, terms, date_from, date_to, intervals=None):
        """Slot starts: from each working interval's start, one every
        duration + buffer, as long as the session fits in the interval."""
        if intervals is None:
            intervals = self._get_work_intervals(terms, date_from, date_to)
        step = terms["duration"] + terms["buffer"]
        grid = []
        for start, stop in intervals:
            slot = start
            while slot + terms["duration"] <= stop:
                grid.append(slot)
                slot += step
        return grid

    @api.model
    def _get_busy_intervals(self, expert, date_from, date_to, committed=False, ignore_events=None, tz_name=None):
        """Sorted, merged (start, stop) of the expert's busy events.

        ``tz_name``: the expert's zone (all-day events block its whole
        days), as the package line stores it; else read from the expert.

        ``committed``: also read the events committed since this
        transaction's snapshot was taken, in a fresh transaction. A booking
        waits for the lock on the expert's time (:meth:`res.users._lock_for_session_booking`)
        while a clashing booking of the expert commits; its REPEATABLE READ
        snapshot, taken before, does not show that booking's meeting, the
        fresh read does. The union of both reads is busy: this
        transaction's own new events and everything committed.
        """
        self.env["calendar.event"].flush_model(
            ["start", "stop", "allday", "active", "show_as", "user_id", "start_date", "stop_date"]
        )
        self.env["calendar.attendee"].flush_model(["event_id", "partner_id", "state"])
        params = {
            "date_from": date_from,
            "date_to": date_to,
            "user_id": expert.id,
            "ignore": list(ignore_events.ids) if ignore_events else [],
        }
        rows = set(self._read_busy_events(self.env.cr, params))
        # not while modules load (demo bookings): the loading transaction
        # holds table locks the fresh transaction would wait for, and nothing
        # books concurrently then
        if committed and self.env.registry.ready:
            with self.env.registry.cursor() as fresh_cr:
                # never wait forever on a lock this transaction holds
                fresh_cr.execute("SET LOCAL lock_timeout = '10s'")
                rows.update(self._read_busy_events(fresh_cr, params))
        tz = pytz.timezone(tz_name or expert._session_tz())
        busy = []
        for _id, start, stop, allday, start_date, stop_date in rows:
            if allday and start_date and stop_date:
                # all-day events block whole days of the expert's calendar
                start = _to_utc_naive(tz.localize(datetime.combine(start_date, time.min)))
                stop = _to_utc_naive(tz.localize(datetime.combine(stop_date + timedelta(days=1), time.min)))
            if stop > date_from and start < date_to:
                busy.append((start, stop))
        busy.sort()
        merged = []
        for start, stop in busy:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], stop))
            else:
                merged.append((start, stop))
        return merged

    @api.model
    def _read_busy_events(self, cr, params):
        """(id, start, stop, allday, start_date, stop_date) of the expert's
        busy events around the window, read with ``cr``.

        Two index-friendly branches (events the expert organises, events
        the expert attends) instead of "organiser OR EXISTS(attendee)": the
        OR forced a scan of every event with a correlated subplan whose cost
        estimate made PostgreSQL JIT-compile the query (~0.5 s per call
        whatever the window). The indexes are created in calendar.event's
        init(). The expert's partner is looked up in the query: the planner
        does not read the expert."""
        cr.execute(
            """
            SELECT e.id, e.start, e.stop, e.allday, e.start_date, e.stop_date
              FROM calendar_event e
             WHERE e.user_id = %(user_id)s
               AND e.active
               AND e.show_as = 'busy'
               AND e.start < %(date_to)s
               AND e.stop > %(date_from)s - interval '1 day'
               AND e.id != ALL(%(ignore)s::int[])
             UNION ALL
            SELECT e.id, e.start, e.stop, e.allday, e.start_date, e.stop_date
              FROM calendar_attendee a
              JOIN calendar_event e ON e.id = a.event_id
             WHERE a.partner_id = (SELECT u.partner_id FROM res_users u WHERE u.id = %(user_id)s)
               AND a.state != 'declined'
               AND e.user_id IS DISTINCT FROM %(user_id)s
               AND e.active
               AND e.show_as = 'busy'
               AND e.start < %(date_to)s
               AND e.stop > %(date_from)s - interval '1 day'
               AND e.id != ALL(%(ignore)s::int[])
            """,
            params,
        )
        return cr.fetchall()

    @staticmethod
    def _overlaps(busy, start, stop, buffer):
        """Whether [start - buffer, stop + buffer) meets a busy interval."""
        index = bisect.bisect_right(busy, (start - buffer, datetime.max))
        # the interval just before may still run into the slot
        for busy_start, busy_stop in busy[max(index - 1, 0) : index + 1]:
            if busy_start < stop + buffer and busy_stop > start - buffer:
                return True
        return False
