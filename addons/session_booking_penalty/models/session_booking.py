import pytz
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class SessionBooking(models.Model):
    _inherit = "session.booking"

    cancellation_policy_id = fields.Many2one(
        related="sale_line_id.session_cancellation_policy_id", string="Cancellation Policy"
    )
    is_late_cancellation = fields.Boolean(string="Late", compute="_compute_is_late_cancellation", store=True)
    penalty_move_id = fields.Many2one(
        "account.move", string="Penalty Invoice", readonly=True, copy=False, index="btree_not_null"
    )
    penalty_amount = fields.Monetary(related="penalty_move_id.amount_total", string="Penalty")
    penalty_payment_state = fields.Selection(related="penalty_move_id.payment_state", string="Penalty Payment")
    currency_id = fields.Many2one(related="sale_order_id.currency_id")
    penalty_waived = fields.Boolean(string="Waived", readonly=True, copy=False, tracking=True)
    penalty_waive_reason = fields.Text(string="Waiver Reason", readonly=True, copy=False)

    @api.depends("state")
    def _compute_is_late_cancellation(self):
        for booking in self:
            booking.is_late_cancellation = booking.state == "late_cancelled"

    @api.depends("sale_line_id.session_cancellation_policy_id.consume_credit_on_late_cancel")
    def _compute_consumes_credit(self):
        res = super()._compute_consumes_credit()
        for booking in self.filtered(lambda b: b.state == "late_cancelled"):
            policy = booking.sale_line_id.session_cancellation_policy_id
            booking.consumes_credit = not policy or policy.consume_credit_on_late_cancel
        return res

    # ------------------------------------------------------------------
    # Cancellation
    # ------------------------------------------------------------------

    def _cancel_state(self, cancelled_by):
        """Clients cancelling inside the late window cancel late; experts
        and the platform always cancel for free."""
        policy = self.sale_line_id.session_cancellation_policy_id
        if cancelled_by == "client" and policy and policy._is_late(self, fields.Datetime.now()):
            return "late_cancelled"
        return super()._cancel_state(cancelled_by)

    def _do_cancel(self, cancelled_by, reason, state):
        res = super()._do_cancel(cancelled_by, reason, state)
        if state == "late_cancelled":
            self._create_penalty_invoice("late")
        return res

    def action_mark_no_show(self):
        res = super().action_mark_no_show()
        for booking in self:
            booking._create_penalty_invoice("no_show")
        return res

    def _portal_cancel_preview(self):
        preview = super()._portal_cancel_preview()
        policy = self.sale_line_id.session_cancellation_policy_id
        if policy and policy._is_late(self, fields.Datetime.now()):
            preview.update(
                late=True,
                fee=policy._late_fee(self),
                consumes_credit=policy.consume_credit_on_late_cancel,
            )
        return preview

    # ------------------------------------------------------------------
    # Penalty invoices
    # ------------------------------------------------------------------

    def _create_penalty_invoice(self, kind):
        """Post the penalty invoice of a late cancellation
        (``kind='late'``) or a no-show, and queue its mail; at most one per
        session, ever.

        The caller holds the lock on the booking row; the unique index on
        ``account_move.session_booking_id`` backs it.
        """
        self.ensure_one()
        policy = self.sale_line_id.session_cancellation_policy_id
        if not policy:
            return self.env["account.move"]
        amount = policy._late_fee(self) if kind == "late" else policy._no_show_fee(self)
        if self.sale_order_id.currency_id.is_zero(amount):
            return self.env["account.move"]
        if self.penalty_move_id:
            raise UserError(_("Session %s already has a penalty invoice.", self.name))
        company = self.company_id
        move = (
            self.env["account.move"]
            .sudo()
            .with_company(company)
            .create(self._prepare_penalty_invoice_values(kind, amount, policy))
        )
        move.action_post()
        self.sudo().penalty_move_id = move
        self.sudo().message_post(
            body=Markup(_("Penalty invoice %s created.")) % move._get_html_link(),
            subtype_xmlid="mail.mt_note",
        )
        self._queue_penalty_invoice_mail(move)
        return move

    def _queue_penalty_invoice_mail(self, move):
        """Have Send & Print's cron render the PDF of ``move`` and mail it,
        in the expert's name, after the cancellation commits: rendering a
        PDF takes seconds, a cancellation must not wait for it (and a
        failing renderer must not block it)."""
        self.ensure_one()
        # the invoice email of the invoice's type (modules may choose another one)
        template = self.env.ref(move._get_mail_template(), raise_if_not_found=False)
        if not template:
            return
        move.sudo().send_and_print_values = {
            "mail_template_id": template.id,
            "sp_partner_id": self.expert_id.partner_id.id,
            "sp_user_id": self.expert_id.id,
            "download": False,
            "send_mail": True,
        }
        self.env.ref("account.ir_cron_account_move_send").sudo()._trigger()

    def _prepare_penalty_invoice_values(self, kind, amount, policy):
        self.ensure_one()
        order = self.sale_order_id
        company = self.company_id
        product = policy.penalty_product_id.with_company(company)
        fiscal_position = order.fiscal_position_id
        taxes = fiscal_position.map_tax(product.taxes_id.filtered(lambda tax: tax.company_id == company))
        account = company._session_penalty_account() or product._get_product_accounts()["income"]
        prefix = _("Penalty") if kind == "late" else _("No-show")
        tz = pytz.timezone(self.partner_id.tz or self.expert_id._session_tz())
        when = pytz.utc.localize(self.start).astimezone(tz).strftime("%Y-%m-%d %H:%M")
        label = (
            _("Late cancellation of session %(name)s (%(when)s)", name=self.name, when=when)
            if kind == "late"
            else _("Missed session %(name)s (%(when)s)", name=self.name, when=when)
        )
        return {
            "move_type": "out_invoice",
            "partner_id": order.partner_invoice_id.id,
            "currency_id": order.currency_id.id,
            "fiscal_position_id": fiscal_position.id,
            "invoice_date": fields.Date.context_today(self),
            "invoice_payment_term_id": self.env.ref("account.account_payment_term_immediate").id,
            "invoice_user_id": self.expert_id.id,
            "ref": f"{prefix}: {self.name}",
            "invoice_origin": order.name,
            "session_booking_id": self.id,
            "invoice_line_ids": [
                fields.Command.create(
                    {
                        "product_id": product.id,
                        "name": f"{product.name}\n{label}",
                        "quantity": 1,
                        "price_unit": amount,
                        "tax_ids": [fields.Command.set(taxes.ids)],
                        "account_id": account.id,
                    }
                )
            ],
        }

    # ------------------------------------------------------------------
    # Waiver
    # ------------------------------------------------------------------

    def action_open_waive_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Waive Penalty"),
            "res_model": "session.penalty.waive.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_booking_id": self.id},
        }

    def _waive_penalty(self, reason):
        """Cancel the unpaid penalty invoice, or reverse it with a credit note."""
        self.ensure_one()
        if not reason or not reason.strip():
            raise UserError(_("Say why the penalty is waived."))
        self.env.cr.execute("SELECT id FROM session_booking WHERE id = %s FOR UPDATE", [self.id])
        self.invalidate_recordset(["penalty_waived", "penalty_move_id"])
        move = self.penalty_move_id.sudo()
        if not move or self.penalty_waived:
            raise UserError(_("Session %s has no penalty to waive.", self.name))
        if move.payment_state == "not_paid" and move._session_can_be_cancelled():
            move.button_draft()
            move.button_cancel()
            outcome = Markup(_("Invoice %s cancelled.")) % move._get_html_link()
        else:
            refund = move._reverse_moves(
                [{"ref": _("Waived: %s", move.ref), "session_booking_id": self.id}],
                cancel=move.payment_state in ("not_paid", "partial"),
            )
            if refund.state == "draft":
                refund.action_post()
            outcome = Markup(_("Credit note %s issued.")) % refund._get_html_link()
        self.sudo().write({"penalty_waived": True, "penalty_waive_reason": reason.strip()})
        body = Markup(_("Penalty of session %(name)s waived: %(reason)s. %(outcome)s")) % {
            "name": self.name,
            "reason": reason.strip(),
            "outcome": outcome,
        }
        for record in (self.sudo(), self.sudo().sale_order_id):
            record.message_post(body=body, subtype_xmlid="mail.mt_note")
        return True
