from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _lock_for_session_booking(self):
        """Lock the experts' rows for the rest of the transaction: bookings
        of one expert are serialised.

        The rows are locked, never written (``FOR NO KEY UPDATE`` neither
        blocks the foreign key checks of rows that reference the experts):
        a transaction waiting for the lock gets it as soon as the holder
        commits, without a serialization failure to retry. Its snapshot
        predates that commit, so the slot check re-reads the busy time
        committed since (``session.slot._check_slot``)."""
        if not self:
            return
        self.env.cr.execute("SELECT id FROM res_users WHERE id IN %s ORDER BY id FOR NO KEY UPDATE", [tuple(self.ids)])

    def _session_tz(self):
        """The time zone the expert's availability is read in."""
        self.ensure_one()
        return self.tz or self.company_id.resource_calendar_id.tz or "UTC"
