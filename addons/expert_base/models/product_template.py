from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import html2plaintext

# What an expert may ask the platform to change on its product (the fields of
# other suite modules count when they are installed): its title, price,
# description and taxes, as the expert guide lists them, publication, and the
# package's session terms and penalty rules.
CHANGE_REQUEST_FIELDS = (
    "name",
    "list_price",
    "description_sale",
    "description_ecommerce",
    "categ_id",
    "taxes_id",
    "is_published",
    "session_count",
    "session_duration",
    "session_max_attendees",
    "session_validity_days",
    "session_notice_hours",
    "session_buffer_minutes",
    "session_availability_id",
    "cancellation_policy_id",
)


class ProductTemplate(models.Model):
    _inherit = "product.template"

    expert_id = fields.Many2one(
        "res.users",
        string="Expert",
        index="btree_not_null",
        tracking=True,
        domain=lambda self: self.env["res.users"]._expert_domain(),
        help="The expert who delivers this product and receives the expert's "
        "share of its sales. Experts only see their own products.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_expert_product_change()
        return super().create(vals_list)

    def write(self, vals):
        self._check_expert_product_change()
        res = super().write(vals)
        if vals.get("expert_id"):
            self._link_sold_clients()
        return res

    def _link_sold_clients(self):
        """A product given to an expert brings the clients who bought it."""
        sale_types = self.env["account.move"].get_sale_types(include_receipts=True)
        self.env["sale.order"].sudo().search(
            [("order_line.product_id.product_tmpl_id", "in", self.ids)]
        )._link_client_experts()
        self.env["account.move"].sudo().search(
            [("move_type", "in", sale_types), ("invoice_line_ids.product_id.product_tmpl_id", "in", self.ids)]
        )._link_client_experts()

    @api.model
    def _check_expert_product_change(self):
        """Products are the platform's: its price, session terms, taxes and
        publication are what clients buy. An expert reads its own (and the
        platform's) and asks for a change (``_expert_request_change``); the
        access rights say the same, this holds whatever grants more."""
        if not self.env.su and self.env.user.is_restricted_expert:
            raise AccessError(
                _(
                    "Products are managed by the platform. Open your product and click "
                    "“Request a Change” to ask for a new product or a change."
                )
            )

    @api.model
    def _expert_change_request_fields(self):
        """Fields an expert may ask to change, with their labels."""
        return [(name, self._fields[name].string) for name in CHANGE_REQUEST_FIELDS if name in self._fields]

    def _expert_change_request_value(self, field_name):
        """The current value of a field, as a person reads it."""
        self.ensure_one()
        field = self._fields[field_name]
        value = self[field_name]
        if field.type in ("many2one", "many2many", "one2many"):
            return ", ".join(value.mapped("display_name"))
        if field.type == "selection":
            return dict(field._description_selection(self.env)).get(value, "")
        if field.type == "boolean":
            return _("Yes") if value else _("No")
        if field.type == "html":
            return html2plaintext(value or "")
        return "" if value is False else str(value)

    def _expert_request_change(self, changes, reason):
        """Record an expert's request to change this product: a note in its
        chatter (old and wanted values, reason) and an activity for the
        platform, as the expert guide's email to the platform.

        :param changes: ``[(field name, wanted value)]``
        :param str reason: why, in the expert's words
        :return: the activity
        """
        self.ensure_one()
        labels = dict(self._expert_change_request_fields())
        rows = Markup("").join(
            Markup("<li><b>%s</b>: %s → %s</li>")
            % (labels[name], self._expert_change_request_value(name) or _("(empty)"), wanted)
            for name, wanted in changes
        )
        author = self.env.user.partner_id
        body = Markup("<p>%s</p><ul>%s</ul><p>%s</p>") % (
            _("%s asks for a change of this product:", author.name),
            rows,
            _("Reason: %s", reason),
        )
        product_sudo = self.sudo()
        product_sudo.message_post(body=body, author_id=author.id, subtype_xmlid="mail.mt_note")
        activity_type = self.env.ref("expert_base.mail_activity_type_product_change")
        return product_sudo.activity_schedule(
            activity_type_id=activity_type.id,
            summary=_("Change requested by %s", author.name),
            note=body,
            user_id=self._expert_change_request_responsible(activity_type).id,
        )

    @api.model
    def _expert_change_request_responsible(self, activity_type):
        """The activity type's default user, else the first platform manager."""
        if activity_type.default_user_id.active:
            return activity_type.default_user_id
        managers = (
            self.env.ref("expert_base.group_platform_manager")
            .sudo()
            .users.filtered(lambda user: user.active and not user._is_superuser())
        )
        return managers.sorted("id")[:1]
