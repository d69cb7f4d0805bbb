from odoo import fields, models


class SaleOrderPayment(models.Model):
    """Every payment attempt of every order, as one list (a SQL view): the
    online transactions (their refunds included) and the payments staff
    took by hand. The Payments menu and an order's drill-down read it."""

    _name = "sale.order.payment"
    _description = "Order Payment"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "reference"
    # flushed before the view is read
    _depends = {
        "payment.transaction": [
            "amount",
            "currency_id",
            "money_credited",
            "operation",
            "payment_id",
            "provider_fee",
            "provider_id",
            "reference",
            "sale_order_ids",
            "source_transaction_id",
            "state",
            "token_id",
            "invoice_ids",
        ],
        "account.payment": [
            "amount",
            "currency_id",
            "move_id",
            "partial_comment",
            "partial_invoice_id",
            "partial_sale_order_id",
            "payment_transaction_id",
        ],
        "account.move": ["journal_id", "name", "state"],
        "sale.order": ["allow_partial_payment", "amount_total", "company_id", "offer_line_id", "partner_id"],
        "sale.order.line": ["product_id"],
        "product.template": ["expert_id"],
    }

    order_id = fields.Many2one("sale.order", string="Order", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    invoice_id = fields.Many2one("account.move", string="Invoice", readonly=True)
    transaction_id = fields.Many2one("payment.transaction", readonly=True)
    payment_id = fields.Many2one("account.payment", readonly=True)
    reference = fields.Char(readonly=True)
    date = fields.Datetime(string="Attempt Date", readonly=True)
    kind = fields.Selection([("online", "Online"), ("manual", "Manual"), ("refund", "Refund")], readonly=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("pending", "Pending"),
            ("authorized", "Authorized"),
            ("done", "Confirmed"),
            ("cancel", "Canceled"),
            ("error", "Error"),
        ],
        readonly=True,
    )
    currency_id = fields.Many2one("res.currency", string="Currency", readonly=True)
    amount = fields.Monetary(readonly=True)
    provider_fee = fields.Monetary(readonly=True)
    money_credited = fields.Monetary(readonly=True)
    paid_in_one_click = fields.Boolean(string="Paid in One Click", readonly=True)
    provider_id = fields.Many2one("payment.provider", string="Provider", readonly=True)
    journal_id = fields.Many2one("account.journal", readonly=True)
    payment_percent = fields.Float(string="Payment %", readonly=True, digits=(16, 2))
    comment = fields.Char(readonly=True)
    allow_partial_payment = fields.Boolean(string="Partial Payment", readonly=True)
    expert_id = fields.Many2one("res.users", string="Expert", readonly=True)
    offer_product_id = fields.Many2one("product.product", string="Offer", readonly=True)

    @property
    def _table_query(self):
        # ids: transactions even, manual payments odd (one id space)
        return """
            SELECT tx.id * 2 AS id,
                   so.id AS order_id,
                   so.partner_id,
                   so.company_id,
                   (SELECT MIN(rel.invoice_id) FROM account_invoice_transaction_rel rel
                     WHERE rel.transaction_id = tx.id) AS invoice_id,
                   tx.id AS transaction_id,
                   tx.payment_id,
                   tx.reference,
                   tx.create_date AS date,
                   CASE WHEN tx.operation = 'refund' THEN 'refund' ELSE 'online' END AS kind,
                   tx.state,
                   tx.currency_id,
                   tx.amount,
                   COALESCE(tx.provider_fee, 0) AS provider_fee,
                   COALESCE(tx.money_credited, tx.amount) AS money_credited,
                   tx.token_id IS NOT NULL AND tx.operation != 'refund' AS paid_in_one_click,
                   tx.provider_id,
                   NULL::integer AS journal_id,
                   CASE WHEN so.amount_total != 0 THEN 100.0 * tx.amount / so.amount_total END AS payment_percent,
                   NULL::varchar AS comment,
                   so.allow_partial_payment,
                   pt.expert_id,
                   sol.product_id AS offer_product_id
              FROM payment_transaction tx
              JOIN sale_order_transaction_rel so_rel
                ON so_rel.transaction_id = COALESCE(tx.source_transaction_id, tx.id)
              JOIN sale_order so ON so.id = so_rel.sale_order_id
         LEFT JOIN sale_order_line sol ON sol.id = so.offer_line_id
         LEFT JOIN product_product pp ON pp.id = sol.product_id
         LEFT JOIN product_template pt ON pt.id = pp.product_tmpl_id
             WHERE tx.operation != 'validation'
            UNION ALL
            SELECT pay.id * 2 + 1 AS id,
                   so.id AS order_id,
                   so.partner_id,
                   so.company_id,
                   pay.partial_invoice_id AS invoice_id,
                   NULL::integer AS transaction_id,
                   pay.id AS payment_id,
                   move.name AS reference,
                   pay.create_date AS date,
                   'manual' AS kind,
                   CASE WHEN move.state = 'posted' THEN 'done' WHEN move.state = 'cancel' THEN 'cancel'
                        ELSE 'draft' END AS state,
                   pay.currency_id,
                   pay.amount,
                   0 AS provider_fee,
                   pay.amount AS money_credited,
                   FALSE AS paid_in_one_click,
                   NULL::integer AS provider_id,
                   move.journal_id,
                   CASE WHEN so.amount_total != 0 THEN 100.0 * pay.amount / so.amount_total END AS payment_percent,
                   pay.partial_comment AS comment,
                   so.allow_partial_payment,
                   pt.expert_id,
                   sol.product_id AS offer_product_id
              FROM account_payment pay
              JOIN account_move move ON move.id = pay.move_id
              JOIN sale_order so ON so.id = pay.partial_sale_order_id
         LEFT JOIN sale_order_line sol ON sol.id = so.offer_line_id
         LEFT JOIN product_product pp ON pp.id = sol.product_id
         LEFT JOIN product_template pt ON pt.id = pp.product_tmpl_id
             WHERE pay.payment_transaction_id IS NULL
        """
