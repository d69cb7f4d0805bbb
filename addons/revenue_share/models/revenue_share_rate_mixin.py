from odoo import fields, models


class RevenueShareRateMixin(models.AbstractModel):
    """An own platform share (%) that wins over the one in force otherwise:
    a product's over its expert's, an expert's over the company's. Checked
    from 0 to 100 by ``expert.rate.mixin``; set by accounting managers."""

    _name = "revenue.share.rate.mixin"
    _inherit = "expert.rate.mixin"
    _description = "Own Platform Share Rate"
    _expert_rate_fields = ("revenue_share_rate",)

    revenue_share_custom_rate = fields.Boolean(string="Own Platform Share", groups="account.group_account_manager")
    revenue_share_rate = fields.Float(
        string="Platform Share (%)", digits=(5, 2), default=20.0, groups="account.group_account_manager"
    )

    def _revenue_share_own_rate(self):
        """This record's own platform share (%), or None (no own share, or no
        record): then the share the caller falls back to is in force."""
        if not self:
            return None
        # sudo keeps the prefetch of the caller's records (a slice would not)
        record = self.ensure_one().sudo()
        return record.revenue_share_rate if record.revenue_share_custom_rate else None
