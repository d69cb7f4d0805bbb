from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    session_booking_id = fields.Many2one(
        "session.booking", string="Penalised Session", readonly=True, copy=False, index="btree_not_null"
    )
    session_penalty_kind = fields.Selection(
        [("late", "Late cancellation fee"), ("no_show", "No-show fee")],
        string="Penalty",
        readonly=True,
        copy=False,
        help="What the penalty invoice charges for: pages and mails name it so.",
    )
    session_sale_order_id = fields.Many2one(
        related="session_booking_id.sale_order_id", string="Session Order", store=True, index="btree_not_null"
    )

    def init(self):
        res = super().init()
        # At most one penalty invoice per session, ever (credit notes aside).
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS account_move_session_penalty_uniq
                ON account_move (session_booking_id)
             WHERE session_booking_id IS NOT NULL AND move_type = 'out_invoice'
            """
        )
        return res

    def _session_penalty_label(self):
        """What the penalty invoice charges for, as pages and mails name it
        (``Late cancellation fee``, ``No-show fee``), or an empty string."""
        self.ensure_one()
        labels = dict(self._fields["session_penalty_kind"]._description_selection(self.env))
        return labels.get(self.session_penalty_kind, "")

    def _session_can_be_cancelled(self):
        """Whether an unpaid penalty can be cancelled rather than reversed:
        not inside a locked period and not in a hash-secured journal."""
        self.ensure_one()
        lock_date = self.company_id._get_user_fiscal_lock_date()
        return self.date > lock_date and not self.journal_id.restrict_mode_hash_table

    def _get_mail_template(self):
        # a penalty invoice's mail names what it charges for (late
        # cancellation, no-show); modules above may choose another one
        if self and all(move.move_type == "out_invoice" and move.session_penalty_kind for move in self):
            return "session_booking_penalty.mail_template_penalty_invoice"
        return super()._get_mail_template()
