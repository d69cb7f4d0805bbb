from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    session_booking_serial = fields.Integer(
        default=0,
        copy=False,
        help="Bumped under lock by every booking change of this expert, so "
        "that a concurrent transaction working on an older snapshot fails "
        "with a serialization error and is retried instead of double booking.",
    )

    def _lock_for_session_booking(self, bump=True):
        """Lock the expert's row for the rest of the transaction.

        ``SELECT ... FOR UPDATE`` serialises bookings of one expert; the bump
        of ``session_booking_serial`` makes a transaction that started before
        a concurrent booking committed fail (REPEATABLE READ), instead of
        re-checking the calendar on a stale snapshot. ``bump=False`` only
        locks: the caller bumps once it is sure to change the calendar
        (``_bump_session_booking_serial``).
        """
        if not self:
            return
        self.env.cr.execute("SELECT id FROM res_users WHERE id IN %s FOR UPDATE", [tuple(self.ids)])
        if bump:
            self._bump_session_booking_serial()

    def _bump_session_booking_serial(self):
        """Tell concurrent transactions of these experts to start again.

        Only a transaction that books bumps: a refused booking (whose
        transaction the portal still commits, to show the error) must not
        make every concurrent booking of the expert fail and retry.
        """
        if not self:
            return
        self.env.cr.execute(
            "UPDATE res_users SET session_booking_serial = session_booking_serial + 1 WHERE id IN %s",
            [tuple(self.ids)],
        )
        self.invalidate_recordset(["session_booking_serial"])

    def _session_tz(self):
        """The time zone the expert's availability is read in."""
        self.ensure_one()
        return self.tz or self.company_id.resource_calendar_id.tz or "UTC"
