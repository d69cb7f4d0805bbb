from odoo import api, fields, models


class SaleAttributionCheck(models.TransientModel):
    """The Check dialog: sales by user (preselected with the plan's
    manager) or system sales, then Confirm."""

    _name = "sale.attribution.check"
    _description = "Check Who Made the Sale"

    order_ids = fields.Many2many("sale.order", string="Orders", required=True)
    attribution = fields.Selection(
        [("user", "Sales by user"), ("system", "System sales")], required=True, default="system"
    )
    user_id = fields.Many2one(
        "res.users",
        string="Sales Manager",
        domain=lambda self: [
            ("share", "=", False),
            ("groups_id", "in", self.env.ref("sales_team.group_sale_salesman").id),
        ],
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") != "sale.order":
            return values
        orders = self.env["sale.order"].browse(self.env.context.get("active_ids") or []).exists()
        orders._sale_check_caller()
        values["order_ids"] = [fields.Command.set(orders.ids)]
        managers = orders.filtered(lambda o: o.sale_attribution == "user").sales_manager_id
        if len(managers) == 1:
            values.update(attribution="user", user_id=managers.id)
        return values

    def action_confirm(self):
        self.ensure_one()
        self.order_ids._sale_check(self.attribution, self.user_id)
        return {"type": "ir.actions.act_window_close"}
