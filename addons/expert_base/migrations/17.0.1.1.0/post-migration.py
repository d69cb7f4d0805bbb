from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """Databases made before client confidentiality: the clients of the
    orders and invoices that exist become their experts' clients, and mail
    templates become the platform's (data files set both on new databases)."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["sale.order"].search([("order_line.product_id.product_tmpl_id.expert_id", "!=", False)])._link_client_experts()
    env["account.move"].search(
        [
            ("move_type", "in", ("out_invoice", "out_refund")),
            ("line_ids.product_id.product_tmpl_id.expert_id", "!=", False),
        ]
    )._link_client_experts()
    env["ir.config_parameter"].set_param("mail.restrict.template.rendering", True)
