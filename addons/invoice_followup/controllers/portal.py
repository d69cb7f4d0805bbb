from werkzeug.urls import url_encode

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.account.controllers.portal import PortalAccount


class InvoiceFollowupPortal(PortalAccount):
    """The invoice page counts the customer's views; the invoice document
    waits for a login when the company wants one."""

    def _invoice_followup_document_locked(self, invoice_sudo):
        """Whether the current visitor must log in before the document of
        ``invoice_sudo`` opens (an anonymous visitor holding the link, the
        company asking for a login)."""
        return request.env.user._is_public() and invoice_sudo.company_id.invoice_pdf_login_required

    def _invoice_followup_login_url(self, invoice_sudo):
        return "/web/login?" + url_encode({"redirect": invoice_sudo.access_url})

    def _invoice_get_page_view_values(self, invoice, access_token, **kwargs):
        values = super()._invoice_get_page_view_values(invoice, access_token, **kwargs)
        if self._invoice_followup_document_locked(invoice):
            values["invoice_followup_login_url"] = self._invoice_followup_login_url(invoice)
        return values

    @http.route()
    def portal_my_invoice_detail(self, invoice_id, access_token=None, report_type=None, download=False, **kw):
        if report_type in ("html", "pdf", "text") and request.env.user._is_public():
            try:
                invoice_sudo = self._document_check_access("account.move", invoice_id, access_token)
            except (AccessError, MissingError):
                return request.redirect("/my")
            if self._invoice_followup_document_locked(invoice_sudo):
                return request.redirect(self._invoice_followup_login_url(invoice_sudo))
        response = super().portal_my_invoice_detail(
            invoice_id, access_token=access_token, report_type=report_type, download=download, **kw
        )
        # the invoice page itself (its documents are fetched by the page, by
        # mail clients and link scanners: they are not views)
        invoice_sudo = (
            getattr(response, "qcontext", {}).get("invoice") if report_type not in ("html", "pdf", "text") else None
        )
        if invoice_sudo and not request.env["ir.http"].is_a_bot():
            invoice_sudo._followup_register_view(request.env.user)
        return response
