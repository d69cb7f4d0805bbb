from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

MAX_TEXT = 2000


class ProductChangeRequestWizard(models.TransientModel):
    _name = "product.change.request.wizard"
    _description = "Request a Product Change"

    product_tmpl_id = fields.Many2one("product.template", string="Product", required=True, ondelete="cascade")
    line_ids = fields.One2many("product.change.request.wizard.line", "wizard_id", string="Changes")
    reason = fields.Text(required=True, help="Why the change is needed: the platform reads it before deciding.")

    def action_send_request(self):
        """The expert's request goes to the platform (chatter note and
        activity on the product). Only the product's expert, or a platform
        manager, asks for a change of a product it can read."""
        self.ensure_one()
        product = self.product_tmpl_id
        product.check_access_rights("read")
        product.check_access_rule("read")
        user = self.env.user
        if not user._is_expert() or (user.is_restricted_expert and product.expert_id != user):
            raise AccessError(_("Only the expert of a product asks for a change of it."))
        reason = (self.reason or "").strip()
        if not self.line_ids:
            raise UserError(_("Say what should change: add at least one line."))
        if not reason:
            raise UserError(_("Give the reason of the change."))
        if len(reason) > MAX_TEXT or any(len(line.new_value or "") > MAX_TEXT for line in self.line_ids):
            raise UserError(_("Keep the request under %s characters per text.", MAX_TEXT))
        product._expert_request_change([(line.field_name, line.new_value) for line in self.line_ids], reason)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": _("Your request was sent to the platform."),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }


class ProductChangeRequestWizardLine(models.TransientModel):
    _name = "product.change.request.wizard.line"
    _description = "Requested Product Change"

    wizard_id = fields.Many2one("product.change.request.wizard", required=True, ondelete="cascade")
    field_name = fields.Selection(selection="_selection_field_name", string="What", required=True)
    current_value = fields.Char(compute="_compute_current_value", string="Now")
    new_value = fields.Char(string="Wanted", required=True)

    @api.model
    def _selection_field_name(self):
        return self.env["product.template"]._expert_change_request_fields()

    @api.depends("field_name", "wizard_id.product_tmpl_id")
    def _compute_current_value(self):
        for line in self:
            product = line.wizard_id.product_tmpl_id
            line.current_value = (
                product._expert_change_request_value(line.field_name) if product and line.field_name else ""
            )
