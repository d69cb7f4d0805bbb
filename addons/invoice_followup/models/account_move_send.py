from odoo import api, models


class AccountMoveSend(models.TransientModel):
    _inherit = "account.move.send"

    @api.model
    def _send_mail(self, move, mail_template, **kwargs):
        """Every invoice email goes through here (the Send & Print wizard,
        its cron, the resend cron): without the PDF when the company wants
        a login before it opens, and counted on the invoice."""
        if move.company_id.invoice_pdf_login_required:
            documents = {move._get_invoice_report_filename(), move._get_invoice_proforma_pdf_report_filename()}
            kwargs["attachments"] = [
                attachment for attachment in kwargs.get("attachments") or [] if attachment[0] not in documents
            ]
        res = super()._send_mail(move, mail_template, **kwargs)
        move._followup_register_email(automatic=bool(self.env.context.get("invoice_followup_automatic")))
        return res
