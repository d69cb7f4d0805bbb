from odoo import _, api, fields, models


class ClientCenterStatementReport(models.AbstractModel):
    """Statement of a client: its open and overdue invoices with aging.

    Printed by the client from its center (the portal renders it in sudo
    for the client's own commercial partner only) or from a contact in the
    backend, where the invoices are read with the user's rights (an expert
    lists its own invoices to that client).
    """

    _name = "report.client_center.report_statement"
    _description = "Client Center Statement"

    @api.model
    def _get_report_values(self, docids, data=None):
        data = data or {}
        Center = self.env["client.center"]
        center = Center.browse(data.get("center_id")).exists() if isinstance(data.get("center_id"), int) else Center
        center = (center or Center._get_default_center()).sudo()
        partners = self.env["res.partner"].browse(docids).commercial_partner_id
        return {
            "doc_ids": partners.ids,
            "doc_model": "res.partner",
            "docs": partners,
            "statements": [self._get_statement_values(center, partner) for partner in partners],
        }

    @api.model
    def _get_statement_values(self, center, partner, today=None):
        """Due invoices of ``partner``'s commercial entity (read with this
        environment's rights) with their aging, for the statement."""
        today = today or fields.Date.context_today(self)
        Move = self.env["account.move"]
        invoices = Move.search(Move._prepare_due_invoices_domain(partner), order="invoice_date_due, id")
        buckets = [
            ("current", _("Not yet due"), None, 0),
            ("1_30", _("1-30 days"), 1, 30),
            ("31_60", _("31-60 days"), 31, 60),
            ("61_90", _("61-90 days"), 61, 90),
            ("90_plus", _("Over 90 days"), 91, None),
        ]
        totals = dict.fromkeys((key for key, *_rest in buckets), 0.0)
        lines = []
        for invoice in invoices:
            days = invoice._client_center_days_overdue(today)
            key = next(
                key
                for key, _label, low, high in buckets
                if (low is None or days >= low) and (high is None or days <= high)
            )
            totals[key] += invoice.amount_residual_signed
            lines.append({"invoice": invoice, "days_overdue": days, "bucket": key})
        company = center.company_id or self.env.company
        return {
            "center": center,
            "partner": partner.commercial_partner_id,
            "today": today,
            "lines": lines,
            "buckets": [(key, label) for key, label, *_rest in buckets],
            "totals": totals,
            "total": sum(totals.values()),
            "currency": company.currency_id,
            "company": company,
        }
