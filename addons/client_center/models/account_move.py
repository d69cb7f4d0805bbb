from odoo import _, api, fields, models
from odoo.exceptions import MissingError, UserError

DUE_PAYMENT_STATES = ("not_paid", "partial")


class AccountMove(models.Model):
    _inherit = "account.move"

    # ------------------------------------------------------------------
    # What a client sees and owes: overridable hooks, as sale's
    # ``_prepare_orders_domain(partner)``
    # ------------------------------------------------------------------

    @api.model
    def _prepare_client_invoices_domain(self, partner):
        """The invoices and credit notes ``partner``'s commercial entity
        sees: posted customer documents (drafts are still the seller's)."""
        return partner._ownership_domain("commercial_partner_id") + [
            ("move_type", "in", ("out_invoice", "out_refund")),
            ("state", "=", "posted"),
        ]

    @api.model
    def _prepare_due_invoices_domain(self, partner):
        """The invoices ``partner``'s commercial entity still has to pay:
        THE rule of "due" (the Due Payments panel, its total, the
        statement and the payment of several invoices use it)."""
        return self._prepare_client_invoices_domain(partner) + [
            ("move_type", "=", "out_invoice"),
            ("payment_state", "in", DUE_PAYMENT_STATES),
        ]

    @api.model
    def _get_client_due_invoices(self, partner, invoice_ids=None):
        """The due invoices of ``partner`` to pay in one transaction: all
        of them (``invoice_ids`` None) or the chosen ones, which must all be
        due invoices of ``partner``'s commercial entity in one currency.

        Searched with this environment's rights (the caller's record rules
        for a portal user). Foreign, unknown or draft ids raise
        ``MissingError``; own but paid ones and mixed currencies raise
        ``UserError``.
        """
        due_domain = self._prepare_due_invoices_domain(partner)
        order = "invoice_date_due, id"
        if invoice_ids is None:
            invoices = self.search(due_domain, order=order)
            if not invoices:
                raise UserError(_("Nothing is due: there is nothing to pay."))
        else:
            wanted = set(invoice_ids)
            domain = [("id", "in", list(wanted))]
            if not wanted or self.search_count(domain + self._prepare_client_invoices_domain(partner)) != len(wanted):
                raise MissingError(_("This document does not exist or is not yours."))
            invoices = self.search(domain + due_domain, order=order)
            if len(invoices) != len(wanted):
                raise UserError(_("Some of the chosen invoices are already paid; choose the ones still due."))
        if len(invoices.currency_id) > 1:
            raise UserError(_("The chosen invoices are in different currencies: pay them one currency at a time."))
        return invoices

    # ------------------------------------------------------------------
    # How a client reads an invoice
    # ------------------------------------------------------------------

    def _client_center_days_overdue(self, today=None):
        """Days past the due date (0 when not yet due or paid)."""
        self.ensure_one()
        today = today or fields.Date.context_today(self)
        if self.payment_state not in DUE_PAYMENT_STATES or not self.invoice_date_due:
            return 0
        return max((today - self.invoice_date_due).days, 0)

    def _client_center_status(self, today):
        """``(label, badge class)`` of the document's status for its client.

        A credit note is money credited to the client: it is never "to pay",
        it is a credit until used or refunded.
        """
        self.ensure_one()
        paid = self.payment_state in ("paid", "in_payment", "reversed")
        if self.move_type == "out_refund":
            if paid:
                return _("Credited"), "text-bg-success"
            return _("Credit"), "text-bg-secondary"
        if paid:
            return _("Paid"), "text-bg-success"
        if self.invoice_date_due and self.invoice_date_due < today:
            return _("Overdue"), "text-bg-danger"
        return _("To pay"), "text-bg-info"
