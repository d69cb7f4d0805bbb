from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

INTERVAL_UNITS = [("week", "Weeks"), ("month", "Months"), ("year", "Years")]


def period_label(env, number, unit):
    """ "every month", "every 2 weeks"... in the language of ``env``."""
    context = env.context  # noqa: F841 (_() reads the language from it)
    if number == 1:
        return {"week": _("every week"), "month": _("every month"), "year": _("every year")}.get(unit, "")
    units = {"week": _("weeks"), "month": _("months"), "year": _("years")}
    return _("every %(number)s %(unit)s", number=number, unit=units.get(unit, ""))


class ProductTemplate(models.Model):
    _inherit = "product.template"

    is_recurring = fields.Boolean(
        string="Recurring",
        help="Sold as a recurring order: the client's card, saved at checkout, is charged again every "
        "period, and each payment renews the package with a new order.",
    )
    recurring_interval_number = fields.Integer(
        string="Repeat Every",
        default=1,
        help="Number of weeks, months or years between two payments.",
    )
    recurring_interval_unit = fields.Selection(INTERVAL_UNITS, string="Repeat Unit", default="month")
    recurring_payment_count = fields.Integer(
        string="Number of Payments",
        help="Payments in all, the first one included; 0 charges every period until the order is stopped.",
    )

    _sql_constraints = [
        (
            "recurring_payment_count_valid",
            "CHECK(recurring_payment_count = 0 OR recurring_payment_count >= 2)",
            "A recurring package is paid at least twice; 0 means until it is stopped.",
        ),
    ]

    @api.constrains("is_recurring", "recurring_interval_number", "recurring_interval_unit")
    def _check_recurring_interval(self):
        for template in self.filtered("is_recurring"):
            if template.recurring_interval_number < 1 or not template.recurring_interval_unit:
                raise ValidationError(
                    _(
                        "The recurring product %(product)s needs an interval: repeat every 1 or more weeks, "
                        "months or years.",
                        product=template.display_name,
                    )
                )
            if template.recurring_interval_number > 100:
                raise ValidationError(_("Repeat a recurring product at most every 100 weeks, months or years."))

    @api.onchange("is_recurring")
    def _onchange_is_recurring(self):
        if self.is_recurring:
            self.detailed_type = "service"
            self.invoice_policy = "order"

    def _recurring_schedule_label(self):
        """ "every month, 12 payments", "every 2 weeks until stopped"."""
        self.ensure_one()
        label = period_label(self.env, self.recurring_interval_number, self.recurring_interval_unit)
        if self.recurring_payment_count:
            return _("%(period)s, %(count)s payments in all", period=label, count=self.recurring_payment_count)
        return _("%(period)s, until you stop it", period=label)

    def _recurring_terms(self):
        """The recurrence a recurring order copies when it is created (later
        product edits never change an order already sold)."""
        self.ensure_one()
        return {
            "interval_number": self.recurring_interval_number,
            "interval_unit": self.recurring_interval_unit,
            "payment_count": self.recurring_payment_count,
        }
