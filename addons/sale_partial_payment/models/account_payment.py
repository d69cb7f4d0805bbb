from odoo import fields, models


class AccountPayment(models.Model):
    _inherit = "account.payment"

    # a payment staff took for an order (cheque, transfer): the order's
    # payments drill-down lists it next to the online attempts
    partial_sale_order_id = fields.Many2one(
        "sale.order", string="Paid Order", readonly=True, index="btree_not_null", ondelete="restrict"
    )
    partial_invoice_id = fields.Many2one("account.move", string="Paid Invoice", readonly=True)
    partial_comment = fields.Char(string="Payer's Comment", readonly=True)
