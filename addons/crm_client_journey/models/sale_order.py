from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _action_confirm(self):
        res = super()._action_confirm()
        self._win_client_leads()
        return res

    def _win_client_leads(self):
        """A client who buys a session package wins their open lead.

        The lead is the order's own opportunity (a quotation made from it),
        else the client's latest open lead about the package's expert, else
        their latest open lead about no expert in particular. Confirmation
        also happens on online payment, as the public user: leads are read
        and won as superuser, nothing of them is returned to the caller.
        """
        Lead = self.env["crm.lead"].sudo()
        for order in self.sudo():
            packages = order.order_line.filtered("is_session_package")
            if not packages:
                continue
            experts = packages.product_id.expert_id
            lead = order.opportunity_id
            if lead:
                if lead.probability == 100 or lead.stage_id.is_won:
                    continue
            else:
                leads = Lead.search(
                    Lead._client_open_leads_domain(order.partner_id, experts), order="create_date desc, id desc"
                )
                # a question to the expert sold wins over a general one
                lead = leads.filtered("expert_id")[:1] or leads[:1]
            if lead:
                lead._win_with_order(order)
