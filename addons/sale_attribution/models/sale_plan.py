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
                raise ValidationError(
                    _("%(user)s does not work for %(company)s.", user=plan.user_id.name, company=plan.company_id.name)
                )

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
    def _open_plans_for(self, orders):
        """The open plans of these orders' clients, the earliest expected first."""
        if not orders:
            return self.sudo().browse()
        return self.sudo().search(
            [
                ("state", "=", "open"),
                ("commercial_partner_id", "in", orders.partner_id.commercial_partner_id.ids),
                ("company_id", "in", orders.company_id.ids),
            ],
            order="expected_date, id",
        )

    def _match(self, order):
        """The plan among these that the paid ``order`` fulfils (the client's
        commercial partner, one of its offers, the order's company)."""
        templates = order.order_line.product_id.product_tmpl_id
        return self.filtered(
            lambda plan: plan.commercial_partner_id == order.partner_id.commercial_partner_id
            and plan.product_tmpl_id in templates
            and plan.company_id == order.company_id
        )[:1]
