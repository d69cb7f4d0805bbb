from odoo import fields, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    session_cancellation_policy_id = fields.Many2one(
        "session.cancellation.policy", string="Cancellation Policy", copy=False, readonly=True
    )

    def _session_term_fields(self):
        return [*super()._session_term_fields(), "session_cancellation_policy_id"]

    def _prepare_session_terms_values(self):
        values = super()._prepare_session_terms_values()
        template = self.product_id.product_tmpl_id
        policy = template.cancellation_policy_id or self.company_id.session_default_cancellation_policy_id
        values["session_cancellation_policy_id"] = policy.id
        return values
