from odoo import fields, models


class CustomerAnonymizeWizard(models.TransientModel):
    """The irreversible anonymization, confirmed by typing the customer's
    name (``res.partner.action_customer_anonymize`` checks the caller)."""

    _name = "customer.anonymize.wizard"
    _description = "Anonymize a Customer"

    partner_id = fields.Many2one("res.partner", string="Customer", required=True, readonly=True)
    partner_name = fields.Char(related="partner_id.name", string="Customer Name")
    confirmation = fields.Char(string="Type the customer's name")

    def action_confirm(self):
        self.ensure_one()
        self.partner_id.action_customer_anonymize(self.confirmation)
        return {"type": "ir.actions.act_window_close"}
