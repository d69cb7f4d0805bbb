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
    field_id = fields.Many2one(
        "ir.model.fields",
        string="Field",
        compute="_compute_field_id",
        inverse="_inverse_field_id",
        domain="[('id', 'in', allowed_field_ids)]",
        help="The field shown in this column, among those the panel may show to a client.",
    )
    allowed_field_ids = fields.Many2many("ir.model.fields", compute="_compute_allowed_field_ids")
    label = fields.Char(
        required=True,
        translate=True,
        compute="_compute_label",
        store=True,
        readonly=False,
        precompute=True,
        help="The column's header on the client's page (the field's label unless you write another).",
    )
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

    @api.model_create_multi
    def create(self, vals_list):
        # the form picks the field from a list (field_id): store its name
        # before the row is written (the inverse runs after)
        for vals in vals_list:
            if vals.get("field_id") and not vals.get("field_name"):
                vals["field_name"] = self.env["ir.model.fields"].browse(vals["field_id"]).name
        return super().create(vals_list)

    @api.depends("panel")
    def _compute_allowed_field_ids(self):
        Fields = self.env["ir.model.fields"]
        for column in self:
            if not column.panel:
                column.allowed_field_ids = False
                continue
            model_name, allowed = COLUMN_CATALOG[column.panel]
            column.allowed_field_ids = Fields.concat(*(Fields._get(model_name, name) for name in allowed))

    @api.depends("panel", "field_name")
    def _compute_field_id(self):
        Fields = self.env["ir.model.fields"]
        for column in self:
            if column.panel and column.field_name:
                column.field_id = Fields._get(COLUMN_CATALOG[column.panel][0], column.field_name)
            else:
                column.field_id = False

    def _inverse_field_id(self):
        for column in self:
            column.field_name = column.field_id.name

    @api.depends("field_id")
    def _compute_label(self):
        for column in self:
            if column.field_id:
                column.label = column.field_id.field_description

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
