from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.misc import format_amount, format_date

PANELS = [
    ("payments", "Due Payments"),
    ("orders", "Orders"),
    ("invoices", "Invoices"),
]

# The optional columns a center may offer, per panel: fields a client may
# see on its own documents. Fixed columns (number, dates, totals, status)
# are always shown by the templates.
COLUMN_CATALOG = {
    "payments": ("account.move", ("invoice_date", "invoice_origin", "ref", "amount_total", "payment_state")),
    "invoices": (
        "account.move",
        ("invoice_date_due", "invoice_origin", "ref", "amount_untaxed", "amount_residual"),
    ),
    "orders": (
        "sale.order",
        ("validity_date", "client_order_ref", "amount_untaxed", "invoice_status", "booking_status", "user_id"),
    ),
}


class ClientCenterColumn(models.Model):
    """An optional column a center offers on one of its list panels."""

    _name = "client.center.column"
    _description = "Client Center Column"
    _order = "panel, sequence, id"

    center_id = fields.Many2one("client.center", required=True, ondelete="cascade", index=True)
    panel = fields.Selection(PANELS, required=True)
    field_name = fields.Char(
        required=True,
        help="Technical name of the field shown in this column (on invoices or orders).",
    )
    label = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    default_shown = fields.Boolean(
        string="Shown by Default",
        default=True,
        help="Shown to clients who have not chosen their columns yet.",
    )

    _sql_constraints = [
        (
            "field_unique",
            "unique(center_id, panel, field_name)",
            "A panel offers each field at most once.",
        ),
    ]

    @api.constrains("panel", "field_name")
    def _check_field_name(self):
        for column in self:
            model_name, allowed = COLUMN_CATALOG[column.panel]
            if column.field_name not in allowed:
                raise ValidationError(
                    _(
                        "The %(panel)s panel cannot show the field %(field)s; choose one of: %(allowed)s.",
                        panel=dict(column._fields["panel"]._description_selection(self.env))[column.panel],
                        field=column.field_name,
                        allowed=", ".join(allowed),
                    )
                )

    @api.model
    def _get_catalog(self):
        """``{panel: (model name, allowed field names)}``."""
        return COLUMN_CATALOG

    def _format_value(self, record):
        """The column's value of ``record`` as text for the client."""
        self.ensure_one()
        field = record._fields[self.field_name]
        value = record[self.field_name]
        if field.type == "monetary":
            return format_amount(self.env, value, record[field.get_currency_field(record)])
        if field.type in ("date", "datetime"):
            return format_date(self.env, value) if value else ""
        if field.type == "selection":
            return dict(field._description_selection(self.env)).get(value, "") if value else ""
        if field.type == "many2one":
            return value.display_name or ""
        return value or ""


class ClientCenterColumnChoice(models.Model):
    """The columns a user chose to see on one panel of one center."""

    _name = "client.center.column.choice"
    _description = "Client Center Column Choice"

    user_id = fields.Many2one("res.users", required=True, ondelete="cascade", index=True)
    center_id = fields.Many2one("client.center", required=True, ondelete="cascade")
    panel = fields.Selection(PANELS, required=True)
    column_ids = fields.Many2many("client.center.column", string="Shown Columns")

    _sql_constraints = [
        ("user_panel_unique", "unique(user_id, center_id, panel)", "One choice of columns per user and panel."),
    ]
