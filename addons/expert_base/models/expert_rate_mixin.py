from odoo import _, api, models
from odoo.exceptions import ValidationError


class ExpertRateMixin(models.AbstractModel):
    """Percentages (0 to 100) of the platform's business rules, checked in one place.

    A model lists its percentage fields in ``_expert_rate_fields`` (e.g. the
    platform's share on the company, an expert and a product).
    """

    _name = "expert.rate.mixin"
    _description = "Percentage Rates Check"

    _expert_rate_fields = ()

    @api.constrains(lambda self: self._expert_rate_fields)
    def _check_expert_rates(self):
        for record in self:
            for field_name in self._expert_rate_fields:
                if not 0.0 <= record[field_name] <= 100.0:
                    raise ValidationError(
                        _(
                            "%(field)s: enter a percentage between 0 and 100.",
                            field=self._fields[field_name]._description_string(self.env),
                        )
                    )
