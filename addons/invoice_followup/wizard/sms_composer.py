from odoo import _, models
from odoo.exceptions import UserError


class SmsComposer(models.TransientModel):
    _inherit = "sms.composer"

    def _is_invoice_text(self):
        """A text message about one customer invoice, from its chatter
        (Odoo's composer in comment mode): checked, and counted once sent."""
        self.ensure_one()
        if self.res_model != "account.move" or self.composition_mode != "comment" or not self.res_id:
            return False
        return self.env["account.move"].browse(self.res_id).move_type == "out_invoice"

    def action_send_sms(self):
        for composer in self:
            if composer._is_invoice_text():
                invoice = self.env["account.move"].browse(composer.res_id)
                invoice._followup_check_caller()
                invoice._followup_check_sms()
                number = composer.recipient_single_number_itf or composer.recipient_single_number
                if not number:
                    raise UserError(
                        _(
                            "%s has no mobile number: type one here or add it to the contact.",
                            invoice.partner_id.display_name,
                        )
                    )
                if not composer.recipient_single_valid:
                    raise UserError(
                        _("%s is not a valid mobile number: correct it before sending the text message.", number)
                    )
        return super().action_send_sms()

    def _action_send_sms_comment(self, records=None):
        messages = super()._action_send_sms_comment(records=records)
        if self._is_invoice_text():
            # raises (and rolls everything back) when the SMS service refused
            self.env["account.move"].browse(self.res_id)._followup_register_sms(messages)
        return messages
