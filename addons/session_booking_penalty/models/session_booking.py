from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError

PENALTY_KINDS = {"late", "no_show"}


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

    def _session_action_fields(self):
        # the waiver and the penalty are the actions'; the related fields
        # would write through to the package, the order and the invoice
        return super()._session_action_fields() | {
            "cancellation_policy_id",
            "is_late_cancellation",
            "penalty_move_id",
            "penalty_amount",
            "penalty_payment_state",
            "currency_id",
            "penalty_waived",
            "penalty_waive_reason",
        }

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

    def _after_cancel(self):
        res = super()._after_cancel()
        if self.state == "late_cancelled":
            self._create_penalty_invoice("late")
        return res

    def action_mark_no_show(self):
        res = super().action_mark_no_show()
        for booking in self:
            booking._create_penalty_invoice("no_show")
        return res

    def _portal_cancel_preview(self):
        """The fee as the penalty invoice will charge it (taxes through the
        order's fiscal position, the currency's rounding): computed by
        :meth:`_penalty_amounts`, the invoice's own figures."""
        preview = super()._portal_cancel_preview()
        policy = self.sale_line_id.session_cancellation_policy_id
        if policy and policy._is_late(self, fields.Datetime.now()):
            amounts = self._penalty_amounts("late")
            preview.update(
                late=True,
                fee=amounts["total"],
                fee_untaxed=amounts["untaxed"],
                fee_tax=amounts["tax"],
                consumes_credit=policy.consume_credit_on_late_cancel,
            )
        return preview

    # ------------------------------------------------------------------
    # Penalty invoices
    # ------------------------------------------------------------------

    def _penalty_line_values(self, kind):
        """What a penalty of ``kind`` (``late`` or ``no_show``) invoices:
        product, unit price (the policy's fee, before tax), taxes mapped by
        the order's fiscal position and label. One source for the invoice
        and for the fee shown before cancelling."""
        self.ensure_one()
        policy = self.sale_line_id.session_cancellation_policy_id
        company = self.company_id
        order = self.sale_order_id
        product = policy._penalty_product(kind).with_company(company)
        taxes = order.fiscal_position_id.map_tax(product.taxes_id.filtered(lambda tax: tax.company_id == company))
        when = self._session_format_datetime(self.start, self.partner_id)
        label = (
            _("Late cancellation of session %(name)s (%(when)s)", name=self.name, when=when)
            if kind == "late"
            else _("No-show: missed session %(name)s (%(when)s)", name=self.name, when=when)
        )
        return {
            "product": product,
            "price_unit": policy._late_fee(self) if kind == "late" else policy._no_show_fee(self),
            "taxes": taxes,
            "label": f"{product.name}\n{label}",
        }

    def _penalty_amounts(self, kind):
        """Untaxed, tax and total of the penalty of ``kind``, as the invoice computes them."""
        self.ensure_one()
        values = self._penalty_line_values(kind)
        currency = self.sale_order_id.currency_id
        taxes = values["taxes"].compute_all(
            values["price_unit"],
            currency=currency,
            quantity=1.0,
            product=values["product"],
            partner=self.sale_order_id.partner_invoice_id,
        )
        return {
            "untaxed": taxes["total_excluded"],
            "tax": currency.round(taxes["total_included"] - taxes["total_excluded"]),
            "total": taxes["total_included"],
            "currency": currency,
        }

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
        values = self._penalty_line_values(kind)
        if self.sale_order_id.currency_id.is_zero(values["price_unit"]):
            return self.env["account.move"]
        if self.penalty_move_id:
            raise UserError(_("Session %s already has a penalty invoice.", self.name))
        move = (
            self.env["account.move"]
            .sudo()
            .with_company(self.company_id)
            .create(self._prepare_penalty_invoice_values(kind, values))
        )
        move.action_post()
        self.sudo().penalty_move_id = move
        body = Markup(_("Late cancellation fee: invoice %s.") if kind == "late" else _("No-show fee: invoice %s."))
        self.sudo().message_post(body=body % move._get_html_link(), subtype_xmlid="mail.mt_note")
        self._queue_penalty_invoice_mail(move)
        return move

    def _queue_penalty_invoice_mail(self, move):
        """Have Send & Print's cron render the PDF of ``move`` and mail it,
        in the expert's name, after the cancellation commits: rendering a
        PDF takes seconds, a cancellation must not wait for it (and a
        failing renderer must not block it)."""
        self.ensure_one()
        # the invoice email of the invoice's type (modules may choose another one)
        template = self._session_ref(move._get_mail_template(), "mail.template")
        if not template:
            return
        move._expert_queue_send(template, self.expert_id)

    def _prepare_penalty_invoice_values(self, kind, line_values=None):
        """The penalty invoice of ``kind``; ``line_values`` from
        :meth:`_penalty_line_values` (computed when not given)."""
        self.ensure_one()
        if kind not in PENALTY_KINDS:
            raise ValueError(kind)
        values = line_values or self._penalty_line_values(kind)
        order = self.sale_order_id
        # created on first use: with the invoice, never by a preview
        account = self.company_id._session_penalty_account() or values["product"]._get_product_accounts()["income"]
        prefix = _("Penalty") if kind == "late" else _("No-show")
        return {
            "move_type": "out_invoice",
            "partner_id": order.partner_invoice_id.id,
            "currency_id": order.currency_id.id,
            "fiscal_position_id": order.fiscal_position_id.id,
            "invoice_date": fields.Date.context_today(self),
            "invoice_payment_term_id": self._session_ref(
                "account.account_payment_term_immediate", "account.payment.term"
            ).id,
            "invoice_user_id": self.expert_id.id,
            "ref": f"{prefix}: {self.name}",
            "invoice_origin": order.name,
            "session_booking_id": self.id,
            "session_penalty_kind": kind,
            "invoice_line_ids": [
                fields.Command.create(
                    {
                        "product_id": values["product"].id,
                        "name": values["label"],
                        "quantity": 1,
                        "price_unit": values["price_unit"],
                        "tax_ids": [fields.Command.set(values["taxes"].ids)],
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
        self._check_caller_may_act()
        return {
            "type": "ir.actions.act_window",
            "name": _("Waive Penalty"),
            "res_model": "session.penalty.waive.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_booking_id": self.id},
        }

    def _waive_penalty(self, reason):
        """Cancel the unpaid penalty invoice, or reverse it with a credit note.

        The expert of the session or the platform only: the invoice is
        cancelled or reversed as superuser once the caller is checked."""
        self.ensure_one()
        self._check_caller_may_act()
        reason = (reason or "").strip()
        if not reason:
            raise UserError(_("Say why the penalty is waived."))
        if "\x00" in reason:
            raise UserError(_("The reason contains a character that cannot be saved: please retype it."))
        self.env.cr.execute("SELECT id FROM session_booking WHERE id = %s FOR UPDATE", [self.id])
        self.invalidate_recordset(["penalty_waived", "penalty_move_id"])
        move = self.sudo().penalty_move_id
        if not move or self.sudo().penalty_waived:
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
        self.sudo().write({"penalty_waived": True, "penalty_waive_reason": reason})
        # the reason stays as typed (its own line: no punctuation doubled)
        body = Markup("<p>%s %s</p><p>%s</p>") % (
            _("Penalty of session %s waived.", self.name),
            outcome,
            _("Reason: %s", reason),
        )
        for record in (self.sudo(), self.sudo().sale_order_id):
            record.message_post(body=body, subtype_xmlid="mail.mt_note")
        return True
