from odoo import api, models


class ResGroups(models.Model):
    _inherit = "res.groups"

    @api.model
    def _expert_platform_reserve_technical_features(self):
        """Employees (experts included) no longer get Technical Features
        through base.group_user; its members who do not hold it through
        another group (platform managers, administrators) lose it."""
        self.env.ref("base.group_user")._remove_group(self.env.ref("base.group_no_one"))
