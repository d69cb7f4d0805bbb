import logging
import threading

import psycopg2

from odoo import _, api, fields, models
from odoo.tools import SQL, split_every

_logger = logging.getLogger(__name__)

STATEMENT_REPORT = "client_center.action_report_statement"
# Customers served per cron run (the cron triggers itself again for the rest).
STATEMENT_BATCH = 200
# Statements rendered by one wkhtmltopdf run (a run costs seconds whatever it renders).
STATEMENT_RENDER_BATCH = 20


class InvoiceFollowupStatement(models.Model):
    """A monthly statement mailed to a customer: at most one per customer,
    company and month (a unique index backs it), whoever sends it."""

    _name = "invoice.followup.statement"
    _description = "Monthly Statement Sent"
    _order = "period desc, id desc"
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, readonly=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True, ondelete="cascade")
    period = fields.Date(string="Month", required=True, readonly=True, help="The first day of the month.")
    recipient_id = fields.Many2one("res.partner", string="Sent To", readonly=True, ondelete="set null")
    sent_at = fields.Datetime(string="Sent On", readonly=True, default=fields.Datetime.now)
    invoice_count = fields.Integer(string="Open Invoices", readonly=True)
    amount_due = fields.Monetary(readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    message_id = fields.Many2one("mail.message", string="Email", readonly=True, ondelete="set null")
    attachment_ids = fields.Many2many(related="message_id.attachment_ids", string="Statement PDF")

    _sql_constraints = [
        (
            "partner_period_unique",
            "unique(partner_id, company_id, period)",
            "A customer gets one statement per month.",
        ),
    ]

    @api.depends("partner_id", "period")
    def _compute_display_name(self):
        for statement in self:
            statement.display_name = _(
                "%(customer)s, %(month)s",
                customer=statement.partner_id.display_name,
                month=statement.period and statement.period.strftime("%Y-%m"),
            )

    # ------------------------------------------------------------------
    # The monthly run
    # ------------------------------------------------------------------

    @api.model
    def _cron_send_monthly_statements(self, batch_size=STATEMENT_BATCH, auto_commit=None):
        """Mail this month's statement to every customer with an open
        balance that has none yet, in the companies whose statement day has
        come; ``batch_size`` customers at most per run.

        Each statement is claimed by inserting its row (the unique index on
        customer, company and month decides between two workers), mailed and
        committed on its own (``auto_commit``: outside tests by default).
        The PDFs are rendered before, ``STATEMENT_RENDER_BATCH`` customers
        per wkhtmltopdf run: a statement another worker claims first was
        rendered for nothing, never sent twice. Return the number sent."""
        if auto_commit is None:
            auto_commit = not getattr(threading.current_thread(), "testing", False)
        today = fields.Date.context_today(self)
        period = today.replace(day=1)
        budget, remaining, sent = batch_size, False, 0
        for company in self.env["res.company"].search([("invoice_statement_enabled", "=", True)]):
            if not company._invoice_statement_due(today):
                continue
            if budget <= 0:
                remaining = True
                break
            candidates = self._statement_candidates(company, period)
            remaining = remaining or len(candidates) > budget
            Report = self.env["ir.actions.report"].with_company(company)
            for chunk in split_every(STATEMENT_RENDER_BATCH, candidates[:budget]):
                documents = Report._expert_render_pdf_batch(
                    STATEMENT_REPORT, [candidate["partner_id"] for candidate in chunk]
                )
                for candidate in chunk:
                    document = documents.get(candidate["partner_id"])
                    sent += bool(self.with_company(company)._send_statement(company, period, candidate, document))
                    if auto_commit:
                        self.env.cr.commit()  # pylint: disable=invalid-commit
                    budget -= 1
        if remaining:
            self.env.ref("invoice_followup.ir_cron_monthly_statement")._trigger()
        return sent

    @api.model
    def _statement_candidates(self, company, period):
        """The customers of ``company`` owed a statement for ``period``:
        an open balance (due invoices, see
        ``account.move._followup_due_domain``), not opted out, someone to
        mail it to, none sent yet. A list of dicts (``partner_id``,
        ``recipient_id``, ``amount_due``, ``invoice_count``,
        ``currency_id``) ordered by customer."""
        Move = self.env["account.move"]
        groups = Move._read_group(
            Move._followup_due_domain()
            + [("company_id", "=", company.id), ("commercial_partner_id.invoice_statement_optout", "=", False)],
            ["commercial_partner_id"],
            ["amount_residual_signed:sum", "__count"],
            having=[("amount_residual_signed:sum", ">", 0)],
        )
        done = set(self.search([("company_id", "=", company.id), ("period", "=", period)]).mapped("partner_id").ids)
        partners = self.env["res.partner"].concat(*(partner for partner, _amount, _count in groups))
        recipients = {partner.id: partner._invoice_statement_recipient() for partner in partners}
        return [
            {
                "partner_id": partner.id,
                "recipient_id": recipients[partner.id].id,
                "amount_due": amount,
                "invoice_count": count,
                "currency_id": company.currency_id.id,
            }
            for partner, amount, count in sorted(groups, key=lambda group: group[0].id)
            if partner.id not in done and recipients[partner.id]
        ]

    @api.model
    def _send_statement(self, company, period, candidate, document=None):
        """Claim, render (unless ``document``, its PDF, is given) and mail
        the statement of ``candidate`` (see ``_statement_candidates``) for
        ``period``; return it, or an empty recordset when another run has it
        or it failed (nothing kept: the next run tries again)."""
        partner = self.env["res.partner"].browse(candidate["partner_id"])
        try:
            with self.env.cr.savepoint():
                # a concurrent claim of the same row waits for the other
                # transaction, then finds it (or fails to serialize): skipped
                self.env.cr.execute(
                    SQL(
                        """
                        INSERT INTO invoice_followup_statement
                               (partner_id, company_id, period, sent_at, create_uid, create_date, write_uid, write_date)
                        VALUES (%(partner)s, %(company)s, %(period)s, %(now)s, %(uid)s, %(now)s, %(uid)s, %(now)s)
                        ON CONFLICT (partner_id, company_id, period) DO NOTHING
                        RETURNING id
                        """,
                        partner=partner.id,
                        company=company.id,
                        period=period,
                        now=fields.Datetime.now(),
                        uid=self.env.uid,
                    ),
                    log_exceptions=False,
                )
                row = self.env.cr.fetchone()
                if not row:
                    return self.browse()
                statement = self.browse(row[0])
                # the client center's statement (one customer per document:
                # a statement never mixes customers)
                if document is None:
                    document = self.env["ir.actions.report"]._render_qweb_pdf(STATEMENT_REPORT, partner.ids)[0]
                recipient = self.env["res.partner"].browse(candidate["recipient_id"])
                message = statement._post_statement(partner, recipient, document)
                statement.write(
                    {
                        "recipient_id": recipient.id,
                        "message_id": message.id,
                        "amount_due": candidate["amount_due"],
                        "invoice_count": candidate["invoice_count"],
                        "currency_id": candidate["currency_id"],
                    }
                )
                return statement
        except psycopg2.errors.SerializationFailure:
            self.env.invalidate_all()
            return self.browse()
        except Exception:  # one customer's failure must not stop the run
            _logger.exception("Sending the statement of partner %s failed", partner.id)
            self.env.invalidate_all()
            return self.browse()

    def _post_statement(self, partner, recipient, document):
        """Mail ``document`` to ``recipient`` from the customer's chatter,
        with the statement email (queued in the mail queue)."""
        self.ensure_one()
        template = self.env.ref("invoice_followup.email_template_statement")
        subject = template._render_field("subject", partner.ids, compute_lang=True)[partner.id]
        body = template._render_field("body_html", partner.ids, compute_lang=True, options={"post_process": True})[
            partner.id
        ]
        company = self.company_id
        filename = _("Statement %(month)s.pdf", month=self.period.strftime("%Y-%m"))
        return partner.with_context(mail_notify_force_send=False, mail_post_autofollow=False).message_post(
            body=body,
            subject=subject,
            partner_ids=recipient.ids,
            attachments=[(filename, document)],
            author_id=company.partner_id.id,
            email_from=company.email_formatted or None,
            message_type="comment",
            subtype_xmlid="invoice_followup.mt_statement",
            email_layout_xmlid="mail.mail_notification_light",
        )
