from collections import defaultdict

from odoo import _, fields, models
from odoo.exceptions import UserError

RECEIVABLE_PAYABLE = ("asset_receivable", "liability_payable")
MONEY_ACCOUNT_TYPES = ("asset_cash", "liability_credit_card")


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
        # button_cancel of a posted move goes through button_draft too; the
        # caller may reset these moves (rights, rules, an expert's posted
        # invoices) before their share lines change as superuser
        self._check_can_write({"state": "draft"})
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
            .search(
                [
                    ("move_line_id", "in", move_lines.ids),
                    ("state", "!=", "cancelled"),
                    ("is_write_off", "=", False),
                ]
            )
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

    # ------------------------------------------------------------------
    # Write-offs: the shares follow the money actually kept
    # ------------------------------------------------------------------

    def _revenue_share_sync_write_offs(self):
        """Bring the share lines of these posted invoices and credit notes in
        line with the part of them that was written off (a payment with a
        write-off, an early payment discount, an entry reconciled against the
        receivable): each invoice line's shares add up to its untaxed amount
        times the part of the document the company kept; the difference is
        booked as a *write-off* share line, settled like any other.

        Called whenever a reconciliation of these documents is made or undone.
        """
        documents = self.sudo().filtered(
            lambda move: move.state == "posted" and move.is_sale_document(include_receipts=True)
        )
        shares = documents.revenue_share_line_ids.filtered(lambda share: share.state != "cancelled")
        if not shares:
            return self.env["revenue.share.line"]
        kept = shares.move_id._revenue_share_kept_ratios()
        by_move_line = defaultdict(lambda: self.env["revenue.share.line"])
        for share in shares:
            by_move_line[share.move_line_id] |= share
        vals_list = []
        for move_line, line_shares in by_move_line.items():
            invoiced = line_shares.filtered(lambda share: not share.is_write_off)
            if not move_line or len(invoiced) != 1:
                continue
            values = invoiced._revenue_share_prepare_adjustment_values(line_shares, kept[invoiced.move_id])
            if values:
                vals_list.append(values)
        return self.env["revenue.share.line"].sudo().create(vals_list)

    def _revenue_share_kept_ratios(self):
        """{move: part (0 to 1) of the amount of this invoice or credit note
        that was not written off}, from the reconciliations of its receivable."""
        ratios = {}
        write_off_ratios = {}
        for move in self:
            terms = move.line_ids.filtered(lambda line: line.account_id.account_type in RECEIVABLE_PAYABLE)
            total = abs(sum(terms.mapped("balance")))
            written_off = 0.0
            exchange_journal = move.company_id.currency_exchange_journal_id
            for partial in terms.matched_debit_ids | terms.matched_credit_ids:
                counterpart = partial.debit_move_id if partial.credit_move_id in terms else partial.credit_move_id
                other = counterpart.move_id
                if (
                    other == move
                    or other.is_sale_document(include_receipts=True)
                    or other.journal_id == exchange_journal
                ):
                    continue  # credit notes carry their own shares; exchange differences are no revenue
                if other not in write_off_ratios:
                    write_off_ratios[other] = other._revenue_share_write_off_ratio()
                written_off += partial.amount * write_off_ratios[other]
            ratios[move] = max(0.0, 1.0 - written_off / total) if total else 1.0
        return ratios

    def _revenue_share_write_off_ratio(self):
        """Part (0 to 1) of what this payment or entry settles on receivable
        or payable accounts that no money backs: its write-off lines."""
        self.ensure_one()
        if self.payment_id:
            _liquidity, counterparts, write_offs = self.payment_id._seek_for_lines()
        elif self.statement_line_id:
            _liquidity, _suspense, others = self.statement_line_id._seek_for_lines()
            counterparts = others.filtered(lambda line: line.account_id.account_type in RECEIVABLE_PAYABLE)
            write_offs = others - counterparts
        else:
            counterparts = self.line_ids.filtered(lambda line: line.account_id.account_type in RECEIVABLE_PAYABLE)
            write_offs = self.line_ids.filtered(
                lambda line: line.account_id.account_type not in RECEIVABLE_PAYABLE + MONEY_ACCOUNT_TYPES
            )
        settled = abs(sum(counterparts.mapped("balance")))
        if not settled:
            return 0.0
        return min(1.0, abs(sum(write_offs.mapped("balance"))) / settled)


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    revenue_share_line_ids = fields.One2many("revenue.share.line", "move_line_id", string="Revenue Share Lines")

    def _revenue_share_expert(self):
        """The expert (res.users) who gets a share of this invoice line, or an
        empty recordset:

        - on a credit note, the expert who got the share of the same product
          on the invoice it gives back (whoever issues the credit note);
        - the expert of the product sold;
        - for a line without an expert's product (an extra service without
          product, a platform product), the invoice's salesperson when that
          salesperson is an expert (a manual invoice of an expert).

        Override to attribute lines otherwise (e.g. penalties by their session)."""
        self.ensure_one()
        origin_shares = self.move_id.reversed_entry_id.revenue_share_line_ids.filtered(
            lambda share: share.state != "cancelled" and not share.is_write_off and share.product_id == self.product_id
        )
        if origin_shares:
            return origin_shares.sorted("id")[:1].expert_id
        expert = self.product_id.product_tmpl_id.expert_id
        if not expert and self.move_id.invoice_user_id.is_restricted_expert:
            expert = self.move_id.invoice_user_id
        return expert

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
        own = self.product_id.product_tmpl_id._revenue_share_own_rate()
        return expert._revenue_share_rate_for(self.company_id) if own is None else own

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
            "origin_move_id": move.reversed_entry_id.id,
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
