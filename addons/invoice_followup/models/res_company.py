import calendar

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    # Resending unpaid invoices
    invoice_resend_enabled = fields.Boolean(
        string="Resend Unpaid Invoices",
        help="Mail unpaid customer invoices again, with their PDF and pay link, until they are paid.",
    )
    invoice_resend_interval_days = fields.Integer(string="Days Between Sends", default=7)
    invoice_resend_max_count = fields.Integer(
        string="Maximum Resends",
        default=3,
        help="Automatic resends of one invoice at most; sends made by hand are not limited.",
    )
    invoice_resend_start = fields.Selection(
        [("before_due", "Before the due date"), ("after_due", "After the due date")],
        string="Start Resending",
        default="after_due",
        required=True,
        help="Before the due date: the first resend goes out once the days between sends have passed since "
        "the invoice was sent. After the due date: only overdue invoices are resent.",
    )
    invoice_resend_template_id = fields.Many2one(
        "mail.template",
        string="Reminder Email",
        domain=[("model", "=", "account.move")],
        default=lambda self: self.env.ref("invoice_followup.email_template_invoice_reminder", raise_if_not_found=False),
        help="The email of automatic and manual reminders; its subject must not name the kind of service.",
    )
    invoice_pdf_login_required = fields.Boolean(
        string="Log In to Open Invoice PDFs",
        help="An invoice link without login shows the amount due and the pay button; the invoice document "
        "opens only once the customer has logged in, and invoice emails carry the link, not the PDF.",
    )

    # Monthly statements
    invoice_statement_enabled = fields.Boolean(
        string="Monthly Statements",
        help="Every month, mail each customer with an open balance its statement of open and overdue invoices.",
    )
    invoice_statement_day = fields.Integer(
        string="Statement Day",
        default=1,
        help="Day of the month the statements are sent (the last day of shorter months).",
    )

    @api.constrains("invoice_resend_interval_days", "invoice_resend_max_count", "invoice_statement_day")
    def _check_invoice_followup_settings(self):
        for company in self:
            if company.invoice_resend_interval_days < 1 or company.invoice_resend_interval_days > 365:
                raise ValidationError(_("The days between invoice sends must be between 1 and 365."))
            if company.invoice_resend_max_count < 0 or company.invoice_resend_max_count > 100:
                raise ValidationError(_("The maximum number of resends must be between 0 and 100."))
            if company.invoice_statement_day < 1 or company.invoice_statement_day > 31:
                raise ValidationError(_("The statement day must be a day of the month, from 1 to 31."))

    def _invoice_statement_due(self, today):
        """Whether this month's statements are due on ``today``: on the
        chosen day or later in the month (a day the cron did not run is
        caught up), the last day of shorter months."""
        self.ensure_one()
        last_day = calendar.monthrange(today.year, today.month)[1]
        return self.invoice_statement_enabled and today.day >= min(self.invoice_statement_day, last_day)
