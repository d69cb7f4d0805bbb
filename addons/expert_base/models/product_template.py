from odoo import _, api, fields, models
from odoo.exceptions import AccessError


class ProductTemplate(models.Model):
    _inherit = "product.template"

    expert_id = fields.Many2one(
        "res.users",
        string="Expert",
        index="btree_not_null",
        tracking=True,
        domain=lambda self: self.env["res.users"]._expert_domain(),
        default=lambda self: self._default_expert_id(),
        help="The expert who delivers this product and receives the expert's "
        "share of its sales. Experts only see their own products.",
    )

    @api.model
    def _default_expert_id(self):
        """Products created by an expert belong to that expert."""
        user = self.env.user
        return user if user._is_restricted_expert() else False

    @api.model_create_multi
    def create(self, vals_list):
        self._check_expert_assignment(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._check_expert_assignment([vals])
        return super().write(vals)

    @api.model
    def _check_expert_assignment(self, vals_list):
        """An expert cannot give a product to another expert (or to nobody)."""
        user = self.env.user
        if self.env.su or not user._is_restricted_expert():
            return
        for vals in vals_list:
            if "expert_id" in vals and vals["expert_id"] != user.id:
                raise AccessError(_("Only a platform manager can change the expert of a product."))
