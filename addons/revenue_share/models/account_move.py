from odoo import _, fields, models
from odoo.exceptions import UserError


class AccountMove(models.Model):
    _inherit = "account.move"

    revenue_share_line_ids = fields.One2many("revenue.share.line", "move_id", string="Revenue Share Lines")
    revenue_share_settlement_id = fields.Many2one(
        "revenue.share.settlement",
        string="Expert Settlement",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The settlement this vendor bill pays the expert for.",
    )

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        posted._revenue_share_create_lines()
        return posted

    def button_draft(self):
        # button_cancel of a posted move goes through button_draft too
        self._revenue_share_cancel_lines()
        return super().button_draft()

    def _revenue_share_create_lines(self):
        """Create the share lines of every expert sale of these posted customer
        invoices and credit notes, in one ``create`` for all of them."""
        invoices = self.filtered(lambda move: move.is_sale_document(include_receipts=True))
        if not invoices:
            return self.env["revenue.share.line"]
        move_lines = invoices.line_ids.filtered(lambda line: line.display_type == "product")
        if not move_lines:
            return self.env["revenue.share.line"]
        # a move line has at most one active share line (re-posting after a reset keeps history)
        already = set(
            self.env["revenue.share.line"]
            .sudo()
            .search([("move_line_id", "in", move_lines.ids), ("state", "!=", "cancelled")])
            .move_line_id.ids
        )
        experts = move_lines.sudo()._revenue_share_experts()
        vals_list = []
        for line in move_lines.sudo():
            expert = experts.get(line.id)
            if not expert or line.id in already:
                continue
            vals_list.append(line._revenue_share_prepare_line_values(expert))
        return self.env["revenue.share.line"].sudo().create(vals_list)

    def _revenue_share_cancel_lines(self):
        """Reset to draft or cancel: unsettled share lines are cancelled; a move
        whose shares were settled cannot be changed, a credit note must undo it."""
        lines = self.sudo().revenue_share_line_ids
        settled = lines.filtered(lambda line: line.state == "settled")
        if settled:
            raise UserError(
                _(
                    "The expert's share of %(moves)s was already settled in %(settlements)s: issue a credit "
                    "note instead, or cancel the settlement first.",
                    moves=", ".join(settled.move_id.mapped("display_name")),
                    settlements=", ".join(settled.settlement_id.mapped("name")),
                )
            )
        lines.filtered(lambda line: line.state == "to_settle").write({"state": "cancelled"})


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    revenue_share_line_ids = fields.One2many("revenue.share.line", "move_line_id", string="Revenue Share Lines")

    def _revenue_share_expert(self):
        """The expert (res.users) who gets a share of this invoice line, or an
        empty recordset. Override to attribute lines of platform products."""
        self.ensure_one()
        return self.product_id.product_tmpl_id.expert_id

    def _revenue_share_experts(self):
        """{move line id: expert} of the lines that sell an expert's work."""
        result = {}
        for line in self:
            expert = line._revenue_share_expert()
            if expert:
                result[line.id] = expert
        return result

    def _revenue_share_rate(self, expert):
        """Platform share (%) in force for this line: product, then expert, then company."""
        self.ensure_one()
        template = self.product_id.product_tmpl_id.sudo()
        if template.revenue_share_custom_rate:
            return template.revenue_share_rate
        return expert._revenue_share_rate_for(self.company_id)

    def _revenue_share_prepare_line_values(self, expert):
        self.ensure_one()
        move = self.move_id
        rate = self._revenue_share_rate(expert)
        currency = self.company_currency_id
        # untaxed amount in company currency; credit notes give negative amounts
        base = currency.round(-self.balance)
        expert_amount, platform_amount = self.env["revenue.share.line"]._split_amount(base, rate, currency)
        return {
            "move_line_id": self.id,
            "move_id": move.id,
            "expert_id": expert.id,
            "company_id": self.company_id.id,
            "partner_id": move.commercial_partner_id.id,
            "product_id": self.product_id.id,
            "date": move.invoice_date or move.date,
            "rate": rate,
            "base_amount": base,
            "expert_amount": expert_amount,
            "platform_amount": platform_amount,
        }
