from odoo import fields, models


class MailMessage(models.Model):
    _inherit = "mail.message"

    customer_change_summary = fields.Text(
        string="Changes",
        compute="_compute_customer_change_summary",
        help="The tracked values this message records: field, old value, new value.",
    )

    def _compute_customer_change_summary(self):
        # tracking values are readable by administrators only: the caller
        # reads the message (the document's rules), its values are shown
        trackings = self.sudo().tracking_value_ids
        lines = {}
        for tracking in trackings._tracking_value_format():
            message = trackings.browse(tracking["id"]).mail_message_id
            old, new = tracking["oldValue"]["value"], tracking["newValue"]["value"]
            lines.setdefault(message.id, []).append(
                f"{tracking['changedField']}: {old if old not in (None, False) else ''} → "
                f"{new if new not in (None, False) else ''}"
            )
        for message in self:
            message.customer_change_summary = "\n".join(lines.get(message.id, []))
