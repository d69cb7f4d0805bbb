from odoo import _, api, models
from odoo.exceptions import AccessError, UserError

# Payment values an expert never gives: they would turn the payment into a
# journal entry of its choosing (its own lines, a write-off, another state).
EXPERT_FORBIDDEN_PAYMENT_VALUES = ("line_ids", "move_id", "write_off_line_vals", "force_balance", "state")


class AccountPayment(models.Model):
    """Experts register their clients' manual payments (cheque, transfer).

    The payment's journal entry is written by Odoo as it creates, edits and
    posts the payment; an expert's rules never let it write journal entries
    other than its own draft sales, so these methods check the expert's
    request first, then let Odoo do it as superuser, then check the result is
    a plain customer payment (one liquidity line, one receivable line).
    """

    _inherit = "account.payment"

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env["account.move"]._expert_is_restricted():
            return super().create(vals_list)
        self.check_access_rights("create")
        for vals in vals_list:
            self._expert_check_payment_values(vals)
            # the client must be one the expert may see
            self.env["res.partner"].browse(vals.get("partner_id")).check_access_rule("read")
        payments = super(AccountPayment, self.sudo()).create(vals_list).with_env(self.env)
        payments._expert_check_payment_shape()
        return payments

    def write(self, vals):
        if not self.env["account.move"]._expert_is_restricted():
            return super().write(vals)
        self._expert_check_own_drafts()
        self._expert_check_payment_values(vals)
        res = super(AccountPayment, self.sudo()).write(vals)
        self._expert_check_payment_shape()
        return res

    def unlink(self):
        if not self.env["account.move"]._expert_is_restricted():
            return super().unlink()
        return self._expert_checked_call("unlink")

    def action_post(self):
        return self._expert_checked_call("action_post", check_shape=True)

    def action_cancel(self):
        return self._expert_checked_call("action_cancel")

    def _expert_checked_call(self, method, check_shape=False):
        """Odoo's ``method`` of these payments; for an expert, on its own
        draft payments only, then as superuser (it writes their entries)."""
        if not self.env["account.move"]._expert_is_restricted():
            return getattr(super(), method)()
        self._expert_check_own_drafts()
        if check_shape:
            self._expert_check_payment_shape()
        return getattr(super(AccountPayment, self.sudo()), method)()

    def action_draft(self):
        if self.env["account.move"]._expert_is_restricted():
            raise AccessError(_("A posted payment is changed by the platform."))
        return super().action_draft()

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------

    @api.model
    def _expert_check_payment_values(self, vals):
        given = [name for name in EXPERT_FORBIDDEN_PAYMENT_VALUES if vals.get(name)]
        if given or vals.get("is_internal_transfer") or vals.get("partner_type", "customer") != "customer":
            raise AccessError(_("An expert registers its clients' payments only, as Odoo books them."))

    def _expert_check_own_drafts(self):
        """An expert changes only the draft payments it registered itself."""
        self.check_access_rights("write")
        self.check_access_rule("read")
        if any(payment.state != "draft" or payment.create_uid != self.env.user for payment in self):
            raise AccessError(_("An expert changes only the draft payments it registered itself."))

    def _expert_check_payment_shape(self):
        """What Odoo booked for these payments is a plain customer payment:
        money received from (or refunded to) a client on its receivable."""
        for payment in self.sudo():
            liquidity, counterpart, write_off = payment._seek_for_lines()
            receivable = payment.partner_id.commercial_partner_id.with_company(
                payment.company_id
            ).property_account_receivable_id
            if (
                payment.is_internal_transfer
                or payment.partner_type != "customer"
                or not payment.partner_id
                or len(liquidity) != 1
                or len(counterpart) != 1
                or write_off
                or counterpart.account_id != receivable
            ):
                raise UserError(
                    _(
                        "A payment registered by an expert receives money from a client (or refunds it) "
                        "on the client's account."
                    )
                )
