from odoo import api, fields, models
from odoo.tools import SQL


class SaleOrder(models.Model):
    _inherit = "sale.order"

    quotation_sent_count = fields.Integer(
        string="Times Sent",
        readonly=True,
        copy=False,
        default=0,
        help="Quotation and order emails sent to the customer from the Send by Email button.",
    )

    @api.returns("mail.message", lambda value: value.id)
    def message_post(self, **kwargs):
        message = super().message_post(**kwargs)
        # the Send by Email composer of sale marks what it sends with this key
        if self.env.context.get("mark_so_as_sent") and kwargs.get("message_type") == "comment":
            self.env.cr.execute(
                SQL(
                    "UPDATE sale_order SET quotation_sent_count = COALESCE(quotation_sent_count, 0) + 1 WHERE id IN %s",
                    tuple(self.ids),
                )
            )
            self.invalidate_recordset(["quotation_sent_count"])
        return message
