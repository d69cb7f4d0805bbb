import functools
import logging
import subprocess

from odoo import api, models, tools

from odoo.addons.base.models.ir_actions_report import _get_wkhtmltopdf_bin

_logger = logging.getLogger(__name__)


class _InvoicePdfBatch(dict):
    """Invoice PDFs rendered together, by invoice id. A Python object in the
    context: no RPC context (JSON) can carry one."""


@functools.cache
def wkhtmltopdf_renders_several():
    """Whether wkhtmltopdf takes several documents in one run: the builds
    with patched Qt that Odoo recommends (and its docker image ships) do;
    distributions' builds on unpatched Qt refuse them."""
    try:
        version = subprocess.run(
            [_get_wkhtmltopdf_bin(), "--version"], capture_output=True, text=True, timeout=30, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return "patched qt" in version.lower()


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
        # as Odoo's rendering: HTML, no PDF, in tests unless asked for
        if (tools.config["test_enable"] or tools.config["test_file"]) and not self.env.context.get(
            "force_report_rendering"
        ):
            return batch
        if not wkhtmltopdf_renders_several():
            return batch
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
        for company, company_invoices in invoices.grouped("company_id").items():
            if len(company_invoices) < 2:
                continue
            try:
                with self.env.cr.savepoint():
                    streams = (
                        self.env["ir.actions.report"]
                        .with_company(company)
                        .with_context(from_account_move_send=True)
                        ._render_qweb_pdf_prepare_streams(
                            "account.account_invoices", dict(data), res_ids=company_invoices.ids
                        )
                    )
            except Exception as error:  # pylint: disable=broad-except
                # Odoo's per-invoice rendering below says what is wrong, per invoice
                _logger.warning("invoice PDFs of %s not rendered together (%s): one by one", company_invoices, error)
                continue
            if set(streams) != set(company_invoices.ids) or not all(item.get("stream") for item in streams.values()):
                _logger.info("invoice PDFs of %s could not be split: rendered one by one", company_invoices)
                continue
            for invoice_id, item in streams.items():
                batch[invoice_id] = item["stream"].getvalue()
                item["stream"].close()
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
