from odoo import api, models


class ClientCenterStatementReport(models.AbstractModel):
    """Statement of a client: its open and overdue invoices with aging."""

    _name = "report.client_center.report_statement"
    _description = "Client Center Statement"

    @api.model
    def _get_report_values(self, docids, data=None):
        data = data or {}
        center = self.env["client.center"].browse(data.get("center_id")).exists()
        if not center:
            center = self.env.ref("client_center.client_center_default")
        partners = self.env["res.partner"].browse(docids).commercial_partner_id
        return {
            "doc_ids": partners.ids,
            "doc_model": "res.partner",
            "docs": partners,
            "statements": [center.sudo()._get_statement_values(partner) for partner in partners],
        }
