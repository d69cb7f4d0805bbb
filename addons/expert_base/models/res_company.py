from odoo import models


class ResCompany(models.Model):
    _inherit = "res.company"

    def _expert_create_account(self, values, numbered_like, default_prefix):
        """Create an account of this company for the suite's own bookings
        (penalty income, experts' payouts), numbered after the company's first
        account of type ``numbered_like`` (``default_prefix`` without one).

        Called on first use by the module that needs the account, never from
        RPC: the caller decides that the account is needed.
        """
        self.ensure_one()
        Account = self.env["account.account"].sudo().with_company(self)
        model = Account.search(
            [("company_id", "=", self.id), ("account_type", "=", numbered_like)], order="code", limit=1
        )
        prefix = (model.code or default_prefix)[:2]
        digits = max(len(model.code or ""), 6)
        return Account.create(
            {
                "code": Account._search_new_account_code(self, digits, prefix),
                "company_id": self.id,
                **values,
            }
        )

    def _expert_account_on_first_use(self, field_name, values, numbered_like, default_prefix):
        """The account in the company's ``field_name``, created (see
        :meth:`_expert_create_account`) and stored there on first use; empty
        for a company without a chart of accounts."""
        self.ensure_one()
        if not self[field_name] and self.chart_template:
            self.sudo()[field_name] = self._expert_create_account(values, numbered_like, default_prefix)
        return self[field_name]
