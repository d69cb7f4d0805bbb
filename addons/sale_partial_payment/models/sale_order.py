import re
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_compare, float_is_zero, formatLang

from odoo.addons.payment import utils as payment_utils

# Fields that only this module's actions write (never a caller over RPC)
PARTIAL_ACTION_FIELDS = {
    "allow_partial_payment",
    "partial_payment_state",
    "partial_decision_reason",
    "partial_refund_amount",
}


class SaleOrder(models.Model):
    _inherit = "sale.order"

    allow_partial_payment = fields.Boolean(
        compute="_compute_allow_partial_payment",
        store=True,
        readonly=True,
        help="The order sells an offer that may be paid in several payments.",
    )
    partial_payment_state = fields.Selection(
        [("open", "Open"), ("confirmed", "Confirmed"), ("rejected", "Rejected")],
        compute="_compute_allow_partial_payment",
        store=True,
        readonly=True,
        tracking=True,
        help="Open while parts are paid; Confirmed by a manager once the rest is paid or written off; "
        "Rejected: no more payments are asked.",
    )
    partial_decision_reason = fields.Char(string="Confirm / Reject Reason", readonly=True, tracking=True)
    partial_refund_amount = fields.Monetary(string="Refunded", readonly=True, tracking=True)
    payment_type = fields.Selection(
        [("full", "Full"), ("partial", "Partial")],
        compute="_compute_payment_type",
        search="_search_payment_type",
    )
    sale_status = fields.Selection(
        [("open", "Open"), ("completed", "Completed"), ("rejected", "Rejected"), ("refund", "Refund")],
        string="Order Status",
        compute="_compute_sale_status",
        store=True,
        help="Open: created, not paid; Completed: paid; Rejected: the payment failed or was rejected; "
        "Refund: money was returned to the buyer.",
    )
    offer_line_id = fields.Many2one(
        "sale.order.line", compute="_compute_offer_line_id", store=True, string="Offer Line", index="btree_not_null"
    )
    offer_product_id = fields.Many2one(related="offer_line_id.product_id", string="Offer")
    offer_category_id = fields.Many2one(related="offer_line_id.product_id.categ_id", string="Offer Category")
    offer_reference = fields.Char(related="offer_line_id.product_id.default_code", string="Offer Reference")
    offer_price_unit = fields.Float(related="offer_line_id.price_unit", string="Unit Price")
    offer_quantity = fields.Float(related="offer_line_id.product_uom_qty", string="Quantity")
    offer_price = fields.Monetary(related="offer_line_id.price_subtotal", string="Price")
    offer_expert_id = fields.Many2one(related="offer_line_id.product_id.expert_id", string="Expert")
    partial_payment_ids = fields.One2many("sale.order.payment", "order_id", string="Payments")
    partial_amount_remaining = fields.Monetary(string="Remaining", compute="_compute_partial_next_part")
    partial_next_amount = fields.Monetary(string="Next Part", compute="_compute_partial_next_part")
    partial_next_due_date = fields.Date(string="Next Part Due", compute="_compute_partial_next_part")

    @api.depends("order_line.product_id")
    def _compute_allow_partial_payment(self):
        # product_id only: a later change of the product's terms never
        # changes how a sold order is paid
        for order in self:
            allow = any(order.order_line.product_id.mapped("allow_partial_payment"))
            order.allow_partial_payment = allow
            if not allow:
                order.partial_payment_state = False
            elif not order.partial_payment_state:
                order.partial_payment_state = "open"

    @api.depends("order_line.product_id")
    def _compute_prepayment_percent(self):
        res = super()._compute_prepayment_percent()
        for order in self:
            terms = order._partial_terms()
            if terms:
                order.prepayment_percent = terms.partial_first_percent / 100.0
        return res

    @api.depends("order_line.product_id")
    def _compute_require_payment(self):
        res = super()._compute_require_payment()
        for order in self:
            if order._partial_terms():
                order.require_payment = True
        return res

    @api.depends("allow_partial_payment")
    def _compute_payment_type(self):
        for order in self:
            order.payment_type = "partial" if order.allow_partial_payment else "full"

    def _search_payment_type(self, operator, value):
        if operator not in ("=", "!=") or value not in ("full", "partial"):
            raise UserError(_("Filter the payment type on Full or Partial."))
        partial = (value == "partial") == (operator == "=")
        return [("allow_partial_payment", "=", partial)]

    @api.depends("order_line.sequence", "order_line.display_type", "order_line.is_downpayment")
    def _compute_offer_line_id(self):
        for order in self:
            order.offer_line_id = order.order_line.filtered(
                lambda line: not line.display_type and not line.is_downpayment
            )[:1]

    @api.depends(
        "state",
        "partial_payment_state",
        "partial_refund_amount",
        "transaction_ids.state",
        "fulfillment_state",
    )
    def _compute_sale_status(self):
        for order in self:
            order.sale_status = order._sale_status()

    def _sale_status(self):
        """THE rule of an order's status in the Orders and Sales lists."""
        self.ensure_one()
        if self.partial_refund_amount:
            return "refund"
        if self.partial_payment_state == "rejected":
            return "rejected"
        if self.allow_partial_payment:
            return "completed" if self.partial_payment_state == "confirmed" else "open"
        if self.state == "sale" and self.fulfillment_state != "pending":
            return "completed"
        last_tx = self.transaction_ids.sorted("id")[-1:]
        if self.state == "cancel" or (self.state in ("draft", "sent") and last_tx.state == "error"):
            return "rejected"
        return "open"

    @api.depends("amount_total", "amount_paid", "partial_payment_state")
    def _compute_partial_next_part(self):
        for order in self:
            remaining = order._partial_remaining()
            order.partial_amount_remaining = remaining
            payable = order.allow_partial_payment and order.partial_payment_state == "open" and remaining > 0
            order.partial_next_amount = order._partial_next_amount(remaining) if payable else 0.0
            order.partial_next_due_date = order._partial_next_due_date() if payable else False

    def _compute_amount_paid(self):
        """Online payments (stock) plus the payments staff took by hand."""
        res = super()._compute_amount_paid()
        manual = (
            self.env["account.payment"]
            .sudo()
            ._read_group(
                [("partial_sale_order_id", "in", self.ids), ("state", "=", "posted")],
                ["partial_sale_order_id"],
                ["amount:sum"],
            )
            if self.ids
            else []
        )
        paid = dict(manual)
        for order in self:
            order.amount_paid += paid.get(order._origin, 0.0)
        return res

    # ------------------------------------------------------------------
    # Terms and amounts
    # ------------------------------------------------------------------

    def _partial_terms(self):
        """The product template whose partial payment terms the order follows."""
        self.ensure_one()
        return self.order_line.product_id.product_tmpl_id.filtered("allow_partial_payment")[:1]

    def _partial_remaining(self):
        self.ensure_one()
        return max(self.currency_id.round(self.amount_total - self.amount_paid), 0.0)

    def _partial_first_amount(self):
        self.ensure_one()
        return self.currency_id.round(self.amount_total * self.prepayment_percent)

    def _partial_next_amount(self, remaining):
        """What the next part asks: an equal share of what the first part
        left, the last part whatever remains (free amounts: all of it)."""
        self.ensure_one()
        terms = self._partial_terms()
        if not self.amount_paid:
            return min(self._partial_first_amount(), remaining)
        if not terms or terms.partial_payment_count <= 1:
            return remaining
        share = self.currency_id.round(
            (self.amount_total - self._partial_first_amount()) / (terms.partial_payment_count - 1)
        )
        # a rest smaller than a cent-rounding gap goes with this part
        return remaining if float_compare(remaining - share, 0.01, 2) <= 0 else share

    def _partial_last_payment_date(self):
        self.ensure_one()
        dates = [tx.last_state_change for tx in self.transaction_ids if tx.state == "done" and tx.amount > 0]
        payments = (
            self.env["account.payment"]
            .sudo()
            .search([("partial_sale_order_id", "=", self.id), ("state", "=", "posted")])
        )
        dates += [fields.Datetime.to_datetime(date) for date in payments.mapped("date")]
        return max(dates) if dates else None

    def _partial_next_due_date(self):
        self.ensure_one()
        last = self._partial_last_payment_date()
        if not last:
            return fields.Date.context_today(self)
        return (last + timedelta(days=self._partial_terms().partial_interval_days)).date()

    def _partial_unlocked_ratio(self):
        """The share of the order paid, 0 to 1."""
        self.ensure_one()
        if float_is_zero(self.amount_total, precision_rounding=self.currency_id.rounding):
            return 1.0
        return min(self.amount_paid / self.amount_total, 1.0)

    # ------------------------------------------------------------------
    # Checks (every payment path calls them, locked)
    # ------------------------------------------------------------------

    def _partial_lock(self):
        """``SELECT ... FOR UPDATE`` the orders: payments, confirm and reject
        of one order happen one at a time."""
        self.env.cr.execute("SELECT id FROM sale_order WHERE id IN %s ORDER BY id FOR UPDATE", [tuple(self.ids)])
        # a row version of our own: under REPEATABLE READ, a concurrent
        # payment of the same order waiting on this lock then fails to
        # serialize and is retried on fresh data (instead of reading the
        # amount paid of its old snapshot)
        self.env.cr.execute("UPDATE sale_order SET write_date = write_date WHERE id IN %s", [tuple(self.ids)])
        self.invalidate_recordset()
        self.env["payment.transaction"].invalidate_model(["state", "amount", "is_post_processed"])

    def _partial_check_payable(self, amount, counted_tx=None):
        """A payment of ``amount`` may be taken for this partial order now,
        or a clear error. ``counted_tx``: a done transaction already counted
        in ``amount_paid`` that is the payment checked."""
        self.ensure_one()
        if self.partial_payment_state == "rejected":
            raise UserError(_("The payments of %s were rejected: no further payment is taken.", self.name))
        if self.partial_payment_state == "confirmed":
            raise UserError(_("%s is complete: no further payment is taken.", self.name))
        if float_compare(amount, 0.0, precision_rounding=self.currency_id.rounding) <= 0:
            raise UserError(_("A payment is a positive amount."))
        paid = self.amount_paid - (counted_tx.amount if counted_tx else 0.0)
        remaining = self.currency_id.round(self.amount_total - paid)
        if float_compare(amount, remaining, precision_rounding=self.currency_id.rounding) > 0:
            raise UserError(
                _(
                    "%(amount)s is more than what remains to pay on %(order)s (%(remaining)s).",
                    amount=self._partial_format(amount),
                    order=self.name,
                    remaining=self._partial_format(max(remaining, 0.0)),
                )
            )
        if not self.amount_paid - (counted_tx.amount if counted_tx else 0.0):
            first = self._partial_first_amount()
            if float_compare(amount, first, precision_rounding=self.currency_id.rounding) < 0:
                raise UserError(
                    _(
                        "The first payment of %(order)s is at least %(first)s.",
                        order=self.name,
                        first=self._partial_format(first),
                    )
                )

    def _partial_format(self, amount):
        return formatLang(self.env, amount, currency_obj=self.currency_id)

    def _partial_check_manager(self):
        if not self.env.su and not self.env.user.has_group("expert_base.group_platform_manager"):
            raise AccessError(_("Only a platform manager confirms or rejects an order paid in parts."))

    def _partial_check_staff(self):
        """Staff take payments on the orders they may read: platform
        managers all, experts their own (the order rules)."""
        if self.env.su:
            return
        user = self.env.user
        if user.share or not user.has_group("expert_base.group_expert"):
            raise AccessError(_("Only the platform and the order's expert take payments for an order."))
        self.check_access_rights("read")
        self.check_access_rule("read")

    # ------------------------------------------------------------------
    # Invoices of the parts
    # ------------------------------------------------------------------

    def _generate_downpayment_invoices(self):
        """A partial order invoices each payment's increment (stock invoices
        everything paid so far on each payment)."""
        partial = self.filtered("allow_partial_payment")
        invoices = super(SaleOrder, self - partial)._generate_downpayment_invoices()
        for order in partial:
            amount = order.currency_id.round(order.amount_paid - order._partial_invoiced_amount())
            if float_compare(amount, 0.0, precision_rounding=order.currency_id.rounding) > 0:
                invoices |= order._partial_create_part_invoice(amount)
        return invoices

    def _partial_invoiced_amount(self):
        """What the posted invoices of the parts ask so far."""
        self.ensure_one()
        moves = self.invoice_ids.filtered(lambda move: move.state == "posted" and move.move_type == "out_invoice")
        return sum(moves.mapped("amount_total"))

    def _partial_create_part_invoice(self, amount):
        """The invoice of one part: a down payment invoice, the final invoice
        (that deducts the down payments) for the last one. Draft."""
        self.ensure_one()
        if (
            float_compare(amount, self._partial_remaining_to_invoice(), precision_rounding=self.currency_id.rounding)
            >= 0
        ):
            self._force_lines_to_invoice_policy_order()
            return self.with_context(raise_if_nothing_to_invoice=False)._create_invoices(final=True)
        wizard = self.env["sale.advance.payment.inv"].create(
            {"sale_order_ids": self.ids, "advance_payment_method": "fixed", "fixed_amount": amount}
        )
        return wizard._create_invoices(self)

    def _partial_remaining_to_invoice(self):
        self.ensure_one()
        return self.currency_id.round(self.amount_total - self._partial_invoiced_amount())

    # ------------------------------------------------------------------
    # Staff take a payment: by hand (cheque, transfer) or on a saved card
    # ------------------------------------------------------------------

    def _partial_check_staff_payment(self, amount, invoice=None):
        """THE rule of a payment staff take for this order (locked, sudo):
        the order is confirmed, the amount is payable (the order's parts, or
        what remains), and ``invoice``, when given, is an open invoice of
        this order the amount does not exceed."""
        self.ensure_one()
        rounding = self.currency_id.rounding
        if self.state != "sale":
            raise UserError(_("Confirm %s before taking a payment for it.", self.name))
        if self.allow_partial_payment:
            self._partial_check_payable(amount)
        elif float_compare(amount, 0.0, precision_rounding=rounding) <= 0:
            raise UserError(_("A payment is a positive amount."))
        elif float_compare(amount, self._partial_remaining(), precision_rounding=rounding) > 0:
            raise UserError(
                _(
                    "%(amount)s is more than what remains to pay on %(order)s.",
                    amount=self._partial_format(amount),
                    order=self.name,
                )
            )
        if not invoice:
            return
        if invoice not in self._partial_open_invoices():
            raise UserError(
                _("%(invoice)s is not an open invoice of %(order)s.", invoice=invoice.name, order=self.name)
            )
        if float_compare(amount, invoice.amount_residual, precision_rounding=rounding) > 0:
            raise UserError(
                _(
                    "%(amount)s is more than what remains to pay on %(invoice)s (%(residual)s).",
                    amount=self._partial_format(amount),
                    invoice=invoice.name,
                    residual=self._partial_format(invoice.amount_residual),
                )
            )

    def _partial_open_invoices(self):
        """The order's posted customer invoices with something left to pay."""
        self.ensure_one()
        return self.invoice_ids.filtered(
            lambda move: move.move_type == "out_invoice"
            and move.state == "posted"
            and move.payment_state in ("not_paid", "partial")
        )

    def _partial_take_manual_payment(self, amount, journal, comment=None, method_line=None, invoice=None):
        """Record a payment staff received by hand for this order: it pays
        ``invoice`` (an open invoice of the order, taken from its form), else
        the part's invoice, posted for it."""
        self.ensure_one()
        self._partial_check_staff()
        order = self.sudo()
        order._partial_lock()
        order._partial_check_staff_payment(amount, invoice)
        # an open invoice is paid by the amount; a part's invoice in full
        register_amount = {"amount": amount} if invoice else {}
        if not invoice:
            invoice = order._partial_create_part_invoice(amount)
            invoice.action_post()
        register = (
            self.env["account.payment.register"]
            .sudo()
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create(
                {
                    "journal_id": journal.id,
                    **({"payment_method_line_id": method_line.id} if method_line else {}),
                    **register_amount,
                    "communication": comment or invoice.name,
                }
            )
        )
        payment = register._create_payments()
        payment.write(
            {"partial_sale_order_id": order.id, "partial_invoice_id": invoice.id, "partial_comment": comment or False}
        )
        order.invalidate_recordset(["amount_paid"])
        order.message_post(
            body=_(
                "%(user)s took a payment of %(amount)s by hand (%(journal)s)%(comment)s.",
                user=self.env.user.name,
                amount=order._partial_format(amount),
                journal=journal.name,
                comment=(": %s" % comment) if comment else "",
            ),
            subtype_xmlid="mail.mt_note",
        )
        return payment

    def _partial_charge_token(self, token, amount, invoice=None):
        """Charge ``amount`` on the client's saved card ``token`` (the client
        calls): one charge per part, even when two staff click at once. It
        pays ``invoice`` (an open invoice of the order) when given."""
        self.ensure_one()
        self._partial_check_staff()
        order = self.sudo()
        token = token.sudo()
        if token.partner_id.commercial_partner_id != order.partner_id.commercial_partner_id:
            raise AccessError(_("This card is not the client's."))
        order._partial_lock()
        order._partial_check_staff_payment(amount, invoice)
        tx = (
            self.env["payment.transaction"]
            .sudo()
            .create(
                {
                    "provider_id": token.provider_id.id,
                    "payment_method_id": token.payment_method_id.id,
                    "token_id": token.id,
                    "operation": "offline",
                    "reference": self.env["payment.transaction"]._compute_reference(
                        token.provider_id.code, prefix=order.name
                    ),
                    "amount": amount,
                    "currency_id": order.currency_id.id,
                    "partner_id": order.partner_invoice_id.id,
                    "sale_order_ids": [fields.Command.set(order.ids)],
                    **({"invoice_ids": [fields.Command.set(invoice.ids)]} if invoice else {}),
                }
            )
        )
        tx._send_payment_request()
        if tx.state == "done":
            tx._finalize_post_processing()
        order.invalidate_recordset(["amount_paid"])
        return tx

    # ------------------------------------------------------------------
    # Confirm / Reject (platform managers)
    # ------------------------------------------------------------------

    def _partial_check_open(self):
        self.ensure_one()
        if not self.allow_partial_payment:
            raise UserError(_("%s is not paid in parts.", self.name))
        if self.partial_payment_state != "open":
            raise UserError(
                _(
                    "%(order)s is already %(state)s.",
                    order=self.name,
                    state=dict(self._fields["partial_payment_state"]._description_selection(self.env))[
                        self.partial_payment_state
                    ],
                )
            )

    def _partial_confirm(self, reason=None):
        """The order is complete: the rest (if any) is written off with a
        credit note, every credit unlocked."""
        self.ensure_one()
        self._partial_check_manager()
        order = self.sudo()
        order._partial_lock()
        order._partial_check_open()
        remaining = order._partial_remaining_to_invoice()
        if float_compare(remaining, 0.0, precision_rounding=order.currency_id.rounding) > 0:
            if not reason:
                raise UserError(_("Say why the rest of %s is written off.", order.name))
            invoice = order._partial_create_part_invoice(remaining)
            invoice.action_post()
            invoice._reverse_moves([{"ref": _("Written off: %s", reason)}], cancel=True)
        order.write({"partial_payment_state": "confirmed", "partial_decision_reason": reason or False})
        order._partial_notify("sale_partial_payment.mail_template_partial_confirmed")
        return True

    def _partial_reject(self, reason, refund_amount=0.0):
        """No further payment: unpaid invoices cancelled, credits not booked
        withdrawn, ``refund_amount`` of what was paid refunded through the
        provider (with its credit note)."""
        self.ensure_one()
        self._partial_check_manager()
        order = self.sudo()
        order._partial_lock()
        order._partial_check_open()
        if not reason:
            raise UserError(_("Say why %s is rejected.", order.name))
        rounding = order.currency_id.rounding
        refundable = order._partial_refundable_transactions()
        refundable_amount = sum(refundable.mapped("amount"))
        if float_compare(refund_amount, 0.0, precision_rounding=rounding) < 0:
            raise UserError(_("A refund is a positive amount."))
        if float_compare(refund_amount, refundable_amount, precision_rounding=rounding) > 0:
            raise UserError(
                _(
                    "%(amount)s is more than what was paid online and can be refunded (%(paid)s).",
                    amount=order._partial_format(refund_amount),
                    paid=order._partial_format(refundable_amount),
                )
            )
        unpaid = order.invoice_ids.filtered(
            lambda move: move.move_type == "out_invoice"
            and move.payment_state not in ("paid", "in_payment")
            and move.state != "cancel"
        )
        unpaid.filtered(lambda move: move.state == "posted").button_draft()
        unpaid.button_cancel()
        order.write(
            {
                "partial_payment_state": "rejected",
                "partial_decision_reason": reason,
                "partial_refund_amount": refund_amount,
            }
        )
        if refund_amount:
            order._partial_refund(refundable, refund_amount)
        order._partial_notify("sale_partial_payment.mail_template_partial_rejected")
        return True

    def _partial_refundable_transactions(self):
        self.ensure_one()
        return self.transaction_ids.filtered(
            lambda tx: tx.state == "done"
            and tx.operation != "refund"
            and tx.amount > 0
            and tx.provider_id.support_refund in ("full_only", "partial")
        )

    def _partial_refund(self, transactions, amount):
        """Refund ``amount`` over ``transactions`` (latest first), each
        refund with the credit note of its share of the paid invoices."""
        rounding = self.currency_id.rounding
        for tx in transactions.sorted("id", reverse=True):
            if float_compare(amount, 0.0, precision_rounding=rounding) <= 0:
                break
            part = min(amount, tx.amount)
            if tx.provider_id.support_refund == "full_only" and float_compare(
                part, tx.amount, precision_rounding=rounding
            ):
                continue
            credit_notes = tx._partial_credit_notes(part)
            refund_tx = tx._send_refund_request(amount_to_refund=part)
            refund_tx.invoice_ids = [fields.Command.set(credit_notes.ids)]
            if refund_tx.state == "done":
                refund_tx._finalize_post_processing()
            amount -= part
        self.message_post(
            body=_(
                "Refunded %s through the payment provider.",
                self._partial_format(self.partial_refund_amount - max(amount, 0.0)),
            ),
            subtype_xmlid="mail.mt_note",
        )

    def _partial_notify(self, template_xmlid):
        self.ensure_one()
        template = self.env.ref(template_xmlid)
        self.with_context(mail_post_autofollow=False).message_post_with_source(
            template, subtype_xmlid="mail.mt_comment"
        )

    # ------------------------------------------------------------------
    # Actions (buttons)
    # ------------------------------------------------------------------

    def write(self, vals):
        if not self.env.su and set(vals) & PARTIAL_ACTION_FIELDS:
            raise AccessError(_("How an order is paid in parts changes only through Confirm and Reject."))
        return super().write(vals)

    def action_partial_confirm(self):
        return self._partial_open_decision("confirm")

    def action_partial_reject(self):
        return self._partial_open_decision("reject")

    def _partial_open_decision(self, decision):
        self.ensure_one()
        self._partial_check_manager()
        self._partial_check_open()
        return self.env["sale.partial.payment.decision"]._action_open(self, decision)

    def action_partial_take_payment(self):
        self.ensure_one()
        self._partial_check_staff()
        return self.env["sale.partial.payment.take"]._action_open(self)

    def _partial_action_take_invoice_payment(self, invoice):
        """Take a Payment from ``invoice``'s form: the same wizard, paying
        that invoice while it is open, else the order's next part."""
        self.ensure_one()
        self._partial_check_staff()
        open_invoice = invoice if invoice in self.sudo()._partial_open_invoices() else None
        return self.env["sale.partial.payment.take"]._action_open(self, open_invoice)

    def action_view_partial_payments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sale_partial_payment.sale_order_payment_action")
        action["domain"] = [("order_id", "=", self.id)]
        action["context"] = {"create": False}
        action["display_name"] = _("Payments of %s", self.name)
        return action

    # ------------------------------------------------------------------
    # Client side
    # ------------------------------------------------------------------

    def _partial_pay_url(self, amount=None):
        """The link where the client pays ``amount`` (default: the next
        part): Odoo's payment link of the order, for exactly that amount."""
        self.ensure_one()
        amount = self.partial_next_amount if amount is None else amount
        if not amount:
            return False
        token = payment_utils.generate_access_token(self.partner_invoice_id.id, amount, self.currency_id.id)
        return f"/payment/pay?sale_order_id={self.id}&amount={amount}&access_token={token}"

    def _partial_free_amounts(self):
        """The client chooses the amount of each part (0 payments in the terms)."""
        self.ensure_one()
        terms = self._partial_terms()
        return bool(terms) and terms.partial_payment_count == 0

    def _partial_client_can_pay(self):
        """The client may pay a part of this order from the client center now."""
        self.ensure_one()
        return (
            self.allow_partial_payment
            and self.partial_payment_state == "open"
            and self.state in ("sent", "sale")
            and self.currency_id.compare_amounts(self._partial_remaining(), 0.0) > 0
        )

    def _partial_min_part_amount(self):
        """The least a part the client chooses may be: the minimum first
        payment, for every part of an offer with free amounts (never more
        than what remains)."""
        self.ensure_one()
        first = self._partial_first_amount()
        return first if not self.amount_paid else min(first, self._partial_remaining())

    def _partial_client_part_url(self, amount):
        """THE rule of a part whose amount the client chose (offers with free
        amounts): ``amount`` as the client typed it, between the minimum and
        what remains; the payment link for it, or a clear error (nothing is
        written either way)."""
        self.ensure_one()
        if not self._partial_client_can_pay() or not self._partial_free_amounts():
            raise UserError(_("%s takes no payment of an amount you choose.", self.name))
        value = self._partial_parse_amount(amount)
        rounding = self.currency_id.rounding
        minimum = self._partial_min_part_amount()
        if float_compare(value, minimum, precision_rounding=rounding) < 0:
            raise UserError(
                _(
                    "The next part of %(order)s is at least %(minimum)s.",
                    order=self.name,
                    minimum=self._partial_format(minimum),
                )
            )
        # the order's own rule: positive, not above what remains, not closed
        self._partial_check_payable(value)
        return self._partial_pay_url(value)

    def _partial_parse_amount(self, text):
        """The amount written in ``text`` ("120", "120.50", "120,50"), or a
        clear error."""
        self.ensure_one()
        text = text.strip() if isinstance(text, str) else ""
        if "\x00" in text:
            raise UserError(_("The amount holds characters that are not allowed."))
        if text.startswith("-"):
            raise UserError(_("A payment is a positive amount."))
        decimals = self.currency_id.decimal_places
        pattern = r"[0-9]{1,9}" + (r"([.,][0-9]{1,%d})?" % decimals if decimals else "")
        if not re.fullmatch(pattern, text):
            raise UserError(
                _(
                    "Write the amount as a number, with at most %(decimals)s decimals (e.g. %(example)s).",
                    decimals=decimals,
                    example="%.*f" % (decimals, 120.5),
                )
            )
        return self.currency_id.round(float(text.replace(",", ".")))

    def _partial_summary(self):
        """What the client center says of a partial order: paid and remaining."""
        self.ensure_one()
        return _(
            "%(paid)s paid, %(remaining)s remaining",
            paid=self._partial_format(self.amount_paid),
            remaining=self._partial_format(self.partial_amount_remaining),
        )

    # ------------------------------------------------------------------
    # Demo data
    # ------------------------------------------------------------------

    def _partial_demo_pay(self, parts, decision=None):
        """Demo (``demo/sale_partial_payment_demo.xml``): pay ``parts``
        (``[(online|manual, amount)]``) through the same paths a client and
        staff use, then confirm or reject."""
        provider = self.env.ref("payment.payment_provider_demo")
        journal = self.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", self.env.company.id)], limit=1
        )
        if provider.state == "disabled":
            provider.state = "test"
        if not provider.journal_id:
            provider.journal_id = journal
        method = provider.payment_method_ids[:1] or self.env.ref("payment.payment_method_unknown")
        Transaction = self.env["payment.transaction"]
        for order in self:
            for kind, amount in parts:
                if kind == "manual":
                    order._partial_take_manual_payment(amount, journal, _("Cheque received at the office"))
                    continue
                tx = Transaction.create(
                    {
                        "provider_id": provider.id,
                        "payment_method_id": method.id,
                        "operation": "online_direct",
                        "reference": Transaction._compute_reference("demo", prefix=order.name),
                        "amount": amount,
                        "currency_id": order.currency_id.id,
                        "partner_id": order.partner_invoice_id.id,
                        "sale_order_ids": [fields.Command.set(order.ids)],
                    }
                )
                tx._set_done()
                tx._finalize_post_processing()
            if decision == "confirm":
                order._partial_confirm(_("Paid in full"))
            elif decision == "reject":
                order._partial_reject(_("The client stopped paying"), refund_amount=amount)
        return True
