import logging
import threading
from collections import Counter
from datetime import timedelta

import psycopg2

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from odoo.addons.base.models.ir_cron import _intervalTypes

_logger = logging.getLogger(__name__)

# Kept by the sending and viewing code (SQL increments), never written by hand.
FOLLOWUP_COUNTERS = (
    "followup_sent_count",
    "followup_auto_sent_count",
    "followup_sms_count",
    "portal_view_count",
    "last_sent_at",
    "first_viewed_at",
    "last_viewed_at",
)
# Invoices resent per cron run; the cron triggers itself again for the rest.
RESEND_BATCH = 200
# Tries of an invoice that hit a serialization failure, each in a new
# transaction (the send of another worker, seen then, stops it).
RESEND_ATTEMPTS = 3
SMS_SENT_STATES = ("process", "pending", "sent")


class AccountMove(models.Model):
    _inherit = "account.move"

    followup_sent_count = fields.Integer(
        string="Emails Sent",
        readonly=True,
        copy=False,
        default=0,
        help="Invoice emails sent, by hand or by the system.",
    )
    followup_auto_sent_count = fields.Integer(
        string="Automatic Resends", readonly=True, copy=False, default=0, help="Emails the system resent on its own."
    )
    followup_sms_count = fields.Integer(string="Text Messages Sent", readonly=True, copy=False, default=0)
    portal_view_count = fields.Integer(
        string="Times Viewed",
        readonly=True,
        copy=False,
        default=0,
        help="Times the customer opened the invoice online (link or portal), staff and robots not counted.",
    )
    last_sent_at = fields.Datetime(string="Last Sent", readonly=True, copy=False)
    first_viewed_at = fields.Datetime(string="First Viewed", readonly=True, copy=False)
    last_viewed_at = fields.Datetime(string="Last Viewed", readonly=True, copy=False)
    followup_enabled = fields.Boolean(
        string="Resend Until Paid",
        default=True,
        copy=False,
        tracking=True,
        help="Off: this invoice is never resent automatically.",
    )
    followup_next_send_at = fields.Datetime(
        string="Next Reminder",
        compute="_compute_followup_next_send_at",
        help="When the system resends the invoice next, if it is still unpaid.",
    )
    followup_user_tz = fields.Char(string="Time Zone", compute="_compute_followup_user_tz")

    # ------------------------------------------------------------------
    # Guard and display
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(set(FOLLOWUP_COUNTERS) & set(vals) for vals in vals_list):
            raise AccessError(_("The sent and viewed counters of invoices are kept by the system."))
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and set(FOLLOWUP_COUNTERS) & set(vals):
            raise AccessError(_("The sent and viewed counters of invoices are kept by the system."))
        return super().write(vals)

    def _compute_followup_user_tz(self):
        self.followup_user_tz = self.env.user.tz or "UTC"

    @api.depends("last_sent_at", "invoice_date", "invoice_date_due", "followup_enabled", "payment_state", "state")
    def _compute_followup_next_send_at(self):
        now = fields.Datetime.now()
        cron = self.env.ref("invoice_followup.ir_cron_invoice_resend", raise_if_not_found=False)
        cron = cron.sudo() if cron and cron.sudo().active else None
        for move in self:
            when = move._followup_next_send_at(now)
            if when and cron:
                when = move._followup_next_cron_run(cron, when)
            move.followup_next_send_at = when

    @api.model
    def _followup_next_cron_run(self, cron, when):
        """The first run of ``cron`` at or after ``when``."""
        run = cron.nextcall
        step = _intervalTypes[cron.interval_type](cron.interval_number)
        if cron.interval_type == "months":
            while run < when:
                run += step
            return run
        step = (run + step) - run  # a fixed duration
        if run < when:
            run += -((run - when) // step) * step
        return run

    def _followup_next_send_at(self, now):
        """When this invoice becomes due for a resend (not before ``now``),
        or False when it will not be resent."""
        self.ensure_one()
        company = self.company_id
        if (
            not company.invoice_resend_enabled
            or not self.filtered_domain(self._followup_due_domain())
            or not self.followup_enabled
            or self.commercial_partner_id.invoice_resend_optout
            or self.followup_auto_sent_count >= company.invoice_resend_max_count
            or not self.is_move_sent
        ):
            return False
        interval = timedelta(days=company.invoice_resend_interval_days)
        reference = self.last_sent_at or fields.Datetime.to_datetime(self.invoice_date) or now
        when = reference + interval
        if company.invoice_resend_start == "after_due" and self.invoice_date_due:
            when = max(when, fields.Datetime.to_datetime(self.invoice_date_due + timedelta(days=1)))
        return max(when, now)

    @api.model
    def _expert_posted_writable_fields(self):
        # an expert stops (or restarts) the reminders of its own posted invoice
        return super()._expert_posted_writable_fields() | {"followup_enabled"}

    def _get_mail_template(self):
        # The suite's invoice email: a neutral subject (the invoice number,
        # never the kind of service: it shows on a phone's lock screen).
        # A template a module below chose for its own invoices (a penalty's,
        # whose subject is as neutral) is kept.
        template = super()._get_mail_template()
        if (
            template == "account.email_template_edi_invoice"
            and self
            and all(move.move_type == "out_invoice" for move in self)
        ):
            return "invoice_followup.email_template_invoice"
        return template

    # ------------------------------------------------------------------
    # The rules: which invoices are due, which are resent, settled ones
    # ------------------------------------------------------------------

    @api.model
    def _followup_due_domain(self):
        """Posted customer invoices still to be paid (paid, in payment,
        reversed and cancelled ones are not)."""
        return [
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("payment_state", "in", ("not_paid", "partial")),
        ]

    @api.model
    def _followup_resend_domain(self, company, now):
        """The invoices of ``company`` the resend cron mails at ``now``:
        due, sent before, reminders on for the invoice and its customer,
        fewer automatic resends than the maximum, the days between sends
        passed since the last send (or the invoice date), overdue when the
        company waits for the due date, and not queued in Send & Print."""
        threshold = now - timedelta(days=company.invoice_resend_interval_days)
        domain = self._followup_due_domain() + [
            ("company_id", "=", company.id),
            ("followup_enabled", "=", True),
            ("commercial_partner_id.invoice_resend_optout", "=", False),
            ("partner_id.email", "!=", False),
            ("is_move_sent", "=", True),
            ("send_and_print_values", "=", False),
            ("followup_auto_sent_count", "<", company.invoice_resend_max_count),
            "|",
            ("last_sent_at", "<=", threshold),
            "&",
            ("last_sent_at", "=", False),
            ("invoice_date", "<=", threshold.date()),
        ]
        if company.invoice_resend_start == "after_due":
            domain.append(("invoice_date_due", "<", fields.Date.context_today(self, now)))
        return domain

    def _followup_settled_reason(self):
        """Why nobody should be reminded of this invoice any more, or None:
        cancelled, paid, in payment (a payment on its way), reversed or
        fully credited (posted credit notes covering what is due)."""
        self.ensure_one()
        if self.state != "posted":
            return _("Invoice %s is not posted: only posted invoices are sent.", self.display_name)
        if self.move_type != "out_invoice":
            return _("%s is not a customer invoice.", self.display_name)
        if self.payment_state in ("paid", "in_payment"):
            return _("Invoice %s is paid: there is nothing to remind.", self.name)
        if self.payment_state == "reversed":
            return _("Invoice %s is reversed by a credit note: there is nothing to remind.", self.name)
        credited = sum(
            self.reversal_move_id.filtered(lambda refund: refund.state == "posted").mapped("amount_residual")
        )
        if self.currency_id.compare_amounts(credited, self.amount_residual) >= 0:
            return _("Invoice %s is credited in full: there is nothing to remind.", self.name)
        if "transaction_ids" in self and self.transaction_ids.filtered(
            lambda tx: tx.state in ("pending", "authorized")
        ):
            return _("A payment of invoice %s is on its way: there is nothing to remind.", self.name)
        return None

    def _followup_check_remindable(self):
        """Raise a ``UserError`` saying why this invoice cannot be reminded."""
        for move in self:
            reason = move._followup_settled_reason()
            if reason:
                raise UserError(reason)
            if not move.partner_id.email:
                raise UserError(
                    _("%s has no email address: add one before sending the invoice.", move.partner_id.display_name)
                )

    def _followup_check_caller(self):
        """The caller may change these invoices (record rules: an expert
        only its own clients' invoices); raise ``AccessError`` otherwise."""
        self.check_access_rights("write")
        self.check_access_rule("write")

    # ------------------------------------------------------------------
    # Counters (SQL increments: two sends or views at once both count)
    # ------------------------------------------------------------------

    def _followup_increment(self, assignments, returning=None):
        """Apply ``assignments`` (an ``SQL``) to this invoice's row in one
        statement; return ``returning`` (an ``SQL`` over the row as it was
        before, aliased ``old``) when given."""
        self.ensure_one()
        query = SQL(
            "UPDATE account_move AS move SET %s FROM account_move AS old WHERE move.id = old.id AND move.id = %s",
            assignments,
            self.id,
        )
        if returning is not None:
            query = SQL("%s RETURNING %s", query, returning)
        self.env.cr.execute(query)
        row = self.env.cr.fetchone() if returning is not None else None
        self.invalidate_recordset(list(FOLLOWUP_COUNTERS))
        return row

    def _followup_register_email(self, automatic=False, when=None):
        """Count one invoice email of this invoice (sent by hand or, with
        ``automatic``, by the resend cron)."""
        when = when or fields.Datetime.now()
        for move in self:
            move._followup_increment(
                SQL(
                    """followup_sent_count = COALESCE(old.followup_sent_count, 0) + 1,
                       followup_auto_sent_count = COALESCE(old.followup_auto_sent_count, 0) + %s,
                       last_sent_at = GREATEST(old.last_sent_at, %s)""",
                    1 if automatic else 0,
                    when,
                )
            )

    def _followup_register_sms(self, messages):
        """Count the text messages of ``messages`` (posted on this invoice by
        Odoo's SMS composer) once Odoo's SMS service took them; otherwise
        raise a ``UserError`` saying why (nothing counted: the error rolls
        the messages back)."""
        self.ensure_one()
        sms = self.env["sms.sms"].sudo().search([("mail_message_id", "in", messages.ids)])
        failed = sms.filtered(lambda text: text.state not in SMS_SENT_STATES)
        if not sms or failed:
            raise UserError(self._followup_sms_error(failed[:1]))
        self._followup_increment(
            SQL(
                """followup_sms_count = COALESCE(old.followup_sms_count, 0) + %s,
                   last_sent_at = GREATEST(old.last_sent_at, %s)""",
                len(messages),
                fields.Datetime.now(),
            )
        )

    @api.model
    def _followup_sms_error(self, sms):
        """A sentence saying why the text message ``sms`` was not sent."""
        failure = sms.failure_type
        if failure == "sms_credit":
            return _(
                "The text message was not sent: the SMS account has no credits left. "
                "Buy credits in Settings > SMS, then send it again."
            )
        if failure == "sms_server":
            return _(
                "The text message was not sent: Odoo's SMS service could not be reached "
                "(no network connection?). Try again later."
            )
        if failure == "sms_acc":
            return _("The text message was not sent: this database has no SMS account yet (Settings > SMS).")
        if failure in ("sms_number_format", "sms_number_missing"):
            return _("The text message was not sent: the mobile number is missing or not valid.")
        label = dict(sms._fields["failure_type"]._description_selection(self.env)).get(failure) if sms else None
        return _("The text message was not sent (%s).", label or _("unknown error"))

    def _followup_is_customer(self, user):
        """Whether ``user`` opening this invoice is its customer: anyone
        holding the link (a public user reaches the page only with the
        invoice's token) or a portal user of the invoice's commercial
        partner; never an internal user."""
        self.ensure_one()
        if user._is_public():
            return True
        return user.share and user.partner_id.commercial_partner_id == self.commercial_partner_id

    def _followup_register_view(self, user):
        """Count one view of this invoice by ``user`` when it is the
        customer; log "viewed by the customer" in the chatter at most once a
        day (UTC), for the invoice's salesperson, as ``sale`` does for
        quotations. Return whether the view was counted."""
        self.ensure_one()
        if self.state != "posted" or self.move_type not in ("out_invoice", "out_refund"):
            return False
        if not self._followup_is_customer(user):
            return False
        now = fields.Datetime.now()
        (previous,) = self._followup_increment(
            SQL(
                """portal_view_count = COALESCE(old.portal_view_count, 0) + 1,
                   first_viewed_at = COALESCE(old.first_viewed_at, %s),
                   last_viewed_at = %s""",
                now,
                now,
            ),
            returning=SQL("old.last_viewed_at"),
        )
        if not previous or previous.date() != now.date():
            viewer = self.partner_id if user._is_public() else user.partner_id
            salesperson = self.invoice_user_id.sudo()
            lang = salesperson.lang or self.company_id.partner_id.lang
            self.sudo().message_post(
                body=self.with_context(lang=lang)._followup_view_note(viewer),
                message_type="notification",
                subtype_xmlid="mail.mt_note",
                author_id=viewer.id,
                partner_ids=salesperson.partner_id.ids,
            )
        return True

    def _followup_view_note(self, viewer):
        # in the salesperson's language (the caller sets it in the context)
        return _("Invoice viewed by the customer %s", viewer.name)

    # ------------------------------------------------------------------
    # Resending: Odoo's Send & Print with the reminder email
    # ------------------------------------------------------------------

    def _followup_send_reminder(self, automatic=False):
        """Mail this invoice again with the reminder email, its PDF and pay
        link, through Send & Print (which counts it, see
        ``account.move.send._send_mail``). Return whether it was sent."""
        self.ensure_one()
        company = self.company_id
        template = company.invoice_resend_template_id or self.env.ref(
            "invoice_followup.email_template_invoice_reminder"
        )
        author = self.invoice_user_id if automatic and self.invoice_user_id else self.env.user
        before = self.followup_sent_count
        self.send_and_print_values = {
            "mail_template_id": template.id,
            "sp_partner_id": author.partner_id.id,
            "sp_user_id": author.id,
            "download": False,
            "send_mail": True,
        }
        # queued in the mail queue: a batch of reminders does not wait for SMTP
        context = {"invoice_followup_automatic": automatic, "mail_notify_force_send": False}
        self.env["account.move.send"].with_context(**context)._process_send_and_print(self.with_context(**context))
        if self.send_and_print_values:
            # an error was logged on the invoice: do not leave it queued in
            # Send & Print (the cron tries again at its next run)
            self.send_and_print_values = False
        return self.followup_sent_count > before

    def _followup_lock(self, skip_locked=True):
        """Lock this invoice's row for the rest of the transaction; return
        False when another transaction holds it (``skip_locked``)."""
        self.ensure_one()
        self.flush_recordset()
        self.env.cr.execute(
            SQL(
                "SELECT id FROM account_move WHERE id = %s FOR UPDATE %s",
                self.id,
                SQL("SKIP LOCKED") if skip_locked else SQL("NOWAIT"),
            )
        )
        locked = bool(self.env.cr.fetchone())
        self.invalidate_recordset()
        return locked

    def action_followup_resend(self):
        """Button: mail the reminder of these unpaid invoices now."""
        self._followup_check_caller()
        self._followup_check_remindable()
        sent = self.browse()
        for move in self.sudo():
            try:
                with self.env.cr.savepoint():
                    move._followup_lock(skip_locked=False)
            except psycopg2.errors.LockNotAvailable as error:
                raise UserError(_("Invoice %s is being sent right now: try again in a moment.", move.name)) from error
            if move._followup_send_reminder():
                sent |= move
        if not sent:
            raise UserError(_("The invoice could not be sent: see the message in its chatter."))
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": _("Reminder sent: %s.", ", ".join(sent.mapped("name"))),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    @api.model
    def _cron_followup_resend(self, batch_size=RESEND_BATCH, auto_commit=None):
        """Resend the unpaid invoices that are due for it (see
        ``_followup_resend_domain``), ``batch_size`` at most per run.

        Safe on several workers: each invoice is locked with ``FOR UPDATE
        SKIP LOCKED`` (an invoice another worker is sending is skipped), its
        rule checked again under the lock, sent and committed on its own
        (``auto_commit``: outside tests by default). A worker whose snapshot predates another's commit
        of the same invoice gets a serialization failure and tries again in
        a new transaction, where the rule sees the other send: one send per
        slot. Return the outcomes counted (see ``_followup_resend_one``)."""
        if auto_commit is None:
            auto_commit = not getattr(threading.current_thread(), "testing", False)
        now = fields.Datetime.now()
        budget, remaining, outcomes = batch_size, False, Counter()
        for company in self.env["res.company"].search([("invoice_resend_enabled", "=", True)]):
            if budget <= 0:
                remaining = True
                break
            ids = self.search(self._followup_resend_domain(company, now), order="id", limit=budget + 1).ids
            remaining = remaining or len(ids) > budget
            for move_id in ids[:budget]:
                move = self.browse(move_id).with_company(company)
                for _attempt in range(RESEND_ATTEMPTS if auto_commit else 1):
                    outcome = move._followup_resend_one(company, now)
                    if auto_commit:
                        self.env.cr.commit()  # pylint: disable=invalid-commit
                    if outcome != "conflict":
                        break
                outcomes[outcome] += 1
                budget -= 1
        if remaining:
            self.env.ref("invoice_followup.ir_cron_invoice_resend")._trigger()
        return outcomes

    def _followup_resend_one(self, company, now):
        """Resend this invoice if it is still due for it; return what
        happened: ``sent``, ``locked`` (another worker has it), ``skipped``
        (paid or sent meanwhile), ``conflict`` (a serialization failure:
        try again in a new transaction), ``failed``."""
        self.ensure_one()
        try:
            with self.env.cr.savepoint():
                if not self._followup_lock():
                    return "locked"
                if not self.filtered_domain(self._followup_resend_domain(company, now)):
                    return "skipped"
                if self._followup_settled_reason():
                    return "skipped"
                return "sent" if self._followup_send_reminder(automatic=True) else "failed"
        except psycopg2.errors.SerializationFailure:
            # another worker committed this invoice (its send is the one of
            # this slot) or a row the mail touches (the customer's signup
            # token) after our snapshot: the cron tries again in a new one
            self.env.invalidate_all()
            return "conflict"
        except Exception:  # a broken invoice must not stop the others
            _logger.exception("Resending invoice %s failed", self.id)
            self.env.invalidate_all()
            return "failed"

    # ------------------------------------------------------------------
    # Text message with the invoice link: Odoo's SMS composer
    # ------------------------------------------------------------------

    def action_followup_send_sms(self):
        """Button: Odoo's SMS composer with the invoice link for the mobile
        number of the invoice contact."""
        self.ensure_one()
        self._followup_check_caller()
        self._followup_check_sms()
        template = self.env.ref("invoice_followup.sms_template_invoice_link", raise_if_not_found=False)
        partner = self.partner_id
        number = partner.mobile or partner.phone or ""
        return {
            "type": "ir.actions.act_window",
            "name": _("Send Invoice Link by Text Message"),
            "res_model": "sms.composer",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_res_model": self._name,
                "default_res_id": self.id,
                "default_composition_mode": "comment",
                "default_template_id": template.id if template else False,
                "default_recipient_single_number_itf": partner._phone_format(number=number) or number,
            },
        }

    def _followup_check_sms(self):
        """Raise a ``UserError`` when this invoice's link cannot be texted."""
        self.ensure_one()
        if self.move_type != "out_invoice" or self.state != "posted":
            raise UserError(_("Only posted customer invoices can be sent by text message."))

    # ------------------------------------------------------------------
    # Demo data
    # ------------------------------------------------------------------

    @api.model
    def _followup_demo_history(self):
        """Demo data (``demo/invoice_followup_demo.xml``): Emma's first
        overdue invoice of the client center demo was sent three times (by
        Olivia, then twice by the resend cron) and opened twice by Emma;
        Harbor Design got this month's statement. Idempotent."""
        invoice = self.env.ref("client_center.invoice_emma_overdue_1_demo")
        if not invoice.followup_sent_count:
            now = fields.Datetime.now()
            olivia = self.env.ref("expert_base.user_expert_olivia_demo")
            emma = self.env.ref("expert_base.user_client_emma_demo")
            for days, automatic in ((21, False), (14, True), (7, True)):
                invoice._message_log(
                    body="Invoice %s sent to %s by email%s."
                    % (invoice.name, invoice.partner_id.name, " (automatic reminder)" if automatic else ""),
                    author_id=olivia.partner_id.id,
                )
                invoice._followup_register_email(automatic=automatic, when=now - timedelta(days=days))
            invoice.write({"is_move_sent": True})
            invoice._followup_register_view(emma)
            invoice._followup_register_view(emma)
        harbor = self.env.ref("invoice_followup.partner_harbor_design_demo")
        Statement = self.env["invoice.followup.statement"]
        company = self.env.ref("base.main_company")
        period = fields.Date.context_today(self).replace(day=1)
        if not Statement.search([("partner_id", "=", harbor.id), ("period", "=", period)]):
            for candidate in Statement._statement_candidates(company, period):
                if candidate["partner_id"] == harbor.id:
                    Statement._send_statement(company, period, candidate)
