from odoo import api, fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    expert_product_ids = fields.One2many("product.template", "expert_id", string="Expert Products")
    expert_product_count = fields.Integer(compute="_compute_expert_product_count")
    is_restricted_expert = fields.Boolean(
        compute="_compute_is_restricted_expert",
        help="An expert who is not a platform manager: sees only their own "
        "data. The expert record rules read it (one expression for all).",
    )

    @api.depends("expert_product_ids")
    def _compute_expert_product_count(self):
        counts = dict(
            self.env["product.template"]._read_group([("expert_id", "in", self.ids)], ["expert_id"], ["__count"])
        )
        for user in self:
            user.expert_product_count = counts.get(user, 0)

    @api.depends("groups_id")
    def _compute_is_restricted_expert(self):
        # has_group is ormcached per user: rules evaluated for many records
        # (or cached by ir.rule._compute_domain) do not query again
        for user in self:
            user.is_restricted_expert = user.has_group("expert_base.group_expert") and not user.has_group(
                "expert_base.group_platform_manager"
            )

    def _is_expert(self):
        """An expert, platform managers included (for the experts of a client)."""
        self.ensure_one()
        return self.has_group("expert_base.group_expert")

    def _is_restricted_expert(self):
        """An expert who is not a platform manager: sees only their own data."""
        self.ensure_one()
        return self.is_restricted_expert

    def _expert_partner_rule(self, path=None):
        """Record rule domain of the partners this user reads: all, unless it
        is a restricted expert (see expert_base's rule on res.partner).

        :param path: the partner field of the rule's model; then the domain
            keeps the records of a partner the user reads, or of none
        """
        self.ensure_one()
        if not self.is_restricted_expert:
            return [(1, "=", 1)]
        partners = [
            "|",
            "|",
            "|",
            ("partner_share", "=", False),
            ("create_uid", "=", self.id),
            ("commercial_partner_id.ref_company_ids", "!=", False),
            ("is_expert_client", "=", True),
        ]
        if not path:
            return partners
        return ["|", (path, "=", False), (path, "any", partners)]

    @api.model
    def _expert_domain(self):
        """Domain of the users who are experts (for ``domain=`` of user fields)."""
        return [("groups_id", "in", self.env.ref("expert_base.group_expert").id)]

    def action_view_expert_products(self):
        self.ensure_one()
        return self._expert_window_action(
            "sale.product_template_action", [("expert_id", "=", self.id)], {"default_expert_id": self.id}
        )
