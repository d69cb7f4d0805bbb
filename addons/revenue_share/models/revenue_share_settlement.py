import logging
import threading

import psycopg2
import stripe
from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date, groupby

from odoo.addons.payment import utils as payment_utils

_logger = logging.getLogger(__name__)


class RevenueShareSettlement(models.Model):
    _name = "revenue.share.settlement"
    _description = "Expert Settlement"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_to desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, readonly=True, copy=False, default=lambda self: _("New"))
    expert_id = fields.Many2one("res.users", string="Expert", required=True, readonly=True, index=True, tracking=True)
    partner_id = fields.Many2one(related="expert_id.partner_id", string="Expert Contact")
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id", store=True, string="Currency")
    date_from = fields.Date(string="Period Start", required=True, readonly=True)
    date_to = fields.Date(
        string="Period End",
        required=True,
        readonly=True,
        index=True,
        help="Settles the shares invoiced up to this date that were not settled yet.",
    )
    line_ids = fields.One2many("revenue.share.line", "settlement_id", string="Share Lines", readonly=True)
    line_count = fields.Integer(string="Lines", readonly=True)
    amount_base = fields.Monetary(string="Untaxed Sales", readonly=True)
    amount_expert = fields.Monetary(string="Expert Share", readonly=True, tracking=True)
    amount_platform = fields.Monetary(string="Platform Share", readonly=True)
    state = fields.Selection(
        [("draft", "Draft"), ("posted", "Posted"), ("exception", "Payout Failed"), ("cancelled", "Cancelled")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
    )
    bill_id = fields.Many2one("account.move", string="Vendor Bill", readonly=True, copy=False, check_company=True)
    bill_payment_state = fields.Selection(related="bill_id.payment_state", string="Bill Payment Status")
    stripe_account_id = fields.Char(string="Stripe Account", readonly=True, copy=False)
    stripe_transfer_id = fields.Char(
        string="Stripe Transfer",
        readonly=True,
        copy=False,
        tracking=True,
        help="Id of the Stripe transfer (tr_...) paying the expert, or of the reversal (trr_...) "
        "taking back a negative settlement.",
    )
    stripe_reversed_transfer_id = fields.Char(
        string="Reversed Transfer",
        readonly=True,
        copy=False,
        help="The earlier transfer a negative settlement (or the cancellation of this settlement) reversed.",
    )
    stripe_cancel_reversal_id = fields.Char(string="Cancellation Reversal", readonly=True, copy=False)
    stripe_attempt = fields.Integer(
        readonly=True,
        copy=False,
        help="Number of payout attempts Stripe answered with an error; a new attempt uses a new idempotency key.",
    )
    payout_message = fields.Text(string="Payout Status", readonly=True, copy=False)
    payout_status = fields.Selection(
        [
            ("nothing", "Nothing to Pay"),
            ("queued", "Transfer Queued"),
            ("transferred", "Transferred on Stripe"),
            ("failed", "Transfer Failed"),
            ("by_hand", "To Pay by Hand"),
        ],
        string="Payout",
        default="nothing",
        required=True,
        readonly=True,
        copy=False,
        help="What happened to the expert's share: transferred on Stripe, waiting for the transfer, "
        "failed (see the payout status), or to be paid by hand (no Stripe account or key).",
    )
    expert_notified = fields.Boolean(readonly=True, copy=False, help="The expert received the mail of this settlement.")
    payout_pending = fields.Boolean(
        string="Payout Queued",
        readonly=True,
        copy=False,
        index=True,
        help="Posted; the Stripe payout is sent right after, in its own transaction.",
    )

    _sql_constraints = [
        ("period_check", "CHECK (date_from <= date_to)", "A settlement period must end after it starts."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", _("New")) == _("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code("revenue.share.settlement") or _("New")
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_active(self):
        if any(settlement.state != "cancelled" for settlement in self):
            raise UserError(_("Cancel a settlement before deleting it."))

    # ------------------------------------------------------------------
    # Settling lines
    # ------------------------------------------------------------------

    @api.model
    def _settleable_domain(self, company, date_to, experts=None):
        domain = [
            ("company_id", "=", company.id),
            ("is_settleable", "=", True),
            ("settlement_id", "=", False),
            ("date", "<=", date_to),
        ]
        if experts is not None:
            domain.append(("expert_id", "in", experts.ids))
        return domain

    @api.model
    def _settle_period(self, date_from, date_to, experts=None, company=None, post=True):
        """Settle, per expert, every settleable share line invoiced up to
        ``date_to`` that no settlement holds yet. Returns the settlements."""
        self.check_access_rights("create")  # the lines are then updated in SQL
        company = company or self.env.company
        date_from, date_to = fields.Date.to_date(date_from), fields.Date.to_date(date_to)
        if date_from > date_to:
            raise UserError(_("The period must end after it starts."))
        Line = self.env["revenue.share.line"].sudo()
        Line.flush_model()
        groups = Line._read_group(self._settleable_domain(company, date_to, experts), ["expert_id"])
        settlements = self.browse()
        for (expert,) in groups:
            settlements |= self._settle_expert(expert, company, date_from, date_to)
        if post:
            settlements.action_post()
        return settlements

    @api.model
    def _settle_expert(self, expert, company, date_from, date_to):
        """One settlement holding the expert's free settleable lines, in a
        constant number of queries whatever their number.

        The lines of an invoice and of the credit notes giving it back are
        settled together (netted): a line dated up to ``date_to`` brings the
        settleable lines of its invoice group along, whatever their date, so a
        settlement never pays a share whose revenue was given back.

        The lines are locked (``FOR UPDATE SKIP LOCKED``: lines another
        transaction is settling are left to it) and the UPDATE only takes lines
        that still have no settlement, so a line is never settled twice."""
        self.check_access_rights("create")
        self.env["revenue.share.line"].flush_model()
        cr = self.env.cr
        cr.execute(
            """
            SELECT id FROM revenue_share_line
             WHERE company_id = %(company)s AND expert_id = %(expert)s AND is_settleable
               AND settlement_id IS NULL AND state = 'to_settle'
               AND COALESCE(origin_move_id, move_id) IN (
                       SELECT COALESCE(origin_move_id, move_id) FROM revenue_share_line
                        WHERE company_id = %(company)s AND expert_id = %(expert)s AND is_settleable
                          AND settlement_id IS NULL AND state = 'to_settle' AND date <= %(date_to)s)
             ORDER BY id
               FOR UPDATE SKIP LOCKED
            """,
            {"company": company.id, "expert": expert.id, "date_to": date_to},
        )
        line_ids = [row[0] for row in cr.fetchall()]
        if not line_ids:
            return self.browse()
        settlement = self.create(
            {
                "expert_id": expert.id,
                "company_id": company.id,
                "date_from": date_from,
                "date_to": date_to,
                "stripe_account_id": expert.sudo().stripe_account_id,
            }
        )
        cr.execute(
            """
               UPDATE revenue_share_line
                  SET settlement_id = %s, state = 'settled', is_settleable = FALSE,
                      write_uid = %s, write_date = (now() at time zone 'UTC')
                WHERE id = ANY(%s) AND settlement_id IS NULL AND state = 'to_settle'
            RETURNING id
            """,
            [settlement.id, self.env.uid, line_ids],
        )
        if not cr.rowcount:
            settlement._unlink_lost_draft()
            return self.browse()
        cr.execute(
            """
            SELECT COUNT(*), COALESCE(SUM(base_amount), 0), COALESCE(SUM(expert_amount), 0),
                   COALESCE(SUM(platform_amount), 0)
              FROM revenue_share_line WHERE settlement_id = %s
            """,
            [settlement.id],
        )
        count, base, expert_amount, platform = cr.fetchone()
        self.env["revenue.share.line"].invalidate_model(["settlement_id", "state", "is_settleable"])
        settlement.invalidate_recordset(["line_ids"])
        settlement.write(
            {
                "line_count": count,
                "amount_base": float(base),
                "amount_expert": float(expert_amount),
                "amount_platform": float(platform),
            }
        )
        return settlement

    def _unlink_lost_draft(self):
        """Drop the empty draft that :meth:`_settle_expert` just created and
        that lost the race for its lines (private: never reachable over RPC)."""
        lost = self.filtered(lambda settlement: settlement.state == "draft" and not settlement.line_ids)
        lost.sudo().write({"state": "cancelled"})
        lost.sudo().unlink()

    @api.model
    def _cron_settle_previous_month(self):
        """Monthly (on the 1st): settle the previous month for every expert of
        every company. Safe on several workers: Odoo runs one cron job at a
        time and the lines are locked; a second run finds nothing left."""
        today = fields.Date.context_today(self)
        date_to = today.replace(day=1) - relativedelta(days=1)
        date_from = date_to.replace(day=1)
        for company in self.env["res.company"].sudo().search([]):
            self.with_company(company)._settle_period(date_from, date_to, company=company)

    # ------------------------------------------------------------------
    # Posting: vendor bill, then Stripe payout
    # ------------------------------------------------------------------

    def _check_caller_and_lock(self):
        """Check the caller may change these settlements (write rights and
        rules: the platform's, never an expert's), before anything is sent to
        Stripe or done as superuser; then lock their rows. Every public
        action of a settlement starts with it."""
        self.check_access_rights("write")
        self.check_access_rule("write")
        if not self:
            return
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    "SELECT id FROM revenue_share_settlement WHERE id IN %s FOR UPDATE NOWAIT", [tuple(self.ids)]
                )
        except psycopg2.errors.LockNotAvailable as error:
            raise UserError(_("These settlements are being processed by someone else; try again.")) from error
        self.invalidate_recordset(["state", "bill_id", "stripe_transfer_id", "stripe_attempt"])

    def action_post(self):
        """Post the vendor bill of the expert's share and queue its Stripe payout.

        The payout is not sent in this transaction: its idempotency key is
        derived from the settlement's id, which only exists for good once this
        transaction is committed. The payout cron (triggered now) sends it
        right after, one settlement per transaction, so a rollback anywhere
        can never make a second, differently keyed transfer."""
        self._check_caller_and_lock()
        to_post = self.filtered(lambda settlement: settlement.state == "draft")
        for settlement in to_post:
            settlement._create_bill()
        to_post.write({"state": "posted"})
        # the payout step (cron) also tells the expert, and the platform when the
        # share must be paid by hand: nothing of it waits in this transaction
        to_pay = to_post.filtered(lambda settlement: not settlement.currency_id.is_zero(settlement.amount_expert))
        blocked = {settlement: settlement._payout_blocker() for settlement in to_pay}
        for message, settlements in groupby(to_pay, key=lambda settlement: blocked[settlement]):
            self.browse(settlement.id for settlement in settlements).write(
                {
                    "payout_pending": True,
                    "payout_status": "by_hand" if message else "queued",
                    "payout_message": message or _("Stripe payout queued."),
                }
            )
        if to_pay:
            self.env.ref("revenue_share.ir_cron_send_payouts")._trigger()
        return True

    def _notify_expert(self):
        """Tell each expert (by email, logged in the chatter) what happened to
        a settlement of theirs: once when it is posted (with its payout's
        outcome when one was sent), then at each later payout attempt. The
        mails state facts only: a transfer is announced once it exists."""
        posted = self.env.ref("revenue_share.mail_template_settlement_posted", raise_if_not_found=False)
        payout = self.env.ref("revenue_share.mail_template_settlement_payout", raise_if_not_found=False)
        for settlement in self.filtered(lambda s: not s.currency_id.is_zero(s.amount_expert)).sudo():
            template = payout if settlement.expert_notified else posted
            if template:
                settlement.message_post_with_source(template, message_type="comment", subtype_xmlid="mail.mt_comment")
        self.sudo().expert_notified = True

    def _payout_responsible(self):
        """The platform manager who hears of a payout to do by hand: the one
        who settled, else the first platform manager."""
        self.ensure_one()
        user = self.create_uid
        if user and not user._is_superuser() and user.has_group("expert_base.group_platform_manager"):
            return user
        group = self.env.ref("expert_base.group_platform_manager")
        managers = group.sudo().users.filtered(lambda user: not user._is_superuser() and not user.share)
        return managers.sorted("id")[:1] or self.env.ref("base.user_admin", raise_if_not_found=False)

    def _payout_blocked(self, message):
        """No (more) Stripe payout for this settlement: say why on it and ask
        the platform, with an activity, to pay it by hand or fix the cause."""
        self.ensure_one()
        self.payout_status = "by_hand"
        self._payout_message(message)
        self._payout_ask_platform(_("Pay %(expert)s's share by hand", expert=self.expert_id.name), message)

    def _payout_ask_platform(self, summary, note):
        """An *Expert Payout* activity for the platform manager in charge."""
        self.ensure_one()
        self.sudo().activity_schedule(
            "revenue_share.mail_activity_type_payout",
            summary=summary,
            note=note,
            user_id=self._payout_responsible().id,
        )

    def _payout_blocker(self):
        """Why this settlement cannot be paid out on Stripe, or None."""
        self.ensure_one()
        if self.currency_id.is_zero(self.amount_expert):
            return None
        if not self.expert_id.sudo().stripe_account_id:
            return _(
                "No transfer: %s has no Stripe connected account; pay the vendor bill by hand.", self.expert_id.name
            )
        if not self._stripe_secret_key():
            return _("No transfer: the Stripe payment provider has no secret key; pay the vendor bill by hand.")
        return None

    @api.model
    def _cron_send_payouts(self, limit=100):
        """Send the queued payouts (see :meth:`_send_pending_payouts`)."""
        pending = self.search([("payout_pending", "=", True), ("state", "=", "posted")], limit=limit)
        pending._send_pending_payouts()
        if len(pending) == limit:
            self.env.ref("revenue_share.ir_cron_send_payouts")._trigger()

    def _send_pending_payouts(self):
        """Send these queued payouts, each in its own transaction (committed
        outside tests), holding only that settlement's row while Stripe
        answers. Several workers share the queue (SKIP LOCKED)."""
        auto_commit = not getattr(threading.current_thread(), "testing", False)
        for settlement in self:
            settlement._send_payout()
            if auto_commit:
                self.env.cr.commit()  # pylint: disable=invalid-commit

    def _send_payout(self):
        self.ensure_one()
        self.flush_recordset()
        self.env.cr.execute(
            "SELECT id FROM revenue_share_settlement WHERE id = %s AND payout_pending FOR UPDATE SKIP LOCKED",
            [self.id],
        )
        if not self.env.cr.fetchone():
            return False  # sent, or being sent by another worker
        self.invalidate_recordset()
        self._stripe_payout()
        self.payout_pending = False
        self._notify_expert()
        return True

    def _prepare_bill_values(self):
        self.ensure_one()
        journal = self.company_id._revenue_share_journal()
        if not journal:
            raise UserError(
                _("Company %s has no chart of accounts: it cannot book expert payouts.", self.company_id.name)
            )
        period = _(
            "%(start)s to %(end)s",
            start=format_date(self.env, self.date_from),
            end=format_date(self.env, self.date_to),
        )
        return {
            "move_type": "in_invoice" if self.amount_expert > 0 else "in_refund",
            "partner_id": self.expert_id.partner_id.id,
            "journal_id": journal.id,
            "company_id": self.company_id.id,
            "currency_id": self.currency_id.id,
            "invoice_date": fields.Date.context_today(self),
            "invoice_user_id": self.expert_id.id,
            "ref": self.name,
            "invoice_origin": self.name,
            "revenue_share_settlement_id": self.id,
            "invoice_line_ids": [
                Command.create(
                    {
                        "name": (
                            _("Expert share of 1 sales line, %(period)s", period=period)
                            if self.line_count == 1
                            else _(
                                "Expert share of %(count)s sales lines, %(period)s",
                                count=self.line_count,
                                period=period,
                            )
                        ),
                        "quantity": 1,
                        "price_unit": abs(self.amount_expert),
                        "account_id": journal.default_account_id.id,
                        "tax_ids": [Command.clear()],
                    }
                )
            ],
        }

    def _create_bill(self):
        self.ensure_one()
        if self.currency_id.is_zero(self.amount_expert):
            return self.env["account.move"]
        bill = self.env["account.move"].sudo().with_company(self.company_id).create(self._prepare_bill_values())
        bill.action_post()
        self.sudo().bill_id = bill
        self.message_post(
            body=Markup(_("Vendor bill %s posted.")) % bill._get_html_link(), subtype_xmlid="mail.mt_note"
        )
        return bill

    # ------------------------------------------------------------------
    # Stripe Connect
    # ------------------------------------------------------------------

    def _stripe_client(self):
        """A Stripe client with the secret key of the company's Stripe provider, or None."""
        self.ensure_one()
        secret_key = self._stripe_secret_key()
        if not secret_key:
            return None
        api_base = self.env["ir.config_parameter"].sudo().get_param("revenue_share.stripe_api_base")
        options = {"base_addresses": {"api": api_base}} if api_base else {}
        return stripe.StripeClient(secret_key, max_network_retries=2, **options)

    def _stripe_secret_key(self):
        """The secret key of the company's enabled (or test) Stripe payment provider."""
        self.ensure_one()
        provider = (
            self.env["payment.provider"]
            .sudo()
            .search(
                [("code", "=", "stripe"), ("company_id", "=", self.company_id.id), ("state", "!=", "disabled")],
                limit=1,
            )
        )
        return provider.stripe_secret_key

    def _stripe_idempotency_key(self, purpose="payout"):
        """Stable per settlement (and per attempt that Stripe answered with an
        error), so a repeated request never pays twice: Stripe replays the
        first answer for a key it already saw."""
        self.ensure_one()
        uuid = self.env["ir.config_parameter"].sudo().get_param("database.uuid")
        key = f"revenue-share-settlement-{uuid}-{self.id}"
        if purpose != "payout":
            key = f"{key}-{purpose}"
        if self.stripe_attempt:
            key = f"{key}-{self.stripe_attempt}"
        return key

    def _stripe_reversal_source(self):
        """The transfer a negative settlement takes the money back from: the
        one that paid the refunded invoices, else the expert's latest one."""
        self.ensure_one()
        domain = [
            ("expert_id", "=", self.expert_id.id),
            ("company_id", "=", self.company_id.id),
            ("state", "=", "posted"),
            ("amount_expert", ">", 0),
            ("stripe_transfer_id", "=like", "tr\\_%"),
            ("stripe_cancel_reversal_id", "=", False),
        ]
        refunded = self.line_ids.move_id.reversed_entry_id.revenue_share_line_ids.settlement_id
        source = self.search(domain + [("id", "in", refunded.ids)], order="date_to desc, id desc", limit=1)
        return source or self.search(domain + [("id", "!=", self.id)], order="date_to desc, id desc", limit=1)

    def _stripe_payout(self):
        """Transfer the expert's share (or reverse a transfer for a negative
        settlement). Errors leave the settlement in exception with the error."""
        for settlement in self:
            if settlement.currency_id.is_zero(settlement.amount_expert) or settlement.stripe_transfer_id:
                continue
            blocker = settlement._payout_blocker()
            if blocker:
                settlement._payout_blocked(blocker)
                continue
            account = settlement.expert_id.sudo().stripe_account_id
            client = settlement._stripe_client()
            try:
                if settlement.amount_expert > 0:
                    settlement._stripe_transfer(client, account)
                else:
                    settlement._stripe_reverse(client)
            except stripe.StripeError as error:
                settlement._stripe_failed(error)
            else:
                settlement._payout_done()

    def _stripe_transfer(self, client, account):
        self.ensure_one()
        transfer = client.transfers.create(
            params={
                "amount": payment_utils.to_minor_currency_units(self.amount_expert, self.currency_id),
                "currency": self.currency_id.name.lower(),
                "destination": account,
                "transfer_group": self.name,
                "description": _("Expert share %s", self.name),
                "metadata": {"settlement": self.name, "settlement_id": str(self.id)},
            },
            options={"idempotency_key": self._stripe_idempotency_key()},
        )
        self.write(
            {
                "stripe_transfer_id": transfer.id,
                "stripe_account_id": account,
                "state": "posted",
                "payout_status": "transferred",
                "payout_message": _("Transferred to %(account)s: %(transfer)s.", account=account, transfer=transfer.id),
            }
        )
        self.message_post(body=self.payout_message, subtype_xmlid="mail.mt_note")

    def _stripe_reverse(self, client):
        self.ensure_one()
        source = self._stripe_reversal_source()
        if not source:
            self._payout_blocked(
                _(
                    "No transfer reversal: no earlier Stripe transfer to %s to take the money back from; "
                    "settle the vendor credit note by hand.",
                    self.expert_id.name,
                )
            )
            return
        reversal = client.transfers.reversals.create(
            source.stripe_transfer_id,
            params={
                "amount": payment_utils.to_minor_currency_units(-self.amount_expert, self.currency_id),
                "description": _("Negative settlement %s", self.name),
                "metadata": {"settlement": self.name, "settlement_id": str(self.id)},
            },
            options={"idempotency_key": self._stripe_idempotency_key()},
        )
        self.write(
            {
                "stripe_transfer_id": reversal.id,
                "stripe_reversed_transfer_id": source.stripe_transfer_id,
                "state": "posted",
                "payout_status": "transferred",
                "payout_message": _(
                    "Reversed %(amount)s of transfer %(transfer)s: %(reversal)s.",
                    amount=-self.amount_expert,
                    transfer=source.stripe_transfer_id,
                    reversal=reversal.id,
                ),
            }
        )
        self.message_post(body=self.payout_message, subtype_xmlid="mail.mt_note")

    @api.model
    def _stripe_refusal(self, error):
        """Stripe's own message for a request it answered with an error, or
        None when Stripe could not be reached (the technical details of the
        error stay in the server log)."""
        if not error.http_status:
            return None
        return error.user_message or _("no reason given (HTTP status %s)", error.http_status)

    def _stripe_failed(self, error):
        """The payout request failed: the settlement shows why in plain words
        and waits for *Retry Payout*; the expert and the platform are told."""
        self.ensure_one()
        _logger.warning("Stripe payout of settlement %s failed", self.name, exc_info=error)
        refusal = self._stripe_refusal(error)
        message = (
            _("Stripe refused the payout: %s", refusal)
            if refusal
            else _("Stripe could not be reached (network problem): nothing was transferred.")
        )
        values = {"state": "exception", "payout_status": "failed", "payout_message": message}
        if error.http_status:
            # Stripe answered, so nothing was paid: the next attempt gets a new key
            values["stripe_attempt"] = self.stripe_attempt + 1
        self.write(values)
        self.message_post(body=message, subtype_xmlid="mail.mt_note")
        self._payout_ask_platform(_("Payout to %(expert)s failed", expert=self.expert_id.name), message)

    def _payout_done(self):
        """A payout reached Stripe: the activities asking the platform to act are done."""
        self.ensure_one()
        self.sudo().activity_feedback(["revenue_share.mail_activity_type_payout"], feedback=self.payout_message)

    def _payout_message(self, message):
        self.ensure_one()
        self.payout_message = message
        self.message_post(body=message, subtype_xmlid="mail.mt_note")

    def action_retry_payout(self):
        """Send the failed payout again, now: the settlement was committed
        long ago, so its idempotency key is stable."""
        self._check_caller_and_lock()
        to_retry = self.filtered(lambda settlement: settlement.state == "exception")
        if not to_retry:
            raise UserError(_("Only a settlement whose payout failed can be retried."))
        to_retry.write({"state": "posted", "payout_status": "queued", "payout_pending": True})
        for settlement in to_retry:
            settlement._stripe_payout()
        to_retry.write({"payout_pending": False})
        to_retry._notify_expert()
        return True

    # ------------------------------------------------------------------
    # Cancelling
    # ------------------------------------------------------------------

    def action_cancel(self):
        """Free the lines, cancel (or reverse) the vendor bill, take a Stripe
        transfer back. A reversal already sent cannot be undone."""
        self._check_caller_and_lock()
        for settlement in self.filtered(lambda s: s.state != "cancelled"):
            if settlement.stripe_transfer_id and settlement.stripe_transfer_id.startswith("trr_"):
                raise UserError(
                    _("%s took money back from the expert on Stripe; settle the lines again instead.", settlement.name)
                )
            if settlement.stripe_transfer_id and not settlement.stripe_cancel_reversal_id:
                settlement._stripe_cancel_transfer()
            settlement._cancel_bill()
            lines = settlement.line_ids.sudo().with_context(revenue_share_settling=True)
            lines.write({"settlement_id": False, "state": "to_settle"})
            settlement.write({"state": "cancelled", "payout_pending": False})
            settlement.message_post(
                body=_("Settlement cancelled: %s share lines are free to settle again.", len(lines)),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def _stripe_cancel_transfer(self):
        self.ensure_one()
        client = self._stripe_client()
        if client is None:
            raise UserError(
                _("%s was paid out on Stripe and the Stripe provider has no key to take it back.", self.name)
            )
        try:
            reversal = client.transfers.reversals.create(
                self.stripe_transfer_id,
                params={"metadata": {"settlement": self.name, "reason": "settlement cancelled"}},
                options={"idempotency_key": self._stripe_idempotency_key("cancel")},
            )
        except stripe.StripeError as error:
            _logger.warning(
                "Reversing transfer %s of settlement %s failed", self.stripe_transfer_id, self.name, exc_info=error
            )
            refusal = self._stripe_refusal(error)
            raise UserError(
                _(
                    "Stripe could not reverse transfer %(transfer)s: %(error)s",
                    transfer=self.stripe_transfer_id,
                    error=refusal or _("Stripe could not be reached (network problem); try again later."),
                )
            ) from error
        self.write({"stripe_cancel_reversal_id": reversal.id, "stripe_reversed_transfer_id": self.stripe_transfer_id})

    def _cancel_bill(self):
        self.ensure_one()
        bill = self.bill_id.sudo()
        if not bill or bill.state == "cancel":
            return
        if bill.state == "draft" or (bill.payment_state == "not_paid" and not bill.restrict_mode_hash_table):
            bill.button_cancel()
        else:
            refund = bill._reverse_moves(
                [{"ref": _("Cancelled: %s", self.name), "invoice_date": fields.Date.context_today(self)}],
                cancel=bill.payment_state in ("not_paid", "partial"),
            )
            if refund.state == "draft":
                refund.action_post()

    # ------------------------------------------------------------------
    # Demo data (demo/revenue_share_demo.xml)
    # ------------------------------------------------------------------

    @api.model
    def _demo_sell_and_settle(self, sales_settled, sales_to_settle):
        """Demo history: sell (order, invoice, payment) each of
        ``sales_settled`` two months ago and settle that month, then sell
        ``sales_to_settle`` last month, left for the monthly settlement.
        A sale is (client xml id, product xml id, quantity, day of the month,
        paid). Invoices posted by other modules' demo data before this module
        was installed are shared first."""
        self.env["account.move"].search(
            [("state", "=", "posted"), ("move_type", "in", ("out_invoice", "out_refund", "out_receipt"))]
        )._revenue_share_create_lines()
        today = fields.Date.context_today(self)
        last_month = today.replace(day=1) - relativedelta(months=1)
        settled_month = last_month - relativedelta(months=1)
        for sale in sales_settled:
            self._demo_sell(settled_month, *sale)
        self._settle_period(settled_month, settled_month + relativedelta(months=1, days=-1))
        for sale in sales_to_settle:
            self._demo_sell(last_month, *sale)

    @api.model
    def _demo_sell(self, month, client_xmlid, product_xmlid, quantity, day, paid):
        product = self.env.ref(product_xmlid).product_variant_id
        order = self.env["sale.order"].create(
            {
                "partner_id": self.env.ref(client_xmlid).id,
                "user_id": product.expert_id.id,
                "order_line": [Command.create({"product_id": product.id, "product_uom_qty": quantity})],
            }
        )
        order.action_confirm()
        invoice = order._create_invoices()
        invoice.invoice_date = month.replace(day=day)
        invoice.action_post()
        if paid:
            self.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=invoice.ids
            ).create({"payment_date": invoice.invoice_date})._create_payments()
        return invoice
