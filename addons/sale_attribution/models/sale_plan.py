from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class SalePlan(models.Model):
    """A sales manager expects a client to buy an offer: when the client
    pays for it, the sale is the manager's ("sales by user")."""

    _name = "sale.plan"
    _description = "Sales Plan"
    _inherit = ["mail.thread"]
    _order = "expected_date, id"
    _rec_name = "product_tmpl_id"

    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        ondelete="cascade",
    )
    commercial_partner_id = fields.Many2one(related="partner_id.commercial_partner_id", store=True, index=True)
    product_tmpl_id = fields.Many2one(
        "product.template", string="Offer", required=True, ondelete="cascade", domain=[("sale_ok", "=", True)]
    )
    user_id = fields.Many2one(
        "res.users",
        string="Sales Manager",
        required=True,
        index=True,
        default=lambda self: self.env.user,
        domain=lambda self: [
            ("share", "=", False),
            ("groups_id", "in", self.env.ref("sales_team.group_sale_salesman").id),
        ],
        tracking=True,
    )
    expected_date = fields.Date(default=fields.Date.context_today, tracking=True)
    note = fields.Text()
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    order_id = fields.Many2one("sale.order", string="Paid Order", readonly=True, copy=False, index="btree_not_null")
    state = fields.Selection(
        [("open", "Expected"), ("done", "Paid")], compute="_compute_state", store=True, string="Status"
    )

    @api.depends("order_id")
    def _compute_state(self):
        for plan in self:
            plan.state = "done" if plan.order_id else "open"

    @api.constrains("user_id", "company_id")
    def _check_user_company(self):
        for plan in self:
            if plan.company_id not in plan.user_id.company_ids:
                raise ValidationError(_("%s does not work for %s.", plan.user_id.name, plan.company_id.name))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_order_untouched(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_order_untouched(vals)
        return super().write(vals)

    def _check_order_untouched(self, vals):
        if vals.get("order_id") and not self.env.su:
            raise UserError(_("A plan is linked to its order when the client pays, never by hand."))

    @api.model
    def _match(self, order):
        """The open plan the paid ``order`` fulfils (the client's commercial
        partner, one of its offers, the order's company), the earliest
        expected first."""
        return self.sudo().search(
            [
                ("state", "=", "open"),
                ("commercial_partner_id", "=", order.partner_id.commercial_partner_id.id),
                ("product_tmpl_id", "in", order.order_line.product_id.product_tmpl_id.ids),
                ("company_id", "=", order.company_id.id),
            ],
            order="expected_date, id",
            limit=1,
        )
