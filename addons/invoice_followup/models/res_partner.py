from odoo import _, api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Kept on the commercial partner and copied to its contacts (see
    # _commercial_fields): the customer decides, whichever contact is billed.
    invoice_resend_optout = fields.Boolean(
        string="No Invoice Reminders",
        help="Unpaid invoices of this customer are not resent automatically.",
    )
    invoice_statement_optout = fields.Boolean(
        string="No Monthly Statement",
        help="This customer does not receive the monthly statement of its open invoices.",
    )
    invoice_statement_ids = fields.One2many(
        "invoice.followup.statement", "partner_id", string="Statements Sent", groups="account.group_account_manager"
    )
    invoice_statement_count = fields.Integer(
        compute="_compute_invoice_statement_count", groups="account.group_account_manager"
    )

    @api.model
    def _commercial_fields(self):
        return super()._commercial_fields() + ["invoice_resend_optout", "invoice_statement_optout"]

    def _compute_invoice_statement_count(self):
        groups = self.env["invoice.followup.statement"]._read_group(
            [("partner_id", "in", self.commercial_partner_id.ids)], ["partner_id"], ["__count"]
        )
        counts = {partner.id: count for partner, count in groups}
        for partner in self:
            partner.invoice_statement_count = counts.get(partner.commercial_partner_id.id, 0)

    def action_open_invoice_statements(self):
        self.ensure_one()
        action = self._expert_window_action(
            "invoice_followup.invoice_followup_statement_action",
            [("partner_id", "=", self.commercial_partner_id.id)],
            {"create": False},
        )
        action["name"] = _("Statements of %s", self.commercial_partner_id.display_name)
        return action

    def _invoice_statement_recipient(self):
        """Who receives the statement of this customer: its first contact of
        type *Invoice address* with an email (the accounts-payable person),
        else the customer itself when it has an email (else nobody)."""
        self.ensure_one()
        commercial = self.commercial_partner_id
        payable = commercial.child_ids.filtered(lambda contact: contact.type == "invoice" and contact.email)
        if payable:
            return payable.sorted(lambda contact: (contact.id,))[0]
        return commercial if commercial.email else self.browse()
