from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

# Fields that only the attribution's own methods write (never a caller over RPC)
ATTRIBUTION_FIELDS = {
    "sale_attribution",
    "sales_manager_id",
    "sale_plan_id",
    "sale_confirmed",
    "sale_confirmed_by_id",
    "sale_confirmed_at",
}
CHECK_GROUP = "sale_attribution.group_sale_attribution_manager"


class SaleOrder(models.Model):
    _inherit = "sale.order"

    sale_attribution = fields.Selection(
        [("user", "Sales by User"), ("system", "System Sales")],
        string="Sale Made By",
        default="system",
        readonly=True,
        copy=False,
        tracking=True,
        help="Sales by user: a sales manager made the sale (a Sales Plan of the client, or the Check). "
        "System sales: the client bought on its own.",
    )
    sales_manager_id = fields.Many2one(
        "res.users", string="Sales Manager", readonly=True, copy=False, tracking=True, index="btree_not_null"
    )
    sale_plan_id = fields.Many2one("sale.plan", string="Sales Plan", readonly=True, copy=False)
    sale_confirmed = fields.Boolean(
        string="Sale Checked", readonly=True, copy=False, tracking=True, help="Green once a manager checked it."
    )
    sale_confirmed_by_id = fields.Many2one("res.users", string="Checked By", readonly=True, copy=False)
    sale_confirmed_at = fields.Datetime(string="Checked On", readonly=True, copy=False)
    sale_attribution_label = fields.Char(string="Sales Manager ", compute="_compute_sale_attribution_label")
    sale_checkable = fields.Boolean(compute="_compute_sale_checkable")

    @api.depends("sale_attribution", "sales_manager_id")
    @api.depends_context("lang")
    def _compute_sale_attribution_label(self):
        for order in self:
            order.sale_attribution_label = (
                order.sales_manager_id.name if order.sale_attribution == "user" else _("System")
            )

    @api.depends("state", "amount_paid")
    def _compute_sale_checkable(self):
        for order in self:
            order.sale_checkable = order._sale_check_error() is None

    def _sale_check_error(self):
        """Why this order cannot be checked yet (None: it can): THE rule of
        a paid order for the Check."""
        self.ensure_one()
        if self.state == "cancel":
            return _("%s is cancelled: only paid orders are checked.", self.name)
        if self.state != "sale" or self.currency_id.is_zero(self.amount_paid):
            return _("%s is not paid yet: only paid orders are checked.", self.name)
        return None

    # ------------------------------------------------------------------
    # Attribution at payment
    # ------------------------------------------------------------------

    def _action_confirm(self):
        res = super()._action_confirm()
        self._sale_attribute()
        return res

    def _sale_attribute(self):
        """The client paid (the order is confirmed): the sale is the manager's
        whose open Sales Plan expects this client to buy this offer, else the
        system's (a recurring charge included). One query for the plans of
        all the orders."""
        orders = self.sudo().filtered(lambda o: not o.sale_plan_id and not o.sale_confirmed)
        plans = self.env["sale.plan"]._open_plans_for(orders)
        for order in orders:
            plan = plans._match(order)
            if not plan:
                continue
            plan.order_id = order
            plans -= plan
            order.write({"sale_attribution": "user", "sales_manager_id": plan.user_id.id, "sale_plan_id": plan.id})

    # ------------------------------------------------------------------
    # The Check
    # ------------------------------------------------------------------

    @api.model
    def _sale_check_caller(self):
        if not self.env.su and not self.env.user.has_group(CHECK_GROUP):
            raise AccessError(_('Only users with "Can manage auto sales and generated sales" check sales.'))

    def _sale_check(self, attribution, manager=None):
        """Confirm who made these paid orders' sales (``manager`` for sales
        by user); the checker is the caller. Changing a confirmed sale is
        logged on the order."""
        self._sale_check_caller()
        self.check_access_rights("read")
        self.check_access_rule("read")
        if attribution not in ("user", "system"):
            raise UserError(_("Choose Sales by user or System sales."))
        manager = manager or self.env["res.users"]
        if attribution == "user" and not manager:
            raise UserError(_("Sales by user: choose the sales manager who made the sale."))
        if attribution == "system":
            manager = self.env["res.users"]
        for order in self:
            error = order._sale_check_error()
            if error:
                raise UserError(error)
            if manager and (
                manager.share
                or not manager.has_group("sales_team.group_sale_salesman")
                or order.company_id not in manager.company_ids
            ):
                raise UserError(
                    _(
                        "%(user)s is not a sales manager of %(company)s.",
                        user=manager.name,
                        company=order.company_id.name,
                    )
                )
        # two checks of one sale at once: the second waits for the first
        # (and sees it, so the change is logged)
        self.env.cr.execute(
            SQL("SELECT id FROM sale_order WHERE id IN %s ORDER BY id FOR NO KEY UPDATE", tuple(self.ids))
        )
        self.invalidate_recordset(["sale_attribution", "sales_manager_id", "sale_confirmed"])
        now = fields.Datetime.now()
        for order in self.sudo():
            previous = order.sale_attribution_label if order.sale_confirmed else None
            order.write(
                {
                    "sale_attribution": attribution,
                    "sales_manager_id": manager.id,
                    "sale_confirmed": True,
                    "sale_confirmed_by_id": self.env.uid,
                    "sale_confirmed_at": now,
                }
            )
            if previous is not None:
                order.message_post(
                    body=_(
                        "Checked sale changed by %(user)s: %(before)s → %(after)s.",
                        user=self.env.user.name,
                        before=previous,
                        after=order.sale_attribution_label,
                    ),
                    author_id=self.env.user.partner_id.id,
                    subtype_xmlid="mail.mt_note",
                )
        return True

    def write(self, vals):
        if not self.env.su and set(vals) & ATTRIBUTION_FIELDS:
            raise AccessError(_("Who made a sale changes only through the Check."))
        return super().write(vals)

    def action_sale_check(self):
        """The Check dialog of the selected paid orders."""
        self._sale_check_caller()
        for order in self:
            error = order._sale_check_error()
            if error:
                raise UserError(error)
        action = self.env["ir.actions.act_window"]._for_xml_id("sale_attribution.sale_attribution_check_action")
        action["context"] = {"active_model": "sale.order", "active_ids": self.ids}
        return action

    # ------------------------------------------------------------------
    # Demo data
    # ------------------------------------------------------------------

    @api.model
    def _sale_attribution_demo(self, plan_order_id, system_order_id, checked_order_id):
        """Demo (``demo/sale_attribution_demo.xml``): the three orders are
        paid online in full; the system sale and Sam's sale without a plan
        are checked by the platform manager."""
        orders = self.browse([plan_order_id, system_order_id, checked_order_id])
        for order in orders:
            order._partial_demo_pay([("online", order.amount_total)])
        manager = self.env.ref("expert_base.user_platform_manager_demo")
        orders[1].with_user(manager)._sale_check("system")
        orders[2].with_user(manager)._sale_check("user", self.env.ref("sale_attribution.user_sales_manager_demo"))
        return True
