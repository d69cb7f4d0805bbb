from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date


class RevenueShareSettleWizard(models.TransientModel):
    _name = "revenue.share.settle.wizard"
    _description = "Settle Experts' Shares"

    @api.model
    def _default_date_to(self):
        return fields.Date.context_today(self).replace(day=1) - relativedelta(days=1)

    @api.model
    def _default_date_from(self):
        return self._default_date_to().replace(day=1)

    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    date_from = fields.Date(string="Period Start", required=True, default=_default_date_from)
    date_to = fields.Date(
        string="Period End",
        required=True,
        default=_default_date_to,
        help="Settles every settleable share invoiced up to this date that is not settled yet.",
    )
    expert_ids = fields.Many2many(
        "res.users",
        string="Experts",
        domain=lambda self: self.env["res.users"]._expert_domain(),
        help="Leave empty to settle every expert.",
    )
    post = fields.Boolean(
        string="Post and Pay Out",
        default=True,
        help="Post the vendor bills and send the Stripe transfers right away; otherwise the settlements stay drafts.",
    )

    def action_settle(self):
        self.ensure_one()
        if self.date_from > self.date_to:
            raise UserError(_("The period must end after it starts."))
        settlements = self.env["revenue.share.settlement"]._settle_period(
            self.date_from,
            self.date_to,
            experts=self.expert_ids or None,
            company=self.company_id,
            post=self.post,
        )
        if not settlements:
            raise UserError(_("Nothing to settle: no settleable share up to %s.", format_date(self.env, self.date_to)))
        action = self.env["ir.actions.act_window"]._for_xml_id("revenue_share.revenue_share_settlement_action")
        action["domain"] = [("id", "in", settlements.ids)]
        if len(settlements) == 1:
            action.update({"res_id": settlements.id, "view_mode": "form", "views": [(False, "form")]})
        return action
