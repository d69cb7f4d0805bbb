import logging
import threading
from datetime import timedelta

import psycopg2
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models, tools
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.fields import Command

from .product_template import INTERVAL_UNITS, period_label

_logger = logging.getLogger(__name__)

GROUP_MANAGE = "recurring_order.group_recurring_manage"
# a failed charge is tried this many more times, then the order is Failed
MAX_RETRIES = 2
DEFAULT_RETRY_HOURS = 24
REASON_MAX_LENGTH = 500
MAX_RESUME_YEARS = 5
PG_MAX_ID = 2**31 - 1

STATES = [
    ("active", "Active"),
    ("processing", "Processing"),
    ("suspended", "Suspended"),
    ("completed", "Completed"),
    ("failed", "Failed"),
]


class RecurringOrder(models.Model):
    """A package sold once and paid again every period on the client's saved
    card (a ``payment.token``). Each paid period is a new sale order of the
    package (``generated_order_ids``), confirmed, invoiced and paid through
    Odoo's payment post-processing like the initial order.

    Dates are UTC dates. The n-th billing date is ``start_date`` plus n
    intervals, so the billing day never drifts (the 31st becomes the last
    day of shorter months, and the 31st again after them).
    """

    _name = "recurring.order"
    _description = "Recurring Order"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True
    # experts read their clients' recurring orders and write in the chatter;
    # fields only change through the actions below
    _mail_post_access = "read"

    name = fields.Char(string="Reference", required=True, readonly=True, copy=False, default="/", index="trigram")
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True, default=lambda self: self.env.company
    )
    partner_id = fields.Many2one("res.partner", string="Client", required=True, readonly=True, index=True)
    commercial_partner_id = fields.Many2one(
        "res.partner", related="partner_id.commercial_partner_id", store=True, index=True, string="Customer"
    )
    sale_order_id = fields.Many2one(
        "sale.order", string="Initial Order", required=True, readonly=True, ondelete="restrict", index=True
    )
    sale_line_id = fields.Many2one("sale.order.line", string="Initial Order Line", readonly=True, ondelete="restrict")
    generated_order_ids = fields.One2many("sale.order", "recurring_order_id", string="Generated Orders", readonly=True)
    order_ids = fields.Many2many(
        "sale.order",
        string="Orders",
        compute="_compute_order_ids",
        help="Every order placed by this recurring order, the initial one first.",
    )
    order_count = fields.Integer(compute="_compute_order_ids")
    transaction_ids = fields.One2many("payment.transaction", "recurring_order_id", string="Charges", readonly=True)
    product_id = fields.Many2one("product.product", string="Package", required=True, readonly=True, index=True)
    expert_id = fields.Many2one("res.users", string="Expert", readonly=True, index="btree_not_null")
    user_id = fields.Many2one(
        "res.users", string="Salesperson", related="sale_order_id.user_id", store=True, index="btree_not_null"
    )
    # the terms sold, copied from the initial order line: every period
    # order repeats them whatever happens to the product or the price list
    quantity = fields.Float(readonly=True, default=1.0, digits="Product Unit of Measure")
    price_unit = fields.Float(string="Unit Price", readonly=True, digits="Product Price")
    discount = fields.Float(string="Discount (%)", readonly=True, digits="Discount")
    tax_ids = fields.Many2many("account.tax", string="Taxes", readonly=True)
    amount = fields.Monetary(readonly=True, help="Charged every period, taxes included.")
    currency_id = fields.Many2one("res.currency", required=True, readonly=True)
    interval_number = fields.Integer(string="Repeat Every", required=True, readonly=True, default=1)
    interval_unit = fields.Selection(
        INTERVAL_UNITS, string="Repeat Unit", required=True, readonly=True, default="month"
    )
    payment_count = fields.Integer(
        string="Number of Payments", readonly=True, help="Payments in all, the first included; 0: until stopped."
    )
    payments_done = fields.Integer(
        compute="_compute_payments",
        store=True,
        help="Paid orders of this recurring order (a done charge each), the initial one included.",
    )
    payments_remaining = fields.Integer(
        string="Remaining Payments",
        compute="_compute_payments",
        store=True,
        help="Payments still to charge; 0 when the order runs until stopped.",
    )
    start_date = fields.Date(
        required=True,
        readonly=True,
        default=fields.Date.today,
        help="Date of the first payment: every billing date is a whole number of periods after it.",
    )
    next_payment_date = fields.Date(readonly=True, copy=False, tracking=True)
    payment_token_id = fields.Many2one("payment.token", string="Card", readonly=True, tracking=True)
    state = fields.Selection(STATES, default="active", required=True, readonly=True, copy=False, tracking=True)
    retry_count = fields.Integer(
        readonly=True, copy=False, help="Failed charges of the current period since the last success or change."
    )
    next_retry_at = fields.Datetime(string="Next Retry", readonly=True, copy=False)
    last_error = fields.Char(readonly=True, copy=False)
    suspend_reason = fields.Char(readonly=True, copy=False, tracking=True)
    suspended_by = fields.Selection([("client", "Client"), ("manager", "Manager")], readonly=True, copy=False)
    resume_on = fields.Date(
        readonly=True, copy=False, tracking=True, help="A suspended order is activated again on this date."
    )
    end_reason = fields.Char(readonly=True, copy=False, tracking=True)
    schedule_summary = fields.Char(string="Schedule", compute="_compute_schedule_summary")
    client_center_url = fields.Char(compute="_compute_client_urls", help="The client's page of this order.")
    client_card_url = fields.Char(compute="_compute_client_urls", help="Where the client changes the card.")

    _sql_constraints = [
        ("sale_line_unique", "unique(sale_line_id)", "An order line starts one recurring order at most."),
        ("interval_positive", "CHECK(interval_number > 0)", "A recurring order repeats every 1 or more periods."),
        ("payment_count_valid", "CHECK(payment_count >= 0)", "The number of payments cannot be negative."),
        ("retry_count_positive", "CHECK(retry_count >= 0)", "The number of retries cannot be negative."),
    ]

    def init(self):
        # the charge cron reads the due active orders in date order
        tools.create_index(
            self._cr,
            "recurring_order_due_index",
            self._table,
            ["next_payment_date", "id"],
            where="state = 'active'",
        )

    # ------------------------------------------------------------------
    # Create, computes
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("recurring.order") or "/"
        records = super(RecurringOrder, self.with_context(mail_create_nosubscribe=True)).create(vals_list)
        for record in records:
            if record.state == "active" and not record.next_payment_date:
                record.next_payment_date = record._billing_date(1)
        return records

    @api.depends("sale_order_id", "generated_order_ids.recurring_billing_date")
    def _compute_order_ids(self):
        for record in self:
            generated = record.generated_order_ids.sorted(lambda order: (order.recurring_billing_date, order.id))
            record.order_ids = record.sale_order_id | generated
            record.order_count = len(record.order_ids)

    @api.depends(
        "payment_count",
        "sale_order_id.transaction_ids.state",
        "generated_order_ids.transaction_ids.state",
    )
    def _compute_payments(self):
        for record in self:
            orders = record.sale_order_id | record.generated_order_ids
            done = len(orders.filtered(lambda order: order._recurring_is_paid()))
            record.payments_done = done
            record.payments_remaining = max(record.payment_count - done, 0) if record.payment_count else 0

    @api.depends("interval_number", "interval_unit", "payment_count", "payments_done")
    def _compute_schedule_summary(self):
        for record in self:
            record.schedule_summary = record._period_label()
            if record.payment_count:
                record.schedule_summary += _(
                    ", %(done)s of %(count)s paid", done=record.payments_done, count=record.payment_count
                )
            else:
                record.schedule_summary += _(", %(done)s paid, until stopped", done=record.payments_done)

    def _compute_client_urls(self):
        for record in self:
            base = record.get_base_url()
            record.client_center_url = f"{base}{record._client_center_url()}"
            record.client_card_url = f"{base}{record._client_center_url('/card')}"

    def _period_label(self):
        self.ensure_one()
        return period_label(self.env, self.interval_number, self.interval_unit)

    # ------------------------------------------------------------------
    # Billing dates
    # ------------------------------------------------------------------

    def _billing_date(self, index):
        """The ``index``-th billing date (0: the first payment)."""
        self.ensure_one()
        return self.start_date + relativedelta(**{f"{self.interval_unit}s": self.interval_number * index})

    def _billing_index_at(self, day):
        """Index of the last billing date on or before ``day``."""
        self.ensure_one()
        start, step = self.start_date, self.interval_number
        if day <= start:
            return 0
        if self.interval_unit == "week":
            index = (day - start).days // (7 * step)
        elif self.interval_unit == "month":
            index = ((day.year - start.year) * 12 + day.month - start.month) // step
        else:
            index = (day.year - start.year) // step
        while index > 0 and self._billing_date(index) > day:
            index -= 1
        while self._billing_date(index + 1) <= day:
            index += 1
        return index

    def _next_billing_date(self, after):
        """The first billing date after ``after``."""
        self.ensure_one()
        return self._billing_date(self._billing_index_at(after) + 1)

    # ------------------------------------------------------------------
    # Settings
    # ------------------------------------------------------------------

    @api.model
    def _retry_delay(self):
        hours = self.env["ir.config_parameter"].sudo().get_param("recurring_order.retry_hours", DEFAULT_RETRY_HOURS)
        try:
            return timedelta(hours=max(int(hours), 1))
        except (TypeError, ValueError):
            return timedelta(hours=DEFAULT_RETRY_HOURS)

    @api.model
    def _client_can_pause(self):
        return bool(self.env["ir.config_parameter"].sudo().get_param("recurring_order.client_can_pause"))

    # ------------------------------------------------------------------
    # The card
    # ------------------------------------------------------------------

    def _payment_token_error(self, token=None):
        """Why ``token`` (default: the order's card) cannot be charged, or None."""
        self.ensure_one()
        token = (token if token is not None else self.payment_token_id).sudo()
        if not token:
            return _("No card is saved for this recurring order.")
        if not token.active:
            return _("The saved card %s was removed.", token.display_name)
        if token.partner_id.commercial_partner_id != self.commercial_partner_id:
            return _("This card belongs to another customer.")
        if token.provider_id.state not in ("enabled", "test") or not token.provider_id.allow_tokenization:
            return _("The card %s can no longer be charged: its payment provider is disabled.", token.display_name)
        if token.provider_id.company_id != self.company_id:
            return _("The card %s is saved for another company.", token.display_name)
        return None

    def _available_payment_tokens(self):
        """The saved cards the client may choose for this order."""
        self.ensure_one()
        return (
            self.env["payment.token"]
            .sudo()
            .search(
                [
                    ("partner_id", "child_of", self.commercial_partner_id.id),
                    ("provider_id.state", "in", ("enabled", "test")),
                    ("provider_id.allow_tokenization", "=", True),
                    ("provider_id.company_id", "=", self.company_id.id),
                ]
            )
        )

    # ------------------------------------------------------------------
    # Access checks of the public methods (RPC endpoints)
    # ------------------------------------------------------------------

    def _check_status_access(self):
        """Statuses change only for users with the permission, and only on
        the recurring orders they may read (experts: their own)."""
        if any(not 0 < record_id <= PG_MAX_ID for record_id in self.ids):
            raise MissingError(_("This recurring order does not exist."))
        if not self.env.su and not self.env.user.has_group(GROUP_MANAGE):
            raise AccessError(
                _(
                    'Changing the status of a recurring order needs the permission "Can manage statuses of '
                    'recurring orders".'
                )
            )
        self.check_access_rights("read")
        self.check_access_rule("read")
        if len(self.exists()) != len(self):
            raise MissingError(_("This recurring order does not exist."))

    @api.model
    def _clean_reason(self, reason):
        if reason and not isinstance(reason, str):
            raise UserError(_("The reason must be plain text."))
        reason = (reason or "").strip()
        if "\x00" in reason:
            raise UserError(_("The reason must be plain text."))
        if not reason:
            raise UserError(_("Give a reason: it is kept on the recurring order."))
        if len(reason) > REASON_MAX_LENGTH:
            raise UserError(_("Keep the reason under %s characters.", REASON_MAX_LENGTH))
        return reason

    @api.model
    def _clean_resume_date(self, resume_on):
        if not resume_on:
            return False
        try:
            resume_on = fields.Date.to_date(resume_on)
        except (TypeError, ValueError) as error:
            raise UserError(_("The resume date is not a date.")) from error
        today = fields.Date.today()
        if resume_on <= today:
            raise UserError(_("The resume date must be in the future."))
        if resume_on > today + relativedelta(years=MAX_RESUME_YEARS):
            raise UserError(_("Resume within %s years, or leave the date empty.", MAX_RESUME_YEARS))
        return resume_on

    def _check_state(self, allowed, message):
        for record in self:
            if record.state not in allowed:
                state = dict(self._fields["state"]._description_selection(self.env))[record.state]
                raise UserError(message % {"name": record.name, "state": state})

    # ------------------------------------------------------------------
    # Manager actions (buttons; the wizard asks for the reason)
    # ------------------------------------------------------------------

    def action_suspend(self, reason, resume_on=False):
        """Pause the charges until activated again (by hand or on ``resume_on``)."""
        self._check_status_access()
        reason = self._clean_reason(reason)
        resume_on = self._clean_resume_date(resume_on)
        self._check_state(
            ("active", "failed"), _("%(name)s is %(state)s: only an active or failed recurring order can be suspended.")
        )
        self.sudo()._suspend(reason, resume_on, "manager")
        return True

    def action_activate(self):
        """Charge again; a payment that fell due meanwhile is charged within minutes."""
        self._check_status_access()
        self._check_state(
            ("suspended", "failed"),
            _("%(name)s is %(state)s: only a suspended or failed recurring order can be activated."),
        )
        for record in self:
            error = record._payment_token_error()
            if error:
                raise UserError(
                    _("%(name)s cannot be activated without a valid card: %(error)s", name=record.name, error=error)
                )
        self.sudo()._activate()
        return True

    def action_complete(self, reason):
        """Finish the recurring order early: nothing more is charged."""
        self._check_status_access()
        reason = self._clean_reason(reason)
        self._check_state(
            ("active", "suspended", "failed"),
            _("%(name)s is %(state)s: it cannot be completed now."),
        )
        self.sudo()._complete(reason)
        return True

    def action_open_status_wizard(self):
        """The Suspend and Complete buttons: ask for the reason first."""
        self._check_status_access()
        action = self.env["ir.actions.act_window"]._for_xml_id("recurring_order.recurring_order_status_wizard_action")
        action["context"] = {
            "default_recurring_order_ids": self.ids,
            "default_action": self.env.context.get("recurring_status_action", "suspend"),
        }
        return action

    def action_view_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sale.action_orders")
        action.update(
            {
                "domain": [("id", "in", self.order_ids.ids)],
                "context": {"create": False},
                "name": _("Orders of %s", self.name),
            }
        )
        return action

    # ------------------------------------------------------------------
    # Client actions (portal: the controller checked the ownership)
    # ------------------------------------------------------------------

    def _check_client(self, partner):
        self.ensure_one()
        if self.commercial_partner_id != partner.commercial_partner_id:
            raise MissingError(_("This recurring order does not exist or is not yours."))

    def _client_pause(self, partner):
        self._check_client(partner)
        if not self._client_can_pause():
            raise UserError(_("Recurring orders cannot be paused here: contact us."))
        self._check_state(("active",), _("%(name)s is %(state)s: only an active recurring order can be paused."))
        self.sudo()._suspend(_("Paused by the client."), False, "client")

    def _client_resume(self, partner):
        self._check_client(partner)
        if not self._client_can_pause():
            raise UserError(_("Recurring orders cannot be resumed here: contact us."))
        if self.state != "suspended" or self.suspended_by != "client":
            raise UserError(_("Only a recurring order you paused can be resumed here: contact us."))
        error = self._payment_token_error()
        if error:
            raise UserError(_("Choose a valid card first: %s", error))
        self.sudo()._activate()

    def _client_change_card(self, partner, token):
        """Charge ``token`` from now on; a failed or retried payment is
        tried again at once with it.

        :return: False (the card was already this one), "changed", or
                 "charging" (a due payment is charged on it within minutes)
        """
        self._check_client(partner)
        self._check_state(
            ("active", "suspended", "failed"),
            _("%(name)s is %(state)s: its card cannot be changed now."),
        )
        error = self._payment_token_error(token)
        if error:
            raise UserError(error)
        record = self.sudo()
        if token == record.payment_token_id and record.state != "failed" and not record.retry_count:
            return False
        record.payment_token_id = token
        record.message_post(
            body=_("Card changed by the client to %s.", token.sudo().display_name),
            author_id=partner.id,
            subtype_xmlid="mail.mt_note",
        )
        if record.state == "failed":
            record._activate()
        elif record.state == "active" and (record.retry_count or record._is_due()):
            # the payment is due: try the new card now, a fresh series of retries
            record.write({"retry_count": 0, "next_retry_at": fields.Datetime.now()})
            record._trigger_charge()
        return "charging" if record.state == "active" and record._is_due() else "changed"

    def _is_due(self):
        """Whether the next payment's date came."""
        self.ensure_one()
        return bool(self.next_payment_date) and self.next_payment_date <= fields.Date.today()

    # ------------------------------------------------------------------
    # Transitions (sudo, callers checked the rights)
    # ------------------------------------------------------------------

    def _suspend(self, reason, resume_on, suspended_by):
        self.write(
            {
                "state": "suspended",
                "suspend_reason": reason,
                "suspended_by": suspended_by,
                "resume_on": resume_on,
                "retry_count": 0,
                "next_retry_at": False,
            }
        )
        self._cancel_open_period_orders()
        self._send_client_mail("recurring_order.mail_template_suspended")

    def _activate(self):
        today = fields.Date.today()
        for record in self:
            values = {
                "state": "active",
                "suspend_reason": False,
                "suspended_by": False,
                "resume_on": False,
                "retry_count": 0,
                "next_retry_at": False,
                "last_error": False,
            }
            if record.next_payment_date and record.next_payment_date <= today:
                # one period is charged for the time missed, on the schedule's
                # billing day: the last billing date up to today
                values["next_payment_date"] = record._billing_date(record._billing_index_at(today))
            record.write(values)
        self._send_client_mail("recurring_order.mail_template_resumed")
        if any(record._is_due() for record in self):
            self._trigger_charge()

    def _complete(self, reason):
        self.write({"state": "completed", "end_reason": reason, "next_payment_date": False, "next_retry_at": False})
        self._cancel_open_period_orders()
        self._send_client_mail("recurring_order.mail_template_completed")

    def _cancel_open_period_orders(self):
        """The quotation of a period being charged is rejected when the
        charges stop (its failed transactions stay on it)."""
        orders = (
            self.env["sale.order"]
            .sudo()
            .search([("recurring_order_id", "in", self.ids), ("state", "in", ("draft", "sent"))])
        )
        orders._action_cancel()

    def _trigger_charge(self):
        """Run the charge cron now (within minutes on a busy server)."""
        self.env.ref("recurring_order.ir_cron_charge_due")._trigger()

    def _send_client_mail(self, template_xmlid):
        template = self.env.ref(template_xmlid, raise_if_not_found=False)
        if not template:
            return
        for record in self:
            record.message_post_with_source(template, subtype_xmlid="mail.mt_comment")

    # ------------------------------------------------------------------
    # Charges
    # ------------------------------------------------------------------

    @api.model
    def _cron_charge_due(self, batch_size=500):
        """Activate the suspended orders whose resume date came, then charge
        every due period (see :meth:`_charge_due_orders`)."""
        commit = not getattr(threading.current_thread(), "testing", False)
        self._resume_due_orders(commit=commit)
        charged, more = self._charge_due_orders(limit=batch_size, commit=commit)
        if charged:
            # orders confirmed, invoiced and mailed by Odoo's post-processing
            # of done payments, as after a payment on the website
            self.env.ref("payment.cron_post_process_payment_tx")._trigger()
        if more:
            self._trigger_charge()

    @api.model
    def _resume_due_orders(self, commit=True):
        today = fields.Date.today()
        for record in self.search([("state", "=", "suspended"), ("resume_on", "<=", today)]):
            if not record._lock(["suspended"]):
                continue
            if record.resume_on and record.resume_on <= today:
                record._activate()
            if commit:
                self.env.cr.commit()  # pylint: disable=invalid-commit

    def _lock(self, states):
        """``SELECT ... FOR UPDATE SKIP LOCKED`` this record while it is in
        ``states``; False when another worker holds it or it changed."""
        self.ensure_one()
        self.flush_recordset()
        self.env.cr.execute(
            "SELECT id FROM recurring_order WHERE id = %s AND state IN %s FOR UPDATE SKIP LOCKED",
            [self.id, tuple(states)],
        )
        locked = bool(self.env.cr.fetchone())
        self.invalidate_recordset()
        return locked

    @api.model
    def _lock_next_due(self, skip_ids=()):
        """Lock and return the next due active order no other worker holds.

        Due: the billing date came (a day the cron did not run included)
        and no retry waits for later.
        """
        self.env.flush_all()
        self.env.cr.execute(
            """
            SELECT id FROM recurring_order
             WHERE state = 'active'
               AND next_payment_date <= %s
               AND (next_retry_at IS NULL OR next_retry_at <= %s)
               AND NOT id = ANY(%s)
             ORDER BY next_payment_date, id
             LIMIT 1
               FOR UPDATE SKIP LOCKED
            """,
            [fields.Date.today(), fields.Datetime.now(), list(skip_ids)],
        )
        row = self.env.cr.fetchone()
        record = self.browse(row[0] if row else ())
        record.invalidate_recordset()
        return record

    @api.model
    def _charge_due_orders(self, limit=None, commit=True):
        """Charge the due orders one by one, each in its own transaction
        (``commit``: committed one by one, as on a production worker).

        Several workers may run this at once: each order is locked with
        ``SKIP LOCKED`` and charged by one of them. A worker killed between
        the provider's answer and the commit loses the whole transaction;
        the next run charges the same period with the same transaction
        reference, hence the same idempotency key, and the provider answers
        with the first charge instead of charging again.

        :return: (charged orders, whether due orders are left)
        """
        charged = self.browse()
        skipped = []
        conflicts = 0
        while limit is None or len(charged) + len(skipped) < limit:
            try:
                record = self._lock_next_due(skipped)
            except psycopg2.errors.SerializationFailure:
                # a row of our snapshot was charged and committed by another
                # worker meanwhile: look again in a new snapshot
                if not commit or conflicts > 10:
                    raise
                conflicts += 1
                self.env.cr.rollback()
                continue
            if not record:
                return charged, False
            try:
                with self.env.cr.savepoint():
                    record._charge()
                charged |= record
            except Exception:  # pylint: disable=broad-except
                # nothing of this charge is kept; the next run tries the same
                # period again with the same idempotency key
                _logger.exception("Recurring order %s: the charge failed, it is tried again later", record.name)
                skipped.append(record.id)
            if commit:
                self.env.cr.commit()  # pylint: disable=invalid-commit
        return charged, True

    def _charge(self):
        """Charge the due period of this locked active order on its card."""
        self.ensure_one()
        billing_date = self.next_payment_date
        error = self._payment_token_error()
        if error:
            self._register_failure(error, hard=True)
            return self.env["payment.transaction"]
        order = self._get_period_order(billing_date)
        tx = self.env["payment.transaction"].sudo().create(self._prepare_charge_values(order, billing_date))
        self.state = "processing"
        tx._send_payment_request()
        # the provider's answer is usually processed already (webhook-like
        # notification inside the request); an answer without a payment
        # intent is not, and a pending one stays processing
        self._process_charge_result(tx)
        return tx

    def _get_period_order(self, billing_date):
        """The quotation of the period due on ``billing_date`` (created once,
        kept across retries)."""
        self.ensure_one()
        SaleOrder = self.env["sale.order"].sudo()
        order = SaleOrder.search(
            [
                ("recurring_order_id", "=", self.id),
                ("recurring_billing_date", "=", billing_date),
                ("state", "in", ("draft", "sent")),
            ],
            limit=1,
        )
        # no creation log, no "you have been assigned" mail to the salesperson
        # for each period: the order is logged on the recurring order
        return order or SaleOrder.with_context(
            mail_create_nosubscribe=True, mail_create_nolog=True, mail_auto_subscribe_no_notify=True
        ).create(self._prepare_period_order_values(billing_date))

    def _prepare_period_order_values(self, billing_date):
        self.ensure_one()
        initial = self.sale_order_id
        return {
            "partner_id": initial.partner_id.id,
            "partner_invoice_id": initial.partner_invoice_id.id,
            "partner_shipping_id": initial.partner_shipping_id.id,
            "company_id": self.company_id.id,
            # the initial order's terms (also spares their computation)
            "pricelist_id": initial.pricelist_id.id,
            "fiscal_position_id": initial.fiscal_position_id.id,
            "payment_term_id": initial.payment_term_id.id,
            "currency_id": self.currency_id.id,
            "user_id": initial.user_id.id,
            "team_id": initial.team_id.id,
            "origin": self.name,
            "recurring_order_id": self.id,
            "recurring_billing_date": billing_date,
            "order_line": [
                Command.create(
                    {
                        "product_id": self.product_id.id,
                        "product_uom_qty": self.quantity,
                        "price_unit": self.price_unit,
                        "discount": self.discount,
                        "tax_id": [Command.set(self.tax_ids.ids)],
                    }
                )
            ],
        }

    def _charge_reference(self, billing_date, attempt):
        """``<order>-<billing date>-<attempt>``: Odoo derives the provider's
        idempotency key from the transaction reference (``payment_stripe``
        sends ``Idempotency-Key`` for off-session payments), so a charge
        repeated after a rollback is the same request for the provider."""
        return f"{self.name}-{billing_date:%Y%m%d}-{attempt}"

    def _prepare_charge_values(self, order, billing_date):
        self.ensure_one()
        token = self.payment_token_id.sudo()
        # attempts of this period committed before this one (a rolled back
        # attempt left nothing, its number is used again)
        attempt = (
            self.env["payment.transaction"]
            .sudo()
            .search_count([("recurring_order_id", "=", self.id), ("recurring_billing_date", "=", billing_date)])
            + 1
        )
        return {
            "provider_id": token.provider_id.id,
            "payment_method_id": token.payment_method_id.id,
            "token_id": token.id,
            "operation": "offline",
            "reference": self._charge_reference(billing_date, attempt),
            "amount": order.amount_total,
            "currency_id": order.currency_id.id,
            "partner_id": order.partner_invoice_id.id,
            "sale_order_ids": [Command.set(order.ids)],
            "recurring_order_id": self.id,
            "recurring_billing_date": billing_date,
        }

    def _process_charge_result(self, tx):
        """Apply the outcome of the charge ``tx`` once: when the provider
        answers the request, or later (webhook, pending payment settled)."""
        self.ensure_one()
        if tx.state == "done" and tx.recurring_outcome != "paid":
            self._register_payment(tx)
        elif tx.state in ("error", "cancel") and not tx.recurring_outcome:
            tx.recurring_outcome = "failed"
            if self.state in ("active", "processing") and tx.recurring_billing_date == self.next_payment_date:
                self._register_failure(tx._recurring_error_message(), hard=tx._recurring_is_hard_decline())

    def _register_payment(self, tx):
        tx.recurring_outcome = "paid"
        if tx.recurring_billing_date != self.next_payment_date or self.state in ("suspended", "completed"):
            # a late answer for a period settled otherwise: a human decides
            self.message_post(
                body=_(
                    "Payment %(reference)s succeeded for the period of %(date)s, which is no longer due: "
                    "check whether the client paid twice and refund one payment.",
                    reference=tx.reference,
                    date=tx.recurring_billing_date,
                ),
                subtype_xmlid="mail.mt_note",
            )
            return
        self.write(
            {
                "state": "active",
                "retry_count": 0,
                "next_retry_at": False,
                "last_error": False,
                "next_payment_date": self._next_billing_date(tx.recurring_billing_date),
            }
        )
        if self.payment_count and self.payments_remaining <= 0:
            self._complete(_("All %s payments are done.", self.payment_count))

    def _register_failure(self, error, hard=False):
        """A charge failed: retry later, or Failed when retries are exhausted
        or the card will never work (``hard``)."""
        self.ensure_one()
        retry_count = self.retry_count + 1
        if hard or retry_count > MAX_RETRIES:
            self.write({"state": "failed", "retry_count": retry_count, "next_retry_at": False, "last_error": error})
            self._cancel_open_period_orders()
            self._notify_expert_failed()
        else:
            self.write(
                {
                    "state": "active",
                    "retry_count": retry_count,
                    "next_retry_at": fields.Datetime.now() + self._retry_delay(),
                    "last_error": error,
                }
            )
        self._send_client_mail("recurring_order.mail_template_charge_failed")

    def _notify_expert_failed(self):
        partners = self.expert_id.partner_id | self.user_id.partner_id
        if partners:
            self.message_post_with_source(
                "recurring_order.message_recurring_failed",
                subtype_xmlid="mail.mt_note",
                partner_ids=partners.ids,
            )

    # ------------------------------------------------------------------
    # The client's recurring orders
    # ------------------------------------------------------------------

    @api.model
    def _prepare_client_recurring_domain(self, partner, running=False):
        """THE rule of the recurring orders ``partner``'s commercial entity
        sees (``running``: those not completed)."""
        domain = partner._ownership_domain(path="commercial_partner_id")
        if running:
            domain += [("state", "!=", "completed")]
        return domain

    def _client_needs_new_card(self):
        """The client should give another card: the charges failed."""
        self.ensure_one()
        return self.state == "failed" or (self.state == "active" and bool(self.retry_count))

    def _client_can_pause_now(self):
        self.ensure_one()
        return self.state == "active" and self._client_can_pause()

    def _client_can_resume_now(self):
        self.ensure_one()
        return self.state == "suspended" and self.suspended_by == "client" and self._client_can_pause()

    def _client_orders_by_record(self, limit=None):
        """The orders of these recurring orders for the client's pages,
        read in one query: ``{record: {"orders": newest first (the
        ``limit`` latest), "count": all of them}}``."""
        orders = (
            self.env["sale.order"]
            .sudo()
            .search_fetch(
                ["|", ("recurring_order_id", "in", self.ids), ("id", "in", self.sale_order_id.ids)],
                ["name", "state", "date_order", "amount_total", "currency_id", "access_token", "recurring_order_id"],
                order="date_order desc, id desc",
            )
        )
        result = {record: {"orders": orders.browse(), "count": 0} for record in self}
        started = {}
        for record in self:
            started.setdefault(record.sale_order_id.id, []).append(record)
        for order in orders:
            for record in [order.recurring_order_id] if order.recurring_order_id in self else started[order.id]:
                entry = result[record]
                entry["count"] += 1
                if limit is None or len(entry["orders"]) < limit:
                    entry["orders"] |= order
        return result

    # ------------------------------------------------------------------
    # Links for the client
    # ------------------------------------------------------------------

    def _client_center_url(self, suffix=""):
        """The client center page of this order (``suffix``: "/card"...)."""
        self.ensure_one()
        center = self.env.ref("client_center.client_center_default", raise_if_not_found=False)
        if not center or not center.sudo().active:
            center = self.env["client.center"].sudo().search([], limit=1)
        return f"{center.sudo().website_url}/recurring/{self.id}{suffix}" if center else "/client-center"
