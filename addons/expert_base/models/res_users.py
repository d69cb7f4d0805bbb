from odoo import api, fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    expert_product_ids = fields.One2many("product.template", "expert_id", string="Expert Products")
    expert_product_count = fields.Integer(compute="_compute_expert_product_count")

    @api.depends("expert_product_ids")
    def _compute_expert_product_count(self):
        counts = dict(
            self.env["product.template"]._read_group([("expert_id", "in", self.ids)], ["expert_id"], ["__count"])
        )
        for user in self:
            user.expert_product_count = counts.get(user, 0)

    def _is_restricted_expert(self):
        """An expert who is not a platform manager: sees only their own data."""
        self.ensure_one()
        return self.has_group("expert_base.group_expert") and not self.has_group("expert_base.group_platform_manager")

    def action_view_expert_products(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sale.product_template_action")
        action["domain"] = [("expert_id", "=", self.id)]
        action["context"] = {"default_expert_id": self.id}
        return action
