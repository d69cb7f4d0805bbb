from odoo import api, models


class _InvoicePdfBatch(dict):
    """Invoice PDFs rendered together, by invoice id. A Python object in the
    context: no RPC context (JSON) can carry one."""


class AccountMoveSend(models.TransientModel):
    _inherit = "account.move.send"

    @api.model
    def _generate_invoice_documents(self, invoices_data, allow_fallback_pdf=False):
        """Send & Print (its cron above all: penalty invoices, recurring
        charges, any invoices sent in mass) renders each invoice's PDF with
        its own wkhtmltopdf run, seconds each. Render those the batch needs
        in one run per company, as Odoo prints several invoices, and split
        it per invoice; Odoo's per-invoice path takes over whenever the
        split fails."""
        batch = self._render_invoice_pdf_batch(invoices_data)
        return super(AccountMoveSend, self.with_context(expert_invoice_pdf_batch=batch))._generate_invoice_documents(
            invoices_data, allow_fallback_pdf=allow_fallback_pdf
        )

    @api.model
    def _render_invoice_pdf_batch(self, invoices_data):
        """``{invoice id: PDF}`` of the invoices that need one, rendered in
        one wkhtmltopdf run per company (none when a company has one)."""
        batch = _InvoicePdfBatch()
        invoices = self.env["account.move"].union(
            *(
                invoice
                for invoice, invoice_data in invoices_data.items()
                if not invoice_data.get("error")
                and not invoice.invoice_pdf_report_id
                and self._need_invoice_document(invoice)
            )
        )
        # the report's data as account's _render_qweb_pdf gives it
        data = {}
        if self.env["ir.config_parameter"].sudo().get_param("account.display_name_in_footer"):
            data["display_name_in_footer"] = True
        Report = self.env["ir.actions.report"].with_context(from_account_move_send=True)
        for company, company_invoices in invoices.grouped("company_id").items():
            report = Report.with_company(company)
            batch.update(report._expert_render_pdf_batch("account.account_invoices", company_invoices.ids, data))
        return batch

    @api.model
    def _prepare_invoice_pdf_report(self, invoice, invoice_data):
        batch = self.env.context.get("expert_invoice_pdf_batch")
        content = batch.get(invoice.id) if isinstance(batch, _InvoicePdfBatch) else None
        if content is None or invoice.invoice_pdf_report_id:
            return super()._prepare_invoice_pdf_report(invoice, invoice_data)
        invoice_data["pdf_attachment_values"] = {
            "raw": content,
            "name": invoice._get_invoice_report_filename(),
            "mimetype": "application/pdf",
            "res_model": invoice._name,
            "res_id": invoice.id,
            "res_field": "invoice_pdf_report_file",
        }
        return None
